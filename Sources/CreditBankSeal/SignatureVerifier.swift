import CreditBankCore
import Crypto
import DocumentRender
import Foundation
import SwiftASN1
import X509

/// Checks the signature of a PDF as a validator does (docs/seal.md): the CMS value's message
/// digest against the signed byte ranges, the signer's signature over the signed attributes, the
/// ranges against the file's length, and the signer's certificate up to a root the bank trusts.
struct SignatureVerifier: Sendable {
    /// Roots the bank trusts: the current one and every one an earlier seal chained to.
    let trustedRoots: [Certificate]

    func check(_ file: [UInt8]) -> SignatureCheck {
        let fields = PDFSignatureField.all(in: file)
        guard let field = fields.last else { return .unsigned }
        var result = SignatureCheck(
            signed: true, intact: false, coversWholeFile: field.coversWholeFile(ofLength: file.count), signer: nil, signerSHA256: nil,
            chainedToBankRoot: false, problem: nil)
        do {
            let parsed = try ParsedSignedData(der: field.contents)
            result.signer = parsed.signer.subject.description
            result.signerSHA256 = Self.fingerprint(parsed.signer)
            let digest = Array(SHA256.hash(data: field.signedBytes(of: file)))
            if parsed.messageDigest != digest {
                result.problem = "the signed bytes were changed after signing (message digest does not match)"
            } else if !parsed.signer.publicKey.isValidSignature(parsed.signature, for: parsed.signedAttributes, signatureAlgorithm: parsed.algorithm) {
                result.problem = "the signature value does not match the signer's certificate"
            } else {
                result.intact = true
            }
            result.chainedToBankRoot = chains(parsed.signer, through: parsed.certificates)
            if result.problem == nil {
                if !result.coversWholeFile {
                    result.problem = "bytes were added after the signature"
                } else if fields.count > 1 {
                    result.problem = "the file holds \(fields.count) signatures; only the last was checked"
                } else if !result.chainedToBankRoot {
                    result.problem = "the signer's certificate does not chain to a root this bank trusts"
                }
            }
        } catch {
            result.problem = "the signature value cannot be read: \(error)"
        }
        return result
    }

    /// Whether `certificate` leads, through `intermediates`, to a trusted root, each link's signature checked.
    func chains(_ certificate: Certificate, through intermediates: [Certificate]) -> Bool {
        var current = certificate
        for _ in 0..<8 {
            if trustedRoots.contains(current) { return true }
            let issuers = (trustedRoots + intermediates).filter { $0.subject == current.issuer && $0 != current }
            guard let issuer = issuers.first(where: { $0.publicKey.isValidSignature(current.signature, for: current) }) else { return false }
            current = issuer
        }
        return false
    }

    /// Lower-case hex SHA-256 of the certificate's DER bytes.
    static func fingerprint(_ certificate: Certificate) -> String {
        var coder = DER.Serializer()
        try? coder.serialize(certificate)
        return Hex.lowercase(SHA256.hash(data: coder.serializedBytes))
    }
}

/// The parts of a detached CMS `SignedData` a check needs.
struct ParsedSignedData {
    var certificates: [Certificate] = []
    var signer: Certificate
    var signedAttributes: [UInt8]
    var messageDigest: [UInt8]
    var signature: [UInt8]
    var algorithm: Certificate.SignatureAlgorithm

    struct Unreadable: Error, CustomStringConvertible {
        var description: String
    }

    init(der: [UInt8]) throws {
        // The value is zero-padded to its placeholder: parse only the outer element.
        guard der.count > 2, der[0] == 0x30 else { throw Unreadable(description: "not a DER sequence") }
        let outer = try DER.parse(Self.firstElement(der))
        let contentInfo = try Self.children(outer)
        guard contentInfo.count == 2, try ASN1ObjectIdentifier(derEncoded: contentInfo[0]) == CAdESSignedData.signedData else {
            throw Unreadable(description: "not CMS signed data")
        }
        guard let signedData = try Self.children(contentInfo[1]).first else { throw Unreadable(description: "empty signed data") }
        let parts = try Self.children(signedData)
        var signerInfos: ASN1Node?
        var certificates: [Certificate] = []
        for part in parts {
            if part.identifier == CAdESSignedData.context(0) {
                certificates = try Self.children(part).map { try Certificate(derEncoded: $0) }
            } else if part.identifier == .set {
                signerInfos = part
            }
        }
        guard let signerInfos, let info = try Self.children(signerInfos).first else { throw Unreadable(description: "no signer") }
        let fields = try Self.children(info)
        guard fields.count >= 5 else { throw Unreadable(description: "short signer info") }
        let sid = try Self.children(fields[1])
        guard sid.count == 2, sid[1].identifier == .integer, case .primitive(let serialBytes) = sid[1].content else {
            throw Unreadable(description: "signer named by key id")
        }
        let serial = Certificate.SerialNumber(bytes: serialBytes).bytes
        let issuer = try DistinguishedName(derEncoded: sid[0])
        guard let signer = certificates.first(where: { $0.issuer == issuer && $0.serialNumber.bytes == serial }) else {
            throw Unreadable(description: "the signer's certificate is not embedded")
        }
        guard let attributes = fields.first(where: { $0.identifier == CAdESSignedData.context(0) }) else {
            throw Unreadable(description: "no signed attributes")
        }
        var encoded = Array(attributes.encodedBytes)
        encoded[0] = 0x31
        var digest: [UInt8]?
        for attribute in try Self.children(attributes) {
            let pair = try Self.children(attribute)
            guard pair.count == 2, try ASN1ObjectIdentifier(derEncoded: pair[0]) == CAdESSignedData.messageDigest,
                let value = try Self.children(pair[1]).first
            else { continue }
            digest = Array(try ASN1OctetString(derEncoded: value).bytes)
        }
        guard let digest else { throw Unreadable(description: "no message digest attribute") }
        guard let signatureNode = fields.last, signatureNode.identifier == .octetString else { throw Unreadable(description: "no signature value") }
        let algorithmOID = try ASN1ObjectIdentifier(derEncoded: try Self.children(fields[fields.count - 2])[0])
        switch algorithmOID {
        case CAdESSignedData.rsaEncryption, CAdESSignedData.sha256WithRSA: algorithm = .sha256WithRSAEncryption
        case CAdESSignedData.ecdsaWithSHA256: algorithm = .ecdsaWithSHA256
        default: throw Unreadable(description: "unsupported signature algorithm \(algorithmOID)")
        }
        self.certificates = certificates
        self.signer = signer
        signedAttributes = encoded
        messageDigest = digest
        signature = Array(try ASN1OctetString(derEncoded: signatureNode).bytes)
    }

    private static func children(_ node: ASN1Node) throws -> [ASN1Node] {
        guard case .constructed(let nodes) = node.content else { throw Unreadable(description: "expected a constructed element") }
        return Array(nodes)
    }

    /// The first DER element of `bytes` (the padding after it dropped).
    private static func firstElement(_ bytes: [UInt8]) throws -> [UInt8] {
        var length = Int(bytes[1])
        var header = 2
        if length & 0x80 != 0 {
            let count = length & 0x7F
            guard count <= 4, bytes.count > 2 + count else { throw Unreadable(description: "bad length") }
            length = bytes[2..<(2 + count)].reduce(0) { $0 << 8 | Int($1) }
            header += count
        }
        guard header + length <= bytes.count else { throw Unreadable(description: "cut short") }
        return Array(bytes[0..<(header + length)])
    }
}
