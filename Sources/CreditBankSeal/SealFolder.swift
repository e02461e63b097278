import Crypto
import _CryptoExtras
import Foundation
import SwiftASN1
import X509

/// Where the bank's seal lives (docs/seal.md): `seal/` in the data folder, beside the database.
///
/// - `seal.key.pem` — the seal's private key (owner-only, never logged or served);
/// - `seal.chain.pem` — the seal certificate, then its issuers up to the root;
/// - `root.key.pem` — the bank's own root key, only when `seal init` made the root (to roll the seal);
/// - `trusted-roots.pem` — roots of earlier seals, so that documents they signed stay verifiable.
public struct SealFolder: Sendable {
    public let url: URL

    /// The seal folder at `url`.
    public init(url: URL) { self.url = url }

    /// The seal folder beside the database file `databasePath`.
    public init(besideDatabase databasePath: String) {
        url = URL(fileURLWithPath: databasePath).deletingLastPathComponent().appendingPathComponent("seal")
    }

    var keyFile: URL { url.appendingPathComponent("seal.key.pem") }
    var chainFile: URL { url.appendingPathComponent("seal.chain.pem") }
    var rootKeyFile: URL { url.appendingPathComponent("root.key.pem") }
    var trustedFile: URL { url.appendingPathComponent("trusted-roots.pem") }

    /// Whether a seal is set up.
    public var exists: Bool { FileManager.default.fileExists(atPath: keyFile.path) }

    /// The seal, or a message naming the command that sets one up.
    /// - Throws: `SealError`.
    public func load() throws -> BankSeal {
        guard exists else {
            throw SealError("no seal in \(url.path): run `creditbank seal init` (or `seal import`) with the same --db first")
        }
        do {
            let key = try Certificate.PrivateKey(pemEncoded: String(contentsOf: keyFile, encoding: .utf8))
            let chain = try Self.certificates(in: String(contentsOf: chainFile, encoding: .utf8))
            let older = FileManager.default.fileExists(atPath: trustedFile.path)
                ? try Self.certificates(in: String(contentsOf: trustedFile, encoding: .utf8)) : []
            return try BankSeal(key: key, chain: chain, olderRoots: older)
        } catch let error as SealError {
            throw error
        } catch {
            throw SealError("cannot read the seal in \(url.path): \(error)")
        }
    }

