#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests and benchmarks (docs/deploy.md): Debian's PostgreSQL,
# `initdb` in a temporary folder, listening on loopback only, run as a non-root user (PostgreSQL
# refuses root: as root the folder belongs to the `postgres` account and the server runs as it).
#
#   scripts/postgres.sh start DIR [PORT]   prints the URL (postgresql://creditbank@127.0.0.1:PORT/creditbank);
#                                          as root, the postgres account must be able to reach DIR
#   scripts/postgres.sh stop DIR           stops it and removes DIR
#
# Trust authentication on 127.0.0.1 only: a test server, never a bank's.
set -euo pipefail
command="${1:?start or stop}"
dir="${2:?folder}"
port="${3:-55432}"
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
[ -x "$bin/initdb" ] || { echo "PostgreSQL is not installed (scripts/setup.sh installs it)" >&2; exit 1; }
as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$command" in
start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U creditbank --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
        -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c max_connections=200 -c shared_buffers=256MB" >/dev/null \
        || { cat "$dir/server.log" >&2; exit 1; }
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U creditbank creditbank
    echo "postgresql://creditbank@127.0.0.1:$port/creditbank"
    ;;
stop)
    [ -d "$dir/data" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
*) echo "usage: $0 start|stop DIR [PORT]" >&2; exit 2 ;;
esac
