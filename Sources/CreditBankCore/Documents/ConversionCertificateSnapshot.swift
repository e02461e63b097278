import Foundation

/// Every field printed on a conversion certificate (manual 002), frozen at issue.
/// Field names are those the `conversion-certificate` templates use.
public struct ConversionCertificateSnapshot: Codable, Hashable, Sendable {
    public struct Issuer: Codable, Hashable, Sendable { public var name, nameEn: String }
    public struct Applicant: Codable, Hashable, Sendable { public var name, idMasked: String }
    public struct Rule: Codable, Hashable, Sendable { public var code, name: String }
    public struct Source: Codable, Hashable, Sendable { public var name, code, score, hours, credits, institution: String }
    public struct Target: Codable, Hashable, Sendable {
        public var name, code, category, categoryEn, subtype, subtypeEn, institution, credits: String
    }
    public struct Application: Codable, Hashable, Sendable { public var number, submittedOn, approvedOn: String }

    public var code: String
    public var verifyUrl: String
    public var verifyBase: String
    public var issuedAt: String
    public var issuer: Issuer
    public var applicant: Applicant
    public var rule: Rule
    public var sources: [Source]
    public var target: Target
    public var application: Application
    /// Set on a case-by-case certificate (no rule; `rule`'s fields are empty): the sentence saying so.
    /// Absent from the JSON of rule-based certificates, so earlier snapshots keep their bytes.
    public var caseByCase: String?

    /// The sentence a case-by-case certificate prints where a rule certificate prints its rule.
    public static let caseByCaseNote = "个案认定"

    /// The lines the verification page shows for this certificate.
    public var publicSummary: PublicSummary {
        var lines =
            caseByCase == nil
            ? [PublicSummary.Line("转换规则", "Rule", "\(rule.code) \(rule.name)")]
            : [PublicSummary.Line("转换依据", "Basis", "个案认定（无适用的转换规则，经初审、终审逐案决定） / decided case by case")]
        for source in sources {
            lines.append(.init("源成果", "Source outcome", "\(source.name)（\(source.institution)，成绩 \(source.score)）"))
        }
        lines.append(.init("目标成果", "Target outcome", "\(target.name)（\(target.institution)，\(target.subtype)）"))
        lines.append(.init("转换学分", "Credits", target.credits))
        lines.append(.init("申请编号", "Application", application.number))
        lines.append(.init("终审通过日期", "Approved on", application.approvedOn))
        return PublicSummary(holderName: applicant.name, holderIDMasked: applicant.idMasked, lines: lines)
    }
}

/// Encodes snapshots the same way every time, so the same snapshot renders to the same bytes.
public enum SnapshotCoding {
    /// JSON with sorted keys and unescaped slashes.
    public static func encode(_ value: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try! encoder.encode(value))
    }

    /// An ISO 8601 instant with the +08:00 offset (the printed issue time).
    public static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = .chinaStandard
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
