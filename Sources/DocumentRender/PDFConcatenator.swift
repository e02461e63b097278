import Foundation

/// Joins PDFs written by cairo into one PDF, one part at a time, so that a batch of any size is
/// printed with bounded memory: each part is read, its objects renumbered and written out, and the
/// part dropped. The cross-reference entries go to a spool file and are copied in at the end.
///
/// It relies on what cairo 1.16 writes — a classic cross-reference table, no object streams, no
/// incremental updates — and checks it: anything else is refused with `PDFJoinError`. Each part
/// keeps its own fonts and page tree; the joined file's page tree has the parts' trees as kids,
/// so pages stay in the order the parts are appended.
public final class PDFConcatenator {
    /// The document information of the joined file (no dates, so that the same parts always give
    /// the same bytes).
    public struct Info: Sendable {
        public var title: String
        public var author: String
        public var subject: String

        /// Creates the information dictionary's values.
        public init(title: String, author: String, subject: String) {
            self.title = title
            self.author = author
            self.subject = subject
        }
    }

    private let output: FileOutput
    private let spool: FileOutput
    /// Object 1 is the page tree's root, 2 the catalog, 3 the information dictionary.
    private var nextNumber = 4
    private var catalogOffset = 0
    private var infoOffset = 0
    private var kids: [Int] = []
    private var pageCount = 0

    /// Starts the joined file on `output` (written from its current position, which must be 0).
    /// - Parameter spoolPath: a scratch file for cross-reference entries, deleted by `finish`.
    public init(output: FileOutput, spoolPath: String, info: Info) throws(PDFJoinError) {
        self.output = output
        do {
            spool = try FileOutput(path: spoolPath, bufferSize: 1 << 16)
            try output.write([UInt8]("%PDF-1.5\n%".utf8) + [0xB5, 0xED, 0xAE, 0xFB, 0x0A])
            catalogOffset = output.position
            try output.write("2 0 obj\n<< /Type /Catalog\n   /Pages 1 0 R\n>>\nendobj\n")
            infoOffset = output.position
            try output.write(
                "3 0 obj\n<< /Title \(Self.text(info.title))\n   /Author \(Self.text(info.author))\n"
                    + "   /Subject \(Self.text(info.subject))\n   /Creator (creditbank document engine)\n>>\nendobj\n")
        } catch { throw .output(error) }
    }

    /// Pages joined so far.
    public var pages: Int { pageCount }

    /// Appends every page of `part`, a complete PDF written by cairo.
    /// - Throws: `PDFJoinError` when the part is not laid out as expected or the output fails.
    public func append(part bytes: [UInt8]) throws(PDFJoinError) {
        let part = try PDFPart(bytes)
        var numbers: [Int: Int] = [:]
        for object in part.objects where object.number != part.catalog && object.number != part.info {
            numbers[object.number] = nextNumber
            nextNumber += 1
        }
        guard let pagesNumber = numbers[part.pageTree] else { throw .malformed("the page tree is missing") }
        kids.append(pagesNumber)
        pageCount += part.pageCount
        do {
            for object in part.objects {
                guard let number = numbers[object.number] else { continue }
                try spool.write(Self.xrefEntry(output.position))
                try output.write("\(number) 0 obj\n")
                var body = try Self.renumber(part.bytes, object.dictionary, numbers)
                if object.number == part.pageTree, let open = body.firstRange(of: Array("<<".utf8)) {
                    body.insert(contentsOf: Array(" /Parent 1 0 R\n  ".utf8), at: open.upperBound)
                }
                try output.write(body)
                try output.write(part.bytes[object.dictionary.upperBound..<object.end])
                try output.write("endobj\n")
            }
        } catch let error as PDFJoinError {
            throw error
        } catch {
            throw .output(error as! FileOutputError)
        }
    }

    /// Writes the page tree's root, the cross-reference table and the trailer, and removes the
    /// spool. The caller closes `output`.
    public func finish() throws(PDFJoinError) {
        do {
            let rootOffset = output.position
            try output.write("1 0 obj\n<< /Type /Pages\n   /Kids [")
            for kid in kids { try output.write(" \(kid) 0 R") }
            try output.write(" ]\n   /Count \(pageCount)\n>>\nendobj\n")
            let xrefOffset = output.position
            try output.write("xref\n0 \(nextNumber)\n0000000000 65535 f \n")
            for offset in [rootOffset, catalogOffset, infoOffset] { try output.write(Self.xrefEntry(offset)) }
            try spool.close()
            let spooled = try FileHandle(forReadingFrom: URL(fileURLWithPath: spool.path))
            defer { try? spooled.close() }
            while let chunk = try spooled.read(upToCount: 1 << 20), !chunk.isEmpty { try output.write(chunk) }
            try output.write("trailer\n<< /Size \(nextNumber)\n   /Root 2 0 R\n   /Info 3 0 R\n>>\nstartxref\n\(xrefOffset)\n%%EOF\n")
        } catch let error as FileOutputError {
            throw .output(error)
        } catch {
            throw .output(FileOutputError(path: spool.path, reason: "\(error)"))
        }
        try? FileManager.default.removeItem(atPath: spool.path)
    }

