import ArgumentParser
import CreditBankCore
import Foundation

/// `creditbank demo --db PATH`: a database with realistic sample data.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Create a demo database: institutions, a catalog, rules, staff, learners, applications in every state and a certificate.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var resources: ResourceOptions

    func run() async throws {
        let service = try await database.service(resources: resources, makeSeal: true)
        let empty = try await service.storage.read { db in try db.institutions().isEmpty }
        if empty {
            for line in try await DemoData(service: service).build() { print("demo: \(line)") }
            print("demo: database ready at \(DatabaseOptions.redacted(database.db))")
        } else {
            print("demo: \(DatabaseOptions.redacted(database.db)) already has data; left as it is")
        }
        print("demo accounts (role, login, password):")
        for account in DemoData.accounts {
            print(
                "  \(account.role.padding(toLength: 12, withPad: " ", startingAt: 0)) \(account.login.padding(toLength: 14, withPad: " ", startingAt: 0)) \(account.password)   \(account.note)"
            )
        }
    }
}
