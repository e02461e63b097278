import CreditBankCore
import Foundation
import Hummingbird

/// The learner's messages and settings pages (docs/product.md §8).
extension BankServer {
    func addAccountPages(_ me: GroupRoutes<LearnerPageContext>) {
        me.add(.get, "/messages") { request, context in
            let messages = try await service.messages(of: context.learner.id)
            let ordered = messages.filter { $0.readAt == nil } + messages.filter { $0.readAt != nil }
            let model = MessagesPage(
                messages: ordered.map {
                    .init(text: $0.text, at: Self.chinaTime($0.createdAt), unread: $0.readAt == nil, href: $0.subject.map(Self.page(of:)))
                },
                hasMessages: !messages.isEmpty, unreadCount: messages.count { $0.readAt == nil },
                hasUnread: messages.contains { $0.readAt == nil },
                notice: request.uri.queryParameters["done"] == "read" ? "已全部标为已读。All marked read." : nil)
            return page(model, for: context)
        }
        me.add(.post, "/messages/read") { _, context in
            try await service.markMessagesRead(of: context.learner.id)
            return PageSession.redirect("/me/messages?done=read")
        }
        me.add(.get, "/settings") { request, context in
            var model = settingsPage(context.learner)
            if request.uri.queryParameters["done"] == "language" {
                model.notice = "已保存：此后为您签发的证明、档案和转换证明使用所选语言。Saved: documents issued for you from now on use this language."
            }
            if request.uri.queryParameters["done"] == "phone" { model.notice = "手机号已修改，请用新号码登录。Phone changed: sign in with the new number." }
            if request.uri.queryParameters["done"] == "password" { model.notice = "密码已修改，其他设备上的登录已退出。Password changed; other sessions are signed out." }
            return page(model, for: context)
        }
        me.add(.post, "/settings/language") { request, context in
            struct LanguageForm: Decodable { var language: String? }
            let form = try await request.decode(as: LanguageForm.self, context: context)
            _ = try await service.setDocumentLanguage(form.language ?? "", for: context.learner.id)
            return PageSession.redirect("/me/settings?done=language")
        }
        me.add(.post, "/settings/phone") { request, context in
            struct PhoneForm: Decodable { var password: String?, phone: String? }
            let form = try await request.decode(as: PhoneForm.self, context: context)
            var model = settingsPage(context.learner)
            model.newPhone = form.phone ?? ""
            guard await passwords.verify(form.password ?? "", against: try await service.passwordHash(of: .learner(context.learner.id))) else {
                model.phonePasswordProblem = "密码不正确。The password is wrong."
                return page(model, for: context, status: .unprocessableContent)
            }
            do {
                _ = try await service.changePhone(form.phone ?? "", for: context.learner.id)
                return PageSession.redirect("/me/settings?done=phone")
            } catch let error as CreditBankError {
                model.phoneProblem = error.field == "phone" ? "手机号\(error.reason)。" : Self.pageMessage(error)
                return page(model, for: context, status: error.isConflict ? .conflict : .unprocessableContent)
            }
        }
        me.add(.post, "/settings/password") { request, context in
            let form = try await request.decode(as: PasswordForm.self, context: context)
            var model = settingsPage(context.learner)
            guard (form.newPassword ?? "") == (form.newPassword2 ?? "") else {
                model.newPasswordProblem = "两次输入的新密码不一致。The two new passwords differ."
                return page(model, for: context, status: .unprocessableContent)
            }
            do {
                try await changePassword(
                    of: .learner(context.learner.id), from: form.oldPassword ?? "", to: form.newPassword ?? "",
                    keeping: context.visitor.sessionToken)
                return PageSession.redirect("/me/settings?done=password")
            } catch let error as APIError where error.field == "oldPassword" {
                model.oldPasswordProblem = "当前密码不正确。The current password is wrong."
            } catch let error as APIError {
                model.newPasswordProblem = error.message
            }
            return page(model, for: context, status: .unprocessableContent)
        }
    }

    /// The learner's page for what a message is about.
    static func page(of subject: MessageSubject) -> String {
        switch subject {
        case .outcome(let id): "/me/outcomes/\(id)"
        case .application(let id): "/me/conversions#application-\(id)"
        case .document(let id): "/me/documents#document-\(id)"
        case .feedback(let id): "/me/feedback#feedback-\(id)"
        }
    }

    func settingsPage(_ learner: Learner) -> SettingsPage {
        SettingsPage(
            name: learner.name.value, idMasked: learner.idNumber.masked, phoneMasked: learner.phone?.masked ?? "—",
            accountNumber: learner.accountNumber, cardId: learner.cardID,
            languages: [
                Choice(value: "zh", label: "中文 Chinese", selected: learner.documentLanguage == .zh),
                Choice(value: "en", label: "English 英文", selected: learner.documentLanguage == .en),
            ])
    }
}
