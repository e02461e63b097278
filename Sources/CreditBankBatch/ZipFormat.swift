import DocumentRender
import Foundation

/// The pieces of a store-only ZIP file (APPNOTE 6.3), written front to back with fixed times so
/// that the same entries always give the same bytes. ZIP64 records are added only when offsets or
/// the entry count outgrow the classic fields.
enum ZipFormat {
    /// One stored entry as its local header will describe it.
    struct Entry {
        var name: String
        var crc: UInt32
        var size: Int
        var dosTime: UInt16
        var dosDate: UInt16
    }

    static let localSignature: UInt32 = 0x0403_4B50
    private static let centralSignature: UInt32 = 0x0201_4B50
    /// General purpose flag bit 11: names are UTF-8.
    private static let utf8Names: UInt16 = 0x0800

    /// The local header that precedes an entry's bytes.
    static func localHeader(_ entry: Entry) -> [UInt8] {
        var out: [UInt8] = []
        let name = Array(entry.name.utf8)
        out.le(localSignature)
        out.le(UInt16(20))
        out.le(utf8Names)
        out.le(UInt16(0))  // stored
        out.le(entry.dosTime)
        out.le(entry.dosDate)
        out.le(entry.crc)
        out.le(UInt32(entry.size))
        out.le(UInt32(entry.size))
        out.le(UInt16(name.count))
        out.le(UInt16(0))
        return out + name
    }

    /// Reads the local header at `offset` of `bytes`; returns the entry and where its data starts.
    static func readLocalHeader(_ bytes: [UInt8], at offset: Int) -> (Entry, dataStart: Int)? {
        guard offset + 30 <= bytes.count, bytes.u32(offset) == localSignature else { return nil }
        let nameLength = Int(bytes.u16(offset + 26))
        let extraLength = Int(bytes.u16(offset + 28))
        let nameStart = offset + 30
        guard nameStart + nameLength + extraLength <= bytes.count else { return nil }
        let entry = Entry(
            name: String(decoding: bytes[nameStart..<(nameStart + nameLength)], as: UTF8.self), crc: bytes.u32(offset + 14),
            size: Int(bytes.u32(offset + 22)), dosTime: bytes.u16(offset + 10), dosDate: bytes.u16(offset + 12))
        return (entry, nameStart + nameLength + extraLength)
    }

    /// The central directory record of an entry whose local header is at `offset`.
    static func centralRecord(_ entry: Entry, offset: Int) -> [UInt8] {
        let name = Array(entry.name.utf8)
        let needs64 = offset >= 0xFFFF_FFFF
        var out: [UInt8] = []
        out.le(centralSignature)
        out.le(UInt16(0x031E))  // made by: Unix, 3.0
        out.le(UInt16(needs64 ? 45 : 20))
        out.le(utf8Names)
        out.le(UInt16(0))
        out.le(entry.dosTime)
        out.le(entry.dosDate)
        out.le(entry.crc)
        out.le(UInt32(entry.size))
        out.le(UInt32(entry.size))
        out.le(UInt16(name.count))
        out.le(UInt16(needs64 ? 12 : 0))
        out.le(UInt16(0))  // comment
        out.le(UInt16(0))  // disk
        out.le(UInt16(0))  // internal attributes
        out.le(UInt32(0o100644) << 16)  // external: a regular file, rw-r--r--
        out.le(needs64 ? UInt32.max : UInt32(offset))
        out += name
        if needs64 {
            out.le(UInt16(0x0001))
            out.le(UInt16(8))
            out.le(UInt64(offset))
        }
        return out
    }

    /// The end records after a central directory of `count` entries at `offset`, `size` bytes long.
    static func end(count: Int, directoryOffset offset: Int, directorySize size: Int) -> [UInt8] {
        var out: [UInt8] = []
        let needs64 = count >= 0xFFFF || offset >= 0xFFFF_FFFF || size >= 0xFFFF_FFFF
        if needs64 {
            let recordOffset = offset + size
            out.le(UInt32(0x0606_4B50))
            out.le(UInt64(44))
            out.le(UInt16(45))
            out.le(UInt16(45))
            out.le(UInt32(0))
            out.le(UInt32(0))
            out.le(UInt64(count))
            out.le(UInt64(count))
            out.le(UInt64(size))
            out.le(UInt64(offset))
            out.le(UInt32(0x0706_4B50))
            out.le(UInt32(0))
            out.le(UInt64(recordOffset))
            out.le(UInt32(1))
        }
        out.le(UInt32(0x0605_4B50))
        out.le(UInt16(0))
        out.le(UInt16(0))
        out.le(needs64 ? UInt16.max : UInt16(count))
        out.le(needs64 ? UInt16.max : UInt16(count))
        out.le(needs64 ? UInt32.max : UInt32(size))
        out.le(needs64 ? UInt32.max : UInt32(offset))
        out.le(UInt16(0))
        return out
    }

    /// MS-DOS time and date of `instant` in China Standard Time (ZIP stores local times).
    static func dosTimestamp(_ instant: Date) -> (time: UInt16, date: UInt16) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let p = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        let year = min(max(p.year! - 1980, 0), 127)
        let time = UInt16(p.hour! << 11 | p.minute! << 5 | p.second! / 2)
        let date = UInt16(year << 9 | p.month! << 5 | p.day!)
        return (time, date)
    }
}

extension [UInt8] {
    fileprivate mutating func le<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }

    fileprivate func u16(_ at: Int) -> UInt16 { UInt16(self[at]) | UInt16(self[at + 1]) << 8 }
    fileprivate func u32(_ at: Int) -> UInt32 { UInt32(u16(at)) | UInt32(u16(at + 2)) << 16 }
}
