import ArgumentParser
import CreditBankCore
import CreditBankSeal
import Foundation

/// `creditbank seal init|import|show` (docs/seal.md): the bank's signing key and certificates, kept in
/// `seal/` beside the database with the key readable by its owner only.
struct SealCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seal", abstract: "Set up, import or show the bank's seal (the certificate that signs every issued PDF).",
        subcommands: [Init.self, Import.self, Show.self])

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make the bank's root certificate and a seal certificate under it (with --roll: a new seal under the same root).")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "The issuing body's name, in the certificates.")
        var issuer = CreditBankService.Settings().issuerName
        @Flag(help: "Replace the current seal by a new one under the same root; documents it signed stay verifiable.")
        var roll = false

        func run() throws {
            do {
                let seal = try database.sealFolder.create(issuer: issuer, roll: roll)
                print(roll ? "seal rolled in \(database.sealFolder.url.path)" : "seal made in \(database.sealFolder.url.path)")
                printEntries(seal.published.entries)
            } catch let error as SealError { throw CLIError(error.description) }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Use a key and certificate chain from a CA: --key and --chain (PEM), or --pkcs12 FILE (password in $CREDITBANK_P12_PASSWORD).")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "The private key (PEM: PKCS#8, RSA or EC).")
        var key: String?
        @Option(help: "The seal certificate and its issuers (PEM, any order).")
        var chain: String?
        @Option(help: "A PKCS#12 file holding the key and the chain.")
        var pkcs12: String?

        func validate() throws {
            guard (pkcs12 != nil) != (key != nil || chain != nil), pkcs12 != nil || (key != nil && chain != nil) else {
                throw ValidationError("give --key and --chain, or --pkcs12")
            }
        }

        func run() throws {
            do {
                let seal: BankSeal
                if let pkcs12 {
                    let pem = try SealFolder.pemFromPKCS12(pkcs12, password: ProcessInfo.processInfo.environment["CREDITBANK_P12_PASSWORD"] ?? "")
                    seal = try database.sealFolder.importSeal(keyPEM: pem, chainPEM: pem)
                } else {
                    guard let keyText = try? String(contentsOfFile: key!, encoding: .utf8) else { throw CLIError("cannot read \(key!)") }
                    guard let chainText = try? String(contentsOfFile: chain!, encoding: .utf8) else { throw CLIError("cannot read \(chain!)") }
                    seal = try database.sealFolder.importSeal(keyPEM: keyText, chainPEM: chainText)
                }
                print("seal imported into \(database.sealFolder.url.path)")
                printEntries(seal.published.entries)
            } catch let error as SealError { throw CLIError(error.description) }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the seal's certificates: subject, validity and SHA-256 fingerprint.")
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            printEntries(try database.seal().published.entries)
        }
    }
}

private func printEntries(_ entries: [PublishedSeal.Entry]) {
    for entry in entries {
        print("\(entry.role):")
        print("  subject:     \(entry.subject)")
        print("  valid until: \(SnapshotCoding.timestamp(entry.notValidAfter))")
        print("  sha256:      \(entry.sha256)")
    }
}
