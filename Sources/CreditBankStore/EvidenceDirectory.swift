import CreditBankCore
import Foundation

/// Evidence files in the bank's data folder (`--data-dir`, by default beside a SQLite file), named
/// by SHA-256 and fanned out by its first two hex digits (`evidence/ab/abcdef….bin`). A file is written to a temporary name, synced and renamed,
/// so a crash leaves either the whole file or none; storing the same bytes again keeps the one copy.
public struct EvidenceDirectory: EvidenceFiles {
    /// The folder holding the files.
    public let root: URL

    /// Evidence under `root` (created on first store).
    public init(root: URL) { self.root = root }

    func url(_ sha256: String) throws -> URL {
        guard sha256.count == 64, sha256.allSatisfy(\.isHexDigit) else {
            throw CreditBankError.invalid(field: "sha256", reason: "not a hash")
        }
        return root.appendingPathComponent(String(sha256.prefix(2))).appendingPathComponent(sha256 + ".bin")
    }

    /// Writes the file unless it exists (temporary name, fsync, rename).
    public func store(_ bytes: [UInt8], sha256: String) throws {
        let target = try url(sha256)
        if FileManager.default.fileExists(atPath: target.path) {
            // Stored again: mark it fresh, so a sweep does not take it before this upload's record commits.
            try? FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: target.path)
            return
        }
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(sha256).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary.path])
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            try handle.write(contentsOf: bytes)
            try handle.synchronize()
            try handle.close()
            try FileManager.default.moveItem(at: temporary, to: target)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            if FileManager.default.fileExists(atPath: target.path) { return }  // stored meanwhile by a concurrent upload
            throw error
        }
    }

    /// Removes `.bin` files whose hash is not in `keeping` and temporary files, both untouched for
    /// `age` seconds (by the wall clock: file times are).
    public func removeUnreferenced(keeping: Set<String>, olderThan age: TimeInterval) throws -> Int {
        let cutoff = Date().addingTimeInterval(-age)
        let manager = FileManager.default
        guard manager.fileExists(atPath: root.path) else { return 0 }
        var removed = 0
        for fan in try manager.contentsOfDirectory(atPath: root.path) {
            let folder = root.appendingPathComponent(fan)
            guard let names = try? manager.contentsOfDirectory(atPath: folder.path) else { continue }
            for name in names {
                let isTemporary = name.hasPrefix(".") && name.hasSuffix(".tmp")
                guard isTemporary || (name.hasSuffix(".bin") && !keeping.contains(String(name.dropLast(4)))) else { continue }
                let file = folder.appendingPathComponent(name)
                guard let modified = try? manager.attributesOfItem(atPath: file.path)[.modificationDate] as? Date, modified < cutoff else {
                    continue
                }
                try manager.removeItem(at: file)
                removed += 1
            }
        }
        return removed
    }

    /// The file's bytes, or nil when there is none.
    public func bytes(sha256: String) throws -> [UInt8]? {
        guard let data = FileManager.default.contents(atPath: try url(sha256).path) else { return nil }
        return [UInt8](data)
    }
}
