import Foundation

/// Every printed field of an outcome proof (学习成果证明), frozen at issue.
public struct OutcomeProofSnapshot: Codable, Hashable, Sendable {
    public typealias Issuer = DocumentIssuer
    public typealias Holder = DocumentHolder
    public struct Item: Codable, Hashable, Sendable {
        public var index, name, category, categoryEn, subtype, subtypeEn, issuer, certificateNumber, obtainedOn, score, hours, credits,
            source, sourceEn: String
    }

    public var code: String
    public var verifyUrl: String
    public var verifyBase: String
    public var issuedAt: String
    /// `yyyy-MM-dd`, or empty when the proof does not expire.
    public var validUntil: String
    /// The validity as printed: 有效期至 2027年2月22日 / 长期有效, and in English.
    public var validityZh: String
    public var validityEn: String
    public var issuer: Issuer
    public var holder: Holder
    public var outcomes: [Item]
    public var count: String
    public var totalCredits: String

    public var publicSummary: PublicSummary {
        var lines = outcomes.map { item in
            PublicSummary.Line("学习成果", "Outcome", "\(item.name)（\(item.issuer)，\(item.obtainedOn)，\(item.credits) 学分）")
        }
        lines.append(.init("学分合计", "Total credits", totalCredits))
        if !validUntil.isEmpty { lines.append(.init("有效期至", "Valid until", validUntil)) }
        return PublicSummary(holderName: holder.name, holderIDMasked: holder.idMasked, lines: lines)
    }
}

extension OutcomeProofSnapshot: DocumentSnapshot {}

/// The issuing body as printed on a document, Chinese and English.
public struct DocumentIssuer: Codable, Hashable, Sendable { public var name, nameEn: String }

/// The holder block of a proof or transcript: name, masked ID number, account number and card id.
public struct DocumentHolder: Codable, Hashable, Sendable {
    public var name, idMasked, accountNumber, cardId: String

    init(_ learner: Learner) {
        name = learner.name.value
        idMasked = learner.idNumber.masked
        accountNumber = learner.accountNumber
        cardId = learner.cardID
    }
}
