import Foundation

/// Every printed field of a lifelong-learning transcript (终身学习档案), frozen at issue.
public struct TranscriptSnapshot: Codable, Hashable, Sendable {
    public typealias Issuer = DocumentIssuer
    public typealias Holder = DocumentHolder
    /// One outcome row; `group`/`groupEn` head its category's rows.
    public struct Item: Codable, Hashable, Sendable {
        public var index, name, category, group, groupEn, subtype, subtypeEn, issuer, obtainedOn, status, statusEn, source, sourceEn,
            credits: String
    }
    public struct Total: Codable, Hashable, Sendable { public var category, categoryEn, count, stored, credits: String }
    public struct Conversion: Codable, Hashable, Sendable {
        public var number, ruleCode, ruleName, status, statusEn, submittedOn, closedOn, credits: String
    }

    public var code: String
    public var verifyUrl: String
    public var verifyBase: String
    public var issuedAt: String
    public var validUntil: String
    public var validityZh: String
    public var validityEn: String
    public var issuer: Issuer
    public var holder: Holder
    public var outcomes: [Item]
    public var totals: [Total]
    public var outcomeCount: String
    public var totalCredits: String
    public var conversions: [Conversion]

    public var publicSummary: PublicSummary {
        var lines = totals.map { PublicSummary.Line($0.category, $0.categoryEn, "\($0.count) 项，已存储 \($0.stored) 项，学分 \($0.credits)") }
        lines.append(.init("学习成果", "Outcomes", outcomeCount))
        lines.append(.init("存储学分合计", "Total stored credits", totalCredits))
        lines.append(.init("学分转换", "Conversions", String(conversions.count)))
        if !validUntil.isEmpty { lines.append(.init("有效期至", "Valid until", validUntil)) }
        return PublicSummary(holderName: holder.name, holderIDMasked: holder.idMasked, lines: lines)
    }
}

extension TranscriptSnapshot: DocumentSnapshot {}
