import Foundation

/// The PostgreSQL schema as named migrations, applied in order under an advisory lock (so nodes
/// starting together migrate once). The first is the SQLite schema at its v16, in PostgreSQL's
/// words: the same tables, columns, constraints and refusals (docs/storage.md); the catalog's
/// substring index is a GIN index over each entry's characters and character pairs.
enum PostgresSchema {
    static let migrations: [(name: String, sql: String)] = [
        ("pg1 the schema of SQLite v16", v1),
        // The look-up counters change on every public look-up and matter for a minute: UNLOGGED
        // (no WAL; emptied after a crash, which only forgives a minute of counts).
        (
            "pg2 leases, failed logins, look-up windows (SQLite v17)",
            Schema.leases.replacingOccurrences(of: "DOUBLE", with: "DOUBLE PRECISION")
                .replacingOccurrences(of: "CREATE TABLE lookup_window", with: "CREATE UNLOGGED TABLE lookup_window")
        ),
        ("pg3 catalog gram tally", gramTally),
    ]

    /// How many catalog entries of each institution hold each gram (a character or a pair; the
    /// empty gram, which every entry holds, counts the entries): the total of a one- or
    /// two-character search is read here instead of counted through the GIN index and the heap
    /// (BENCHMARKS.md, issue 17: 30–40 ms for a common character over 1,000,000 entries, 0.4 ms
    /// from the tally). Statement triggers with transition tables keep it, in the
    /// same transaction: an import inserts all its search rows in one statement, so each
    /// (gram, institution) row is updated once per import — a row trigger updated the common
    /// characters' rows once per entry, thousands of row versions per import. Search rows are
    /// never updated (an entry's row would be deleted and inserted again).
    static let gramTally = """
        -- The newest entries of one institution, for a search within it (a walk down this index).
        CREATE INDEX catalog_search_by_institution ON catalog_search (institution_id, id);
        CREATE TABLE catalog_gram_tally (
            gram TEXT NOT NULL,
            institution_id BIGINT NOT NULL,
            entries BIGINT NOT NULL CHECK (entries >= 0),
            PRIMARY KEY (gram, institution_id)
        );
        CREATE FUNCTION catalog_gram_tally_add() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO catalog_gram_tally AS t (gram, institution_id, entries)
            SELECT g.gram, a.institution_id, count(*) FROM added a, unnest(a.grams) AS g(gram) GROUP BY 1, 2
            UNION ALL SELECT '', institution_id, count(*) FROM added GROUP BY 2
            ON CONFLICT (gram, institution_id) DO UPDATE SET entries = t.entries + EXCLUDED.entries;
            RETURN NULL;
        END $$;
        CREATE FUNCTION catalog_gram_tally_remove() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE catalog_gram_tally t SET entries = t.entries - r.entries
              FROM (SELECT g.gram, d.institution_id, count(*) AS entries FROM removed d, unnest(d.grams) AS g(gram) GROUP BY 1, 2
                    UNION ALL SELECT '', institution_id, count(*) FROM removed GROUP BY 2) r
             WHERE t.gram = r.gram AND t.institution_id = r.institution_id;
            RETURN NULL;
        END $$;
        CREATE TRIGGER catalog_search_added AFTER INSERT ON catalog_search
            REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION catalog_gram_tally_add();
        CREATE TRIGGER catalog_search_removed AFTER DELETE ON catalog_search
            REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION catalog_gram_tally_remove();
        CREATE TRIGGER catalog_search_unchanged BEFORE UPDATE ON catalog_search
            FOR EACH ROW EXECUTE FUNCTION refuse_change('a catalog search row is deleted and inserted again, never updated');
        INSERT INTO catalog_gram_tally (gram, institution_id, entries)
        SELECT g.gram, s.institution_id, count(*) FROM catalog_search s, unnest(s.grams) AS g(gram) GROUP BY 1, 2
        UNION ALL SELECT '', institution_id, count(*) FROM catalog_search GROUP BY 2;
        """

