import CreditBankCore
import Crypto
import DocumentRender
import Foundation
import SwiftASN1
import X509

/// The bank's electronic seal (docs/seal.md): a signing key, its certificate chain and the roots the
/// bank trusts. Implements the core's `DocumentSealing` port: every issued PDF gets a PAdES
/// baseline B-B signature appended as an incremental update.
public struct BankSeal: DocumentSealing {
    let key: Certificate.PrivateKey
    /// The seal certificate first, then its issuers up to the root.
    let chain: [Certificate]
    let verifier: SignatureVerifier
    /// The issuer's name, printed in the signature dictionary.
    let signerName: String
    /// The size of the CMS value, known once: it depends only on the chain and the key.
    let valueLength: Int
    /// The certificates as every verification answer lists them, made once (fingerprints and PEM
    /// cost more than the look-up itself).
    public let published: PublishedSeal

    /// A seal over `key` and `chain` (seal certificate first), trusting `chain`'s last certificate and `olderRoots`.
    /// - Throws: `SealError` when the key does not match the certificate or the chain is broken.
    public init(key: Certificate.PrivateKey, chain: [Certificate], olderRoots: [Certificate] = []) throws {
        guard let leaf = chain.first, let root = chain.last else { throw SealError("the seal has no certificate") }
        guard key.publicKey == leaf.publicKey else { throw SealError("the private key does not belong to the seal certificate") }
        for (certificate, issuer) in zip(chain, chain.dropFirst()) {
            guard certificate.issuer == issuer.subject, issuer.publicKey.isValidSignature(certificate.signature, for: certificate) else {
                throw SealError("the chain is broken: \(certificate.subject) is not signed by \(issuer.subject)")
            }
        }
        self.key = key
        self.chain = chain
        verifier = SignatureVerifier(trustedRoots: [root] + olderRoots.filter { $0 != root })
        signerName = leaf.subject.description
        valueLength = try CAdESSignedData.sign(digest: Array(repeating: 0, count: 32), key: key, chain: chain).count
        published = Self.publish(chain: chain, trustedRoots: verifier.trustedRoots)
    }

    public func seal(_ pdf: [UInt8], signedAt: Date) throws -> [UInt8] {
        var slot = try PDFSignatureSlot(pdf, fields: fields(signedAt), contentsLength: valueLength)
        var hash = SHA256()
        for range in slot.signedRanges { hash.update(data: slot.bytes[range]) }
        try slot.fill(try CAdESSignedData.sign(digest: Array(hash.finalize()), key: key, chain: chain))
        return slot.bytes
    }

    /// Signs the file where it lies, reading it in chunks: the same bytes as `seal` gives, with
    /// memory that does not grow with the file.
    public func sealFile(at path: String, signedAt: Date) throws {
        let slot = try PDFFileSignatureSlot(appendingTo: path, fields: fields(signedAt), contentsLength: valueLength)
        var hash = SHA256()
        try slot.readSignedBytes { hash.update(bufferPointer: $0) }
        try slot.fill(try CAdESSignedData.sign(digest: Array(hash.finalize()), key: key, chain: chain))
    }

    private func fields(_ signedAt: Date) -> PDFSignatureSlot.Fields {
        .init(name: Self.commonName(of: chain[0]) ?? signerName, reason: "学分银行签发 / Issued by the credit bank", location: "CN", time: signedAt)
    }

    public func check(_ pdf: [UInt8]) -> SignatureCheck { verifier.check(pdf) }

    static func publish(chain: [Certificate], trustedRoots: [Certificate]) -> PublishedSeal {
        let roles = chain.indices.map { $0 == 0 ? "seal" : $0 == chain.count - 1 ? "root" : "intermediate" }
        let older = trustedRoots.filter { !chain.contains($0) }
        let all = zip(chain, roles).map { ($0, $1) } + older.map { ($0, "earlier root") }
        return PublishedSeal(
            entries: all.map {
                .init(role: $0.1, subject: $0.0.subject.description, sha256: SignatureVerifier.fingerprint($0.0), notValidAfter: $0.0.notValidAfter)
            },
            pem: all.compactMap { try? $0.0.serializeAsPEM().pemString }.joined(separator: "\n") + "\n")
    }

    static func commonName(of certificate: Certificate) -> String? {
        for rdn in certificate.subject {
            for attribute in rdn where attribute.type == .RDNAttributeType.commonName {
                return String(describing: attribute.value)
            }
        }
        return nil
    }
}

/// Why the seal cannot be made, read or used.
public struct SealError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
