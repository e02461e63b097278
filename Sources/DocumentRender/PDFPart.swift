import Foundation

/// The objects of one cairo PDF, located through its cross-reference table.
struct PDFPart {
    struct Object {
        var number: Int
        /// The object's content before any stream (after `n 0 obj`): renumbered.
        var dictionary: Range<Int>
        /// Where `endobj` starts; the bytes between `dictionary` and `end` (a stream) are copied.
        var end: Int
    }

    let bytes: [UInt8]
    var objects: [Object] = []
    var catalog = 0
    var info: Int?
    var pageTree = 0
    var pageCount = 0

    init(_ bytes: [UInt8]) throws(PDFJoinError) {
        self.bytes = bytes
        guard let startxref = Self.lastRange(of: "startxref", in: bytes) else { throw .malformed("no startxref") }
        let xref = try Self.crossReferenceOffset(bytes, startxref: startxref, fileLength: bytes.count)
        let table = try Self.crossReference(bytes, at: xref, end: startxref.lowerBound)
        let trailer = Array(bytes[table.trailer])
        guard let root = Self.integer(after: "/Root", in: trailer) else { throw .malformed("the trailer names no catalog") }
        catalog = root
        info = Self.integer(after: "/Info", in: trailer)
        if trailer.firstRange(of: Array("/Prev".utf8)) != nil { throw .malformed("incremental updates are not supported") }
        let located = table.entries.sorted { $0.offset < $1.offset }
        for (index, entry) in located.enumerated() {
            let limit = index + 1 < located.count ? located[index + 1].offset : xref
            objects.append(try Self.object(entry.number, in: bytes, span: entry.offset..<limit))
        }
        guard let catalogObject = objects.first(where: { $0.number == root }),
            let pages = Self.integer(after: "/Pages", in: Array(bytes[catalogObject.dictionary]))
        else { throw .malformed("the catalog names no page tree") }
        pageTree = pages
        guard let tree = objects.first(where: { $0.number == pages }) else { throw .malformed("the page tree is missing") }
        let treeBytes = Array(bytes[tree.dictionary])
        guard let count = Self.integer(after: "/Count", in: treeBytes) else { throw .malformed("the page tree has no count") }
        pageCount = count
    }

    /// The offset the `startxref` keyword at `startxref` names, checked to lie within the file.
    static func crossReferenceOffset(_ bytes: [UInt8], startxref: Range<Int>, fileLength: Int) throws(PDFJoinError) -> Int {
        var i = startxref.upperBound
        while i < bytes.count, PDFConcatenator.isWhitespace(bytes[i]) { i += 1 }
        let xref = PDFConcatenator.readInteger(bytes, &i, bytes.count)
        guard xref > 0, xref < fileLength else { throw .malformed("no classic cross-reference table (object streams are not supported)") }
        return xref
    }

    /// The in-use entries of the classic cross-reference table at `at` in `bytes`, and where its
    /// trailer dictionary lies (up to `end`, the `startxref` keyword).
    static func crossReference(
        _ bytes: [UInt8], at: Int, end: Int
    ) throws(PDFJoinError) -> (entries: [(number: Int, offset: Int)], trailer: Range<Int>) {
        guard at < end, bytes[at...].starts(with: Array("xref".utf8)) else {
            throw .malformed("no classic cross-reference table (object streams are not supported)")
        }
        var i = at + 4
        func skipWhitespace() { while i < bytes.count, PDFConcatenator.isWhitespace(bytes[i]) { i += 1 } }
        var located: [(number: Int, offset: Int)] = []
        while true {
            skipWhitespace()
            guard i < bytes.count else { throw .malformed("cross-reference table cut short") }
            if bytes[i...].starts(with: Array("trailer".utf8)) { break }
            guard PDFConcatenator.isDigit(bytes[i]) else { throw .malformed("unreadable cross-reference table") }
            let first = PDFConcatenator.readInteger(bytes, &i, bytes.count)
            skipWhitespace()
            let count = PDFConcatenator.readInteger(bytes, &i, bytes.count)
            for n in 0..<count {
                skipWhitespace()
                let offset = PDFConcatenator.readInteger(bytes, &i, bytes.count)
                skipWhitespace()
                _ = PDFConcatenator.readInteger(bytes, &i, bytes.count)
                skipWhitespace()
                guard i < bytes.count else { throw .malformed("cross-reference table cut short") }
                if bytes[i] == UInt8(ascii: "n") { located.append((first + n, offset)) }
                i += 1
            }
        }
        guard i <= end else { throw .malformed("the trailer is not before startxref") }
        return (located, i..<end)
    }

