import ArgumentParser
import CreditBankCore
import Foundation

/// `creditbank verify CODE|FILE.pdf`: what the public verification page would say.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Check a verification code or a PDF file against the issued documents.")

    @Argument(help: "A verification code (XXXX-XXXX-XXXX-XXXX, any case) or the path of a PDF file.")
    var input: String
    @Option(help: "Also write the stored PDF of the document found to this file.")
    var export: String?
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let service = CreditBankService(storage: try await database.open(), renderer: NoRendering(), sealer: try database.sealIfAny())
        let answer: VerificationAnswer
        if input.lowercased().hasSuffix(".pdf") {
            guard let data = FileManager.default.contents(atPath: input) else { throw CLIError("cannot read \(input)") }
            let checked = try await service.check(pdf: Array(data))
            Self.printSignature(checked.signature)
            guard let found = checked.answer else {
                print("no match: these exact bytes were not issued here (不是本机构签发的原始文件)")
                throw ExitCode(1)
            }
            print("match: these exact bytes were issued here")
            answer = found
        } else {
            switch try await service.verify(code: input) {
            case .mistyped:
                print("mistyped: the check symbol does not match (验证码输入有误)")
                throw ExitCode(1)
            case .malformed(let reason):
                print("not a code: \(reason)")
                throw ExitCode(1)
            case .unknown:
                print("unknown: no document has this code (查无此证)")
                throw ExitCode(1)
            case .found(let found): answer = found
            }
        }
        print("code:    \(answer.code.formatted)")
        print("kind:    \(answer.kind.chineseName) (\(answer.kind.rawValue))")
        print("status:  \(answer.status.chineseName) (\(answer.status.name))")
        if case .revoked(let reason, _) = answer.status { print("reason:  \(reason)") }
        print("issuer:  \(answer.issuerName)")
        print("issued:  \(SnapshotCoding.timestamp(answer.issuedAt))")
        print("holder:  \(answer.summary.holderName) \(answer.summary.holderIDMasked)")
        for line in answer.summary.lines { print("  \(line.label) \(line.labelEn): \(line.value)") }
        print("sha256:  \(answer.sha256)")
        if let export {
            let bytes = try await service.storage.read { db in try db.document(code: answer.code).flatMap { try db.pdf(of: $0.id) } }
            try Data(bytes ?? []).write(to: URL(fileURLWithPath: export))
            print("wrote \(export)")
        }
    }

    /// The signature's lines: intact or not, whole or not, who signed, whether the bank's root vouches for it.
    static func printSignature(_ check: SignatureCheck) {
        guard check.signed else {
            print("signature: none (未签章)")
            return
        }
        print("signature: \(check.isBankSeal ? "valid bank seal (签章有效)" : "NOT VALID (签章无效)")")
        print("  intact:      \(check.intact ? "yes" : "no")")
        print("  whole file:  \(check.coversWholeFile ? "yes" : "no")")
        print("  bank root:   \(check.chainedToBankRoot ? "yes" : "no")")
        if let signer = check.signer { print("  signer:      \(signer)") }
        if let fingerprint = check.signerSHA256 { print("  signer sha256: \(fingerprint)") }
        if let problem = check.problem { print("  problem:     \(problem)") }
    }
}
