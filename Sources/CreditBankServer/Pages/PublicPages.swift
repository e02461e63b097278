import Foundation
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

/// `/register`: open a learner account (name, ID number, phone, password twice, the agreement).
/// A refused form comes back with what was typed (never the passwords) and the reason beside its field.
struct RegisterPage: PageModel {
    static let template = "register"
    let title = "注册"
    var name = "", idNumber = "", phone = ""
    var agreed = false
    var nameProblem, idNumberProblem, phoneProblem, passwordProblem, agreementProblem: String?
    var problem: String?
}

/// What the registration form posts.
struct RegisterForm: Decodable {
    var name: String?
    var idNumber: String?
    var phone: String?
    var password: String?
    var password2: String?
    var agreement: String?
}

extension RegisterPage {
    /// Shows `message` beside the field it names (or above the form).
    mutating func place(field: String?, message: String) {
        switch field {
        case "name": nameProblem = message
        case "idNumber": idNumberProblem = message
        case "phone": phoneProblem = message
        case "password": passwordProblem = message
        default: problem = message
        }
    }
}

/// `POST /v`: the answer to a PDF uploaded from the verification form — issued here or not, and
/// the document's status.
struct VerifyUploadPage: PageModel {
    static let template = "verify-upload"
    let title = "文件核验"
    var match: Bool
    var fileName: String
    var sha256: String
    var code: String?
    var statusName: String?
    var valid: Bool
    var verifyPath: String?
    var signature: SignatureLines

    /// The signature's findings, worded for the page (docs/seal.md).
    struct SignatureLines {
        var signed: Bool
        var bankSeal: Bool
        var intact: String
        var whole: String
        var trusted: String
        var signer: String?
        var signerSHA256: String?
        var problem: String?

        init(_ check: SignatureCheck) {
            signed = check.signed
            bankSeal = check.isBankSeal
            intact = check.intact ? "完好 Intact" : "已损坏 Broken"
            whole = check.coversWholeFile ? "签章覆盖整个文件 Covers the whole file" : "签章后文件被追加内容 Bytes were added after signing"
            trusted = check.chainedToBankRoot ? "可追溯至本平台根证书 Chains to this bank's root" : "不是本平台的证书 Not this bank's certificate"
            signer = check.signer
            signerSHA256 = check.signerSHA256
            problem = check.problem
        }
    }
}

/// `/activate` (manual 000): find the account an institution created by ID number and name; set
/// the phone and password when the name matches; otherwise ask for a review with the ID photo.
struct ActivatePage: PageModel {
    static let template = "activate"
    let title = "账户激活"
    /// `find` (ID number and name), `set` (phone and password), or `review` (with the ID photo).
    var step: String
    var finding: Bool
    var setting: Bool
    var reviewing: Bool
    var idNumber = "", name = "", phone = ""
    /// The name on the institution's record, masked but for the surname (shown when asking for review).
    var recordName = ""
    /// The state of the newest review request, when there is one.
    var latestStatus: String?
    var latestReason: String?
    var waiting = false
    var idNumberProblem, nameProblem, phoneProblem, passwordProblem, photoProblem: String?
    var problem: String?
    var notice: String?
    var registerLink = false
    var loginLink = false
}

/// What the activation forms post.
struct ActivateForm: Decodable {
    var idNumber: String?
    var name: String?
    var phone: String?
    var password: String?
    var password2: String?
    var agreement: String?
    /// The ID photo of a review request.
    var photo: Data?
}
