import CreditBankCore

/// `/login`: the learners' sign-in form, keeping the name typed when it is refused.
struct LoginPage: PageModel {
    static let template = "login"
    let title = "登录"
    var login = ""
    var problem: String?
}

/// What the sign-in form posts.
struct LoginForm: Decodable {
    var login: String?
    var password: String?
}

/// `/v`: type a verification code.
struct VerifyFormPage: PageModel {
    static let template = "verify-form"
    let title = "文书验证"
    var baseURL: String
}
