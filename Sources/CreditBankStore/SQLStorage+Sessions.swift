import CreditBankCore
import Foundation

extension SQLStorage {
    func passwordHash(of account: AccountRef) throws -> String? {
        switch account {
        case .learner(let id):
            try value("SELECT password_hash FROM learner WHERE id = ?", [id.rawValue])
        case .staff(let id):
            try value("SELECT password_hash FROM staff WHERE id = ?", [id.rawValue])
        }
    }

    func setPasswordHash(of account: AccountRef, to hash: String) throws {
        switch account {
        case .learner(let id): try execute("UPDATE learner SET password_hash = ? WHERE id = ?", [hash, id.rawValue])
        case .staff(let id): try execute("UPDATE staff SET password_hash = ? WHERE id = ?", [hash, id.rawValue])
        }
    }

    func session(tokenHash: String) throws -> Session? {
        try one("SELECT * FROM session WHERE token_hash = ?", [tokenHash]).map { row in
            let learner: Int64? = row["learner_id"]
            let staff: Int64? = row["staff_id"]
            return Session(
                tokenHash: row["token_hash"], account: learner.map { .learner(LearnerID($0)) } ?? .staff(StaffID(staff ?? 0)),
                createdAt: Date(stored: row["created_at"]), expiresAt: Date(stored: row["expires_at"]))
        }
    }

    func insert(_ session: Session) throws {
        let (learner, staff) = session.account.columns
        try execute(
            "INSERT INTO session (token_hash, learner_id, staff_id, created_at, expires_at) VALUES (?,?,?,?,?)",
            [session.tokenHash, learner, staff, session.createdAt.stored, session.expiresAt.stored])
    }

    func loginFailures(key: String, since: Date) throws -> [Date] {
        try values("SELECT at FROM login_failure WHERE key = ? AND at > ? ORDER BY at LIMIT 1000", [key, since.stored]).map {
            Date(stored: $0)
        }
    }

    func insertLoginFailure(keys: [String], at time: Date, droppingBefore expiredBefore: Date) throws {
        for key in keys { try execute("INSERT INTO login_failure (key, at) VALUES (?, ?)", [key, time.stored]) }
        try execute("DELETE FROM login_failure WHERE at < ?", [expiredBefore.stored])
    }

    func deleteLoginFailures(key: String) throws {
        try execute("DELETE FROM login_failure WHERE key = ?", [key])
    }

    func incrementWindowCount(key: String, window: Int64, dropBefore: Int64?) throws -> Int {
        if let dropBefore { try execute("DELETE FROM lookup_window WHERE minute < ?", [dropBefore]) }
        let count: Int? = try value(
            """
            INSERT INTO lookup_window (key, minute, count) VALUES (?, ?, 1)
            ON CONFLICT (key, minute) DO UPDATE SET count = lookup_window.count + 1 RETURNING count
            """, [key, window])
        return count ?? 0
    }

    func deleteSession(tokenHash: String) throws {
        try execute("DELETE FROM session WHERE token_hash = ?", [tokenHash])
    }

    func deleteSessions(of account: AccountRef, except: String?) throws {
        let (learner, staff) = account.columns
        try execute("DELETE FROM session WHERE (learner_id = ? OR staff_id = ?) AND token_hash IS DISTINCT FROM ?", [learner, staff, except])
    }

    func deleteSessions(expiredBefore date: Date) throws {
        try execute("DELETE FROM session WHERE expires_at <= ?", [date.stored])
    }
}

extension AccountRef {
    /// The (learner_id, staff_id) pair, one of them NULL.
    var columns: (Int64?, Int64?) {
        switch self {
        case .learner(let id): (id.rawValue, nil)
        case .staff(let id): (nil, id.rawValue)
        }
    }
}
