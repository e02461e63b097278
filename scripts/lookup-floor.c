// The floor of an uncached verification look-up on this machine (issue 18, BENCHMARKS.md): the
// query of `SQLStorage.registryRecord` (Sources/CreditBankStore/SQLStorage+Documents.swift — keep
// the two in step), prepared once and bound and stepped with SQLite's C functions over codes in
// random order, every column's bytes touched, the file mapped as the server's look-up connections
// map it, no transaction of its own. Prints the thread's CPU time per look-up, two passes.
// Usage: lookup-floor BANK.sqlite CODES.txt [LOOKUPS]
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double cpu_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: %s BANK.sqlite CODES.txt [LOOKUPS]\n", argv[0]); return 2; }
    sqlite3 *db;
    sqlite3_stmt *query;
    if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) { fprintf(stderr, "%s\n", sqlite3_errmsg(db)); return 1; }
    sqlite3_exec(db, "PRAGMA mmap_size = 1073741824", NULL, NULL, NULL);
    const char *sql =
        "SELECT d.id, d.holder_id, d.kind, d.issuer_name, d.issued_at, d.code, d.sha256, d.expires_at, d.revoked_reason, d.revoked_at,"
        " d.revoked_by, d.superseded_by, d.public_summary, n.code AS newer_code"
        " FROM issued_document d LEFT JOIN issued_document n ON n.id = d.superseded_by WHERE d.code = ?";
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &query, NULL) != SQLITE_OK) { fprintf(stderr, "%s\n", sqlite3_errmsg(db)); return 1; }

    FILE *file = fopen(argv[2], "r");
    if (!file) { perror(argv[2]); return 1; }
    size_t count = 0, capacity = 1024;
    char (*codes)[32] = malloc(capacity * sizeof *codes);
    while (fgets(codes[count], sizeof codes[count], file)) {
        codes[count][strcspn(codes[count], "\r\n")] = 0;
        if (++count == capacity) codes = realloc(codes, (capacity *= 2) * sizeof *codes);
    }
    fclose(file);
    if (count == 0) { fprintf(stderr, "no codes in %s\n", argv[2]); return 1; }

    long lookups = argc > 3 ? atol(argv[3]) : 200000;
    srand(7);
    for (int pass = 1; pass <= 2; pass++) {
        long found = 0, bytes = 0;
        double started = cpu_seconds();
        for (long i = 0; i < lookups; i++) {
            sqlite3_bind_text(query, 1, codes[rand() % count], -1, SQLITE_STATIC);
            while (sqlite3_step(query) == SQLITE_ROW) {
                found++;
                for (int column = 0; column < sqlite3_column_count(query); column++) bytes += sqlite3_column_bytes(query, column);
            }
            sqlite3_reset(query);
        }
        double spent = cpu_seconds() - started;
        printf("SQLite alone, pass %d: %ld of %ld found, %.2f µs of CPU each (%ld bytes read)\n", pass, found, lookups, spent / lookups * 1e6, bytes);
        if (found != lookups) { fprintf(stderr, "codes not found: the registry and its codes differ\n"); return 1; }
    }
    return 0;
}
