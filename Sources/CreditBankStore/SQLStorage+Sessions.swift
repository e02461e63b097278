import CreditBankCore
import Foundation
import GRDB

extension SQLStorage {
    func passwordHash(of account: AccountRef) throws -> String? {
        switch account {
        case .learner(let id):
            try String.fetchOne(db.cachedStatement(sql: "SELECT password_hash FROM learner WHERE id = ?"), arguments: [id.rawValue])
        case .staff(let id):
            try String.fetchOne(db.cachedStatement(sql: "SELECT password_hash FROM staff WHERE id = ?"), arguments: [id.rawValue])
        }
    }

    func setPasswordHash(of account: AccountRef, to hash: String) throws {
        switch account {
        case .learner(let id): try db.execute(sql: "UPDATE learner SET password_hash = ? WHERE id = ?", arguments: [hash, id.rawValue])
        case .staff(let id): try db.execute(sql: "UPDATE staff SET password_hash = ? WHERE id = ?", arguments: [hash, id.rawValue])
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
        try db.cachedStatement(sql: "INSERT INTO session (token_hash, learner_id, staff_id, created_at, expires_at) VALUES (?,?,?,?,?)")
            .execute(arguments: [session.tokenHash, learner, staff, session.createdAt.stored, session.expiresAt.stored])
    }

    func deleteSession(tokenHash: String) throws {
        try db.execute(sql: "DELETE FROM session WHERE token_hash = ?", arguments: [tokenHash])
    }

    func deleteSessions(of account: AccountRef, except: String?) throws {
        let (learner, staff) = account.columns
        try db.execute(
            sql: "DELETE FROM session WHERE (learner_id = ? OR staff_id = ?) AND token_hash IS NOT ?", arguments: [learner, staff, except])
    }

    func deleteSessions(expiredBefore date: Date) throws {
        try db.execute(sql: "DELETE FROM session WHERE expires_at <= ?", arguments: [date.stored])
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
