import Foundation

/// An incremental update that adds one signature to a PDF written by this project (cairo's
/// documents and the batch joiner's files), as signing tools do (ISO 32000-1 §12.8, PAdES
/// baseline B-B; docs/seal.md): the original bytes stay untouched and a new revision is appended
/// holding the signature dictionary, an invisible signature field on the first page, the catalog
/// with its form and the page with the field in its annotations, their cross-reference section
/// and a trailer pointing back to the original one.
///
/// The signature value (`/Contents`) is a hex string of zeros sized to `contentsLength` bytes; the
/// byte range covers the whole file but that hex string. `fill` writes the value in place.
public struct PDFSignatureSlot: Sendable {
    /// What the signature dictionary says besides the value.
    public struct Fields: Sendable {
        /// The signer's name (`/Name`), the reason and the place.
        public var name: String
        public var reason: String
        public var location: String
        /// The signing time (`/M`): the document's issue time, so the same input gives the same bytes.
        public var time: Date
        /// `ETSI.CAdES.detached` for PAdES.
        public var subFilter: String

        /// Creates the fields.
        public init(name: String, reason: String, location: String, time: Date, subFilter: String = "ETSI.CAdES.detached") {
            self.name = name
            self.reason = reason
            self.location = location
            self.time = time
            self.subFilter = subFilter
        }
    }

    /// The file with the placeholder in place.
    public private(set) var bytes: [UInt8]
    /// The hex digits of `/Contents`, between `<` and `>`.
    public let contents: Range<Int>

    /// The two signed ranges: everything before `<` and everything after `>`.
    public var signedRanges: [Range<Int>] { [0..<(contents.lowerBound - 1), (contents.upperBound + 1)..<bytes.count] }

