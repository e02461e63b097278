import Foundation

/// Reading PDFs as a person would: poppler's pdftotext and pdftoppm, zbar's zbarimg.
enum PDFTools {
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    static func withFile<T>(_ pdf: [UInt8], _ body: (URL) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("d.pdf")
        try Data(pdf).write(to: file)
        return try body(file)
    }

    static func text(_ pdf: [UInt8], raw: Bool = false, page: Int? = nil) throws -> String {
        try withFile(pdf) { file in
            try run(
                "/usr/bin/pdftotext",
                (raw ? ["-raw"] : []) + (page.map { ["-f", "\($0)", "-l", "\($0)"] } ?? []) + ["-enc", "UTF-8", file.path, "-"])
        }
    }

    /// `unzip -l` of ZIP bytes (names and sizes), after `unzip -t` found every entry sound.
    static func unzipList(_ zip: [UInt8]) throws -> String {
        try withFile(zip) { file in
            let tested = try run("/usr/bin/unzip", ["-t", file.path])
            guard tested.contains("No errors detected") else { throw TestFailure("unzip -t: \(tested)") }
            return try run("/usr/bin/unzip", ["-l", file.path])
        }
    }

    /// Whether `qpdf --check` finds the file's structure sound.
    static func qpdfCheck(_ pdf: [UInt8]) throws -> Bool {
        try withFile(pdf) { try run("/usr/bin/qpdf", ["--check", $0.path]).contains("No syntax or stream encoding errors found") }
    }

    static func pageCount(_ pdf: [UInt8]) throws -> Int {
        try withFile(pdf) { file in
            let info = try run("/usr/bin/pdfinfo", [file.path])
            return info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
        }
    }

    /// The QR payload found on each page, in page order (150 dpi rasters).
    static func qrPayloads(_ pdf: [UInt8]) throws -> [String] {
        try withFile(pdf) { file in
            let folder = file.deletingLastPathComponent()
            _ = try run("/usr/bin/pdftoppm", ["-r", "150", "-png", file.path, folder.appendingPathComponent("page").path])
            let pages = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("page") }.sorted()
            return try pages.map {
                try run("/usr/bin/zbarimg", ["--quiet", "--raw", folder.appendingPathComponent($0).path]).trimmingCharacters(
                    in: .whitespacesAndNewlines)
            }
        }
    }
}