    static func migrate(_ connection: PostgresConnection, schema: String?) throws {
        if let schema {
            try connection.simple("CREATE SCHEMA IF NOT EXISTS \(quoted(schema)); SET search_path TO \(quoted(schema))")
        }
        try connection.simple("BEGIN")
        do {
            try connection.simple("SELECT pg_advisory_xact_lock(\(AdvisoryLock.migration.key))")
            try connection.simple("CREATE TABLE IF NOT EXISTS schema_migration (name TEXT PRIMARY KEY, applied_at DOUBLE PRECISION NOT NULL)")
            let session = PostgresSession(connection: connection)
            let applied = Set(try session.rows("SELECT name FROM schema_migration", []).compactMap { $0.first() as String? })
            for (name, sql) in migrations where !applied.contains(name) {
                try connection.simple(sql)
                try session.execute(
                    "INSERT INTO schema_migration (name, applied_at) VALUES (?, ?)", [.text(name), .real(Date().timeIntervalSince1970)])
            }
            try connection.simple("COMMIT")
        } catch {
            try? connection.simple("ROLLBACK")
            throw error
        }
    }

    /// An identifier in double quotes.
    static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static let categories = "'academic','non-academic','informal'"

    static let v1 = """
        -- instr(haystack, needle) as SQLite has it, so the store's statements are the same on both.
        CREATE FUNCTION instr(text, text) RETURNS integer LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS 'SELECT strpos($1, $2)';
        -- A trigger that refuses a change with the message it is given (SQLSTATE 23000, as SQLite's RAISE(ABORT)).
        CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'integrity_constraint_violation'; END $$;

        CREATE TABLE institution (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 2 AND 20),
            name TEXT NOT NULL CHECK (name <> ''),
            kind TEXT NOT NULL CHECK (kind IN ('university','open-university','vocational-college','certification-body',
                                               'elderly-education','enterprise','bank','other'))
        );
        CREATE TABLE learner (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            account_number TEXT NOT NULL UNIQUE,
            card_id TEXT NOT NULL UNIQUE CHECK (length(card_id) = 16),
            name TEXT NOT NULL CHECK (name <> ''),
            id_number TEXT NOT NULL UNIQUE CHECK (length(id_number) = 18),
            phone TEXT UNIQUE CHECK (phone IS NULL OR length(phone) = 11),
            password_hash TEXT,
            registered_at DOUBLE PRECISION NOT NULL,
            document_language TEXT NOT NULL DEFAULT 'zh' CHECK (document_language IN ('zh', 'en')),
            created_by_institution_id BIGINT REFERENCES institution(id),
            activated_at DOUBLE PRECISION,
            CHECK ((phone IS NULL) = (password_hash IS NULL)),
            CHECK ((phone IS NULL) = (activated_at IS NULL))
        );
        CREATE INDEX learner_by_name ON learner(name);
        CREATE TABLE staff (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            username TEXT NOT NULL UNIQUE,
            display_name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('admin','institution','expert')),
            institution_id BIGINT REFERENCES institution(id),
            password_hash TEXT NOT NULL,
            disabled_at DOUBLE PRECISION,
            must_change_password BIGINT NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
            CHECK ((role = 'institution') = (institution_id IS NOT NULL))
        );
        CREATE TABLE catalog_entry (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            institution_id BIGINT NOT NULL REFERENCES institution(id),
            category TEXT NOT NULL CHECK (category IN (\(categories))),
            subtype TEXT NOT NULL,
            name TEXT NOT NULL CHECK (name <> ''),
            code TEXT NOT NULL CHECK (code <> ''),
            credits BIGINT NOT NULL CHECK (credits > 0),
            hours BIGINT CHECK (hours >= 0),
            level TEXT,
            major TEXT,
            UNIQUE (institution_id, code)
        );
        CREATE INDEX catalog_by_institution ON catalog_entry(institution_id, id);
        -- Substring search (docs/storage.md): the letters and digits of each field (fields apart by '|'),
        -- and every character and pair of them within a field, indexed by GIN.
        CREATE TABLE catalog_search (
            id BIGINT PRIMARY KEY REFERENCES catalog_entry(id),
            institution_id BIGINT NOT NULL,
            text TEXT NOT NULL,
            grams TEXT[] NOT NULL
        );
        CREATE INDEX catalog_search_grams ON catalog_search USING gin (grams);
        CREATE TABLE conversion_rule (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL CHECK (name <> ''),
            description TEXT NOT NULL DEFAULT '',
            target_catalog_id BIGINT NOT NULL REFERENCES catalog_entry(id),
            credits BIGINT NOT NULL CHECK (credits > 0),
            ratio BIGINT NOT NULL CHECK (ratio BETWEEN 1 AND 100),
            valid_from TEXT,
            valid_to TEXT,
            published BIGINT NOT NULL CHECK (published IN (0, 1)),
            CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to)
        );
        CREATE TABLE rule_source (
            rule_id BIGINT NOT NULL REFERENCES conversion_rule(id) ON DELETE CASCADE,
            position BIGINT NOT NULL,
            catalog_entry_id BIGINT NOT NULL REFERENCES catalog_entry(id),
            min_score DOUBLE PRECISION CHECK (min_score BETWEEN 0 AND 100),
            PRIMARY KEY (rule_id, catalog_entry_id)
        );
        CREATE INDEX rule_source_by_entry ON rule_source(catalog_entry_id);
        CREATE TABLE outcome (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            learner_id BIGINT NOT NULL REFERENCES learner(id),
            catalog_entry_id BIGINT REFERENCES catalog_entry(id),
            institution_id BIGINT REFERENCES institution(id),
            category TEXT NOT NULL CHECK (category IN (\(categories))),
            subtype TEXT NOT NULL,
            name TEXT NOT NULL CHECK (name <> ''),
            issuer TEXT NOT NULL,
            certificate_number TEXT,
            obtained_on TEXT NOT NULL CHECK (obtained_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
            score DOUBLE PRECISION CHECK (score BETWEEN 0 AND 100),
            hours BIGINT CHECK (hours >= 0),
            original_credits BIGINT CHECK (original_credits >= 0),
            credits BIGINT CHECK (credits >= 0),
            status TEXT NOT NULL CHECK (status IN ('registered','recognition-requested','stored','not-recognised')),
            source TEXT NOT NULL CHECK (source IN ('learner','institution','bank','conversion')),
            attributes TEXT NOT NULL DEFAULT '{}' CHECK (attributes::jsonb IS NOT NULL),
            created_at DOUBLE PRECISION NOT NULL,
            CHECK (status <> 'stored' OR credits IS NOT NULL)
        );
        CREATE INDEX outcome_by_learner ON outcome(learner_id);
        CREATE INDEX outcome_by_status ON outcome(status, institution_id);
        CREATE TABLE issued_document (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('conversion-certificate','outcome-proof','transcript')),
            language TEXT NOT NULL CHECK (language IN ('zh','en')),
            holder_id BIGINT NOT NULL REFERENCES learner(id),
            issuer_name TEXT NOT NULL,
            issued_at DOUBLE PRECISION NOT NULL,
            code TEXT NOT NULL UNIQUE CHECK (length(code) = 16),
            snapshot BYTEA NOT NULL,
            public_summary TEXT NOT NULL CHECK (public_summary::jsonb IS NOT NULL),
            template_name TEXT NOT NULL,
            template_version BIGINT NOT NULL,
            sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
            byte_count BIGINT NOT NULL CHECK (byte_count > 0),
            expires_at DOUBLE PRECISION,
            revoked_reason TEXT,
            revoked_at DOUBLE PRECISION,
            revoked_by BIGINT REFERENCES staff(id),
            superseded_by BIGINT REFERENCES issued_document(id),
            CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
        );
        CREATE INDEX document_by_holder ON issued_document(holder_id);
        CREATE INDEX document_by_kind ON issued_document(kind, issued_at, id);
        -- An issued document never changes: only its status columns may be set.
        CREATE TRIGGER issued_document_is_frozen
        BEFORE UPDATE OF kind, language, holder_id, issuer_name, issued_at, code, snapshot, public_summary, template_name,
                         template_version, sha256, byte_count, expires_at ON issued_document
        FOR EACH ROW EXECUTE FUNCTION refuse_change('an issued document never changes');
        CREATE TRIGGER issued_document_is_kept BEFORE DELETE ON issued_document
        FOR EACH ROW EXECUTE FUNCTION refuse_change('an issued document is never deleted');
        -- The exact bytes handed out, kept in the same transaction as the row.
        CREATE TABLE document_pdf (
            document_id BIGINT PRIMARY KEY REFERENCES issued_document(id),
            bytes BYTEA NOT NULL
        );
        ALTER TABLE document_pdf ALTER COLUMN bytes SET STORAGE EXTERNAL;
        CREATE TRIGGER document_pdf_is_frozen BEFORE UPDATE ON document_pdf
        FOR EACH ROW EXECUTE FUNCTION refuse_change('stored PDF bytes never change');
        CREATE TABLE conversion_application (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            learner_id BIGINT NOT NULL REFERENCES learner(id),
            rule_id BIGINT REFERENCES conversion_rule(id),
            case_target_id BIGINT REFERENCES catalog_entry(id),
            status TEXT NOT NULL CHECK (status IN ('submitted','awaiting-final-review','succeeded','failed','withdrawn')),
            submitted_at DOUBLE PRECISION NOT NULL,
            closed_at DOUBLE PRECISION,
            target_outcome_id BIGINT REFERENCES outcome(id),
            certificate_id BIGINT REFERENCES issued_document(id),
            CHECK ((status = 'succeeded') = (target_outcome_id IS NOT NULL AND certificate_id IS NOT NULL)),
            CHECK ((rule_id IS NULL) <> (case_target_id IS NULL))
        );
        CREATE INDEX application_by_learner ON conversion_application(learner_id);
        CREATE INDEX application_by_status ON conversion_application(status);
        CREATE INDEX application_by_certificate ON conversion_application(certificate_id);
        CREATE TABLE application_source (
            application_id BIGINT NOT NULL REFERENCES conversion_application(id),
            position BIGINT NOT NULL,
            outcome_id BIGINT NOT NULL REFERENCES outcome(id),
            PRIMARY KEY (application_id, outcome_id)
        );
        CREATE INDEX application_source_by_outcome ON application_source(outcome_id);
        CREATE TABLE review_record (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            application_id BIGINT REFERENCES conversion_application(id),
            outcome_id BIGINT REFERENCES outcome(id),
            stage TEXT NOT NULL CHECK (stage IN ('recognition','initial','final')),
            decision TEXT NOT NULL CHECK (decision IN ('approve','reject')),
            reviewer_id BIGINT NOT NULL REFERENCES staff(id),
            reviewer_name TEXT NOT NULL,
            opinion TEXT NOT NULL,
            decided_at DOUBLE PRECISION NOT NULL,
            CHECK ((application_id IS NULL) <> (outcome_id IS NULL)),
            CHECK ((stage = 'recognition') = (outcome_id IS NOT NULL))
        );
        CREATE INDEX review_by_application ON review_record(application_id);
        CREATE INDEX review_by_outcome ON review_record(outcome_id);
        CREATE TABLE message (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            learner_id BIGINT NOT NULL REFERENCES learner(id),
            text TEXT NOT NULL,
            created_at DOUBLE PRECISION NOT NULL,
            read_at DOUBLE PRECISION,
            subject_kind TEXT CHECK (subject_kind IN ('outcome','application','document','feedback')),
            subject_id BIGINT CHECK ((subject_kind IS NULL) = (subject_id IS NULL))
        );
        CREATE INDEX message_by_learner ON message(learner_id);
        CREATE TABLE feedback (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            learner_id BIGINT NOT NULL REFERENCES learner(id),
            outcome_id BIGINT NOT NULL REFERENCES outcome(id),
            problems TEXT NOT NULL CHECK (problems::jsonb IS NOT NULL),
            description TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('open','resolved')),
            created_at DOUBLE PRECISION NOT NULL,
            reply TEXT,
            resolved_at DOUBLE PRECISION,
            resolved_by BIGINT REFERENCES staff(id),
            attachment_sha256 TEXT CHECK (attachment_sha256 IS NULL OR length(attachment_sha256) = 64),
            attachment_bytes BIGINT CHECK ((attachment_sha256 IS NULL) = (attachment_bytes IS NULL))
        );
        CREATE INDEX feedback_by_learner ON feedback(learner_id);
        CREATE INDEX feedback_by_status ON feedback(status);
        CREATE TABLE session (
            token_hash TEXT PRIMARY KEY CHECK (length(token_hash) = 64),
            learner_id BIGINT REFERENCES learner(id) ON DELETE CASCADE,
            staff_id BIGINT REFERENCES staff(id) ON DELETE CASCADE,
            created_at DOUBLE PRECISION NOT NULL,
            expires_at DOUBLE PRECISION NOT NULL CHECK (expires_at > created_at),
            CHECK ((learner_id IS NULL) <> (staff_id IS NULL))
        );
        CREATE INDEX session_by_learner ON session(learner_id) WHERE learner_id IS NOT NULL;
        CREATE INDEX session_by_staff ON session(staff_id) WHERE staff_id IS NOT NULL;
        CREATE INDEX session_by_expiry ON session(expires_at);
        CREATE TABLE evidence (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            learner_id BIGINT NOT NULL REFERENCES learner(id),
            outcome_id BIGINT REFERENCES outcome(id) ON DELETE CASCADE,
            application_id BIGINT REFERENCES conversion_application(id),
            format TEXT NOT NULL CHECK (format IN ('jpeg','png','gif','pdf')),
            sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
            byte_count BIGINT NOT NULL CHECK (byte_count > 0),
            uploaded_at DOUBLE PRECISION NOT NULL,
            CHECK ((outcome_id IS NULL) <> (application_id IS NULL))
        );
        CREATE INDEX evidence_by_outcome ON evidence(outcome_id) WHERE outcome_id IS NOT NULL;
        CREATE INDEX evidence_by_application ON evidence(application_id) WHERE application_id IS NOT NULL;
        CREATE TABLE batch_job (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('conversion-certificate','outcome-proof','transcript')),
            institution_code TEXT,
            from_day TEXT,
            to_day TEXT,
            format TEXT NOT NULL CHECK (format IN ('pdf','zip')),
            status TEXT NOT NULL CHECK (status IN ('queued','running','done','failed','expired')),
            done BIGINT NOT NULL CHECK (done >= 0),
            total BIGINT NOT NULL CHECK (total >= 0 AND done <= total),
            failure TEXT,
            requested_by BIGINT NOT NULL REFERENCES staff(id),
            created_at DOUBLE PRECISION NOT NULL,
            finished_at DOUBLE PRECISION
        );
        CREATE INDEX batch_by_status ON batch_job(status);
        CREATE TABLE activation_request (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            learner_id BIGINT NOT NULL REFERENCES learner(id),
            name TEXT NOT NULL CHECK (name <> ''),
            phone TEXT NOT NULL CHECK (length(phone) = 11),
            password_hash TEXT NOT NULL,
            photo_sha256 TEXT NOT NULL CHECK (length(photo_sha256) = 64),
            photo_format TEXT NOT NULL CHECK (photo_format IN ('jpeg','png','gif','pdf')),
            status TEXT NOT NULL CHECK (status IN ('waiting','approved','refused')),
            reason TEXT,
            submitted_at DOUBLE PRECISION NOT NULL,
            decided_at DOUBLE PRECISION,
            decided_by BIGINT REFERENCES staff(id),
            CHECK ((status = 'waiting') = (decided_at IS NULL))
        );
        CREATE INDEX activation_by_status ON activation_request(status);
        CREATE UNIQUE INDEX one_waiting_activation ON activation_request(learner_id) WHERE status = 'waiting';
        -- Every staff action, append-only.
        CREATE TABLE audit_log (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            at DOUBLE PRECISION NOT NULL,
            staff_id BIGINT REFERENCES staff(id),
            actor TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('recognition','initial-review','final-review','activation','revocation',
                'supersession','feedback-reply','batch','catalog-import','rule-import','outcome-import','rule-change','account-change')),
            subject TEXT NOT NULL,
            detail TEXT NOT NULL
        );
        CREATE INDEX audit_by_time ON audit_log(at);
        CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION refuse_change('the audit log is append-only');
        CREATE TABLE verification_tally (
            document_id BIGINT PRIMARY KEY REFERENCES issued_document(id),
            count BIGINT NOT NULL CHECK (count >= 0),
            last_at DOUBLE PRECISION NOT NULL
        );
        CREATE TABLE share_link (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            learner_id BIGINT NOT NULL REFERENCES learner(id),
            document_id BIGINT NOT NULL REFERENCES issued_document(id),
            token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
            created_at DOUBLE PRECISION NOT NULL,
            expires_at DOUBLE PRECISION NOT NULL CHECK (expires_at > created_at),
            max_views BIGINT CHECK (max_views IS NULL OR max_views > 0),
            views BIGINT NOT NULL DEFAULT 0 CHECK (views >= 0),
            withdrawn_at DOUBLE PRECISION
        );
        CREATE INDEX share_link_by_learner ON share_link(learner_id);
        CREATE TABLE verification_lookup (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            document_id BIGINT NOT NULL REFERENCES issued_document(id),
            holder_id BIGINT NOT NULL REFERENCES learner(id),
            at DOUBLE PRECISION NOT NULL,
            channel TEXT NOT NULL CHECK (channel IN ('page','json','upload','share')),
            network TEXT NOT NULL CHECK (length(network) BETWEEN 1 AND 64)
        );
        CREATE INDEX verification_lookup_by_holder ON verification_lookup(holder_id, at);
        CREATE INDEX verification_lookup_by_time ON verification_lookup(at);
        """
}

/// Advisory lock keys (docs/storage.md): one number per kind of work that one node at a time does.
enum AdvisoryLock: Int64 {
    case migration = 7_245_112_001

    var key: Int64 { rawValue }
}
