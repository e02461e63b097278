import DocumentLayout
import DocumentRender
import Foundation
import Testing

@Suite("Glyphs are really drawn; long tables paginate", .serialized)
struct GlyphAndPaginationTests {
    let renderer: DocumentRenderer

    init() throws { renderer = try Project.renderer() }

    static func nameTemplate(weight: String) -> String {
        """
        kind: test
        language: zh
        version: 1
        sample: sample.json
        styles:
          body: {font: Noto Sans CJK SC, size: 60, weight: \(weight)}
        metadata: {title: t, author: a, subject: s, keywords: k, date: "2026-11-22T00:00:00+08:00"}
        body:
          - text: "{{name}}"
        """
    }

    func render(name: String, weight: String = "regular") throws -> [UInt8] {
        let template = try Project.adHoc(Self.nameTemplate(weight: weight), sample: #"{"name": "x"}"#, renderer: renderer)
        return try renderer.pdf(template, data: .object(["name": .text(name)]))
    }

    @Test(
        "如 and rare names are drawn with real glyphs, not blank boxes, and extract as typed",
        arguments: ["如", "𠮷田", "𪚥", "阿卜杜热合曼·买买提", "欧阳如雪"])
    func drawn(name: String) throws {
        for weight in ["regular", "bold"] {
            let pdf = try render(name: name, weight: weight)
            // A blank .notdef draws nothing in poppler; a real glyph at 60 pt darkens hundreds of pixels per character.
            #expect(try Reader.darkPixels(pdf) > 150 * name.count, "\(name) (\(weight)) looks blank")
            #expect(try Reader.text(pdf).filter { !$0.isWhitespace }.contains(name))
        }
    }

    @Test("a digit is one glyph whether it stands in Chinese text or after Latin letters (scripts/prepare-fonts.py)")
    func oneGlyphPerDigit() throws {
        // Pango tags a Latin run "en"; Noto's locl for that language swapped digits for glyphs no
        // cmap entry reaches, which made cairo walk the whole cmap once per digit per PDF.
        let pdf = try render(name: "2026年11月22日 NCRE 0123456789 成绩86")
        let texts = try Reader.glyphTexts(pdf)
        for digit in "0123456789" {
            #expect(texts.filter { $0 == String(digit) }.count == 1, "glyphs drawn for \(digit): \(texts.filter { $0 == String(digit) }.count)")
        }
        #expect(try Reader.text(pdf).filter { !$0.isWhitespace } == "2026年11月22日NCRE0123456789成绩86")
    }

    @Test("a document with a character no font has is refused with the character named")
    func refused() throws {
        #expect {
            _ = try render(name: "张𓀀")  // U+13000 EGYPTIAN HIEROGLYPH A001: in no font of Fonts/
        } throws: { error in
            guard case RenderError.layout(.missingGlyphs(let chars, _)) = error else { return false }
            return chars == "𓀀" && "\(error)".contains("U+13000")
        }
    }

    @Test("a 60-row table spans pages with its header and page numbers on each")
    func sixtyRows() throws {
        let yaml = """
            kind: test
            language: zh
            version: 1
            sample: sample.json
            styles:
              body: {font: Noto Sans CJK SC, size: 10}
              table-header: {font: Noto Sans CJK SC, size: 10, weight: bold}
              table-cell: {font: Noto Sans CJK SC, size: 10}
            metadata: {title: t, author: a, subject: s, keywords: k, date: "2026-11-22T00:00:00+08:00"}
            body:
              - text: 成果清单
              - table:
                  rows: rows
                  columns:
                    - {header: 序号, value: "{{n}}", width: 0.15}
                    - {header: 成果名称, value: "{{name}}", width: 0.85}
            footer:
              - page-number: "第 {{page}} 页 / 共 {{pages}} 页"
                align: center
            """
        let rows = (1...60).map {
            #"{"n": "\#($0)", "name": "成果第\#($0)项：职业技能等级证书（中级）\#($0 % 3 == 0 ? "，名称很长需要在单元格内换行显示，绝不溢出边框，也绝不被裁掉" : "")"}"#
        }
        let sample = #"{"rows": [\#(rows.joined(separator: ","))]}"#
        let template = try Project.adHoc(yaml, sample: sample, renderer: renderer)
        let text = try Reader.text(try renderer.pdf(template, data: template.sample))
        let pages = text.split(separator: "\u{0C}", omittingEmptySubsequences: true).filter {
            !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        }
        #expect(pages.count >= 3)
        for (index, page) in pages.enumerated() {
            #expect(page.contains("序号") && page.contains("成果名称"), "page \(index + 1) lacks the header")
            // pdftotext drops the narrow spaces around the numbers in centred CJK text; compare without whitespace.
            #expect(page.filter { !$0.isWhitespace }.contains("第\(index + 1)页/共\(pages.count)页"), "\(page.suffix(80))")
        }
        for n in 1...60 {
            #expect(text.components(separatedBy: "成果第\(n)项").count == 2, "row \(n) must appear exactly once")
        }
    }
}