    /// Object `number`, which the table places at `span.lowerBound` of `bytes` and which ends
    /// before `span.upperBound` (the next object or the table).
    static func object(_ number: Int, in bytes: [UInt8], span: Range<Int>) throws(PDFJoinError) -> Object {
        let header = Array("\(number) 0 obj".utf8)
        guard span.lowerBound < span.upperBound, span.upperBound <= bytes.count, bytes[span].starts(with: header) else {
            throw .malformed("object \(number) is not where the table says")
        }
        guard let endobj = lastRange(of: "endobj", in: bytes, within: span) else {
            throw .malformed("object \(number) has no endobj")
        }
        var start = span.lowerBound + header.count
        while start < bytes.count, PDFConcatenator.isWhitespace(bytes[start]) { start += 1 }
        var dictionaryEnd = endobj.lowerBound
        if bytes[start...].starts(with: Array("<<".utf8)) {
            let close = try matchingClose(bytes, from: start, limit: endobj.lowerBound)
            var after = close
            while after < bytes.count, PDFConcatenator.isWhitespace(bytes[after]) { after += 1 }
            if bytes[after...].starts(with: Array("stream".utf8)) { dictionaryEnd = close }
        }
        return Object(number: number, dictionary: start..<dictionaryEnd, end: endobj.lowerBound)
    }

    /// The index just after the `>>` closing the dictionary opened at `from`.
    static func matchingClose(_ bytes: [UInt8], from: Int, limit: Int) throws(PDFJoinError) -> Int {
        var depth = 0
        var i = from
        while i < limit {
            let c = bytes[i]
            if c == UInt8(ascii: "("), depth > 0 {
                var nesting = 0
                while i < limit {
                    if bytes[i] == UInt8(ascii: "\\") {
                        i += 2
                        continue
                    }
                    if bytes[i] == UInt8(ascii: "(") { nesting += 1 }
                    if bytes[i] == UInt8(ascii: ")") {
                        nesting -= 1
                        if nesting == 0 { break }
                    }
                    i += 1
                }
            } else if c == UInt8(ascii: "<"), i + 1 < limit, bytes[i + 1] == UInt8(ascii: "<") {
                depth += 1
                i += 1
            } else if c == UInt8(ascii: ">"), i + 1 < limit, bytes[i + 1] == UInt8(ascii: ">") {
                depth -= 1
                i += 1
                if depth == 0 { return i + 1 }
            }
            i += 1
        }
        throw .malformed("a dictionary is not closed")
    }

    static func lastRange(of text: String, in bytes: [UInt8], within range: Range<Int>? = nil) -> Range<Int>? {
        let needle = Array(text.utf8)
        let range = range ?? 0..<bytes.count
        var i = range.upperBound - needle.count
        while i >= range.lowerBound {
            if bytes[i] == needle[0], bytes[i..<(i + needle.count)].elementsEqual(needle) { return i..<(i + needle.count) }
            i -= 1
        }
        return nil
    }

    static func integer(after key: String, in bytes: [UInt8]) -> Int? {
        guard let found = bytes.firstRange(of: Array(key.utf8)) else { return nil }
        var i = found.upperBound
        while i < bytes.count, PDFConcatenator.isWhitespace(bytes[i]) { i += 1 }
        guard i < bytes.count, PDFConcatenator.isDigit(bytes[i]) else { return nil }
        return PDFConcatenator.readInteger(bytes, &i, bytes.count)
    }
}
