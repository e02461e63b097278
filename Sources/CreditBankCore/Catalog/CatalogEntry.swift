/// An outcome an institution publishes in the catalog (名录成果), with the bank credits it carries.
public struct CatalogEntry: Identifiable, Hashable, Sendable {
    /// Row id.
    public var id: CatalogEntryID
    /// The publishing institution.
    public var institutionID: InstitutionID
    /// Category and subtype code.
    public var category: OutcomeCategory
    public var subtype: String
    /// Name, e.g. 计算机应用基础.
    public var name: String
    /// The institution's code for it, unique per institution.
    public var code: String
    /// Bank credits.
    public var credits: Credits
    /// Original study hours, level, major (项目名称).
    public var hours: Int?
    public var level: String?
    public var major: String?

    /// Creates a catalog entry value.
    public init(
        id: CatalogEntryID, institutionID: InstitutionID, category: OutcomeCategory, subtype: String, name: String, code: String,
        credits: Credits, hours: Int? = nil, level: String? = nil, major: String? = nil
    ) {
        self.id = id
        self.institutionID = institutionID
        self.category = category
        self.subtype = subtype
        self.name = name
        self.code = code
        self.credits = credits
        self.hours = hours
        self.level = level
        self.major = major
    }
}

/// What a catalog entry is made from before it has an id (API body, CSV row, demo).
public struct NewCatalogEntry: Hashable, Sendable {
    public var institutionCode: String
    public var category: String
    public var subtype: String
    public var name: String
    public var code: String
    public var credits: Credits
    public var hours: Int?
    public var level: String?
    public var major: String?

    /// Creates an unvalidated entry.
    public init(
        institutionCode: String, category: String, subtype: String, name: String, code: String, credits: Credits,
        hours: Int? = nil, level: String? = nil, major: String? = nil
    ) {
        self.institutionCode = institutionCode
        self.category = category
        self.subtype = subtype
        self.name = name
        self.code = code
        self.credits = credits
        self.hours = hours
        self.level = level
        self.major = major
    }
}
