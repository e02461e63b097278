import CreditBankAccess
import CreditBankCore
import Foundation
import Hummingbird

extension BankServer {
    struct RegisterBody: Decodable { var name: String, idNumber: String, phone: String, password: String }
    struct LoginBody: Decodable { var login: String, password: String }
    struct PasswordBody: Decodable { var oldPassword: String, newPassword: String }
    struct InstitutionBody: Decodable { var code: String, name: String, kind: String }

    func addAccountRoutes(_ routes: RouteTable) {
        routes.add(.post, "/api/v1/auth/register") { request, _ in
            let body = try await request.decodeJSON(RegisterBody.self, limit: settings.jsonBodyLimit)
            let learner = try await register(
                Registration(name: body.name, idNumber: body.idNumber, phone: body.phone), password: body.password)
            struct Answer: Encodable { var learnerId: LearnerID, accountNumber: String, cardId: String }
            return try JSONResponse.make(
                Answer(learnerId: learner.id, accountNumber: learner.accountNumber, cardId: learner.cardID), status: .created)
        }

        routes.add(.post, "/api/v1/auth/login") { request, context in
            let body = try await request.decodeJSON(LoginBody.self, limit: settings.jsonBodyLimit)
            let credentials: Credentials
            switch try await checkLogin(body.login, body.password, request, context) {
            case .throttled(let wait): throw APIError.tooManyRequests(retryAfter: wait, "too many failed logins; try again in \(wait) seconds")
            case .refused: throw APIError(.unauthorized, code: "unauthorized", message: "wrong login or password")
            case .accepted(let accepted): credentials = accepted
            }
            let opened = try await service.openSession(for: credentials.account, lifetime: settings.sessionLifetime)
            struct Answer: Encodable { var token: String, role: String, expiresAt: Date, name: String }
            let name: String
            switch opened.principal {
            case .learner(let learner): name = learner.name.value
            case .staff(let staff): name = staff.displayName
            }
            return try JSONResponse.make(
                Answer(token: opened.token, role: opened.principal.roleName, expiresAt: opened.session.expiresAt, name: name))
        }

        routes.add(.post, "/api/v1/auth/logout") { request, _ in
            _ = try await caller(request)
            if let token = Self.bearerToken(request) { try await service.closeSession(token: token) }
            return Response(status: .noContent)
        }

        routes.add(.put, "/api/v1/me/password") { request, _ in
            let principal = try await caller(request)
            let body = try await request.decodeJSON(PasswordBody.self, limit: settings.jsonBodyLimit)
            try await changePassword(of: principal.account, from: body.oldPassword, to: body.newPassword, keeping: Self.bearerToken(request) ?? "")
            return Response(status: .noContent)
        }

        routes.add(.get, "/api/v1/me") { request, _ in
            let learner = try await learner(request)
            return try JSONResponse.make(ProfileBody(try await service.summary(of: learner.id)))
        }

        routes.add(.get, "/api/v1/institutions") { _, _ in
            struct Item: Encodable { var id: InstitutionID, code: String, name: String, kind: String }
            let institutions = try await service.institutions()
            return try JSONResponse.make(institutions.map { Item(id: $0.id, code: $0.code, name: $0.name, kind: $0.kind.rawValue) })
        }

        routes.add(.post, "/api/v1/institutions") { request, _ in
            _ = try await admin(request)
            let body = try await request.decodeJSON(InstitutionBody.self, limit: settings.jsonBodyLimit)
            let institution = try await service.addInstitution(code: body.code, name: body.name, kind: body.kind)
            struct Answer: Encodable { var id: InstitutionID, code: String, name: String, kind: String }
            return try JSONResponse.make(
                Answer(id: institution.id, code: institution.code, name: institution.name, kind: institution.kind.rawValue),
                status: .created)
        }
    }

    /// Opens a learner account (the API and the registration page alike): fields checked before the
    /// slow password hash, then the core's registration.
    /// - Throws: `CreditBankError` or `APIError.invalid` naming the field.
    func register(_ registration: Registration, password: String) async throws -> Learner {
        _ = try service.validate(registration)
        try Self.checkPassword(password, field: "password")
        let hash = await passwords.hash(password)
        return try await service.register(registration, passwordHash: hash)
    }

    /// Changes a password (the API and the settings page alike) after checking the current one; every
    /// other session of the account ends, the one named `keeping` stays.
    /// - Throws: `APIError.invalid` naming `oldPassword` or `newPassword`.
    func changePassword(of account: AccountRef, from old: String, to new: String, keeping session: String) async throws {
        let current = try await service.passwordHash(of: account)
        guard await passwords.verify(old, against: current) else {
            throw APIError.invalid("oldPassword", "is not the current password")
        }
        try Self.checkPassword(new, field: "newPassword")
        let hash = await passwords.hash(new)
        try await service.changePassword(of: account, to: hash, keeping: session)
    }

    enum LoginCheck {
        case throttled(retryAfter: Int)
        case refused
        case accepted(Credentials)
    }

    /// Checks a login name and password for the API and the sign-in page alike: the throttle first,
    /// then bcrypt on the password threads (a decoy hash for unknown names, so timing and answers
    /// match), recording failures per name and per client.
    func checkLogin(_ login: String, _ password: String, _ request: Request, _ context: some ClientAddressed) async throws -> LoginCheck {
        let client = client(request, context)
        let limits = LoginLimits(
            perAccount: settings.failedLoginsPerAccount, perClient: settings.failedLoginsPerClient, window: settings.loginWindow)
        if let wait = try await service.loginWait(login: login, client: client, limits: limits) { return .throttled(retryAfter: wait) }
        let credentials = try await service.credentials(forLogin: login)
        guard await passwords.verify(password, against: credentials?.passwordHash), let credentials else {
            try await service.recordLoginFailure(login: login, client: client, limits: limits)
            context.logger.notice("login refused", metadata: ["client": "\(client)"])
            return .refused
        }
        try await service.recordLoginSuccess(login: login)
        return .accepted(credentials)
    }

    /// The password rules, as a 422 naming the field.
    static func checkPassword(_ password: String, field: String) throws {
        do { try Passwords.validate(password, field: field) } catch { throw APIError.invalid(error.field, error.reason) }
    }
}
