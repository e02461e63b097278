/// A conversion rule with the catalog entries it names and their institutions, as pages show it.
public struct RuleDetail: Sendable {
    /// A catalog entry and the institution that publishes it.
    public struct Entry: Sendable {
        public var entry: CatalogEntry
        public var institution: Institution
    }
    public var rule: ConversionRule
    /// The outcome the rule grants.
    public var target: Entry
    /// The outcomes it converts, each with its minimum score.
    public var sources: [(entry: Entry, minimumScore: Double?)]
}
