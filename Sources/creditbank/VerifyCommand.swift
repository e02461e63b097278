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
        let service = CreditBankService(storage: try database.open(), renderer: NoRendering())
        let answer: VerificationAnswer
        if input.lowercased().hasSuffix(".pdf") {
            guard let data = FileManager.default.contents(atPath: input) else { throw CLIError("cannot read \(input)") }
            guard let found = try await service.verify(pdf: Array(data)) else {
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
}
