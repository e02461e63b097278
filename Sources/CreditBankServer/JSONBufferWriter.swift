import CreditBankCore
import Foundation
import Hummingbird

/// JSON written straight into a `ByteBuffer`, for the busiest answer (the public verification,
/// issue 18; docs/architecture.md). It writes exactly what `JSONResponse.encoder` writes for the
/// same value — keys in the order the caller gives (callers give them sorted), slashes unescaped,
/// dates as ISO 8601 — without Codable's containers; `VerificationJSONTests` compares the two.
struct JSONBufferWriter {
    /// The JSON so far: appending a byte to an array costs less than `ByteBuffer`'s checked writes,
    /// one byte at a time, did (issue 18); `buffer` copies it once.
    private var bytes: [UInt8] = []
    /// For each open object or array: whether nothing was written in it yet.
    private var empty: [Bool] = []
    /// A key was written; its value follows without a comma.
    private var afterKey = false

    init(capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
    }

    /// What was written.
    var buffer: ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: bytes.count)
        buffer.writeBytes(bytes)
        return buffer
    }

    mutating func openObject() { openContainer(UInt8(ascii: "{")) }
    mutating func closeObject() { closeContainer(UInt8(ascii: "}")) }
    mutating func openArray() { openContainer(UInt8(ascii: "[")) }
    mutating func closeArray() { closeContainer(UInt8(ascii: "]")) }

    mutating func key(_ name: String) {
        separate()
        writeString(name)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    mutating func string(_ text: String) {
        separate()
        writeString(text)
    }

    mutating func bool(_ value: Bool) {
        separate()
        bytes.append(contentsOf: value ? Self.trueBytes : Self.falseBytes)
    }
    private static let trueBytes = Array("true".utf8), falseBytes = Array("false".utf8)

    /// A date as `JSONEncoder.DateEncodingStrategy.iso8601` writes it: `2026-12-02T08:30:00Z`.
    mutating func date(_ value: Date) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        if !ISO8601Bytes.append(value, to: &bytes) { bytes.append(contentsOf: value.formatted(.iso8601).utf8) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// JSON some other writer made (a value encoded once and reused).
    mutating func raw(_ json: ByteBuffer) {
        separate()
        bytes.append(contentsOf: json.readableBytesView)
    }

    /// `"name":"text"`, or nothing when `text` is nil (as synthesized `Encodable` leaves out nil).
    mutating func field(_ name: String, _ text: String?) {
        guard let text else { return }
        key(name)
        string(text)
    }

    mutating func field(_ name: String, _ value: Date?) {
        guard let value else { return }
        key(name)
        date(value)
    }

    mutating func field(_ name: String, _ value: Bool) {
        key(name)
        bool(value)
    }

    private mutating func openContainer(_ byte: UInt8) {
        separate()
        bytes.append(byte)
        empty.append(true)
    }

    private mutating func closeContainer(_ byte: UInt8) {
        bytes.append(byte)
        empty.removeLast()
    }

    /// A comma before every value but the first in its container (and none after a key).
    private mutating func separate() {
        if afterKey {
            afterKey = false
            return
        }
        guard let last = empty.indices.last else { return }
        if !empty[last] { bytes.append(UInt8(ascii: ",")) }
        empty[last] = false
    }

    /// A JSON string: quotes, backslashes and control characters escaped as Foundation's encoder
    /// escapes them; everything else (slashes, non-ASCII) as UTF-8 bytes, copied a run at a time.
    private mutating func writeString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var plainFrom = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainFrom..<index]))
                appendEscaped(byte)
                plainFrom = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainFrom...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscaped(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
        case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
        case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
        case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
        case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
        case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
        case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
        default:
            bytes.append(contentsOf: Array("\\u00".utf8))
            bytes.append(Hex.digits[Int(byte >> 4)])
            bytes.append(Hex.digits[Int(byte & 0x0F)])
        }
    }
}

/// Dates in the form Foundation's ISO 8601 style writes by default (UTC, whole seconds, `Z`),
/// computed from the seconds since 1970 (days to a civil date after Howard Hinnant's algorithm)
/// instead of through a calendar, which cost more than the rest of a verification answer's JSON.
enum ISO8601Bytes {
    /// Appends `date`; false (nothing appended) outside the years 1…9999.
    static func append(_ date: Date, to bytes: inout [UInt8]) -> Bool {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        guard seconds.isFinite, abs(seconds) < 400_000_000_000 else { return false }
        let whole = Int(seconds)
        let days = whole >= 0 ? whole / 86_400 : (whole - 86_399) / 86_400
        let secondOfDay = whole - days * 86_400
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        guard (1...9999).contains(year) else { return false }
        appendDigits(year, 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(month, 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(day, 2, to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        appendDigits(secondOfDay / 3_600, 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(secondOfDay / 60 % 60, 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(secondOfDay % 60, 2, to: &bytes)
        bytes.append(UInt8(ascii: "Z"))
        return true
    }

    private static func appendDigits(_ value: Int, _ count: Int, to bytes: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<count { divisor *= 10 }
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }
}
