import CreditBankCore
import Foundation

extension SQLStorage {
    func outcome(_ id: OutcomeID) throws -> Outcome? {
        try one("SELECT * FROM outcome WHERE id = ?", [id.rawValue]).map(Outcome.init)
    }

    func outcomes(of learner: LearnerID) throws -> [Outcome] {
        try all("SELECT * FROM outcome WHERE learner_id = ? ORDER BY id DESC", [learner.rawValue]).map(Outcome.init)
    }

    func recognitionQueue(institution: InstitutionID?) throws -> [Outcome] {
        if let institution {
            return try all(
                "SELECT * FROM outcome WHERE status = 'recognition-requested' AND institution_id = ? ORDER BY id", [institution.rawValue]
            ).map(Outcome.init)
        }
        return try all("SELECT * FROM outcome WHERE status = 'recognition-requested' ORDER BY id").map(Outcome.init)
    }

    func insert(_ outcome: Outcome) throws -> Outcome {
        var saved = outcome
        saved.id = OutcomeID(try insert("INSERT INTO outcome (\(Outcome.columns)) VALUES (\(Outcome.placeholders))", outcome.arguments))
        return saved
    }

    func update(_ outcome: Outcome) throws {
        let assignments = Outcome.columns.split(separator: ",").map { "\($0.trimmingCharacters(in: .whitespaces)) = ?" }.joined(
            separator: ", ")
        try execute("UPDATE outcome SET \(assignments) WHERE id = ?", outcome.arguments + [outcome.id.rawValue])
    }

    func delete(_ outcome: OutcomeID) throws {
        try execute("DELETE FROM outcome WHERE id = ?", [outcome.rawValue])
    }

    func insert(_ review: ReviewRecord, outcome: OutcomeID) throws {
        try insertReview(review, application: nil, outcome: outcome)
    }

    func insertReview(_ review: ReviewRecord, application: ApplicationID?, outcome: OutcomeID?) throws {
        try execute("""
                INSERT INTO review_record (application_id, outcome_id, stage, decision, reviewer_id, reviewer_name, opinion, decided_at)
                VALUES (?,?,?,?,?,?,?,?)
                """, [
                application?.rawValue, outcome?.rawValue, review.stage.rawValue, review.decision.rawValue, review.reviewerID.rawValue,
                review.reviewerName, review.opinion, review.decidedAt.stored,
            ])
    }

    func reviews(ofOutcome id: OutcomeID) throws -> [ReviewRecord] {
        try all("SELECT * FROM review_record WHERE outcome_id = ? ORDER BY id", [id.rawValue]).map(ReviewRecord.init)
    }
}

extension Outcome {
    static let columns = """
        learner_id, catalog_entry_id, institution_id, category, subtype, name, issuer, certificate_number, obtained_on, score, hours, \
        original_credits, credits, status, source, attributes, created_at
        """
    static let placeholders = Array(repeating: "?", count: 17).joined(separator: ",")

    var arguments: SQLArguments {
        [
            learnerID.rawValue, catalogEntryID?.rawValue, institutionID?.rawValue, category.rawValue, subtype, name, issuer,
            certificateNumber,
            obtainedOn.description, score, hours, originalCredits?.hundredths, credits?.hundredths, status.rawValue, source.rawValue,
            JSON.encode(attributes), createdAt.stored,
        ]
    }

    init(row: SQLRow) throws {
        self.init(
            id: OutcomeID(row["id"]), learnerID: LearnerID(row["learner_id"]),
            catalogEntryID: (row["catalog_entry_id"] as Int64?).map { CatalogEntryID($0) },
            institutionID: (row["institution_id"] as Int64?).map { InstitutionID($0) },
            category: try row.decoded(OutcomeCategory.self, "category", in: "outcome"),
            subtype: row["subtype"], name: row["name"], issuer: row["issuer"], certificateNumber: row["certificate_number"],
            obtainedOn: try row.day("obtained_on", in: "outcome"), score: row["score"], hours: row["hours"],
            originalCredits: (row["original_credits"] as Int?).map(Credits.init(hundredths:)),
            credits: (row["credits"] as Int?).map(Credits.init(hundredths:)),
            status: try row.decoded(OutcomeStatus.self, "status", in: "outcome"), source: try row.decoded(OutcomeSource.self, "source", in: "outcome"),
            attributes: try JSON.decode([String: String].self, row["attributes"]), createdAt: Date(stored: row["created_at"]))
    }
}

extension ReviewRecord {
    init(row: SQLRow) throws {
        self.init(
            stage: try row.decoded(Stage.self, "stage", in: "review_record"), decision: try row.decoded(Decision.self, "decision", in: "review_record"),
            reviewerID: StaffID(row["reviewer_id"]), reviewerName: row["reviewer_name"], opinion: row["opinion"],
            decidedAt: Date(stored: row["decided_at"]))
    }
}
