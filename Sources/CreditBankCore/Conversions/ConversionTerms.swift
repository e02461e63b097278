/// What an application converts to and on what terms, read from its basis: a rule's target and
/// granted credits, or the picked catalog entry with its own credits for a case-by-case decision.
public struct ConversionTerms: Sendable {
    /// The rule, nil for a case-by-case application.
    public var rule: ConversionRule?
    /// The catalog entry the learner receives on success.
    public var target: CatalogEntry

    /// Credits the target outcome carries: the rule's granted credits, or the entry's own credits.
    public var grantedCredits: Credits { rule?.grantedCredits ?? target.credits }

    /// The basis in words: `202201240004 计算机一级转大学计算机基础`, or `个案认定 Case by case`.
    public var basisName: String { rule.map { "\($0.code) \($0.name)" } ?? "个案认定 Case by case" }

    /// Reads the terms of `application`.
    /// - Throws: `.notFound` when the rule or entry has gone (a corrupt record).
    public init(of application: ConversionApplication, in db: any StorageReading) throws {
        switch application.basis {
        case .rule(let id):
            let rule = try db.require(db.rule(id), "rule \(id)")
            self.rule = rule
            self.target = try db.require(db.catalogEntry(rule.targetCatalogEntryID), "catalog entry \(rule.targetCatalogEntryID)")
        case .caseByCase(let target):
            self.rule = nil
            self.target = try db.require(db.catalogEntry(target), "catalog entry \(target)")
        }
    }
}

/// A learner's application with its review records and terms, as their pages and the API show it.
public struct ApplicationRecord: Sendable {
    public var application: ConversionApplication
    public var reviews: [ReviewRecord]
    public var terms: ConversionTerms
}
