import CreditBankCore
import Foundation
import Hummingbird

extension VerificationBody {
    /// The answer as `JSONResponse.make` would encode it, written by hand (issue 18: this answer is
    /// the busiest JSON the service writes, and Codable's containers cost more than the look-up).
    /// Keys in sorted order; `sealCertificates` is written once per process (`sealJSON`).
    func json(sealJSON: ByteBuffer) -> ByteBuffer {
        var out = JSONBufferWriter(capacity: 1024 + sealJSON.readableBytes)
        out.openObject()
        out.field("code", code)
        out.key("content")
        out.openArray()
        for line in content {
            out.openObject()
            out.field("label", line.label)
            out.field("labelEn", line.labelEn)
            out.field("value", line.value)
            out.closeObject()
        }
        out.closeArray()
        out.field("expiresAt", expiresAt)
        out.field("genuine", genuine)
        out.field("holderIdMasked", holderIdMasked)
        out.field("holderName", holderName)
        out.field("issuedAt", issuedAt)
        out.field("issuer", issuer)
        out.field("kind", kind)
        out.field("kindName", kindName)
        out.field("kindNameEn", kindNameEn)
        out.field("revokedAt", revokedAt)
        out.field("revokedReason", revokedReason)
        out.key("sealCertificates")
        out.raw(sealJSON)
        out.field("sha256", sha256)
        out.field("status", status)
        out.field("statusName", statusName)
        out.field("supersededByCode", supersededByCode)
        out.closeObject()
        return out.buffer
    }

    /// The `sealCertificates` array as JSON, made once for every answer.
    static func sealJSON(_ seal: PublishedSeal) -> ByteBuffer {
        var out = JSONBufferWriter(capacity: 256 * (seal.entries.count + 1))
        out.openArray()
        for entry in seal.entries {
            out.openObject()
            out.field("notValidAfter", entry.notValidAfter)
            out.field("role", entry.role)
            out.field("sha256", entry.sha256)
            out.field("subject", entry.subject)
            out.closeObject()
        }
        out.closeArray()
        return out.buffer
    }
}
