import CreditBankCore
import Foundation
import Testing

@testable import CreditBankStore

/// The public summary is read without Codable on the verification path (issue 18); it must give
/// exactly what `JSONDecoder` gives, and leave anything unexpected to `JSONDecoder`.
@Suite("Stored summary reader")
struct StoredSummaryReaderTests {
    static let awkward = [
        "张三", "O'Brien \"Bob\"", "back\\slash/and/slashes", "tab\there\nnew line\r\u{08}\u{0C}", "\u{01}\u{1F}\u{7F}",
        "𠀀𪚥 emoji 😀", "\u{2028}\u{2029}", "",
    ]

    @Test("what the store writes reads back equal, for text that needs escaping and for no lines at all")
    func roundTrip() throws {
        var checked = 0
        for text in Self.awkward {
            for lines in [[], [PublicSummary.Line(text, "Rule", text), .init("学分", text, "4")]] {
                let summary = PublicSummary(holderName: text, holderIDMasked: "1101**********1234", lines: lines)
                #expect(try StoredSummaryReader.summary(JSON.encode(summary)) == summary, "\(text.debugDescription)")
                checked += 1
            }
        }
        #expect(checked == Self.awkward.count * 2)
    }

    @Test("JSON another writer made: spaces, another key order, \\u escapes and surrogate pairs — same as JSONDecoder")
    func otherWriters() throws {
        let texts = [
            #" { "lines" : [ { "value":"4", "labelEn":"Credits" , "label":"\u5b66\u5206" } ] , "holderIDMasked":"1101\/x", "holderName":"\ud840\udc00\t\"" } "#,
            #"{"holderName":"","holderIDMasked":"","lines":[]}"#,
        ]
        for text in texts {
            let expected = try JSONDecoder().decode(PublicSummary.self, from: Data(text.utf8))
            #expect(try StoredSummaryReader.summary(text) == expected)
        }
        #expect(try StoredSummaryReader.summary(texts[0]).holderName == "𠀀\t\"")
    }

    @Test("malformed or other-shaped JSON: JSONDecoder's verdict (an error, or a summary with extra keys ignored)")
    func fallsBack() throws {
        for bad in [
            "", "{", #"{"holderName":"a","holderIDMasked":"b"}"#, #"{"holderName":"\ud840","holderIDMasked":"b","lines":[]}"#,
            #"{"holderName":1,"holderIDMasked":"b","lines":[]}"#, #"{"holderName":"a","holderIDMasked":"b","lines":[]} x"#,
        ] {
            #expect(throws: (any Error).self, "\(bad)") { try StoredSummaryReader.summary(bad) }
        }
        let extra = #"{"holderName":"a","holderIDMasked":"b","lines":[],"note":{"x":[1,2]}}"#
        #expect(try StoredSummaryReader.summary(extra) == PublicSummary(holderName: "a", holderIDMasked: "b", lines: []))
    }
}
