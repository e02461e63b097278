import ArgumentParser
import CreditBankCore

/// `creditbank code`: make or check verification codes (for support staff and tests).
struct CodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "code", abstract: "Generate a verification code, or check one typed by a person.")

    @Argument(help: "A code to check; omit to generate a new one.")
    var code: String?

    func run() throws {
        guard let code else {
            print(VerificationCode.generate(using: SystemRandomSource()).formatted)
            return
        }
        do {
            print(try VerificationCode(parsing: code).formatted)
        } catch {
            throw CLIError(error.description)
        }
    }
}
