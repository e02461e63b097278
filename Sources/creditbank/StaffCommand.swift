import ArgumentParser
import CreditBankAccess
import CreditBankCore
import Foundation

/// `creditbank staff add`: staff accounts are made here, never through the API.
struct StaffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff", abstract: "Manage staff accounts.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a staff account; the password is read from standard input (never from the command line).")

        @Option(help: "admin, institution or expert.")
        var role: String
        @Option(help: "Login name (letters, digits, '.', '_', '-').")
        var username: String
        @Option(help: "Institution code (institution reviewers only).")
        var institution: String?
        @Option(help: "Name shown on review records.")
        var displayName: String?
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard ["admin", "institution", "expert"].contains(role) else {
                throw ValidationError("--role must be admin, institution or expert")
            }
            if role == "institution" && institution == nil { throw ValidationError("an institution reviewer needs --institution CODE") }
            if role != "institution" && institution != nil { throw ValidationError("--institution is only for --role institution") }
        }

        func run() async throws {
            if isatty(STDIN_FILENO) != 0 { FileHandle.standardError.write(Data("Password: ".utf8)) }
            guard let password = readLine(strippingNewline: true) else { throw CLIError("no password on standard input") }
            do { try Passwords.validate(password) } catch { throw CLIError(error.description) }
            let service = CreditBankService(storage: try await database.open(), renderer: NoRendering())
            do {
                let staff = try await service.addStaff(
                    username: username, displayName: displayName, role: role, institutionCode: institution,
                    passwordHash: Passwords.hash(password))
                print("added \(staff.role.name) \(staff.username) (id \(staff.id))")
            } catch let error as CreditBankError {
                FileHandle.standardError.write(Data("error: \(error)\n".utf8))
                throw ExitCode(error.exitCode)
            }
        }
    }
}
