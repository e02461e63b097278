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
    public var signedRanges: [Range<Int>] { PDFSignatureRevision.signedRanges(contents: contents, fileLength: bytes.count) }

    /// Appends the signature revision to `pdf` with room for `contentsLength` bytes of signature.
    /// - Throws: `PDFJoinError.malformed` when the file is not one this project writes, or is already signed.
    public init(_ pdf: [UInt8], fields: Fields, contentsLength: Int) throws(PDFJoinError) {
        let revision = try PDFSignatureRevision(extending: try PDFSigningTarget(pdf), fields: fields, contentsLength: contentsLength)
        bytes = pdf + revision.bytes
        contents = revision.contents
    }

    /// Writes the signature value; it must fit the placeholder (the rest stays zeros).
    /// - Throws: `PDFJoinError.malformed` when it is too long.
    public mutating func fill(_ value: [UInt8]) throws(PDFJoinError) {
        let hex = try PDFSignatureRevision.hexDigits(of: value, fitting: contents.count)
        bytes.replaceSubrange(contents.lowerBound..<(contents.lowerBound + hex.count), with: hex)
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