    /// Makes the bank's root and a seal under it (`seal init`), or, with `roll`, a new seal under
    /// the existing root (whose documents keep verifying).
    /// - Throws: `SealError` when a seal exists and `roll` is false, or rolling has no root key.
    @discardableResult
    public func create(issuer: String, now: Date = Date(), roll: Bool = false, keyBits: Int = 3072) throws -> BankSeal {
        let bits: _RSA.Signing.KeySize = keyBits >= 3072 ? .bits3072 : .bits2048
        let rootKey: Certificate.PrivateKey
        let root: Certificate
        if exists {
            guard roll else { throw SealError("a seal already exists in \(url.path); pass --roll to make a new one under the same root") }
            guard FileManager.default.fileExists(atPath: rootKeyFile.path) else {
                throw SealError("the root was imported from a CA: import the new seal with `seal import` instead")
            }
            let current = try load()
            rootKey = try Certificate.PrivateKey(pemEncoded: String(contentsOf: rootKeyFile, encoding: .utf8))
            root = current.chain.last!
            try retire(current)
        } else {
            rootKey = Certificate.PrivateKey(try _RSA.Signing.PrivateKey(keySize: bits))
            let name = try DistinguishedName {
                CountryName("CN")
                OrganizationName(issuer)
                CommonName("\(issuer) 根证书 Root CA")
            }
            root = try Certificate(
                version: .v3, serialNumber: Self.serialNumber(), publicKey: rootKey.publicKey, notValidBefore: now.addingTimeInterval(-3600),
                notValidAfter: now.addingTimeInterval(25 * 365.25 * 86400), issuer: name, subject: name,
                signatureAlgorithm: .sha256WithRSAEncryption,
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                    Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                    SubjectKeyIdentifier(hash: rootKey.publicKey)
                },
                issuerPrivateKey: rootKey)
        }
        let sealKey = Certificate.PrivateKey(try _RSA.Signing.PrivateKey(keySize: .bits2048))
        let subject = try DistinguishedName {
            CountryName("CN")
            OrganizationName(issuer)
            CommonName("\(issuer) 电子印章")
        }
        let rootKeyID = try root.extensions.subjectKeyIdentifier?.keyIdentifier
        let seal = try Certificate(
            version: .v3, serialNumber: Self.serialNumber(), publicKey: sealKey.publicKey, notValidBefore: now.addingTimeInterval(-3600),
            notValidAfter: now.addingTimeInterval(10 * 365.25 * 86400), issuer: root.subject, subject: subject,
            signatureAlgorithm: .sha256WithRSAEncryption,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true, nonRepudiation: true))
                SubjectKeyIdentifier(hash: sealKey.publicKey)
                AuthorityKeyIdentifier(keyIdentifier: rootKeyID)
            },
            issuerPrivateKey: rootKey)
        let made = try BankSeal(key: sealKey, chain: [seal, root], olderRoots: try previousRoots())
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try writeSecret(try rootKey.serializeAsPEM().pemString, to: rootKeyFile)
        try writeSecret(try sealKey.serializeAsPEM().pemString, to: keyFile)
        try write([seal, root], to: chainFile)
        return made
    }

    /// Takes a key and chain from a CA (`seal import`): PEM files, or one PKCS#12 file (read with
    /// Debian's `openssl pkcs12`). The previous seal's root stays trusted.
    /// - Throws: `SealError` for an unreadable file, a key that does not match, a broken chain.
    @discardableResult
    public func importSeal(keyPEM: String, chainPEM: String) throws -> BankSeal {
        let key: Certificate.PrivateKey
        let chain: [Certificate]
        do {
            key = try Certificate.PrivateKey(pemEncoded: try Self.pemBlock(in: keyPEM, labels: ["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"]))
            chain = try Self.certificates(in: chainPEM)
        } catch let error as SealError { throw error } catch { throw SealError("cannot read the key or certificates: \(error)") }
        guard let leaf = chain.first(where: { $0.publicKey == key.publicKey }) else {
            throw SealError("no certificate in the chain belongs to the private key")
        }
        let ordered = try Self.order(chain, from: leaf)
        var older = try previousRoots()
        if exists { older.append(contentsOf: try load().verifier.trustedRoots) }
        let made = try BankSeal(key: key, chain: ordered, olderRoots: older)
        if exists { try retire(try load()) }
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try? FileManager.default.removeItem(at: rootKeyFile)
        try writeSecret(try key.serializeAsPEM().pemString, to: keyFile)
        try write(ordered, to: chainFile)
        return made
    }

    /// Reads a PKCS#12 file into PEM text with `openssl pkcs12 -nodes`.
    /// - Throws: `SealError` when openssl refuses it (wrong password, unreadable file).
    public static func pemFromPKCS12(_ path: String, password: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = ["pkcs12", "-in", path, "-nodes", "-passin", "env:CREDITBANK_P12_PASSWORD"]
        process.environment = ["CREDITBANK_P12_PASSWORD": password, "PATH": "/usr/bin:/bin"]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch { throw SealError("cannot run /usr/bin/openssl to read \(path): \(error)") }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw SealError("cannot read PKCS#12 file \(path): \(message.split(separator: "\n").first ?? "openssl failed")")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// The chain from `leaf` upwards, each issuer found by name and signature.
    static func order(_ certificates: [Certificate], from leaf: Certificate) throws -> [Certificate] {
        var ordered = [leaf]
        while let last = ordered.last, last.issuer != last.subject {
            guard let issuer = certificates.first(where: { $0.subject == last.issuer && !ordered.contains($0) }) else {
                throw SealError("the chain stops at \(last.subject): add its issuer's certificate (\(last.issuer))")
            }
            ordered.append(issuer)
        }
        return ordered
    }

    private func previousRoots() throws -> [Certificate] {
        guard FileManager.default.fileExists(atPath: trustedFile.path) else { return [] }
        return try Self.certificates(in: String(contentsOf: trustedFile, encoding: .utf8))
    }

    /// Keeps the current seal's roots trusted after it is replaced.
    private func retire(_ seal: BankSeal) throws {
        var roots = try previousRoots()
        for root in seal.verifier.trustedRoots where !roots.contains(root) { roots.append(root) }
        try write(roots, to: trustedFile)
    }

    private func write(_ certificates: [Certificate], to file: URL) throws {
        let text = try certificates.map { try $0.serializeAsPEM().pemString }.joined(separator: "\n") + "\n"
        try Data(text.utf8).write(to: file, options: .atomic)
    }

    /// Writes a key readable by the owner only (created with that mode, never wider for a moment).
    private func writeSecret(_ text: String, to file: URL) throws {
        let temporary = file.appendingPathExtension("tmp")
        try? FileManager.default.removeItem(at: temporary)
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw SealError("cannot write \(file.path)")
        }
        guard rename(temporary.path, file.path) == 0 else { throw SealError("cannot write \(file.path)") }
    }

    /// A random positive serial of at most 20 octets as encoded (RFC 5280 §4.1.2.2): 19 random bytes
    /// after a first byte below 0x80. (swift-certificates' random serial sometimes needs a 21st octet
    /// for the sign, and NSS — pdfsig, Firefox — then cannot find the signer's certificate.)
    public static func serialNumber() -> Certificate.SerialNumber {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<20).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[0] = UInt8.random(in: 1...0x7F, using: &generator)
        return Certificate.SerialNumber(bytes: bytes)
    }

    /// Every certificate in PEM text.
    static func certificates(in text: String) throws -> [Certificate] {
        try PEMDocument.parseMultiple(pemString: text).filter { $0.discriminator == "CERTIFICATE" }.map { try Certificate(pemDocument: $0) }
    }

    private static func pemBlock(in text: String, labels: [String]) throws -> String {
        for document in try PEMDocument.parseMultiple(pemString: text) where labels.contains(document.discriminator) {
            return document.pemString
        }
        throw SealError("no private key (PEM \(labels.joined(separator: " / "))) in the key file")
    }
}
