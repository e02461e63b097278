/// What a signature revision needs to know of the file it extends: where the last cross-reference
/// section is, the next free object number, and the two objects it rewrites (the catalog, which
/// gains the form, and the first page, which gains the field). Read from bytes in memory
/// (`PDFSignatureSlot`) or from a file without loading it (`PDFFileSignatureSlot`).
struct PDFSigningTarget {
    var length: Int
    var endsWithNewline: Bool
    var previousXref: Int
    /// One more than the highest object number in use.
    var size: Int
    var info: Int?
    var catalog: Int
    var catalogDictionary: [UInt8]
    var page: Int
    var pageDictionary: [UInt8]

    /// The target in a whole file held in memory.
    init(_ pdf: [UInt8]) throws(PDFJoinError) {
        let part = try PDFPart(pdf)
        guard let startxref = PDFPart.lastRange(of: "startxref", in: pdf) else { throw .malformed("no startxref") }
        var dictionaries: [Int: Range<Int>] = [:]
        for object in part.objects { dictionaries[object.number] = object.dictionary }
        func dictionary(_ number: Int) throws(PDFJoinError) -> [UInt8] {
            guard let range = dictionaries[number] else { throw .malformed("object \(number) is missing") }
            return Array(pdf[range])
        }
        length = pdf.count
        endsWithNewline = pdf.last == 0x0A
        previousXref = PDFPart.integer(after: "startxref", in: Array(pdf[startxref.lowerBound...])) ?? 0
        size = (part.objects.map(\.number).max() ?? 0) + 1
        info = part.info
        catalog = part.catalog
        catalogDictionary = try dictionary(part.catalog)
        (page, pageDictionary) = try Self.firstPage(from: part.pageTree, dictionary: dictionary)
    }

    /// The target in `file`, reading only its last cross-reference section and the objects on the
    /// way to the first page (a batch of 10,000 certificates is about 400 MB; its table a few MB).
    init(file: SignableFile) throws(PDFJoinError) {
        length = try file.length()
        let tailStart = max(0, length - 1024)
        let tail = try file.read(tailStart..<length)
        guard let startxref = PDFPart.lastRange(of: "startxref", in: tail) else { throw .malformed("no startxref") }
        let xref = try PDFPart.crossReferenceOffset(tail, startxref: startxref, fileLength: length)
        guard xref < tailStart + startxref.lowerBound else { throw .malformed("the cross-reference table is not before startxref") }
        let section = try file.read(xref..<(tailStart + startxref.lowerBound))
        let table = try PDFPart.crossReference(section, at: 0, end: section.count)
        let trailer = Array(section[table.trailer])
        guard let root = PDFPart.integer(after: "/Root", in: trailer) else { throw .malformed("the trailer names no catalog") }
        if trailer.firstRange(of: Array("/Prev".utf8)) != nil { throw .malformed("incremental updates are not supported") }
        // Each object ends where the next one (in file order) or the table begins.
        let located = table.entries.sorted { $0.offset < $1.offset }
        var spans: [Int: Range<Int>] = [:]
        for (index, entry) in located.enumerated() {
            spans[entry.number] = entry.offset..<(index + 1 < located.count ? located[index + 1].offset : xref)
        }
        func dictionary(_ number: Int) throws(PDFJoinError) -> [UInt8] {
            guard let span = spans[number], span.lowerBound < span.upperBound else { throw .malformed("object \(number) is missing") }
            let bytes = try file.read(span)
            let object = try PDFPart.object(number, in: bytes, span: 0..<bytes.count)
            return Array(bytes[object.dictionary])
        }
        endsWithNewline = tail.last == 0x0A
        previousXref = xref
        size = (located.map(\.number).max() ?? 0) + 1
        info = PDFPart.integer(after: "/Info", in: trailer)
        catalog = root
        catalogDictionary = try dictionary(root)
        guard let tree = PDFPart.integer(after: "/Pages", in: catalogDictionary) else { throw .malformed("the catalog names no page tree") }
        (page, pageDictionary) = try Self.firstPage(from: tree, dictionary: dictionary)
    }

    /// The first leaf of the page tree rooted at `tree`.
    private static func firstPage(
        from tree: Int, dictionary: (Int) throws(PDFJoinError) -> [UInt8]
    ) throws(PDFJoinError) -> (Int, [UInt8]) {
        var number = tree
        for _ in 0..<32 {
            let body = try dictionary(number)
            guard let kids = body.firstRange(of: Array("/Kids".utf8)) else { return (number, body) }
            guard let first = PDFPart.integer(after: "[", in: Array(body[kids.upperBound...])) else {
                throw .malformed("a page tree names no kids")
            }
            number = first
        }
        throw .malformed("the page tree is too deep")
    }
}

