import CreditBankCore
import Foundation
import Hummingbird

/// The console's accounts (admins) and every staff member's own password (docs/product.md §8).
extension BankServer {
    func addStaffAccountPages(_ staff: GroupRoutes<StaffPageContext>) {
        staff.add(.get, "/accounts") { request, context in
            var model = try await accountsPage(context)
            if let done = request.uri.queryParameters["done"] { model.notice = done == "disabled" ? "已停用，登录已失效。Disabled: its sessions ended." : "已启用。Enabled." }
            return page(model, frame: staffFrame(context))
        }
        staff.add(.post, "/accounts") { request, context in
            struct AccountForm: Decodable { var username: String?, displayName: String?, role: String?, institutionCode: String? }
            let form = try await request.decode(as: AccountForm.self, context: context)
            let password = Self.oneTimePassword()
            do {
                let created = try await service.createStaffAccount(
                    username: (form.username ?? "").trimmingCharacters(in: .whitespaces), displayName: Self.blankToNil(form.displayName),
                    role: form.role ?? "", institutionCode: form.role == "institution" ? Self.blankToNil(form.institutionCode) : nil,
                    oneTimePasswordHash: await passwords.hash(password), by: context.staff)
                var model = try await accountsPage(context)
                model.oneTimeUser = created.username
                model.oneTimePassword = password
                return page(model, frame: staffFrame(context))
            } catch let error as CreditBankError where error.field != nil || error.isConflict || { if case .notFound = error { true } else { false } }() {
                var model = try await accountsPage(context)
                model.username = form.username ?? ""
                model.displayName = form.displayName ?? ""
                switch error.field {
                case "username": model.usernameProblem = error.reason
                case "institution": model.institutionProblem = "请选择审核员所属机构。Choose the reviewer's institution."
                default:
                    if error.isConflict { model.usernameProblem = error.reason } else { model.problem = Self.pageMessage(error) }
                }
                return page(model, frame: staffFrame(context), status: error.isConflict ? .conflict : .unprocessableContent)
            }
        }
        staff.add(.post, "/accounts/{id}/reset") { _, context in
            let password = Self.oneTimePassword()
            let member = try await service.resetStaffPassword(
                try context.parameters.id(), oneTimePasswordHash: await passwords.hash(password), by: context.staff)
            var model = try await accountsPage(context)
            model.oneTimeUser = member.username
            model.oneTimePassword = password
            return page(model, frame: staffFrame(context))
        }
        staff.add(.post, "/accounts/{id}/disable") { request, context in
            struct DisableForm: Decodable { var disabled: String? }
            let form = try await request.decode(as: DisableForm.self, context: context)
            let disabled = form.disabled == "yes"
            _ = try await service.setStaffDisabled(try context.parameters.id(), disabled, by: context.staff)
            return PageSession.redirect("/staff/accounts?done=\(disabled ? "disabled" : "enabled")")
        }
        staff.add(.get, "/password") { _, context in
            page(StaffPasswordPage(required: context.staff.mustChangePassword), frame: staffFrame(context))
        }
        staff.add(.post, "/password") { request, context in
            let form = try await request.decode(as: PasswordForm.self, context: context)
            var model = StaffPasswordPage(required: context.staff.mustChangePassword)
            guard (form.newPassword ?? "") == (form.newPassword2 ?? "") else {
                model.newPasswordProblem = "两次输入的新密码不一致。The two new passwords differ."
                return page(model, frame: staffFrame(context), status: .unprocessableContent)
            }
            do {
                try await changePassword(
                    of: .staff(context.staff.id), from: form.oldPassword ?? "", to: form.newPassword ?? "", keeping: context.visitor.sessionToken)
                return PageSession.redirect("/staff")
            } catch let error as APIError where error.field == "oldPassword" {
                model.oldPasswordProblem = "当前密码不正确。The current password is wrong."
            } catch let error as APIError {
                model.newPasswordProblem = error.message
            }
            return page(model, frame: staffFrame(context), status: .unprocessableContent)
        }
    }

    func accountsPage(_ context: StaffPageContext) async throws -> StaffAccountsPage {
        let accounts = try await service.staffAccounts(for: context.staff)
        let institutions = try await service.institutions()
        let names = Dictionary(uniqueKeysWithValues: institutions.map { ($0.id, $0.name) })
        return StaffAccountsPage(
            rows: accounts.map { member in
                let role =
                    switch member.role {
                    case .admin: "管理员 Administrator"
                    case .expert: "评审专家 Expert"
                    case .institution(let id): "\(names[id] ?? "") 审核员 Reviewer"
                    }
                return .init(
                    id: member.id.description, username: member.username, displayName: member.displayName, roleName: role,
                    disabled: member.disabled, mustChange: member.mustChangePassword, isSelf: member.id == context.staff.id)
            },
            roles: [
                Choice(value: "institution", label: "机构审核员 Institution reviewer", selected: true),
                Choice(value: "expert", label: "评审专家 Expert"), Choice(value: "admin", label: "管理员 Administrator"),
            ],
            institutions: [Choice(value: "", label: "—")] + institutions.map { Choice(value: $0.code, label: "\($0.name)（\($0.code)）") })
    }

    /// A one-time password: 12 letters and digits without look-alikes, always both kinds.
    static func oneTimePassword() -> String {
        let letters = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ")
        let digits = Array("23456789")
        var generator = SystemRandomNumberGenerator()
        var characters = (0..<10).map { _ in (letters + digits).randomElement(using: &generator)! }
        characters.append(letters.randomElement(using: &generator)!)
        characters.append(digits.randomElement(using: &generator)!)
        return String(characters.shuffled(using: &generator))
    }
}
