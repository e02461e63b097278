@testable import CreditBankCore
import Foundation
import Hummingbird
import Testing

@testable import CreditBankServer

/// The verification answer is written by hand (`VerificationBody.json`, issue 18): it must be the
/// very bytes Foundation's encoder writes for the same body, for every status and for text that
/// needs escaping.
@Suite("Verification JSON")
struct VerificationJSONTests {
    static let awkward = [
        "张三", "O'Brien \"Bob\"", "back\\slash/and/slashes", "tab\there\nnew line\r\u{08}\u{0C}", "\u{01}\u{1F}\u{7F}",
        "𠀀𪚥 emoji 😀", "\u{2028}\u{2029}", "",
    ]

    static func answer(status: DocumentStatus, text: String, expires: Date?, newer: VerificationCode?) -> VerificationAnswer {
        VerificationAnswer(
            code: VerificationCode.generate(using: SystemRandomSource()), kind: .conversionCertificate, status: status,
            issuerName: "国家开放大学学分银行 " + text, issuedAt: Date(timeIntervalSince1970: 1_780_000_000.734),
            expiresAt: expires,
            summary: PublicSummary(
                holderName: text, holderIDMasked: "1101**********1234",
                lines: [.init("转换规则", "Rule", text), .init("学分", "Credits", "4"), .init(text, text, text)]),
            sha256: String(repeating: "ab", count: 32), supersededByCode: newer)
    }

    @Test("byte for byte what JSONEncoder writes: valid, revoked, superseded, expired; escapes; with and without seal certificates")
    func sameBytesAsFoundation() throws {
        let seals = [
            PublishedSeal(entries: [], pem: ""),
            PublishedSeal(
                entries: [
                    .init(role: "seal", subject: "CN=学分银行 \"seal\"", sha256: "00ff", notValidAfter: Date(timeIntervalSince1970: 1_900_000_000.5)),
                    .init(role: "root", subject: "CN=Root/CA", sha256: "11ee", notValidAfter: Date(timeIntervalSince1970: 2_000_000_000)),
                ], pem: "-"),
        ]
        let newer = VerificationCode.generate(using: SystemRandomSource())
        let statuses: [DocumentStatus] = [
            .valid, .revoked(reason: "颁发错误 \"wrong\"\n", at: Date(timeIntervalSince1970: 1_790_000_000.999)),
            .superseded(by: DocumentID(7)), .expired(at: Date(timeIntervalSince1970: 1_785_000_000)),
        ]
        var compared = 0
        for seal in seals {
            for status in statuses {
                for text in Self.awkward {
                    for expires in [nil, Date(timeIntervalSince1970: 1_785_000_000.25)] {
                        let body = VerificationBody(
                            Self.answer(status: status, text: text, expires: expires, newer: status == .valid ? nil : newer), seal: seal)
                        let expected = String(decoding: try JSONResponse.encoder.encode(body), as: UTF8.self)
                        let written = String(buffer: body.json(sealJSON: VerificationBody.sealJSON(seal)))
                        #expect(written == expected, "status \(status), text \(text.debugDescription)")
                        compared += 1
                    }
                }
            }
        }
        #expect(compared == 2 * 4 * Self.awkward.count * 2)
    }

    @Test("every ASCII control and punctuation character escaped as Foundation escapes it")
    func everyASCIICharacter() throws {
        let text = String(decoding: (0..<128).map { UInt8($0) }, as: UTF8.self)
        let body = VerificationBody(Self.answer(status: .valid, text: text, expires: nil, newer: nil), seal: PublishedSeal(entries: [], pem: ""))
        let expected = String(decoding: try JSONResponse.encoder.encode(body), as: UTF8.self)
        #expect(String(buffer: body.json(sealJSON: VerificationBody.sealJSON(PublishedSeal(entries: [], pem: "")))) == expected)
        #expect(expected.contains("\\u0001"), "the sample must contain an escaped control character")
    }

    @Test("dates as JSONEncoder's ISO 8601 writes them: 20,000 instants from 1970 to 2200, fractions of a second, leap days, year ends")
    func datesAsFoundation() throws {
        struct Stamp: Encodable { var at: Date }
        var random = SystemRandomNumberGenerator()
        var instants: [TimeInterval] = [0, 0.999, 59.9999, 951_782_400, 951_868_799.5, 1_709_164_800, 1_798_761_599.999_9, 7_258_118_399, 7_258_118_400]
        for _ in 0..<20_000 { instants.append(Double.random(in: 0..<7_258_118_400, using: &random)) }
        var compared = 0
        for instant in instants {
            let date = Date(timeIntervalSince1970: instant)
            var bytes: [UInt8] = []
            #expect(ISO8601Bytes.append(date, to: &bytes))
            let expected = String(decoding: try JSONResponse.encoder.encode(Stamp(at: date)), as: UTF8.self)
            #expect("{\"at\":\"" + String(decoding: bytes, as: UTF8.self) + "\"}" == expected, "\(instant)")
            compared += 1
        }
        #expect(compared == 20_009)
    }
}
