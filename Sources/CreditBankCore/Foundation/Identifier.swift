/// A typed row identifier, so that a learner id cannot be passed where an outcome id is wanted.
public struct Identifier<Subject>: RawRepresentable, Hashable, Comparable, Sendable, Codable,
    CustomStringConvertible, ExpressibleByIntegerLiteral
{
    /// The database row id.
    public let rawValue: Int64

    /// Wraps a row id.
    public init(rawValue: Int64) { self.rawValue = rawValue }
    /// Wraps a row id.
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    /// Wraps a literal row id (tests).
    public init(integerLiteral value: Int64) { rawValue = value }

    /// The row id as decimal digits.
    public var description: String { String(rawValue) }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// Identifies a learner.
public typealias LearnerID = Identifier<Learner>
/// Identifies an institution.
public typealias InstitutionID = Identifier<Institution>
/// Identifies a staff account.
public typealias StaffID = Identifier<StaffMember>
/// Identifies a catalog entry.
public typealias CatalogEntryID = Identifier<CatalogEntry>
/// Identifies one learner outcome.
public typealias OutcomeID = Identifier<Outcome>
/// Identifies a conversion rule.
public typealias RuleID = Identifier<ConversionRule>
/// Identifies a conversion application.
public typealias ApplicationID = Identifier<ConversionApplication>
/// Identifies an issued document.
public typealias DocumentID = Identifier<IssuedDocument>
/// Identifies a learner message.
public typealias MessageID = Identifier<Message>
/// Identifies a feedback report.
public typealias FeedbackID = Identifier<Feedback>
/// Identifies an activation request.
public typealias ActivationID = Identifier<ActivationRequest>
/// Identifies an audit-log entry.
public typealias AuditID = Identifier<AuditEntry>
/// Identifies a share link.
public typealias ShareLinkID = Identifier<ShareLink>
