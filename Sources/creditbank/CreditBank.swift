import ArgumentParser

/// The one executable of the credit bank document service.
@main
struct CreditBank: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "creditbank",
        abstract: "Credit bank (学分银行) document service: certificates, proofs and transcripts with online verification.",
        subcommands: [
            ServeCommand.self, DemoCommand.self, BatchCommand.self, SeedCertificatesCommand.self, DocumentBenchCommand.self, ImportCommand.self, StaffCommand.self, SealCommand.self, SeedRegistryCommand.self, RenderCommand.self,
            CodeCommand.self, BenchCommand.self,
            VerifyCommand.self, MigrateDataCommand.self, CrashWorkerCommand.self, StoreBenchCommand.self,
        ])
}
