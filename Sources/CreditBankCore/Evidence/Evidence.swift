import Foundation
import Synchronization

/// Typed id of an evidence file.
public typealias EvidenceID = Identifier<Evidence>

/// The file kinds accepted as evidence, recognised by their first bytes, never by a file name.
public enum EvidenceFormat: String, CaseIterable, Sendable, Codable {
    case jpeg, png, gif, pdf

    public var mediaType: String {
        switch self {
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .gif: "image/gif"
        case .pdf: "application/pdf"
        }
    }

    public var fileExtension: String { self == .jpeg ? "jpg" : rawValue }

    /// The format whose signature `bytes` start with, or nil.
    public static func detect(_ bytes: some Collection<UInt8>) -> EvidenceFormat? {
        let head = Array(bytes.prefix(8))
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if head.starts(with: Array("GIF87a".utf8)) || head.starts(with: Array("GIF89a".utf8)) { return .gif }
        if head.starts(with: Array("%PDF-".utf8)) { return .pdf }
        return nil
    }
}

/// What a piece of evidence supports: an outcome waiting for recognition, or a conversion application.
public enum EvidenceSubject: Hashable, Sendable {
    case outcome(OutcomeID)
    case application(ApplicationID)
}

/// An uploaded file that supports an outcome or an application; the bytes are kept by hash.
public struct Evidence: Identifiable, Hashable, Sendable {
    public var id: EvidenceID
    public var learnerID: LearnerID
    public var subject: EvidenceSubject
    public var format: EvidenceFormat
    public var sha256: String
    public var byteCount: Int
    public var uploadedAt: Date

    /// Creates an evidence record.
    public init(
        id: EvidenceID, learnerID: LearnerID, subject: EvidenceSubject, format: EvidenceFormat, sha256: String, byteCount: Int,
        uploadedAt: Date
    ) {
        self.id = id
        self.learnerID = learnerID
        self.subject = subject
        self.format = format
        self.sha256 = sha256
        self.byteCount = byteCount
        self.uploadedAt = uploadedAt
    }

    /// Largest accepted file.
    public static let maximumBytes = 10 * 1024 * 1024
    /// Most files on one outcome or application.
    public static let maximumPerSubject = 20
}

/// The port where evidence bytes are kept, named by their SHA-256 (content-addressed: storing the
/// same bytes twice keeps one copy).
public protocol EvidenceFiles: Sendable {
    /// Stores `bytes` durably under `sha256` before returning.
    func store(_ bytes: [UInt8], sha256: String) throws
    /// The bytes stored under `sha256`, or nil.
    func bytes(sha256: String) throws -> [UInt8]?
    /// Removes files whose hash is not in `keeping` and that nobody stored for `age` seconds
    /// (an upload stores its file before its record commits), and abandoned partial writes.
    /// Returns how many files went.
    func removeUnreferenced(keeping: Set<String>, olderThan age: TimeInterval) throws -> Int
}

/// Evidence kept in memory: for tests and for tools that take no uploads.
public final class MemoryEvidenceFiles: EvidenceFiles {
    private let files = Mutex<[String: [UInt8]]>([:])
    /// An empty store.
    public init() {}
    /// Keeps `bytes` under `sha256`.
    public func store(_ bytes: [UInt8], sha256: String) throws { files.withLock { $0[sha256] = bytes } }
    /// The bytes kept under `sha256`.
    public func bytes(sha256: String) throws -> [UInt8]? { files.withLock { $0[sha256] } }
    /// Drops what is not in `keeping` (memory has no uploads in flight to wait for).
    public func removeUnreferenced(keeping: Set<String>, olderThan age: TimeInterval) throws -> Int {
        files.withLock { files in
            let gone = files.keys.filter { !keeping.contains($0) }
            for key in gone { files[key] = nil }
            return gone.count
        }
    }
}

extension EvidenceSubject {
    /// Whether evidence may still be added: to an outcome until its recognition is decided, or to one
    /// the learner picked from the catalog (stored at once, its proof kept with it, manual 001 step 7);
    /// to an application until it is closed.
    public static func acceptsEvidence(_ outcome: Outcome) -> Bool {
        switch outcome.status {
        case .registered, .recognitionRequested: true
        case .stored: outcome.source == .learner && outcome.catalogEntryID != nil
        case .notRecognised: false
        }
    }

    static func acceptsEvidence(application status: ConversionStatus) -> Bool {
        status == .submitted || status == .awaitingFinalReview
    }
}
