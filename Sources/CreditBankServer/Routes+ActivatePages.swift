import CreditBankCore
import Foundation
import Hummingbird

/// `/activate`: an account an institution created is activated by its learner (manual 000;
/// docs/product.md §8). Signed out; the same throttle-free public pages as `/register`.
extension BankServer {
    func addActivatePages(_ public_: GroupRoutes<PublicPageContext>) {
        public_.add(.get, "/activate") { _, _ in
            page(ActivatePage(step: "find", finding: true, setting: false, reviewing: false), frame: frame())
        }
        public_.add(.post, "/activate") { request, context in
            let form = try await request.decode(as: ActivateForm.self, context: context)
            return try await activationStep(form)
        }
        public_.add(.post, "/activate/complete") { request, context in
            let form = try await request.decode(as: ActivateForm.self, context: context)
            var model = ActivatePage(
                step: "set", finding: false, setting: true, reviewing: false, idNumber: form.idNumber ?? "", name: form.name ?? "",
                phone: form.phone ?? "")
            do {
                guard (form.password ?? "") == (form.password2 ?? "") else {
                    throw APIError.invalid("password", "两次输入的密码不一致。The two passwords differ.")
                }
                guard form.agreement == "yes" else { throw APIError.invalid("agreement", "请阅读并同意用户协议。Please accept the user agreement.") }
                try Self.checkPassword(form.password ?? "", field: "password")
                let hash = await passwords.hash(form.password ?? "")
                let learner = try await service.activate(
                    idNumber: model.idNumber, name: model.name, phone: model.phone, passwordHash: hash)
                let opened = try await service.openSession(for: .learner(learner.id), lifetime: settings.sessionLifetime)
                var response = PageSession.redirect("/me")
                response.setCookie(PageSession.cookie(opened.token, lifetime: settings.sessionLifetime, secure: secureCookies))
                return response
            } catch let error as CreditBankError {
                if error.field == "phone" { model.phoneProblem = error.reason } else { model.problem = Self.pageMessage(error) }
            } catch let error as APIError {
                if error.field == "password" { model.passwordProblem = error.message } else { model.problem = error.message }
            }
            return page(model, frame: frame(), status: .unprocessableContent)
        }
        public_.add(.post, "/activate/review") { request, _ in
            let form = try await multipartForm(request, as: ActivateForm.self)
            var model = try await reviewModel(form)
            do {
                guard (form.password ?? "") == (form.password2 ?? "") else {
                    throw APIError.invalid("password", "两次输入的密码不一致。The two passwords differ.")
                }
                try Self.checkPassword(form.password ?? "", field: "password")
                let hash = await passwords.hash(form.password ?? "")
                _ = try await service.requestActivationReview(
                    idNumber: form.idNumber ?? "", name: form.name ?? "", phone: form.phone ?? "", passwordHash: hash,
                    photo: form.photo.map { [UInt8]($0) } ?? [])
                var done = ActivatePage(step: "find", finding: false, setting: false, reviewing: false)
                done.notice = "已提交审核，结果将以消息通知；通过后用所填手机号和密码登录。Sent for review: once approved, sign in with that phone and password."
                return page(done, frame: frame())
            } catch let error as CreditBankError {
                switch error.field {
                case "phone": model.phoneProblem = error.reason
                case "photo": model.photoProblem = error.reason
                case "name": model.nameProblem = error.reason
                default: model.problem = Self.pageMessage(error)
                }
            } catch let error as APIError {
                if error.field == "password" { model.passwordProblem = error.message } else { model.problem = error.message }
            }
            return page(model, frame: frame(), status: .unprocessableContent)
        }
    }

    /// Step one's answer: the set-up form, the review form, or the find form with the reason.
    func activationStep(_ form: ActivateForm) async throws -> Response {
        var model = ActivatePage(
            step: "find", finding: true, setting: false, reviewing: false, idNumber: form.idNumber ?? "", name: form.name ?? "")
        do {
            switch try await service.lookUpActivation(idNumber: model.idNumber, name: model.name) {
            case .matches:
                model.finding = false
                model.setting = true
                model.step = "set"
                return page(model, frame: frame())
            case .needsReview:
                return page(try await reviewModel(form), frame: frame())
            }
        } catch let error as CreditBankError {
            switch (error, error.field) {
            case (_, "idNumber"): model.idNumberProblem = error.reason
            case (_, "name"): model.nameProblem = error.reason
            case (.notFound, _):
                model.problem = "没有以此身份证号等待激活的账户；您可以直接注册。No account waits for activation under this ID number."
                model.registerLink = true
            default:
                model.problem = "此账户已激活，请登录。This account is already active: sign in."
                model.loginLink = true
            }
            return page(model, frame: frame(), status: error.field != nil ? .unprocessableContent : .ok)
        }
    }

    /// The review form for an ID whose name does not match, with the last request's state.
    func reviewModel(_ form: ActivateForm) async throws -> ActivatePage {
        var model = ActivatePage(
            step: "review", finding: false, setting: false, reviewing: true, idNumber: form.idNumber ?? "", name: form.name ?? "",
            phone: form.phone ?? "")
        guard case .needsReview(let learner, let latest) = try await service.lookUpActivation(idNumber: model.idNumber, name: model.name)
        else { return model }
        model.recordName = String(learner.name.value.prefix(1)) + String(repeating: "*", count: max(1, learner.name.value.count - 1))
        if let latest {
            model.latestStatus = "\(latest.status.chineseName)（\(LocalDate(latest.submittedAt)) 提交）"
            model.latestReason = latest.reason
            model.waiting = latest.status == .waiting
        }
        return model
    }
}
