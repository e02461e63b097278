import GRDB

/// The database schema as named migrations. A shipped migration never changes; a change of schema
/// is a new migration appended at the end. Migrations use SQL only, never app types.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 accounts, catalog, outcomes, conversions, documents") { db in
            try db.execute(sql: v1)
        }
        migrator.registerMigration("v2 sessions and evidence") { db in
            try db.execute(sql: v2)
        }
        migrator.registerMigration("v3 feedback replies") { db in
            try db.execute(sql: v3)
        }
        migrator.registerMigration("v4 batches") { db in
            try db.execute(sql: v4)
        }
        migrator.registerMigration("v5 expired batches") { db in
            try db.execute(sql: v5)
        }
        migrator.registerMigration("v6 messages read") { db in
            try db.execute(sql: "ALTER TABLE message ADD COLUMN read_at DOUBLE")
        }
        migrator.registerMigration("v7 document language") { db in
            try db.execute(
                sql: "ALTER TABLE learner ADD COLUMN document_language TEXT NOT NULL DEFAULT 'zh' CHECK (document_language IN ('zh', 'en'))")
        }
        migrator.registerMigration("v8 case-by-case conversions") { db in
            try db.execute(sql: v8)
        }
        migrator.registerMigration("v9 message subjects") { db in
            try db.execute(
                sql: """
                    ALTER TABLE message ADD COLUMN subject_kind TEXT CHECK (subject_kind IN ('outcome','application','document','feedback'));
                    ALTER TABLE message ADD COLUMN subject_id INTEGER CHECK ((subject_kind IS NULL) = (subject_id IS NULL));
                    """)
        }
        migrator.registerMigration("v10 feedback attachment") { db in
            try db.execute(
                sql: """
                    ALTER TABLE feedback ADD COLUMN attachment_sha256 TEXT CHECK (attachment_sha256 IS NULL OR length(attachment_sha256) = 64);
                    ALTER TABLE feedback ADD COLUMN attachment_bytes INTEGER CHECK ((attachment_sha256 IS NULL) = (attachment_bytes IS NULL));
                    """)
        }
        migrator.registerMigration("v11 accounts awaiting activation") { db in
            try db.execute(sql: v11)
        }
        migrator.registerMigration("v12 audit log") { db in
            try db.execute(sql: v12)
        }
        migrator.registerMigration("v13 staff accounts disabled, one-time passwords") { db in
            try db.execute(
                sql: """
                    ALTER TABLE staff ADD COLUMN disabled_at DOUBLE;
                    ALTER TABLE staff ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1));
                    """)
        }
        migrator.registerMigration("v14 verification tally") { db in
            try db.execute(
                sql: """
                    CREATE TABLE verification_tally (
                        document_id INTEGER PRIMARY KEY REFERENCES issued_document(id),
                        count INTEGER NOT NULL CHECK (count >= 0),
                        last_at DOUBLE NOT NULL
                    )
                    """)
        }
        migrator.registerMigration("v15 share links") { db in
            try db.execute(
                sql: """
                    CREATE TABLE share_link (
                        id INTEGER PRIMARY KEY,
                        learner_id INTEGER NOT NULL REFERENCES learner(id),
                        document_id INTEGER NOT NULL REFERENCES issued_document(id),
                        token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
                        created_at DOUBLE NOT NULL,
                        expires_at DOUBLE NOT NULL CHECK (expires_at > created_at),
                        max_views INTEGER CHECK (max_views IS NULL OR max_views > 0),
                        views INTEGER NOT NULL DEFAULT 0 CHECK (views >= 0),
                        withdrawn_at DOUBLE
                    );
                    CREATE INDEX share_link_by_learner ON share_link(learner_id);
                    """)
        }
        // Look-ups of learners' documents for the holder's log (docs/seal.md): the client's network
        // only, kept 180 days. The holder is stored with each row so the log is one indexed range.
        migrator.registerMigration("v16 verification lookups") { db in
            try db.execute(
                sql: """
                    CREATE TABLE verification_lookup (
                        id INTEGER PRIMARY KEY,
                        document_id INTEGER NOT NULL REFERENCES issued_document(id),
                        holder_id INTEGER NOT NULL REFERENCES learner(id),
                        at DOUBLE NOT NULL,
                        channel TEXT NOT NULL CHECK (channel IN ('page','json','upload','share')),
                        network TEXT NOT NULL CHECK (length(network) BETWEEN 1 AND 64)
                    );
                    CREATE INDEX verification_lookup_by_holder ON verification_lookup(holder_id, at);
                    CREATE INDEX verification_lookup_by_time ON verification_lookup(at);
                    """)
        }
        // Leases (docs/storage.md): work that one node at a time does — a batch job, a clean-up —
        // is claimed for a while by a holder, renewed while it runs, and free again when it expires.
        // Failed logins are kept in the database so that the throttle holds across nodes.
        migrator.registerMigration("v17 leases, failed logins") { db in
            try db.execute(sql: Schema.leases)
        }
        return migrator
    }

    static let leases = """
        CREATE TABLE lease (
            name TEXT PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 100),
            holder TEXT NOT NULL CHECK (length(holder) BETWEEN 1 AND 200),
            until DOUBLE NOT NULL
        );
        CREATE TABLE login_failure (
            key TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 300),
            at DOUBLE NOT NULL
        );
        CREATE INDEX login_failure_by_key ON login_failure(key, at);
        CREATE INDEX login_failure_by_time ON login_failure(at);
        CREATE TABLE lookup_window (
            key TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 300),
            minute BIGINT NOT NULL,
            count BIGINT NOT NULL CHECK (count > 0),
            PRIMARY KEY (key, minute)
        );
        """

    static let categories = "'academic','non-academic','informal'"

    static let v1 = """
        CREATE TABLE institution (
            id INTEGER PRIMARY KEY,
            code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 2 AND 20),
            name TEXT NOT NULL CHECK (name <> ''),
            kind TEXT NOT NULL CHECK (kind IN ('university','open-university','vocational-college','certification-body',
                                               'elderly-education','enterprise','bank','other'))
        );
        CREATE TABLE learner (
            id INTEGER PRIMARY KEY,
            account_number TEXT NOT NULL UNIQUE,
            card_id TEXT NOT NULL UNIQUE CHECK (length(card_id) = 16),
            name TEXT NOT NULL CHECK (name <> ''),
            id_number TEXT NOT NULL UNIQUE CHECK (length(id_number) = 18),
            phone TEXT NOT NULL UNIQUE CHECK (length(phone) = 11),
            password_hash TEXT NOT NULL,
            registered_at DOUBLE NOT NULL
        );
        CREATE TABLE staff (
            id INTEGER PRIMARY KEY,
            username TEXT NOT NULL UNIQUE,
            display_name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('admin','institution','expert')),
            institution_id INTEGER REFERENCES institution(id),
            password_hash TEXT NOT NULL,
            CHECK ((role = 'institution') = (institution_id IS NOT NULL))
        );
        CREATE TABLE catalog_entry (
            id INTEGER PRIMARY KEY,
            institution_id INTEGER NOT NULL REFERENCES institution(id),
            category TEXT NOT NULL CHECK (category IN (\(categories))),
            subtype TEXT NOT NULL,
            name TEXT NOT NULL CHECK (name <> ''),
            code TEXT NOT NULL CHECK (code <> ''),
            credits INTEGER NOT NULL CHECK (credits > 0),
            hours INTEGER CHECK (hours >= 0),
            level TEXT,
            major TEXT,
            UNIQUE (institution_id, code)
        );
        -- Substring search over name, code and institution, answered from the index (no scan):
        -- column u holds every letter or digit as a token (one-character queries), column b every
        -- overlapping pair (a two-character query is one token; a longer one a phrase of pairs);
        -- column i holds the institution id as a token, so a filtered search stays inside the index.
        CREATE VIRTUAL TABLE catalog_search USING fts5(u, b, i, tokenize = "unicode61 remove_diacritics 0");
        CREATE INDEX catalog_by_institution ON catalog_entry(institution_id, id);
        CREATE TABLE conversion_rule (
            id INTEGER PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL CHECK (name <> ''),
            description TEXT NOT NULL DEFAULT '',
            target_catalog_id INTEGER NOT NULL REFERENCES catalog_entry(id),
            credits INTEGER NOT NULL CHECK (credits > 0),
            ratio INTEGER NOT NULL CHECK (ratio BETWEEN 1 AND 100),
            valid_from TEXT,
            valid_to TEXT,
            published INTEGER NOT NULL CHECK (published IN (0, 1)),
            CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to)
        );
        CREATE TABLE rule_source (
            rule_id INTEGER NOT NULL REFERENCES conversion_rule(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            catalog_entry_id INTEGER NOT NULL REFERENCES catalog_entry(id),
            min_score REAL CHECK (min_score BETWEEN 0 AND 100),
            PRIMARY KEY (rule_id, catalog_entry_id)
        );
        CREATE INDEX rule_source_by_entry ON rule_source(catalog_entry_id);
        CREATE TABLE outcome (
            id INTEGER PRIMARY KEY,
            learner_id INTEGER NOT NULL REFERENCES learner(id),
            catalog_entry_id INTEGER REFERENCES catalog_entry(id),
            institution_id INTEGER REFERENCES institution(id),
            category TEXT NOT NULL CHECK (category IN (\(categories))),
            subtype TEXT NOT NULL,
            name TEXT NOT NULL CHECK (name <> ''),
            issuer TEXT NOT NULL,
            certificate_number TEXT,
            obtained_on TEXT NOT NULL CHECK (obtained_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            score REAL CHECK (score BETWEEN 0 AND 100),
            hours INTEGER CHECK (hours >= 0),
            original_credits INTEGER CHECK (original_credits >= 0),
            credits INTEGER CHECK (credits >= 0),
            status TEXT NOT NULL CHECK (status IN ('registered','recognition-requested','stored','not-recognised')),
            source TEXT NOT NULL CHECK (source IN ('learner','institution','bank','conversion')),
            attributes TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(attributes)),
            created_at DOUBLE NOT NULL,
            CHECK (status <> 'stored' OR credits IS NOT NULL)
        );
        CREATE INDEX outcome_by_learner ON outcome(learner_id);
        CREATE INDEX outcome_by_status ON outcome(status, institution_id);
        CREATE TABLE conversion_application (
            id INTEGER PRIMARY KEY,
            learner_id INTEGER NOT NULL REFERENCES learner(id),
            rule_id INTEGER NOT NULL REFERENCES conversion_rule(id),
            status TEXT NOT NULL CHECK (status IN ('submitted','awaiting-final-review','succeeded','failed','withdrawn')),
            submitted_at DOUBLE NOT NULL,
            closed_at DOUBLE,
            target_outcome_id INTEGER REFERENCES outcome(id),
            certificate_id INTEGER REFERENCES issued_document(id),
            CHECK ((status = 'succeeded') = (target_outcome_id IS NOT NULL AND certificate_id IS NOT NULL))
        );
        CREATE INDEX application_by_learner ON conversion_application(learner_id);
        CREATE INDEX application_by_status ON conversion_application(status);
        CREATE TABLE application_source (
            application_id INTEGER NOT NULL REFERENCES conversion_application(id),
            position INTEGER NOT NULL,
            outcome_id INTEGER NOT NULL REFERENCES outcome(id),
            PRIMARY KEY (application_id, outcome_id)
        );
        CREATE INDEX application_source_by_outcome ON application_source(outcome_id);
        CREATE TABLE review_record (
            id INTEGER PRIMARY KEY,
            application_id INTEGER REFERENCES conversion_application(id),
            outcome_id INTEGER REFERENCES outcome(id),
            stage TEXT NOT NULL CHECK (stage IN ('recognition','initial','final')),
            decision TEXT NOT NULL CHECK (decision IN ('approve','reject')),
            reviewer_id INTEGER NOT NULL REFERENCES staff(id),
            reviewer_name TEXT NOT NULL,
            opinion TEXT NOT NULL,
            decided_at DOUBLE NOT NULL,
            CHECK ((application_id IS NULL) <> (outcome_id IS NULL)),
            CHECK ((stage = 'recognition') = (outcome_id IS NOT NULL))
        );
        CREATE INDEX review_by_application ON review_record(application_id);
        CREATE INDEX review_by_outcome ON review_record(outcome_id);
        CREATE TABLE issued_document (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('conversion-certificate','outcome-proof','transcript')),
            language TEXT NOT NULL CHECK (language IN ('zh','en')),
            holder_id INTEGER NOT NULL REFERENCES learner(id),
            issuer_name TEXT NOT NULL,
            issued_at DOUBLE NOT NULL,
            code TEXT NOT NULL UNIQUE CHECK (length(code) = 16),
            snapshot BLOB NOT NULL,
            public_summary TEXT NOT NULL CHECK (json_valid(public_summary)),
            template_name TEXT NOT NULL,
            template_version INTEGER NOT NULL,
            sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
            byte_count INTEGER NOT NULL CHECK (byte_count > 0),
            expires_at DOUBLE,
            revoked_reason TEXT,
            revoked_at DOUBLE,
            revoked_by INTEGER REFERENCES staff(id),
            superseded_by INTEGER REFERENCES issued_document(id),
            CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
        );
        CREATE INDEX document_by_holder ON issued_document(holder_id);
        -- An issued document never changes: only its status columns may be set.
        CREATE TRIGGER issued_document_is_frozen
        BEFORE UPDATE OF kind, language, holder_id, issuer_name, issued_at, code, snapshot, public_summary, template_name,
                         template_version, sha256, byte_count, expires_at ON issued_document
        BEGIN SELECT RAISE(ABORT, 'an issued document never changes'); END;
        CREATE TRIGGER issued_document_is_kept BEFORE DELETE ON issued_document
        BEGIN SELECT RAISE(ABORT, 'an issued document is never deleted'); END;
        -- The exact bytes handed out, kept in the same transaction as the row (no orphan files).
        CREATE TABLE document_pdf (
            document_id INTEGER PRIMARY KEY REFERENCES issued_document(id),
            bytes BLOB NOT NULL
        );
        CREATE TRIGGER document_pdf_is_frozen BEFORE UPDATE ON document_pdf
        BEGIN SELECT RAISE(ABORT, 'stored PDF bytes never change'); END;
        CREATE TABLE message (
            id INTEGER PRIMARY KEY,
            learner_id INTEGER NOT NULL REFERENCES learner(id),
            text TEXT NOT NULL,
            created_at DOUBLE NOT NULL
        );
        CREATE INDEX message_by_learner ON message(learner_id);
        CREATE TABLE feedback (
            id INTEGER PRIMARY KEY,
            learner_id INTEGER NOT NULL REFERENCES learner(id),
            outcome_id INTEGER NOT NULL REFERENCES outcome(id),
            problems TEXT NOT NULL CHECK (json_valid(problems)),
            description TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('open','resolved')),
            created_at DOUBLE NOT NULL
        );
        CREATE INDEX feedback_by_learner ON feedback(learner_id);
        """

    /// Sessions hold only a token's hash. Evidence rows point at files named by hash beside the database.
    static let v2 = """
        CREATE TABLE session (
            token_hash TEXT PRIMARY KEY CHECK (length(token_hash) = 64),
            learner_id INTEGER REFERENCES learner(id) ON DELETE CASCADE,
            staff_id INTEGER REFERENCES staff(id) ON DELETE CASCADE,
            created_at DOUBLE NOT NULL,
            expires_at DOUBLE NOT NULL CHECK (expires_at > created_at),
            CHECK ((learner_id IS NULL) <> (staff_id IS NULL))
        ) WITHOUT ROWID;
        CREATE INDEX session_by_learner ON session(learner_id) WHERE learner_id IS NOT NULL;
        CREATE INDEX session_by_staff ON session(staff_id) WHERE staff_id IS NOT NULL;
        CREATE INDEX session_by_expiry ON session(expires_at);
        CREATE TABLE evidence (
            id INTEGER PRIMARY KEY,
            learner_id INTEGER NOT NULL REFERENCES learner(id),
            outcome_id INTEGER REFERENCES outcome(id) ON DELETE CASCADE,
            application_id INTEGER REFERENCES conversion_application(id),
            format TEXT NOT NULL CHECK (format IN ('jpeg','png','gif','pdf')),
            sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
            byte_count INTEGER NOT NULL CHECK (byte_count > 0),
            uploaded_at DOUBLE NOT NULL,
            CHECK ((outcome_id IS NULL) <> (application_id IS NULL))
        );
        CREATE INDEX evidence_by_outcome ON evidence(outcome_id) WHERE outcome_id IS NOT NULL;
        CREATE INDEX evidence_by_application ON evidence(application_id) WHERE application_id IS NOT NULL;
        """

    /// Staff resolve a learner's feedback with a reply.
    static let v3 = """
        ALTER TABLE feedback ADD COLUMN reply TEXT;
        ALTER TABLE feedback ADD COLUMN resolved_at DOUBLE;
        ALTER TABLE feedback ADD COLUMN resolved_by INTEGER REFERENCES staff(id);
        CREATE INDEX feedback_by_status ON feedback(status);
        """

    static let v4 = """
        CREATE TABLE batch_job (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('conversion-certificate','outcome-proof','transcript')),
            institution_code TEXT,
            from_day TEXT,
            to_day TEXT,
            format TEXT NOT NULL CHECK (format IN ('pdf','zip')),
            status TEXT NOT NULL CHECK (status IN ('queued','running','done','failed')),
            done INTEGER NOT NULL CHECK (done >= 0),
            total INTEGER NOT NULL CHECK (total >= 0 AND done <= total),
            failure TEXT,
            requested_by INTEGER NOT NULL REFERENCES staff(id),
            created_at DOUBLE NOT NULL,
            finished_at DOUBLE
        );
        CREATE INDEX batch_by_status ON batch_job(status);
        -- The batch query: documents of one kind by issue time.
        CREATE INDEX document_by_kind ON issued_document(kind, issued_at, id);
        """

    /// A batch's file is removed after the retention period: status `expired` (SQLite cannot
    /// change a CHECK constraint, so the table is rebuilt with its rows).
    static let v5 = """
        CREATE TABLE batch_job_v5 (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('conversion-certificate','outcome-proof','transcript')),
            institution_code TEXT,
            from_day TEXT,
            to_day TEXT,
            format TEXT NOT NULL CHECK (format IN ('pdf','zip')),
            status TEXT NOT NULL CHECK (status IN ('queued','running','done','failed','expired')),
            done INTEGER NOT NULL CHECK (done >= 0),
            total INTEGER NOT NULL CHECK (total >= 0 AND done <= total),
            failure TEXT,
            requested_by INTEGER NOT NULL REFERENCES staff(id),
            created_at DOUBLE NOT NULL,
            finished_at DOUBLE
        );
        INSERT INTO batch_job_v5 (id, kind, institution_code, from_day, to_day, format, status, done, total, failure,
                                  requested_by, created_at, finished_at)
            SELECT id, kind, institution_code, from_day, to_day, format, status, done, total, failure,
                   requested_by, created_at, finished_at FROM batch_job;
        DROP TABLE batch_job;
        ALTER TABLE batch_job_v5 RENAME TO batch_job;
        CREATE INDEX batch_by_status ON batch_job(status);
        """

    /// A conversion application names a rule or, decided case by case, the target catalog entry
    /// (exactly one of the two). The table is rebuilt with its rows to relax `rule_id`'s NOT NULL.
    static let v8 = """
        CREATE TABLE conversion_application_v8 (
            id INTEGER PRIMARY KEY,
            learner_id INTEGER NOT NULL REFERENCES learner(id),
            rule_id INTEGER REFERENCES conversion_rule(id),
            case_target_id INTEGER REFERENCES catalog_entry(id),
            status TEXT NOT NULL CHECK (status IN ('submitted','awaiting-final-review','succeeded','failed','withdrawn')),
            submitted_at DOUBLE NOT NULL,
            closed_at DOUBLE,
            target_outcome_id INTEGER REFERENCES outcome(id),
            certificate_id INTEGER REFERENCES issued_document(id),
            CHECK ((status = 'succeeded') = (target_outcome_id IS NOT NULL AND certificate_id IS NOT NULL)),
            CHECK ((rule_id IS NULL) <> (case_target_id IS NULL))
        );
        INSERT INTO conversion_application_v8 (id, learner_id, rule_id, status, submitted_at, closed_at, target_outcome_id, certificate_id)
            SELECT id, learner_id, rule_id, status, submitted_at, closed_at, target_outcome_id, certificate_id FROM conversion_application;
        DROP TABLE conversion_application;
        ALTER TABLE conversion_application_v8 RENAME TO conversion_application;
        CREATE INDEX application_by_learner ON conversion_application(learner_id);
        CREATE INDEX application_by_status ON conversion_application(status);
        """

    /// An account an institution created (机构创建) waits for its learner to activate it (manual 000):
    /// no phone and no password until then, and the institution that made it. Activation requests
    /// that need a person carry the ID photo (kept with the evidence files) and what the learner chose.
    static let v11 = """
        CREATE TABLE learner_v11 (
            id INTEGER PRIMARY KEY,
            account_number TEXT NOT NULL UNIQUE,
            card_id TEXT NOT NULL UNIQUE CHECK (length(card_id) = 16),
            name TEXT NOT NULL CHECK (name <> ''),
            id_number TEXT NOT NULL UNIQUE CHECK (length(id_number) = 18),
            phone TEXT UNIQUE CHECK (phone IS NULL OR length(phone) = 11),
            password_hash TEXT,
            registered_at DOUBLE NOT NULL,
            document_language TEXT NOT NULL DEFAULT 'zh' CHECK (document_language IN ('zh', 'en')),
            created_by_institution_id INTEGER REFERENCES institution(id),
            activated_at DOUBLE,
            CHECK ((phone IS NULL) = (password_hash IS NULL)),
            CHECK ((phone IS NULL) = (activated_at IS NULL))
        );
        INSERT INTO learner_v11 (id, account_number, card_id, name, id_number, phone, password_hash, registered_at, document_language,
                                 activated_at)
            SELECT id, account_number, card_id, name, id_number, phone, password_hash, registered_at, document_language, registered_at
              FROM learner;
        DROP TABLE learner;
        ALTER TABLE learner_v11 RENAME TO learner;
        CREATE TABLE activation_request (
            id INTEGER PRIMARY KEY,
            learner_id INTEGER NOT NULL REFERENCES learner(id),
            name TEXT NOT NULL CHECK (name <> ''),
            phone TEXT NOT NULL CHECK (length(phone) = 11),
            password_hash TEXT NOT NULL,
            photo_sha256 TEXT NOT NULL CHECK (length(photo_sha256) = 64),
            photo_format TEXT NOT NULL CHECK (photo_format IN ('jpeg','png','gif','pdf')),
            status TEXT NOT NULL CHECK (status IN ('waiting','approved','refused')),
            reason TEXT,
            submitted_at DOUBLE NOT NULL,
            decided_at DOUBLE,
            decided_by INTEGER REFERENCES staff(id),
            CHECK ((status = 'waiting') = (decided_at IS NULL))
        );
        CREATE INDEX activation_by_status ON activation_request(status);
        CREATE UNIQUE INDEX one_waiting_activation ON activation_request(learner_id) WHERE status = 'waiting';
        """

    /// Every staff action, append-only: triggers refuse an update or a delete.
    static let v12 = """
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at DOUBLE NOT NULL,
            staff_id INTEGER REFERENCES staff(id),
            actor TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('recognition','initial-review','final-review','activation','revocation',
                'supersession','feedback-reply','batch','catalog-import','rule-import','outcome-import','rule-change','account-change')),
            subject TEXT NOT NULL,
            detail TEXT NOT NULL
        );
        CREATE INDEX audit_by_time ON audit_log(at);
        CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        """
}
