import Foundation

/// Typed id of a batch job run by the server.
public typealias BatchID = Identifier<BatchJob>

/// How a batch is delivered: one printable PDF, or a ZIP of the stored PDFs with a manifest.
public enum BatchFormat: String, CaseIterable, Codable, Sendable {
    case pdf, zip

    public var mediaType: String { self == .pdf ? "application/pdf" : "application/zip" }
}

/// Which issued documents a batch prints (docs/product.md §5, §6): one kind, optionally of one institution and
/// issued within a range of days (China time, both ends included). Only documents valid at the time
/// the batch is planned are printed — never a revoked, superseded or expired one.
///
/// The institution of a conversion certificate is the institution of its target outcome (the one
/// that grants the credits); of an outcome proof or a transcript, any institution where the holder
/// has a stored outcome.
public struct BatchSelection: Hashable, Codable, Sendable {
    public var kind: DocumentKind
    public var institutionCode: String?
    public var from: LocalDate?
    public var to: LocalDate?

    /// Checks the raw values of a request or a command line.
    /// - Throws: `.invalid` naming `kind`, `institutionCode`, `from` or `to`.
    public init(kind: String, institutionCode: String?, from: String?, to: String?) throws(CreditBankError) {
        self.kind = try DocumentKind(parsing: kind)
        if let code = institutionCode?.trimmingCharacters(in: .whitespaces) {
            guard (2...20).contains(code.count) else { throw .invalid(field: "institutionCode", reason: "must be 2 to 20 characters") }
            self.institutionCode = code
        }
        self.from = try Self.day(from, field: "from")
        self.to = try Self.day(to, field: "to")
        if let start = self.from, let end = self.to, end < start {
            throw .invalid(field: "to", reason: "\(end) is before from \(start)")
        }
    }

    /// Creates a selection from checked values.
    public init(kind: DocumentKind, institutionCode: String? = nil, from: LocalDate? = nil, to: LocalDate? = nil) {
        self.kind = kind
        self.institutionCode = institutionCode
        self.from = from
        self.to = to
    }

    private static func day(_ text: String?, field: String) throws(CreditBankError) -> LocalDate? {
        guard let text else { return nil }
        guard let day = LocalDate(text) else { throw .invalid(field: field, reason: "\(text.debugDescription) is not a date (yyyy-MM-dd)") }
        return day
    }
}

/// The resolved query a storage adapter runs for a batch.
public struct BatchQuery: Sendable {
    public var kind: DocumentKind
    public var institution: InstitutionID?
    /// Issued at or after this instant.
    public var issuedFrom: Date?
    /// Issued before this instant.
    public var issuedBefore: Date?
    /// Valid at this instant: not revoked, not superseded, not expired.
    public var validAt: Date
}

/// One document of a batch with what the output needs: the frozen record, the holder's name (for
/// the ZIP manifest) and, when asked for, the stored PDF bytes.
public struct BatchItem: Sendable {
    public var document: IssuedDocument
    public var holderName: String
    public var pdf: [UInt8]?
}

/// A batch the server prints in the background (admin routes of docs/product.md §5).
public struct BatchJob: Identifiable, Hashable, Sendable {
    public enum Status: String, Codable, Sendable {
        case queued, running, done, failed
        /// Done, and its file removed after the server's retention period.
        case expired
    }

    public var id: BatchID
    public var selection: BatchSelection
    public var format: BatchFormat
    public var status: Status
    /// Documents written so far, and in all.
    public var done: Int
    public var total: Int
    /// Why the batch failed (status `failed`).
    public var failure: String?
    public var requestedBy: StaffID
    public var createdAt: Date
    public var finishedAt: Date?

    /// Creates a job value.
    public init(
        id: BatchID, selection: BatchSelection, format: BatchFormat, status: Status, done: Int, total: Int, failure: String? = nil,
        requestedBy: StaffID, createdAt: Date, finishedAt: Date? = nil
    ) {
        self.id = id
        self.selection = selection
        self.format = format
        self.status = status
        self.done = done
        self.total = total
        self.failure = failure
        self.requestedBy = requestedBy
        self.createdAt = createdAt
        self.finishedAt = finishedAt
    }
}
