/// Lower-case hexadecimal text of bytes (SHA-256 digests as stored and shown). `String(format:)`
/// per byte cost a tenth of a signed-in download (BENCHMARKS.md, issue 18).
public enum Hex {
    /// The sixteen digits as UTF-8 bytes, for writers that escape byte by byte.
    public static let digits = Array("0123456789abcdef".utf8)
    /// Upper-case digits, for percent-encoding (RFC 3986 §2.1 prefers them).
    public static let upperDigits = Array("0123456789ABCDEF".utf8)

    public static func lowercase(_ bytes: some Sequence<UInt8>) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
