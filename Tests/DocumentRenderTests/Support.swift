import DocumentLayout
import DocumentRender
import Foundation

/// Shared set-up for rendering tests: the project's fonts and templates, and the reader tools
/// (`pdftotext`, `pdftoppm`, `zbarimg`, `qpdf`) run on temporary files.
enum Project {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fonts = root.appendingPathComponent("Fonts")
    static let templates = root.appendingPathComponent("Templates")

    /// The `creditbank` executable built beside the test bundle.
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("creditbank")
    }

    static func renderer() throws -> DocumentRenderer { try DocumentRenderer(fontsDirectory: fonts) }

    static func template(_ name: String, renderer: DocumentRenderer) throws -> LoadedTemplate {
        try TemplateLoader(directory: templates, fontFamilies: renderer.fontFamilies).load(name)
    }

    /// A template written to a temporary folder (with sample data) and loaded.
    static func adHoc(_ yaml: String, sample: String, renderer: DocumentRenderer) throws -> LoadedTemplate {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("render-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try yaml.write(to: dir.appendingPathComponent("t.zh.yaml"), atomically: true, encoding: .utf8)
        try sample.write(to: dir.appendingPathComponent("sample.json"), atomically: true, encoding: .utf8)
        return try TemplateLoader(directory: dir, fontFamilies: renderer.fontFamilies).load("t.zh")
    }
}

/// Runs the command-line tools a reader of the PDF would use.
enum Reader {
    static func write(_ bytes: [UInt8]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("doc-\(UUID().uuidString).pdf")
        try Data(bytes).write(to: url)
        return url
    }

    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice  // zbarimg and poppler chatter about D-Bus here
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Text of the PDF as `pdftotext` extracts it (pages separated by form feeds).
    static func text(_ pdf: [UInt8]) throws -> String {
        try run("pdftotext", ["-enc", "UTF-8", try write(pdf).path, "-"]).output
    }

    /// What `zbarimg` decodes from page `page` rasterised at `dpi` by `pdftoppm`.
    static func qrCodes(_ pdf: [UInt8], page: Int = 1, dpi: Int = 150) throws -> [String] {
        let file = try write(pdf)
        let prefix = file.deletingPathExtension().path
        try run("pdftoppm", ["-r", "\(dpi)", "-f", "\(page)", "-l", "\(page)", "-singlefile", "-png", file.path, prefix])
        let result = try run("zbarimg", ["-q", "--raw", prefix + ".png"])
        return result.output.split(separator: "\n").map(String.init)
    }

    /// The text each embedded glyph stands for, one entry per glyph of every font subset, read
    /// from the ToUnicode maps of the PDF decompressed by `qpdf --qdf`.
    static func glyphTexts(_ pdf: [UInt8]) throws -> [String] {
        let file = try write(pdf)
        let expanded = file.deletingPathExtension().path + "-qdf.pdf"
        try run("qpdf", ["--qdf", "--object-streams=disable", file.path, expanded])
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: expanded)), as: UTF8.self)
        var result: [String] = []
        for block in text.components(separatedBy: "beginbfchar").dropFirst() {
            let entries = block.components(separatedBy: "endbfchar")[0]
            for line in entries.split(separator: "\n") {
                // "<0005> <5b66>": glyph code, then UTF-16BE hex of its text.
                let fields = line.split(separator: " ")
                guard fields.count == 2 else { continue }
                let hex = fields[1].trimmingCharacters(in: CharacterSet(charactersIn: "<>"))
                var units: [UInt16] = []
                var index = hex.startIndex
                while let end = hex.index(index, offsetBy: 4, limitedBy: hex.endIndex), index < end {
                    units.append(UInt16(hex[index..<end], radix: 16) ?? 0)
                    index = end
                }
                result.append(String(decoding: units, as: UTF16.self))
            }
        }
        return result
    }

    /// Red pixels of page 1 at 72 dpi (one pixel per point) inside `frame` and outside it.
    static func redPixels(_ pdf: [UInt8], inside frame: Rect) throws -> (inside: Int, outside: Int) {
        let file = try write(pdf)
        let prefix = file.deletingPathExtension().path
        try run("pdftoppm", ["-r", "72", "-singlefile", file.path, prefix])
        let ppm = Array(try Data(contentsOf: URL(fileURLWithPath: prefix + ".ppm")))
        // P6 header: "P6\n<w> <h>\n255\n", then three bytes per pixel.
        var fields: [Int] = []
        var index = 2
        while fields.count < 3 {
            while ppm[index] == 0x0A || ppm[index] == 0x20 { index += 1 }
            var value = 0
            while ppm[index] >= 0x30 && ppm[index] <= 0x39 {
                value = value * 10 + Int(ppm[index] - 0x30)
                index += 1
            }
            fields.append(value)
        }
        index += 1
        let width = fields[0]
        var inside = 0, outside = 0
        for pixel in 0..<(fields[0] * fields[1]) {
            let r = ppm[index + pixel * 3], g = ppm[index + pixel * 3 + 1], b = ppm[index + pixel * 3 + 2]
            guard r > 150, g < 110, b < 110 else { continue }
            let x = Double(pixel % width), y = Double(pixel / width)
            if x >= frame.x - 1, x <= frame.x + frame.width + 1, y >= frame.y - 1, y <= frame.y + frame.height + 1 { inside += 1 } else { outside += 1 }
        }
        return (inside, outside)
    }

    /// Number of dark pixels on page 1 rasterised in grey by `pdftoppm`.
    static func darkPixels(_ pdf: [UInt8], dpi: Int = 72) throws -> Int {
        let file = try write(pdf)
        let prefix = file.deletingPathExtension().path
        try run("pdftoppm", ["-r", "\(dpi)", "-gray", "-singlefile", file.path, prefix])
        let pgm = try Data(contentsOf: URL(fileURLWithPath: prefix + ".pgm"))
        // P5 header: "P5\n<w> <h>\n255\n", then one byte per pixel.
        var newlines = 0
        var start = 0
        for (index, byte) in pgm.enumerated() where byte == 0x0A {
            newlines += 1
            if newlines == 3 {
                start = index + 1
                break
            }
        }
        return pgm[start...].filter { $0 < 128 }.count
    }
}
