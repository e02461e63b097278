/// A signature found in a PDF: its byte range and value, read as validators read them (the gap
/// between the two signed ranges is the `/Contents` hex string).
public struct PDFSignatureField: Sendable {
    /// `[offset, length, offset, length]`.
    public var byteRange: [Int]
    /// The decoded `/Contents` (a DER CMS, zero-padded).
    public var contents: [UInt8]
    /// `/SubFilter`, when written near the value.
    public var subFilter: String?

    /// Whether the two ranges cover the whole file but the value: nothing was added after signing.
    public func coversWholeFile(ofLength length: Int) -> Bool {
        byteRange.count == 4 && byteRange[0] == 0 && byteRange[2] + byteRange[3] == length
    }

    /// The signed bytes of `file`.
    public func signedBytes(of file: [UInt8]) -> [UInt8] {
        Array(file[byteRange[0]..<(byteRange[0] + byteRange[1])]) + file[byteRange[2]..<(byteRange[2] + byteRange[3])]
    }

    /// Every signature in `file` whose byte range is readable and lies within the file, in file order.
    public static func all(in file: [UInt8]) -> [PDFSignatureField] {
        let key = Array("/ByteRange".utf8)
        var found: [PDFSignatureField] = []
        var from = 0
        while let hit = file[from...].firstRange(of: key) {
            from = hit.upperBound
            var i = hit.upperBound
            while i < file.count, PDFConcatenator.isWhitespace(file[i]) { i += 1 }
            guard i < file.count, file[i] == UInt8(ascii: "[") else { continue }
            i += 1
            var numbers: [Int] = []
            for _ in 0..<4 {
                while i < file.count, PDFConcatenator.isWhitespace(file[i]) { i += 1 }
                guard i < file.count, PDFConcatenator.isDigit(file[i]) else { break }
                numbers.append(PDFConcatenator.readInteger(file, &i, file.count))
            }
            guard numbers.count == 4, numbers[0] == 0, numbers[1] > 0, numbers[2] > numbers[1] + 1,
                numbers[2] + numbers[3] <= file.count, numbers[3] >= 0,
                file[numbers[1]] == UInt8(ascii: "<"), file[numbers[2] - 1] == UInt8(ascii: ">"),
                let value = hexDecode(file[(numbers[1] + 1)..<(numbers[2] - 1)])
            else { continue }
            let around = file[max(0, hit.lowerBound - 600)..<min(file.count, numbers[2] + 600)]
            var subFilter: String?
            if let sf = around.firstRange(of: Array("/SubFilter".utf8)) {
                var j = sf.upperBound
                while j < around.endIndex, PDFConcatenator.isWhitespace(file[j]) { j += 1 }
                if j < around.endIndex, file[j] == UInt8(ascii: "/") {
                    var k = j + 1
                    while k < around.endIndex, !PDFConcatenator.isDelimiter(file[k]) { k += 1 }
                    subFilter = String(decoding: file[(j + 1)..<k], as: UTF8.self)
                }
            }
            found.append(PDFSignatureField(byteRange: numbers, contents: value, subFilter: subFilter))
        }
        return found
    }

    private static func hexDecode(_ hex: ArraySlice<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(hex.count / 2)
        var high: UInt8?
        for c in hex {
            let v: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): v = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): v = c - UInt8(ascii: "A") + 10
            case _ where PDFConcatenator.isWhitespace(c): continue
            default: return nil
            }
            if let h = high {
                out.append(h << 4 | v)
                high = nil
            } else {
                high = v
            }
        }
        return out
    }
}
