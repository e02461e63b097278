import CreditBankCore
import Foundation
import Hummingbird

extension BankServer {
    /// The signed-in caller from `Authorization: Bearer <token>`; 401 without a live session.
    func caller(_ request: Request) async throws -> Principal {
        guard let token = Self.bearerToken(request) else { throw APIError.unauthorized() }
        guard let principal = try await service.principal(forToken: token) else {
            throw APIError.sessionEnded()
        }
        return principal
    }

    /// The token of `Authorization: Bearer <token>` (the scheme in any case; spaces and tabs around
    /// the token dropped). Read byte by byte: every signed-in request asks.
    static func bearerToken(_ request: Request) -> String? {
        guard let header = request.headers[.authorization] else { return nil }
        let bytes = Array(header.utf8)
        guard bytes.count > 7, zip(bytes[0..<6], "bearer".utf8).allSatisfy({ $0 | 0x20 == $1 }), bytes[6] == UInt8(ascii: " ") else {
            return nil
        }
        func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        var start = 7, end = bytes.count
        while start < end, isBlank(bytes[start]) { start += 1 }
        while end > start, isBlank(bytes[end - 1]) { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// A learner caller; staff get 403 (their accounts hold no learner records).
    func learner(_ request: Request) async throws -> Learner {
        switch try await caller(request) {
        case .learner(let learner): return learner
        case .staff:
            throw APIError(.forbidden, code: "forbidden", message: "this route is for learners; staff accounts hold no learner records")
        }
    }

    /// A staff caller; learners get 403.
    func staff(_ request: Request) async throws -> StaffMember {
        switch try await caller(request) {
        case .staff(let staff):
            // A one-time password is changed first (PUT /api/v1/me/password, or /staff/password).
            guard !staff.mustChangePassword else {
                throw APIError(
                    .forbidden, code: "password-change-required",
                    message: "this account has a one-time password: change it first with PUT /api/v1/me/password")
            }
            return staff
        case .learner: throw APIError(.forbidden, code: "forbidden", message: "this route is for the bank's staff")
        }
    }

    /// An administrator; everyone else gets 403.
    func admin(_ request: Request) async throws -> StaffMember {
        let staff = try await staff(request)
        guard staff.role == .admin else { throw APIError(.forbidden, code: "forbidden", message: "this route is for administrators") }
        return staff
    }

    /// The key of per-client limits: the peer address, or, when the peer is a trusted proxy, the
    /// last address it appended to `X-Forwarded-For`.
    func client(_ request: Request, _ context: some ClientAddressed) -> String {
        guard settings.trustedProxies.contains(context.client),
            let forwarded = request.headers[.init("X-Forwarded-For")!]?.split(separator: ",").last?
                .trimmingCharacters(in: .whitespaces),
            !forwarded.isEmpty
        else { return context.client }
        return forwarded
    }
}
