import CreditBankCore
import DocumentRender
import Foundation

/// A part of a ZIP batch: the local entries of some stored PDFs (`part-N.zipdata`) and their lines
/// of the manifest (`part-N.csv`). The CSV is moved into place first, so a part whose data file
/// exists is complete.
enum ZipPart {
    /// The manifest's columns.
    static let manifestHeader = "file,code,holder,kind,sha256\r\n"

    /// Writes `items` (with their stored bytes), numbered from `firstIndex + 1`.
    /// - Throws: `BatchError.damagedDocument` when stored bytes do not match their hash; file errors.
    static func write(_ items: [BatchItem], firstIndex: Int, numberWidth: Int, to file: URL) throws {
        let data = file.path + ".tmp"
        let output = try FileOutput(path: data)
        var manifest = ""
        for (offset, item) in items.enumerated() {
            let document = item.document
            guard let pdf = item.pdf, CreditBankService.sha256(pdf) == document.sha256 else {
                throw BatchError.damagedDocument(code: document.code.formatted)
            }
            let number = String(firstIndex + offset + 1)
            let name = String(repeating: "0", count: max(0, numberWidth - number.count)) + number + "-" + document.code.formatted + ".pdf"
            let stamp = ZipFormat.dosTimestamp(document.issuedAt)
            let entry = ZipFormat.Entry(name: name, crc: CRC32.checksum(pdf), size: pdf.count, dosTime: stamp.time, dosDate: stamp.date)
            try output.write(ZipFormat.localHeader(entry))
            try output.write(pdf)
            manifest += [name, document.code.formatted, item.holderName, document.kind.rawValue, document.sha256].map(csvField).joined(
                separator: ",") + "\r\n"
        }
        try output.close()
        let csv = manifestFile(for: file)
        try Data(manifest.utf8).write(to: URL(fileURLWithPath: csv.path + ".tmp"))
        try BatchPrinter.moveIntoPlace(csv.path + ".tmp", csv.path)
        try BatchPrinter.moveIntoPlace(data, file.path)
    }

    static func manifestFile(for part: URL) -> URL {
        part.deletingPathExtension().appendingPathExtension("csv")
    }

    /// A CSV field (RFC 4180), with a leading apostrophe for values a spreadsheet would run as a formula.
    static func csvField(_ value: String) -> String {
        var value = value
        if let first = value.first, "=+-@\t\r".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
