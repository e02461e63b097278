import CreditBankCore
import DocumentLayout
import DocumentRender
import Foundation
import Testing

@Suite("Conversion certificate as a reader sees it", .serialized)
struct CertificateRenderingTests {
    let renderer: DocumentRenderer
    let zh: LoadedTemplate
    let en: LoadedTemplate

    init() throws {
        renderer = try Project.renderer()
        zh = try Project.template("conversion-certificate.zh", renderer: renderer)
        en = try Project.template("conversion-certificate.en", renderer: renderer)
    }

    @Test("pdftotext gives back every field exactly, Chinese included")
    func everyField() throws {
        // Line breaks and the spaces pdftotext guesses between glyphs are layout, not content: compare without them.
        let text = try Reader.text(try renderer.pdf(zh, data: zh.sample)).filter { !$0.isWhitespace }
        for expected in [
            "学习成果转换证明", "阿卜杜热合曼·买买提", "6501**********123X", "已经通过学分银行校验",
            "全国计算机等级考试一级证书（MS", "NCRE-1-MSO", "86", "202201240004",
            "全国计算机等级考试一级证书转换《计算机应用基础》课程学分", "教育部教育考试院", "计算机应用基础",
            "国家开放大学", "学分银行学分：4", "https://xfyh.example.edu.cn/v/7K3M9QXD2HBRT4WZ",
            "职业教育国家学分银行", "2026年11月22日", "7K3M-9QXD-2HBR-T4WZ", "第 1 页 / 共 1 页",
        ] {
            #expect(text.contains(expected.filter { !$0.isWhitespace }), "missing \(expected)")
        }
    }

    @Test("the drawn seal lies over the issuer's name and date, in red, and is a drawing, not text")
    func drawnSeal() throws {
        let document = try renderer.layout(zh, data: zh.sample)
        let seals = document.pages[0].items.compactMap { item -> Rect? in
            if case .seal(_, _, _, _, let frame) = item { return frame }
            return nil
        }
        let seal = try #require(seals.first)
        #expect(seals.count == 1)
        func frame(of wanted: String) -> Rect? {
            for case .text(let text, _, let frame, _) in document.pages[0].items where text == wanted { return frame }
            return nil
        }
        let issuer = try #require(frame(of: "职业教育国家学分银行"))
        let date = try #require(frame(of: "2026年11月22日"))
        let centre = (x: seal.x + seal.width / 2, y: seal.y + seal.height / 2)
        for under in [issuer, date] {
            #expect(under.y < seal.y + seal.height && under.y + under.height > seal.y, "vertical overlap")
            #expect(under.x < centre.x && under.x + under.width > centre.x, "the seal's centre is over the text")
        }
        let pdf = try renderer.pdf(zh, data: zh.sample)
        #expect(try !Reader.text(pdf).contains("证书专用章"))
        let (inside, outside) = try Reader.redPixels(pdf, inside: seal)
        #expect(inside > 1_000)
        #expect(outside == 0)
    }

    @Test("the English certificate carries the same facts with English labels")
    func english() throws {
        let text = try Reader.text(try renderer.pdf(en, data: en.sample))
        for expected in [
            "Certificate of Learning Outcome Conversion", "阿卜杜热合曼·买买提", "202201240004",
            "National Credit Bank for Vocational", "22 November 2026", "page 1 of 1", "academic (course)",
        ] {
            #expect(text.contains(expected), "missing \(expected)")
        }
    }

    @Test("zbarimg decodes the exact verification address from a 150 dpi raster", arguments: ["zh", "en"])
    func qrDecodes(language: String) throws {
        let template = language == "zh" ? zh : en
        #expect(try Reader.qrCodes(try renderer.pdf(template, data: template.sample)) == ["https://xfyh.example.edu.cn/v/7K3M9QXD2HBRT4WZ"])
    }

    @Test("qpdf --check passes and the metadata names the title, issuer and code")
    func structureAndMetadata() throws {
        let file = try Reader.write(try renderer.pdf(zh, data: zh.sample))
        let check = try Reader.run("qpdf", ["--check", file.path])
        #expect(check.status == 0, "\(check.output)")
        let info = try Reader.run("pdfinfo", [file.path]).output
        #expect(info.contains("Title:           学习成果转换证明"))
        #expect(info.contains("Author:          职业教育国家学分银行"))
        #expect(info.contains("7K3M-9QXD-2HBR-T4WZ"))
        #expect(info.contains("Pages:           1"))
        let fonts = try Reader.run("pdffonts", [file.path]).output
        #expect(fonts.contains("NotoSansCJKsc-Regular"))
        #expect(!fonts.contains(" no "), "every font is embedded and subset:\n\(fonts)")
    }

    @Test("the same input twice gives identical bytes, also from another renderer")
    func reproducible() throws {
        let first = try renderer.pdf(zh, data: zh.sample)
        let second = try renderer.pdf(zh, data: zh.sample)
        let other = try Project.renderer().pdf(zh, data: zh.sample)
        #expect(first == second)
        #expect(first == other)
    }

    @Test("the bytes do not depend on the environment's language: a process told to prefer Japanese renders the same PDF")
    func independentOfEnvironment() throws {
        // Han text in an English document is shaped for the first preferred language covering Han;
        // 直, 骨 and 角 have different glyphs in Japanese. The renderer pins that language itself.
        let sample = try String(contentsOf: Project.templates.appendingPathComponent("conversion-certificate.sample.json"), encoding: .utf8)
        let json = sample.replacingOccurrences(of: "阿卜杜热合曼·买买提", with: "直骨角")
        #expect(json != sample)
        let dataFile = FileManager.default.temporaryDirectory.appendingPathComponent("env-\(UUID().uuidString).json")
        try json.write(to: dataFile, atomically: true, encoding: .utf8)
        let here = try renderer.pdf(en, data: try TemplateData(json: Data(json.utf8)))
        for environment in [["LANG": "C"], ["PANGO_LANGUAGE": "ja", "LANGUAGE": "ja", "LANG": "ja_JP.UTF-8"]] {
            let out = dataFile.deletingPathExtension().appendingPathExtension("pdf")
            let process = Process()
            process.executableURL = Project.executable
            process.arguments = [
                "render", "--template", "conversion-certificate.en", "--data", dataFile.path, "--out", out.path,
                "--resources", Project.root.path,
            ]
            process.environment = environment.merging(["PATH": "/usr/bin:/bin"]) { $1 }
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            #expect([UInt8](try Data(contentsOf: out)) == here, "rendered under \(environment)")
        }
    }

    @Test("a renderer pool on two threads renders the same bytes concurrently")
    func pool() async throws {
        let pool = try RendererPool(size: 2, fontsDirectory: Project.fonts)
        let template = zh
        let expected = try renderer.pdf(zh, data: zh.sample)
        let results = try await withThrowingTaskGroup(of: [UInt8].self) { group in
            for _ in 0..<8 { group.addTask { try await pool.run { try $0.pdf(template, data: template.sample) } } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        pool.shutdown()
        #expect(results.count == 8)
        #expect(results.allSatisfy { $0 == expected })
    }

    @Test("a PNG preview of the first page is produced")
    func pngPreview() throws {
        let png = try renderer.png(zh, data: zh.sample, dpi: 50)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    }
}
