import CreditBankCore
import Foundation

/// What a batch prints, frozen when it starts and kept in its work folder (`plan.json`), so that
/// running the same command again after an interruption prints exactly the same documents in the
/// same parts and produces the same bytes.
public struct BatchPlan: Codable, Equatable, Sendable {
    /// Bumped when parts or assembly change, so an older work folder is not resumed.
    /// (2: each document renders with the template version it was issued with, so the plan no
    /// longer records the current versions.)
    public static let currentVersion = 2

    public var version: Int
    public var selection: BatchSelection
    public var format: BatchFormat
    /// Documents per part; parts are rendered in parallel and are the unit of resumption.
    public var partSize: Int
    /// The documents, in print order.
    public var documents: [DocumentID]

    /// Plans a batch of `documents`.
    public init(selection: BatchSelection, format: BatchFormat, documents: [DocumentID]) {
        version = Self.currentVersion
        self.selection = selection
        self.format = format
        partSize = Self.partSize(for: selection.kind)
        self.documents = documents
    }

    /// Documents per part: about 64 pages, so a part is a few seconds of one core's work.
    static func partSize(for kind: DocumentKind) -> Int {
        switch kind {
        case .conversionCertificate: 64
        case .outcomeProof: 48
        case .transcript: 8
        }
    }

    /// Number of parts.
    public var partCount: Int { (documents.count + partSize - 1) / partSize }

    /// The documents of part `index` (from 0).
    public func documents(ofPart index: Int) -> ArraySlice<DocumentID> {
        documents[(index * partSize)..<min(documents.count, (index + 1) * partSize)]
    }

    static let fileName = "plan.json"

    /// The plan saved in `folder`, if any.
    /// - Throws: when the file exists but cannot be read as a plan.
    public static func load(from folder: URL) throws -> BatchPlan? {
        let file = folder.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        return try JSONDecoder().decode(BatchPlan.self, from: Data(contentsOf: file))
    }

    /// Saves the plan in `folder` (created if needed), atomically.
    public func save(in folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try encoder.encode(self).write(to: folder.appendingPathComponent(Self.fileName), options: .atomic)
    }
}
