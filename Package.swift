// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "creditbank",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "creditbank", targets: ["creditbank"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
    ],
    targets: [
        // System libraries (Debian packages), wrapped as GRDB wraps SQLite.
        .systemLibrary(
            name: "CCairo", pkgConfig: "cairo",
            providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(
            name: "CPango", pkgConfig: "pangocairo",
            providers: [.apt(["libpango1.0-dev"])]),
        .systemLibrary(
            name: "CQREncode", pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]),
        .systemLibrary(
            name: "CLibPQ", pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]),

        // The pure core: domain types and rules, no I/O.
        .target(name: "CreditBankCore", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),

        // Storage adapters: the core's storage ports on SQLite (GRDB) and on PostgreSQL (libpq), one set of statements.
        .target(
            name: "CreditBankStore",
            dependencies: [
                "CreditBankCore", "CLibPQ", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]),

        // Accounts: slow salted password hashes (bcrypt) and random session tokens.
        .target(
            name: "CreditBankAccess",
            dependencies: [
                "CreditBankCore", .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),

        // HTTP adapter: the JSON API, the verification page, sessions, rate limits and metrics (Hummingbird 2).
        .target(
            name: "CreditBankServer",
            dependencies: [
                "CreditBankCore", "CreditBankAccess", "CreditBankBatch",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "MultipartKit", package: "multipart-kit"),
            ]),

        // The bank's seal: PAdES signatures (CMS written with swift-asn1) over the issued PDFs, and their checks.
        .target(
            name: "CreditBankSeal",
            dependencies: [
                "CreditBankCore", "DocumentRender",
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]),

        // Batch printing: plans, parts on every renderer thread, resumable assembly into one PDF or a ZIP.
        .target(
            name: "CreditBankBatch",
            dependencies: ["CreditBankCore", "CreditBankDocuments", "DocumentLayout", "DocumentRender"]),

        // Render adapter: the core's DocumentRendering port over templates and the renderer pool.
        .target(
            name: "CreditBankDocuments",
            dependencies: ["CreditBankCore", "DocumentLayout", "DocumentRender", .product(name: "Yams", package: "Yams")]),

        // Templates → validated template → pages of positioned items (pure; text measured via a protocol).
        .target(
            name: "DocumentLayout",
            dependencies: [.product(name: "Yams", package: "Yams")]),

        // Pages → PDF/PNG bytes with cairo, Pango and libqrencode.
        .target(
            name: "DocumentRender",
            dependencies: ["DocumentLayout", "CCairo", "CPango", "CQREncode"]),

        // The one executable.
        .executableTarget(
            name: "creditbank",
            dependencies: [
                "CreditBankCore", "CreditBankStore", "CreditBankDocuments", "CreditBankAccess", "CreditBankServer", "CreditBankBatch",
                "CreditBankSeal", "DocumentLayout",
                "DocumentRender", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),

        .testTarget(name: "CreditBankCoreTests", dependencies: ["CreditBankCore"]),
        .testTarget(
            name: "CreditBankStoreTests",
            dependencies: ["CreditBankStore", "CreditBankCore", "CreditBankDocuments"]),
        .testTarget(
            name: "CreditBankServerTests",
            dependencies: [
                "CreditBankServer", "CreditBankStore", "CreditBankCore", "CreditBankAccess", "CreditBankDocuments", "CreditBankBatch",
                "CreditBankSeal", "DocumentRender",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Yams", package: "Yams"),
            ]),
        .testTarget(name: "DocumentLayoutTests", dependencies: ["DocumentLayout"]),
        .testTarget(
            name: "DocumentRenderTests",
            dependencies: ["DocumentRender", "DocumentLayout", "CreditBankCore"]),
    ],
    swiftLanguageModes: [.v6]
)
