import Foundation

/// One row of an institution's outcome list (机构创建, manual 002): a learner by ID number and name,
/// the institution's catalog code, the date, optionally a score and a certificate number.
public struct InstitutionOutcomeRow: Hashable, Sendable {
    public var idNumber, learnerName, code: String
    public var obtainedOn: String
    public var score: Double?
    public var certificateNumber: String?

    public init(idNumber: String, learnerName: String, code: String, obtainedOn: String, score: Double? = nil, certificateNumber: String? = nil) {
        self.idNumber = idNumber
        self.learnerName = learnerName
        self.code = code
        self.obtainedOn = obtainedOn
        self.score = score
        self.certificateNumber = certificateNumber
    }
}

/// What became of one row of an institution's outcome list.
public struct ImportFate: Hashable, Sendable {
    public enum Kind: String, Sendable {
        /// Stored in the learner's existing account.
        case added
        /// Stored in an account created for the learner, waiting for activation at /activate.
        case addedToNewAccount = "added-to-new-account"
        /// The learner already has this achievement (same entry and certificate number, or same day).
        case unchanged
    }

    public var line: Int
    public var kind: Kind
    public var learnerName: String
    public var outcomeName: String
}

extension ImportCSV {
    /// Institution outcome rows: `idNumber, learnerName, code, obtainedOn[, score, certificateNumber]`
    /// (or 身份证号, 姓名, 成果编码, 获得日期, 成绩, 证书编号).
    /// - Throws: `ImportFailure` listing every row that cannot be read.
    public static func institutionOutcomes(_ table: CSVTable) throws(ImportFailure) -> [ImportRow<InstitutionOutcomeRow>] {
        var problems: [ImportProblem] = []
        var rows: [ImportRow<InstitutionOutcomeRow>] = []
        func field(_ row: [String: String], _ key: String, _ alias: String) -> String? {
            for name in [key, alias] { if let value = row[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty { return value } }
            return nil
        }
        for (line, row) in table.rows {
            let before = problems.count
            func required(_ key: String, _ alias: String) -> String {
                guard let value = field(row, key, alias) else {
                    problems.append(ImportProblem(line: line, field: key, message: "is empty"))
                    return ""
                }
                return value
            }
            let idNumber = required("idNumber", "身份证号")
            let name = required("learnerName", "姓名")
            let code = required("code", "成果编码")
            let obtained = required("obtainedOn", "获得日期")
            var score: Double?
            if let text = field(row, "score", "成绩") {
                score = Double(text)
                if score == nil { problems.append(ImportProblem(line: line, field: "score", message: "'\(text)' is not a number")) }
            }
            guard problems.count == before else { continue }
            rows.append(
                ImportRow(
                    line: line,
                    value: InstitutionOutcomeRow(
                        idNumber: idNumber, learnerName: name, code: code, obtainedOn: obtained, score: score,
                        certificateNumber: field(row, "certificateNumber", "证书编号"))))
        }
        guard problems.isEmpty else { throw ImportFailure(problems: problems) }
        return rows
    }
}

extension CreditBankService {
    /// Stores an institution's outcomes in its learners' accounts (source 机构创建), all or nothing:
    /// each row's learner is found by ID number (the name must match the account) or, when they have
    /// no account, one is opened for them to activate (manual 000); each learner is messaged.
    /// With `dryRun`, every check runs and nothing is kept — the console's preview.
    /// - Throws: `ImportFailure` listing every bad row; `.forbidden` when a reviewer imports for
    ///   another institution or an expert imports at all.
    public func importInstitutionOutcomes(
        _ rows: [ImportRow<InstitutionOutcomeRow>], institution code: String, dryRun: Bool, by staff: StaffMember
    ) async throws -> [ImportFate] {
        let now = clock.now()
        let today = LocalDate(now)
        let random = self.random
        do {
            return try await storage.write { db in
                let institution = try db.require(db.institution(code: code), "institution \(code)")
                switch staff.role {
                case .admin: break
                case .institution(let own) where own == institution.id: break
                default: throw CreditBankError.forbidden("only administrators and \(institution.name)'s reviewers import its outcomes")
                }
                var problems: [ImportProblem] = []
                var fates: [ImportFate] = []
                var opened: [String: LearnerID] = [:]
                for row in rows {
                    do {
                        let r = row.value
                        let idNumber = try IDCardNumber(r.idNumber)
                        let name = try PersonName(r.learnerName)
                        try requirePrintable(name.value, field: "learnerName")
                        guard let entry = try db.catalogEntry(institution: institution.id, code: r.code) else {
                            throw CreditBankError.invalid(field: "code", reason: "\(institution.code) has no catalog entry \(r.code)")
                        }
                        let obtained = try Self.obtainedDate(r.obtainedOn, today: today)
                        let score = try Self.validScore(r.score)
                        let number = try Text.optional(r.certificateNumber, field: "certificateNumber", max: 60)
                        try requirePrintable(number, field: "certificateNumber")
                        var kind = ImportFate.Kind.added
                        let learnerID: LearnerID
                        if let existing = try db.learner(idNumber: idNumber.value) {
                            guard existing.name == name else {
                                throw CreditBankError.invalid(
                                    field: "learnerName", reason: "the account of this ID number is in another name (\(existing.name.value))")
                            }
                            learnerID = existing.id
                            if !existing.isActive { kind = .addedToNewAccount }
                        } else if let id = opened[idNumber.value] {
                            learnerID = id
                            kind = .addedToNewAccount
                        } else {
                            learnerID = try db.insert(
                                Learner(
                                    id: 0, accountNumber: AccountNumbers.accountNumber(using: random), cardID: AccountNumbers.cardID(using: random),
                                    name: name, idNumber: idNumber, phone: nil, registeredAt: now, createdBy: institution.id),
                                passwordHash: nil
                            ).id
                            opened[idNumber.value] = learnerID
                            kind = .addedToNewAccount
                        }
                        if try db.outcomes(of: learnerID).contains(where: { $0.isSameAchievement(as: entry.id, number: number, on: obtained) }) {
                            fates.append(ImportFate(line: row.line, kind: .unchanged, learnerName: name.value, outcomeName: entry.name))
                            continue
                        }
                        let saved = try db.insert(
                            Outcome(
                                id: 0, learnerID: learnerID, catalogEntryID: entry.id, institutionID: institution.id, category: entry.category,
                                subtype: entry.subtype, name: entry.name, issuer: institution.name, certificateNumber: number, obtainedOn: obtained,
                                score: score, hours: entry.hours, originalCredits: entry.credits, credits: entry.credits, status: .stored,
                                source: .institution, createdAt: now))
                        _ = try db.insert(
                            Message(
                                id: 0, learnerID: learnerID, text: "\(institution.name)为您存入成果“\(entry.name)”，计 \(entry.credits) 学分。",
                                createdAt: now, subject: .outcome(saved.id)))
                        fates.append(ImportFate(line: row.line, kind: kind, learnerName: name.value, outcomeName: entry.name))
                    } catch let error as CreditBankError {
                        problems.append(ImportProblem(line: row.line, field: error.field ?? "row", message: error.reason))
                    }
                }
                guard problems.isEmpty else { throw ImportFailure(problems: problems) }
                let added = fates.filter { $0.kind != .unchanged }.count
                try db.insert(
                    AuditEntry(
                        at: now, by: staff, .outcomeImport, "outcomes of \(institution.code)",
                        "\(dryRun ? "preview: " : "")\(added) stored, \(opened.count) account(s) opened, \(fates.count - added) already present"))
                if dryRun { throw PreviewRollback(result: fates) }
                return fates
            }
        } catch let preview as PreviewRollback<[ImportFate]> {
            return preview.result
        }
    }
}

/// Ends a preview's transaction so that nothing it wrote is kept.
struct PreviewRollback<Result: Sendable>: Error {
    var result: Result
}
