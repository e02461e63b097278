import Foundation
import Testing

@testable import DocumentLayout

@Suite("Layout: pages of positioned items")
struct LayoutTests {
    func loaded(body: String, footer: String = "", sample: String = Fixtures.sample) throws -> LoadedTemplate {
        let dir = try Fixtures.folder(["t.zh.yaml": Fixtures.template(body: body, extra: footer), "sample.json": sample])
        return try TemplateLoader(directory: dir, fontFamilies: Fixtures.families).load("t.zh")
    }

    func texts(_ page: LaidOutPage) -> [String] {
        page.items.compactMap { if case .text(let t, _, _, _) = $0 { t } else { nil } }
    }

    static func rows(_ count: Int) -> String {
        let rows = (1...count).map { #"{"course": "课程\#($0)", "score": "\#(60 + $0 % 40)"}"# }.joined(separator: ",")
        return #"{"name": "张如意", "code": "ABCD", "issuedAt": "2026-11-22", "rows": [\#(rows)]}"#
    }

    @Test("a 60-row table spans pages, repeats its header and numbers every page")
    func longTable() throws {
        // Given a table bound to 60 rows and a footer with page numbers
        let template = try loaded(
            body: """
                  - table:
                      rows: rows
                      columns:
                        - {header: 课程名称, value: "{{course}}", width: 0.7}
                        - {header: 成绩, value: "{{score}}", width: 0.3}
                """,
            footer: "footer:\n  - page-number: \"第 {{page}} 页 / 共 {{pages}} 页\"",
            sample: Self.rows(60))
        // When it is laid out
        let doc = try LayoutEngine(template: template.template, data: template.sample, measurer: FakeMeasurer()).layout()
        // Then it takes several pages, each with the header first and its page number
        #expect(doc.pages.count >= 2)
        for (index, page) in doc.pages.enumerated() {
            let t = texts(page)
            #expect(t.filter { $0 == "课程名称" }.count == 1)
            #expect(t.contains("第 \(index + 1) 页 / 共 \(doc.pages.count) 页"))
        }
        // And every row appears exactly once, in order
        let courses = doc.pages.flatMap(texts).filter { $0.hasPrefix("课程") && $0 != "课程名称" }
        #expect(courses == (1...60).map { "课程\($0)" })
        // And nothing is drawn below the footer line
        for page in doc.pages {
            for case .text(_, _, let frame, _) in page.items {
                #expect(frame.y + frame.height <= doc.pageHeight - 56 + 0.01)
            }
        }
    }

    @Test("a long value wraps inside its box and pushes what follows down")
    func wrapping() throws {
        let long = String(repeating: "阿卜杜热合曼·买买提", count: 12)
        let template = try loaded(
            body: "  - text: \"{{name}}\"\n  - text: after", sample: #"{"name": "\#(long)", "code": "A", "issuedAt": "2026-11-22"}"#)
        let doc = try LayoutEngine(template: template.template, data: template.sample, measurer: FakeMeasurer()).layout()
        let frames = doc.pages[0].items.compactMap { if case .text(_, _, let f, _) = $0 { f } else { nil } }
        #expect(frames[0].width <= 595.28 - 112 + 0.01)
        #expect(frames[0].height > 15)  // more than one line
        #expect(frames[1].y >= frames[0].y + frames[0].height)
    }

    @Test("a field missing from the data is an error naming it")
    func missingField() throws {
        let template = try loaded(body: "  - text: \"{{name}}\"")
        #expect(throws: LayoutError.missingField("name")) {
            try LayoutEngine(
                template: template.template, data: .object(["code": .text("A"), "issuedAt": .text("x")]), measurer: FakeMeasurer()
            ).layout()
        }
    }

    @Test("a character no font has is refused before anything is drawn")
    func missingGlyph() throws {
        let template = try loaded(body: "  - text: \"{{name}}\"")
        #expect(throws: LayoutError.missingGlyphs("如", in: "张如意")) {
            try LayoutEngine(template: template.template, data: template.sample, measurer: FakeMeasurer(missing: ["如"])).layout()
        }
    }

    @Test("a block taller than a page is refused, not clipped")
    func tooTall() throws {
        let template = try loaded(
            body: "  - text: \"{{name}}\"", sample: #"{"name": "\#(String(repeating: "长", count: 20000))", "code": "A", "issuedAt": "x"}"#)
        #expect(throws: LayoutError.self) {
            try LayoutEngine(template: template.template, data: template.sample, measurer: FakeMeasurer()).layout()
        }
    }

    @Test("metadata placeholders and date filters are filled")
    func metadataAndFilters() throws {
        let template = try loaded(body: "  - text: \"{{issuedAt | date-zh}} / {{issuedAt | date-en}}\"")
        let doc = try LayoutEngine(template: template.template, data: template.sample, measurer: FakeMeasurer()).layout()
        #expect(texts(doc.pages[0]) == ["2026年11月22日 / 22 November 2026"])
        #expect(doc.metadata.subject == "张如意")
        #expect(doc.metadata.keywords == "ABCD")
        #expect(doc.metadata.date == "2026-11-22T10:00:00+08:00")
    }

    @Test("a QR block holds the filled text in a square of its size")
    func qr() throws {
        let template = try loaded(body: "  - qr: \"https://bank.example/v/{{code}}\"\n    size: 90\n    align: right")
        let doc = try LayoutEngine(template: template.template, data: template.sample, measurer: FakeMeasurer()).layout()
        guard case .qr(let payload, let frame) = doc.pages[0].items[0] else {
            Issue.record("no QR")
            return
        }
        #expect(payload == "https://bank.example/v/ABCD")
        #expect(frame.width == 90 && frame.height == 90)
        #expect(abs(frame.x + 90 - (595.28 - 56)) < 0.01)
    }
}
