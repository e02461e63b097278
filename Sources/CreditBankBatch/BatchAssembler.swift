import CreditBankCore
import DocumentRender
import Foundation

/// Joins the finished parts of a batch, in order, into the output file. Reads one part at a time.
struct BatchAssembler {
    let plan: BatchPlan
    let work: URL
    let issuer: String

    /// Writes the output under a temporary name in the work folder, lets `finish` complete it (the
    /// seal), forces it to disk and renames it.
    func assemble(into output: URL, finish: (String) throws -> Void = { _ in }) throws {
        let temporary = work.appendingPathComponent("output.tmp").path
        let file = try FileOutput(path: temporary)
        switch plan.format {
        case .pdf: try joinPDF(into: file)
        case .zip: try joinZip(into: file)
        }
        try file.close(sync: true)
        try finish(temporary)
        try? FileManager.default.removeItem(at: output)
        try BatchPrinter.moveIntoPlace(temporary, output.path)
    }

    private func part(_ index: Int) throws -> [UInt8] {
        let url = BatchPrinter.partFile(index, plan.format, in: work)
        guard let data = FileManager.default.contents(atPath: url.path) else { throw BatchError.missingPart(url.path) }
        return [UInt8](data)
    }

    private func joinPDF(into file: FileOutput) throws {
        let selection = plan.selection
        var subject = ["\(selection.kind.chineseName) \(selection.kind.rawValue)"]
        if let code = selection.institutionCode { subject.append("institution \(code)") }
        if let from = selection.from { subject.append("from \(from)") }
        if let to = selection.to { subject.append("to \(to)") }
        let joiner = try PDFConcatenator(
            output: file, spoolPath: work.appendingPathComponent("xref.spool").path,
            info: .init(
                title: "\(selection.kind.chineseName) · 批量打印件 · \(plan.documents.count) 份", author: issuer,
                subject: "原件的打印件，每份以其验证码核验 (a print of the originals; each document is verified by its code) · "
                    + subject.joined(separator: " · ")))
        for index in 0..<plan.partCount { try joiner.append(part: try part(index)) }
        try joiner.finish()
    }

    private func joinZip(into file: FileOutput) throws {
        let spoolPath = work.appendingPathComponent("central.spool").path
        let central = try FileOutput(path: spoolPath, bufferSize: 1 << 16)
        var count = 0
        var newest: (date: UInt16, time: UInt16) = (0x21, 0)
        for index in 0..<plan.partCount {
            let bytes = try part(index)
            let base = file.position
            var offset = 0
            while offset < bytes.count {
                guard let (entry, dataStart) = ZipFormat.readLocalHeader(bytes, at: offset) else {
                    throw BatchError.missingPart(BatchPrinter.partFile(index, plan.format, in: work).path + " (damaged)")
                }
                try central.write(ZipFormat.centralRecord(entry, offset: base + offset))
                if (entry.dosDate, entry.dosTime) > newest { newest = (entry.dosDate, entry.dosTime) }
                count += 1
                offset = dataStart + entry.size
            }
            try file.write(bytes)
        }
        // The manifest: read twice (checksum, then copy) so that it is never held whole.
        let header = Array(("\u{FEFF}" + ZipPart.manifestHeader).utf8)
        var crc = CRC32.checksum(header)
        var size = header.count
        for index in 0..<plan.partCount {
            let lines = try manifestLines(index)
            crc = CRC32.checksum(lines, continuing: crc)
            size += lines.count
        }
        let manifest = ZipFormat.Entry(name: "manifest.csv", crc: crc, size: size, dosTime: newest.time, dosDate: newest.date)
        try central.write(ZipFormat.centralRecord(manifest, offset: file.position))
        count += 1
        try file.write(ZipFormat.localHeader(manifest))
        try file.write(header)
        for index in 0..<plan.partCount { try file.write(try manifestLines(index)) }
        try central.close()
        let directoryOffset = file.position
        let spooled = try FileHandle(forReadingFrom: URL(fileURLWithPath: spoolPath))
        while let chunk = try spooled.read(upToCount: 1 << 20), !chunk.isEmpty { try file.write(chunk) }
        try spooled.close()
        try file.write(ZipFormat.end(count: count, directoryOffset: directoryOffset, directorySize: file.position - directoryOffset))
        try? FileManager.default.removeItem(atPath: spoolPath)
    }

    private func manifestLines(_ index: Int) throws -> [UInt8] {
        let url = ZipPart.manifestFile(for: BatchPrinter.partFile(index, plan.format, in: work))
        guard let data = FileManager.default.contents(atPath: url.path) else { throw BatchError.missingPart(url.path) }
        return [UInt8](data)
    }
}
