import Crypto
import _CryptoExtras
import SwiftASN1
import X509

/// A detached CMS `SignedData` (RFC 5652) as PAdES baseline B-B asks (ETSI EN 319 142-1 §6.3,
/// docs/seal.md): SHA-256, signed attributes content type, message digest and ESS
/// signing-certificate-v2 (RFC 5035) — no signing time, which the PDF's `/M` carries — and the
/// whole chain embedded. swift-certificates' own `CMS.sign` writes a signing-time attribute and no
/// signing-certificate-v2, so the structure is written here with swift-asn1.
enum CAdESSignedData {
    static let signedData: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 7, 2]
    static let data: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 7, 1]
    static let sha256: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 2, 1]
    static let contentType: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 3]
    static let messageDigest: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 4]
    static let signingCertificateV2: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 16, 2, 47]
    static let rsaEncryption: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 1, 1]
    static let sha256WithRSA: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 1, 11]
    static let ecdsaWithSHA256: ASN1ObjectIdentifier = [1, 2, 840, 10045, 4, 3, 2]

    /// The DER `ContentInfo` signing `digest` (SHA-256 of the signed bytes) with `key`, whose
    /// certificate is `chain[0]`.
    static func sign(digest: [UInt8], key: Certificate.PrivateKey, chain: [Certificate]) throws -> [UInt8] {
        let signer = chain[0]
        let attributes = try signedAttributes(digest: digest, signer: signer)
        let isRSA = _RSA.Signing.PublicKey(signer.publicKey) != nil
        let algorithm: Certificate.SignatureAlgorithm = isRSA ? .sha256WithRSAEncryption : .ecdsaWithSHA256
        // The signature is over the attributes encoded as a SET (RFC 5652 §5.4).
        let signature = try key.sign(bytes: [0x31] + derLength(attributes.count) + attributes, signatureAlgorithm: algorithm)
            .rawRepresentation
        return try der { coder in
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                try coder.serialize(signedData)
                try coder.appendConstructedNode(identifier: context(0)) { coder in
                    try coder.appendConstructedNode(identifier: .sequence) { coder in
                        try coder.serialize(1)
                        try coder.appendConstructedNode(identifier: .set) { coder in try algorithmIdentifier(sha256, &coder) }
                        try coder.appendConstructedNode(identifier: .sequence) { coder in try coder.serialize(data) }
                        try coder.appendConstructedNode(identifier: context(0)) { coder in
                            for certificate in chain { try coder.serialize(certificate) }
                        }
                        try coder.appendConstructedNode(identifier: .set) { coder in
                            try coder.appendConstructedNode(identifier: .sequence) { coder in
                                try coder.serialize(1)
                                try issuerAndSerial(signer, &coder)
                                try algorithmIdentifier(sha256, &coder)
                                coder.appendConstructedNode(identifier: context(0)) { coder in coder.serializeRawBytes(attributes) }
                                if isRSA { try algorithmIdentifier(rsaEncryption, &coder, null: true) } else { try algorithmIdentifier(ecdsaWithSHA256, &coder) }
                                try coder.serialize(ASN1OctetString(contentBytes: ArraySlice(signature)))
                            }
                        }
                    }
                }
            }
        }
    }

    /// The content of the signed-attributes SET: each attribute DER-encoded, sorted as DER's SET OF asks.
    static func signedAttributes(digest: [UInt8], signer: Certificate) throws -> [UInt8] {
        let certificateHash = Array(SHA256.hash(data: try der { try $0.serialize(signer) }))
        let attributes = [
            try attribute(contentType) { try $0.serialize(data) },
            try attribute(messageDigest) { try $0.serialize(ASN1OctetString(contentBytes: ArraySlice(digest))) },
            try attribute(signingCertificateV2) { coder in
                // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }; the hash algorithm is the default SHA-256.
                try coder.appendConstructedNode(identifier: .sequence) { coder in
                    try coder.appendConstructedNode(identifier: .sequence) { coder in
                        try coder.appendConstructedNode(identifier: .sequence) { coder in
                            try coder.serialize(ASN1OctetString(contentBytes: ArraySlice(certificateHash)))
                            try coder.appendConstructedNode(identifier: .sequence) { coder in
                                try coder.appendConstructedNode(identifier: .sequence) { coder in
                                    try coder.serialize(signer.issuer, explicitlyTaggedWithTagNumber: 4, tagClass: .contextSpecific)
                                }
                                try serialNumber(signer, &coder)
                            }
                        }
                    }
                }
            },
        ]
        return attributes.sorted { $0.lexicographicallyPrecedes($1) }.flatMap { $0 }
    }

    private static func attribute(_ type: ASN1ObjectIdentifier, _ value: (inout DER.Serializer) throws -> Void) throws -> [UInt8] {
        try der { coder in
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                try coder.serialize(type)
                try coder.appendConstructedNode(identifier: .set, value)
            }
        }
    }

    static func issuerAndSerial(_ certificate: Certificate, _ coder: inout DER.Serializer) throws {
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(certificate.issuer)
            try serialNumber(certificate, &coder)
        }
    }

    /// The serial as a DER INTEGER (swift-asn1 adds the leading zero an unsigned value with its top bit set needs).
    private static func serialNumber(_ certificate: Certificate, _ coder: inout DER.Serializer) throws {
        try coder.serialize(certificate.serialNumber.bytes)
    }

    private static func algorithmIdentifier(_ oid: ASN1ObjectIdentifier, _ coder: inout DER.Serializer, null: Bool = false) throws {
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(oid)
            if null { try coder.serialize(ASN1Null()) }
        }
    }

    static func context(_ number: UInt) -> ASN1Identifier { ASN1Identifier(tagWithNumber: number, tagClass: .contextSpecific) }

    static func der(_ build: (inout DER.Serializer) throws -> Void) throws -> [UInt8] {
        var coder = DER.Serializer()
        try build(&coder)
        return coder.serializedBytes
    }

    static func derLength(_ length: Int) -> [UInt8] {
        if length < 0x80 { return [UInt8(length)] }
        var bytes: [UInt8] = []
        var rest = length
        while rest > 0 {
            bytes.insert(UInt8(rest & 0xFF), at: 0)
            rest >>= 8
        }
        return [0x80 | UInt8(bytes.count)] + bytes
    }
}