    /// Appends the signature revision to `pdf` with room for `contentsLength` bytes of signature.
    /// - Throws: `PDFJoinError.malformed` when the file is not one this project writes, or is already signed.
    public init(_ pdf: [UInt8], fields: Fields, contentsLength: Int) throws(PDFJoinError) {
        let part = try PDFPart(pdf)
        guard let catalog = part.objects.first(where: { $0.number == part.catalog }) else { throw .malformed("the catalog is missing") }
        let catalogBody = Array(pdf[catalog.dictionary])
        guard catalogBody.firstRange(of: Array("/AcroForm".utf8)) == nil else { throw .malformed("the file already has a form") }
        let page = try Self.firstPage(of: part)
        let pageBody = Array(pdf[page.dictionary])
        guard let startxref = PDFPart.lastRange(of: "startxref", in: pdf) else { throw .malformed("no startxref") }
        let previousXref = PDFPart.integer(after: "startxref", in: Array(pdf[startxref.lowerBound...])) ?? 0
        let size = (part.objects.map(\.number).max() ?? 0) + 1
        let signature = size, field = size + 1

        var out = pdf
        if out.last != 0x0A { out.append(0x0A) }
        var offsets: [Int: Int] = [:]
        func write(_ text: String) { out.append(contentsOf: Array(text.utf8)) }

        offsets[signature] = out.count
        write("\(signature) 0 obj\n<< /Type /Sig\n   /Filter /Adobe.PPKLite\n   /SubFilter /\(fields.subFilter)\n   /ByteRange ")
        let byteRangeAt = out.count
        write("[0 0000000000 0000000000 0000000000]\n   /Contents <")
        let contentsStart = out.count
        out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: contentsLength * 2))
        let contentsEnd = out.count
        write(">\n   /M \(Self.text(Self.pdfDate(fields.time)))\n   /Name \(Self.text(fields.name))\n")
        write("   /Reason \(Self.text(fields.reason))\n   /Location \(Self.text(fields.location))\n>>\nendobj\n")

        offsets[field] = out.count
        write(
            "\(field) 0 obj\n<< /Type /Annot\n   /Subtype /Widget\n   /FT /Sig\n   /T (Seal)\n   /V \(signature) 0 R\n"
                + "   /F 132\n   /Rect [0 0 0 0]\n   /P \(page.number) 0 R\n>>\nendobj\n")

        offsets[catalog.number] = out.count
        write("\(catalog.number) 0 obj\n")
        out.append(contentsOf: Self.adding("/AcroForm << /Fields [\(field) 0 R] /SigFlags 3 >>", to: catalogBody))
        write("\nendobj\n")

        offsets[page.number] = out.count
        write("\(page.number) 0 obj\n")
        out.append(contentsOf: try Self.addingAnnotation(field, to: pageBody))
        write("\nendobj\n")

        let xref = out.count
        write("xref\n0 1\n0000000000 65535 f \n")
        for number in offsets.keys.sorted() {
            write("\(number) 1\n")
            write(String(repeating: "0", count: 10 - String(offsets[number]!).count) + "\(offsets[number]!) 00000 n \n")
        }
        var trailer = "trailer\n<< /Size \(field + 1)\n   /Root \(part.catalog) 0 R\n"
        if let info = part.info { trailer += "   /Info \(info) 0 R\n" }
        write(trailer + "   /Prev \(previousXref)\n>>\nstartxref\n\(xref)\n%%EOF\n")

        let ranges = [0, contentsStart - 1, contentsEnd + 1, out.count - contentsEnd - 1]
        var byteRange = Array("[\(ranges.map(String.init).joined(separator: " "))]".utf8)
        let width = 36  // "[0 " + three ten-digit numbers with spaces + "]"
        guard byteRange.count <= width else { throw .malformed("the file is too large to sign") }
        byteRange.append(contentsOf: repeatElement(UInt8(ascii: " "), count: width - byteRange.count))
        out.replaceSubrange(byteRangeAt..<(byteRangeAt + width), with: byteRange)
        bytes = out
        contents = contentsStart..<contentsEnd
    }

    /// Writes the signature value; it must fit the placeholder (the rest stays zeros).
    /// - Throws: `PDFJoinError.malformed` when it is too long.
    public mutating func fill(_ value: [UInt8]) throws(PDFJoinError) {
        guard value.count * 2 <= contents.count else {
            throw .malformed("the signature (\(value.count) bytes) does not fit its place (\(contents.count / 2) bytes)")
        }
        let hex = Array("0123456789ABCDEF".utf8)
        var i = contents.lowerBound
        for byte in value {
            bytes[i] = hex[Int(byte >> 4)]
            bytes[i + 1] = hex[Int(byte & 0x0F)]
            i += 2
        }
    }

    /// The first leaf of the page tree.
    private static func firstPage(of part: PDFPart) throws(PDFJoinError) -> PDFPart.Object {
        var number = part.pageTree
        for _ in 0..<32 {
            guard let object = part.objects.first(where: { $0.number == number }) else { throw .malformed("object \(number) is missing") }
            let body = Array(part.bytes[object.dictionary])
            if body.firstRange(of: Array("/Kids".utf8)) == nil { return object }
            guard let kids = body.firstRange(of: Array("/Kids".utf8)),
                let first = PDFPart.integer(after: "[", in: Array(body[kids.upperBound...]))
            else { throw .malformed("a page tree names no kids") }
            number = first
        }
        throw .malformed("the page tree is too deep")
    }

    /// The dictionary `body` (`<< … >>`, with whatever follows) with `entry` added before its closing `>>`.
    private static func adding(_ entry: String, to body: [UInt8]) -> [UInt8] {
        var body = body
        while let last = body.last, PDFConcatenator.isWhitespace(last) { body.removeLast() }
        let close = body.count - 2
        body.insert(contentsOf: Array("   \(entry)\n".utf8), at: close)
        return body
    }

    /// The page dictionary with the field added to its annotations (a new `/Annots`, or the
    /// existing array written in the page itself, as cairo writes links).
    private static func addingAnnotation(_ field: Int, to body: [UInt8]) throws(PDFJoinError) -> [UInt8] {
        guard let annots = body.firstRange(of: Array("/Annots".utf8)) else { return adding("/Annots [\(field) 0 R]", to: body) }
        var i = annots.upperBound
        while i < body.count, PDFConcatenator.isWhitespace(body[i]) { i += 1 }
        guard i < body.count, body[i] == UInt8(ascii: "["), let close = body[i...].firstIndex(of: UInt8(ascii: "]")) else {
            throw .malformed("the first page's annotations are not an array written in the page")
        }
        var body = body
        body.insert(contentsOf: Array(" \(field) 0 R ".utf8), at: close)
        return body
    }

    /// `D:YYYYMMDDHHmmSSZ` in UTC.
    static func pdfDate(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "D:%04d%02d%02d%02d%02d%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    /// A PDF text string: ASCII in parentheses (escaped), otherwise UTF-16BE with a byte-order mark in hex.
    static func text(_ value: String) -> String {
        if value.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) {
            let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "(", with: "\\(")
                .replacingOccurrences(of: ")", with: "\\)")
            return "(\(escaped))"
        }
        return PDFConcatenator.text(value)
    }
}
