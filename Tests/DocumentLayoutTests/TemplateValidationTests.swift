import Foundation
import Testing

@testable import DocumentLayout

@Suite("Template validation: every fault names the file, the place and the fault")
struct TemplateValidationTests {
    func load(_ source: String, sample: String = Fixtures.sample, families: Set<String> = Fixtures.families) throws -> LoadedTemplate {
        let dir = try Fixtures.folder(["t.zh.yaml": source, "sample.json": sample])
        return try TemplateLoader(directory: dir, fontFamilies: families).load("t.zh")
    }

    func error(_ source: String) -> TemplateError? {
        do {
            _ = try load(source)
            return nil
        } catch let error as TemplateError {
            return error
        } catch {
            return nil
        }
    }

    @Test("the shipped templates load", arguments: ["conversion-certificate.zh", "conversion-certificate.en"])
    func shippedTemplatesLoad(name: String) throws {
        let loaded = try TemplateLoader(directory: Fixtures.templates, fontFamilies: Fixtures.families).load(name)
        #expect(loaded.template.kind == "conversion-certificate")
        #expect(loaded.template.name == name)
        #expect(!loaded.template.body.isEmpty)
    }

    @Test("a bare kind means its Chinese template")
    func bareKind() throws {
        let loaded = try TemplateLoader(directory: Fixtures.templates, fontFamilies: Fixtures.families).load("conversion-certificate")
        #expect(loaded.template.language == "zh")
    }

    @Test(
        "each fault gives its message at its line",
        arguments: [
            ("  - paragraph: hello", 18, "unknown block 'paragraph'"),
            ("  - text: \"{{nmae}}\"", 18, "unknown placeholder {{nmae}}"),
            ("  - text: hi\n    sise: 3", 19, "unknown key 'sise'"),
            ("  - text: hi\n    style: heading", 19, "unknown style 'heading'"),
            ("  - qr: \"{{code}}\"\n    at: [500, 100]\n    size: 120", 18, "box off the page"),
            ("  - text: hi\n    width: 900", 18, "box off the page"),
            ("  - image: seal.png\n    width: 50\n    height: 50", 18, "missing image 'seal.png'"),
            ("  - text: \"{{name | shout}}\"", 18, "unknown filter 'shout'"),
            ("  - text: \"{{name\"", 18, "without a closing"),
            (
                "  - table:\n      rows: rows\n      columns:\n        - {header: 课程, value: \"{{course}}\", width: 0.5}", 21,
                "add up to 0.5"
            ),
            (
                "  - table:\n      rows: rows\n      columns:\n        - {header: 课程, value: \"{{grade}}\", width: 1}", 21,
                "unknown placeholder {{grade}}"
            ),
            ("  - table:\n      rows: missing\n      columns: []", 19, "unknown placeholder {{missing}}"),
            ("  - text: [unclosed", 19, "YAML syntax error"),
        ])
    func faults(body: String, line: Int, message: String) throws {
        let failure = try #require(error(Fixtures.template(body: body)))
        #expect(failure.description.hasPrefix("t.zh.yaml:\(line):"), "\(failure)")
        #expect(failure.message.contains(message), "\(failure)")
    }

    @Test("a style whose font is not in Fonts/ is refused, naming the font and what is available")
    func missingFont() throws {
        let source = Fixtures.template(body: "  - text: hi").replacingOccurrences(
            of: "body: {font: Noto Sans CJK SC", with: "body: {font: SimSun")
        let failure = try #require(error(source))
        #expect(failure.message.contains("missing font 'SimSun'"))
        #expect(failure.message.contains("Noto Sans CJK SC"))
        #expect(failure.location.line == 6)
    }

    @Test("page numbers are only known in page-number blocks")
    func pageOutsideFooter() throws {
        let failure = try #require(error(Fixtures.template(body: "  - text: \"{{page}}\"")))
        #expect(failure.message.contains("unknown placeholder {{page}}"))
        _ = try load(Fixtures.template(body: "  - page-number: \"第 {{page}} 页 / 共 {{pages}} 页\""))
    }

    @Test("a missing template names the folder and the templates there")
    func missingTemplate() {
        #expect(throws: TemplateError.self) {
            try TemplateLoader(directory: Fixtures.templates, fontFamilies: Fixtures.families).load("diploma")
        }
        do {
            _ = try TemplateLoader(directory: Fixtures.templates, fontFamilies: Fixtures.families).load("diploma")
        } catch {
            #expect(error.message.contains("conversion-certificate.zh"))
        }
    }

    @Test("a sample that is not JSON is refused at the 'sample' key")
    func badSample() throws {
        let dir = try Fixtures.folder(["t.zh.yaml": Fixtures.template(body: "  - text: hi"), "sample.json": "{nope"])
        #expect(throws: TemplateError.self) { try TemplateLoader(directory: dir, fontFamilies: Fixtures.families).load("t.zh") }
    }
}
