/// What the public verification page may show of a document (docs/product.md §4), frozen at issue.
public struct PublicSummary: Hashable, Sendable, Codable {
    /// Holder's name and masked ID number (first 4 and last 4 characters).
    public var holderName: String
    public var holderIDMasked: String
    /// The certified content as label–value lines, in Chinese with English labels.
    public var lines: [Line]

    /// One line of certified content.
    public struct Line: Hashable, Sendable, Codable {
        public var label: String
        public var labelEn: String
        public var value: String
        /// Creates a line.
        public init(_ label: String, _ labelEn: String, _ value: String) {
            self.label = label
            self.labelEn = labelEn
            self.value = value
        }
    }

    /// Creates a summary.
    public init(holderName: String, holderIDMasked: String, lines: [Line]) {
        self.holderName = holderName
        self.holderIDMasked = holderIDMasked
        self.lines = lines
    }
}
