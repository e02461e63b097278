import CreditBankCore
import Foundation
import Hummingbird

/// JSON written straight into a `ByteBuffer`, for the busiest answer (the public verification,
/// issue 18; docs/architecture.md). It writes exactly what `JSONResponse.encoder` writes for the
/// same value — keys in the order the caller gives (callers give them sorted), slashes unescaped,
/// dates as ISO 8601 — without Codable's containers; `VerificationJSONTests` compares the two.
struct JSONBufferWriter {
    private(set) var buffer: ByteBuffer
    /// For each open object or array: whether nothing was written in it yet.
    private var empty: [Bool] = []
    /// A key was written; its value follows without a comma.
    private var afterKey = false

    init(capacity: Int = 1024) {
        buffer = ByteBufferAllocator().buffer(capacity: capacity)
    }

    mutating func openObject() { openContainer(UInt8(ascii: "{")) }
    mutating func closeObject() { closeContainer(UInt8(ascii: "}")) }
    mutating func openArray() { openContainer(UInt8(ascii: "[")) }
    mutating func closeArray() { closeContainer(UInt8(ascii: "]")) }

    mutating func key(_ name: String) {
        separate()
        writeString(name)
        buffer.writeInteger(UInt8(ascii: ":"))
        afterKey = true
    }

    mutating func string(_ text: String) {
        separate()
        writeString(text)
    }

    mutating func bool(_ value: Bool) {
        separate()
        buffer.writeStaticString(value ? "true" : "false")
    }

    /// A date as `JSONEncoder.DateEncodingStrategy.iso8601` writes it.
    mutating func date(_ value: Date) { string(value.formatted(.iso8601)) }

    /// JSON some other writer made (a value encoded once and reused).
    mutating func raw(_ json: ByteBuffer) {
        separate()
        var json = json
        buffer.writeBuffer(&json)
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
        buffer.writeInteger(byte)
        empty.append(true)
    }

    private mutating func closeContainer(_ byte: UInt8) {
        buffer.writeInteger(byte)
        empty.removeLast()
    }

    /// A comma before every value but the first in its container (and none after a key).
    private mutating func separate() {
        if afterKey {
            afterKey = false
            return
        }
        guard let last = empty.indices.last else { return }
        if !empty[last] { buffer.writeInteger(UInt8(ascii: ",")) }
        empty[last] = false
    }

    /// A JSON string: quotes, backslashes and control characters escaped as Foundation's encoder
    /// escapes them; everything else (slashes, non-ASCII) as UTF-8 bytes.
    private mutating func writeString(_ text: String) {
        buffer.writeInteger(UInt8(ascii: "\""))
        let plain = text.utf8.allSatisfy { $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
        if plain {
            buffer.writeString(text)
        } else {
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "\""): buffer.writeStaticString("\\\"")
                case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
                case 0x08: buffer.writeStaticString("\\b")
                case 0x0C: buffer.writeStaticString("\\f")
                case 0x0A: buffer.writeStaticString("\\n")
                case 0x0D: buffer.writeStaticString("\\r")
                case 0x09: buffer.writeStaticString("\\t")
                case 0..<0x20:
                    buffer.writeStaticString("\\u00")
                    buffer.writeInteger(Hex.digits[Int(byte >> 4)])
                    buffer.writeInteger(Hex.digits[Int(byte & 0x0F)])
                default: buffer.writeInteger(byte)
                }
            }
        }
        buffer.writeInteger(UInt8(ascii: "\""))
    }
}