/// The revision a signature appends (ISO 32000-1 §12.8; see `PDFSignatureSlot`): the signature
/// dictionary with a zero placeholder for the value, the field, the catalog and first page
/// rewritten, their cross-reference section and a trailer pointing back to the previous one.
struct PDFSignatureRevision {
    /// The bytes appended to the file.
    var bytes: [UInt8]
    /// The hex digits of `/Contents` in the extended file, between `<` and `>`.
    var contents: Range<Int>

    init(extending target: PDFSigningTarget, fields: PDFSignatureSlot.Fields, contentsLength: Int) throws(PDFJoinError) {
        guard target.catalogDictionary.firstRange(of: Array("/AcroForm".utf8)) == nil else {
            throw .malformed("the file already has a form")
        }
        let signature = target.size, field = target.size + 1
        var out: [UInt8] = target.endsWithNewline ? [] : [0x0A]
        let base = target.length
        var offsets: [Int: Int] = [:]
        func write(_ text: String) { out.append(contentsOf: Array(text.utf8)) }

        offsets[signature] = base + out.count
        write("\(signature) 0 obj\n<< /Type /Sig\n   /Filter /Adobe.PPKLite\n   /SubFilter /\(fields.subFilter)\n   /ByteRange ")
        let byteRangeAt = out.count
        write("[0 0000000000 0000000000 0000000000]\n   /Contents <")
        let contentsStart = base + out.count
        out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: contentsLength * 2))
        let contentsEnd = base + out.count
        let text = PDFSignatureSlot.text
        write(">\n   /M \(text(PDFSignatureSlot.pdfDate(fields.time)))\n   /Name \(text(fields.name))\n")
        write("   /Reason \(text(fields.reason))\n   /Location \(text(fields.location))\n>>\nendobj\n")

        offsets[field] = base + out.count
        write(
            "\(field) 0 obj\n<< /Type /Annot\n   /Subtype /Widget\n   /FT /Sig\n   /T (Seal)\n   /V \(signature) 0 R\n"
                + "   /F 132\n   /Rect [0 0 0 0]\n   /P \(target.page) 0 R\n>>\nendobj\n")

        offsets[target.catalog] = base + out.count
        write("\(target.catalog) 0 obj\n")
        out.append(contentsOf: Self.adding("/AcroForm << /Fields [\(field) 0 R] /SigFlags 3 >>", to: target.catalogDictionary))
        write("\nendobj\n")

        offsets[target.page] = base + out.count
        write("\(target.page) 0 obj\n")
        out.append(contentsOf: try Self.addingAnnotation(field, to: target.pageDictionary))
        write("\nendobj\n")

        let xref = base + out.count
        write("xref\n0 1\n0000000000 65535 f \n")
        for number in offsets.keys.sorted() {
            write("\(number) 1\n")
            write(String(repeating: "0", count: 10 - String(offsets[number]!).count) + "\(offsets[number]!) 00000 n \n")
        }
        var trailer = "trailer\n<< /Size \(field + 1)\n   /Root \(target.catalog) 0 R\n"
        if let info = target.info { trailer += "   /Info \(info) 0 R\n" }
        write(trailer + "   /Prev \(target.previousXref)\n>>\nstartxref\n\(xref)\n%%EOF\n")

        let fileLength = base + out.count
        let ranges = [0, contentsStart - 1, contentsEnd + 1, fileLength - contentsEnd - 1]
        var byteRange = Array("[\(ranges.map(String.init).joined(separator: " "))]".utf8)
        let width = 36  // "[0 " + three ten-digit numbers with spaces + "]"
        guard byteRange.count <= width else { throw .malformed("the file is too large to sign") }
        byteRange.append(contentsOf: repeatElement(UInt8(ascii: " "), count: width - byteRange.count))
        out.replaceSubrange(byteRangeAt..<(byteRangeAt + width), with: byteRange)
        bytes = out
        contents = contentsStart..<contentsEnd
    }

    /// The two signed ranges of a file of `fileLength` bytes: everything before `<` and after `>`.
    static func signedRanges(contents: Range<Int>, fileLength: Int) -> [Range<Int>] {
        [0..<(contents.lowerBound - 1), (contents.upperBound + 1)..<fileLength]
    }

    /// `value` as upper-case hex digits, checked to fit a placeholder of `width` digits.
    static func hexDigits(of value: [UInt8], fitting width: Int) throws(PDFJoinError) -> [UInt8] {
        guard value.count * 2 <= width else {
            throw .malformed("the signature (\(value.count) bytes) does not fit its place (\(width / 2) bytes)")
        }
        let hex = Array("0123456789ABCDEF".utf8)
        var digits: [UInt8] = []
        digits.reserveCapacity(value.count * 2)
        for byte in value {
            digits.append(hex[Int(byte >> 4)])
            digits.append(hex[Int(byte & 0x0F)])
        }
        return digits
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
}
