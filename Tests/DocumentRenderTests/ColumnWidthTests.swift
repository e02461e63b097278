import DocumentLayout
import DocumentRender
import Foundation
import Testing

/// Table columns are wide enough for the longest word they hold: Pango breaks a word that does not
/// fit inside it ("Institu-tion"), which reads as a typo on an official document.
@Suite("Table columns fit their words")
struct ColumnWidthTests {
    @Test(
        "the samples' status, source, type and header words are never broken",
        arguments: [
            ("transcript.en", ["Institution", "Conversion", "Registered", "recognised", "Credits", "Obtained"]),
            ("outcome-proof.en", ["Hours", "Score", "Credits", "Obtained", "qualification"]),
            ("transcript.zh", ["认定未通过", "已存储", "转换获取"]),
        ])
    func wordsWhole(template name: String, words: [String]) throws {
        let renderer = try Project.renderer()
        let template = try Project.template(name, renderer: renderer)
        let text = try Reader.text(try renderer.pdf(template, data: template.sample))
        for word in words {
            #expect(text.contains(word), "\(name): \(word) is missing")
            // A broken word ends a line with its first part (pdftotext drops Pango's hyphen).
            for split in 2..<word.count {
                let head = String(word.prefix(split))
                #expect(!text.contains(head + "\n"), "\(name): \(word) is broken after \(head)")
            }
        }
    }
}
