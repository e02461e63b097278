import CreditBankCore
import Foundation

/// Reads a stored public summary (the `public_summary` column, JSON) without Codable's machinery:
/// every uncached verification decodes one, and `JSONDecoder` cost more than the look-up itself
/// (issue 18, BENCHMARKS.md). It accepts JSON objects of the summary's shape only — any other key,
/// value type or malformed text gives nil, and the caller falls back to `JSONDecoder`, which
/// decides and explains exactly as before.
struct StoredSummaryReader {
    static func summary(_ text: String) throws -> PublicSummary {
        var text = text
        if let summary = text.withUTF8({ bytes in
            var reader = StoredSummaryReader(bytes: bytes)
            return reader.readSummary()
        }) {
            return summary
        }
        return try JSON.decode(PublicSummary.self, text)
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private mutating func readSummary() -> PublicSummary? {
        var name: String?, masked: String?, lines: [PublicSummary.Line]?
        let complete = readObject { reader, key in
            switch key {
            case "holderName": name = reader.readString()
            case "holderIDMasked": masked = reader.readString()
            case "lines": lines = reader.readLines()
            default: return false
            }
            return true
        }
        skipSpace()
        guard complete, index == bytes.count, let name, let masked, let lines else { return nil }
        return PublicSummary(holderName: name, holderIDMasked: masked, lines: lines)
    }

    private mutating func readLines() -> [PublicSummary.Line]? {
        guard take(UInt8(ascii: "[")) else { return nil }
        var lines: [PublicSummary.Line] = []
        if take(UInt8(ascii: "]")) { return lines }
        repeat {
            var label: String?, labelEn: String?, value: String?
            let complete = readObject { reader, key in
                switch key {
                case "label": label = reader.readString()
                case "labelEn": labelEn = reader.readString()
                case "value": value = reader.readString()
                default: return false
                }
                return true
            }
            guard complete, let label, let labelEn, let value else { return nil }
            lines.append(PublicSummary.Line(label, labelEn, value))
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "]")) ? lines : nil
    }

    /// `{ "key": value, … }`, each value read by `member` (false: a key this shape does not have).
    private mutating func readObject(_ member: (inout StoredSummaryReader, String) -> Bool) -> Bool {
        guard take(UInt8(ascii: "{")) else { return false }
        if take(UInt8(ascii: "}")) { return true }
        repeat {
            guard let key = readString(), take(UInt8(ascii: ":")), member(&self, key) else { return false }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "}"))
    }

    /// A JSON string; nil when malformed (an unpaired surrogate, a control character, a bad escape).
    /// The text read is a Swift `String`'s, so valid UTF-8, and a run of it between ASCII bytes is
    /// too: `String(decoding:)` (specialized, fast) never has to repair it, where the generic
    /// `String(validating:)` cost a fifth of an uncached look-up (issue 18).
    private mutating func readString() -> String? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = index
        // Plain text up to the closing quote: one copy, no decoding.
        while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\"), bytes[index] >= 0x20 {
            index += 1
        }
        guard index < bytes.count else { return nil }
        if bytes[index] == UInt8(ascii: "\"") {
            index += 1
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index - 1]), as: UTF8.self)
        }
        var utf8 = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""): return String(decoding: utf8, as: UTF8.self)
            case 0..<0x20: return nil
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { return nil }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "u"):
                    guard var scalar = readHex4() else { return nil }
                    if (0xD800..<0xDC00).contains(scalar) {
                        guard take(UInt8(ascii: "\\"), skippingSpace: false), take(UInt8(ascii: "u"), skippingSpace: false),
                            let low = readHex4(), (0xDC00..<0xE000).contains(low)
                        else { return nil }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { return nil }
                    utf8.append(contentsOf: String(Character(unicode)).utf8)
                default: return nil
                }
            default: utf8.append(byte)
            }
        }
        return nil
    }

    private mutating func readHex4() -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            index += 1
            guard let digit = Character(Unicode.Scalar(byte)).hexDigitValue else { return nil }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Skips white space, then consumes `byte` if it comes next.
    private mutating func take(_ byte: UInt8, skippingSpace: Bool = true) -> Bool {
        if skippingSpace { skipSpace() }
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }
}