    private static func xrefEntry(_ offset: Int) -> [UInt8] {
        var digits = Array(String(offset).utf8)
        if digits.count < 10 { digits.insert(contentsOf: repeatElement(UInt8(ascii: "0"), count: 10 - digits.count), at: 0) }
        return digits + Array(" 00000 n \n".utf8)
    }

    /// A PDF text string: UTF-16BE with a byte-order mark, in hex.
    static func text(_ value: String) -> String {
        "<FEFF" + value.utf16.map { String(format: "%04X", $0) }.joined() + ">"
    }

    /// Copies `range` of `bytes` with every indirect reference `n 0 R` renumbered; strings, hex
    /// strings, names and comments are copied as they are.
    static func renumber(_ bytes: [UInt8], _ range: Range<Int>, _ numbers: [Int: Int]) throws(PDFJoinError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(range.count + 16)
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let byte = bytes[i]
            switch byte {
            case UInt8(ascii: "("):
                var depth = 0
                let start = i
                while i < end {
                    let c = bytes[i]
                    if c == UInt8(ascii: "\\") {
                        i += 2
                        continue
                    }
                    if c == UInt8(ascii: "(") { depth += 1 }
                    if c == UInt8(ascii: ")") {
                        depth -= 1
                        if depth == 0 { break }
                    }
                    i += 1
                }
                i = min(i + 1, end)
                out.append(contentsOf: bytes[start..<i])
            case UInt8(ascii: "<") where i + 1 < end && bytes[i + 1] == UInt8(ascii: "<"):
                out.append(contentsOf: bytes[i...(i + 1)])
                i += 2
            case UInt8(ascii: "<"):
                let start = i
                while i < end && bytes[i] != UInt8(ascii: ">") { i += 1 }
                i = min(i + 1, end)
                out.append(contentsOf: bytes[start..<i])
            case UInt8(ascii: "%"):
                let start = i
                while i < end && bytes[i] != 0x0A && bytes[i] != 0x0D { i += 1 }
                out.append(contentsOf: bytes[start..<i])
            case UInt8(ascii: "0")...UInt8(ascii: "9") where i == range.lowerBound || isDelimiter(bytes[i - 1]):
                var j = i
                let first = readInteger(bytes, &j, end)
                var k = j
                var isReference = false
                if k < end, isWhitespace(bytes[k]) {
                    while k < end, isWhitespace(bytes[k]) { k += 1 }
                    if k < end, isDigit(bytes[k]) {
                        _ = readInteger(bytes, &k, end)
                        if k < end, isWhitespace(bytes[k]) {
                            while k < end, isWhitespace(bytes[k]) { k += 1 }
                            if k < end, bytes[k] == UInt8(ascii: "R"), k + 1 == end || isDelimiter(bytes[k + 1]) {
                                isReference = true
                                k += 1
                            }
                        }
                    }
                }
                if isReference {
                    guard let number = numbers[first] else { throw .malformed("a reference to object \(first), which the part does not hold") }
                    out.append(contentsOf: Array("\(number) 0 R".utf8))
                    i = k
                } else {
                    out.append(contentsOf: bytes[i..<j])
                    i = j
                }
            default:
                out.append(byte)
                i += 1
            }
        }
        return out
    }

    static func readInteger(_ bytes: [UInt8], _ i: inout Int, _ end: Int) -> Int {
        var value = 0
        while i < end, isDigit(bytes[i]) {
            value = value &* 10 &+ Int(bytes[i] - UInt8(ascii: "0"))
            i += 1
        }
        return value
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
    static func isWhitespace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 || c == 0x0C || c == 0x00 }
    static func isDelimiter(_ c: UInt8) -> Bool {
        isWhitespace(c) || c == UInt8(ascii: "[") || c == UInt8(ascii: "]") || c == UInt8(ascii: "<") || c == UInt8(ascii: ">")
            || c == UInt8(ascii: "(") || c == UInt8(ascii: ")") || c == UInt8(ascii: "/") || c == UInt8(ascii: "{")
            || c == UInt8(ascii: "}")
    }
}

/// Why parts could not be joined.
public enum PDFJoinError: Error, CustomStringConvertible, Sendable {
    case malformed(String)
    case output(FileOutputError)

    public var description: String {
        switch self {
        case .malformed(let why): "cannot join PDF part: \(why)"
        case .output(let error): "\(error)"
        }
    }
}
