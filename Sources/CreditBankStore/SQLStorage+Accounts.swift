import CreditBankCore
import Foundation

extension SQLStorage {
    func learner(_ id: LearnerID) throws -> Learner? { try one("SELECT * FROM learner WHERE id = ?", [id.rawValue]).map(Learner.init) }
    func learner(idNumber: String) throws -> Learner? { try one("SELECT * FROM learner WHERE id_number = ?", [idNumber]).map(Learner.init) }
    func learner(phone: String) throws -> Learner? { try one("SELECT * FROM learner WHERE phone = ?", [phone]).map(Learner.init) }

    func insert(_ learner: Learner, passwordHash: String?) throws -> Learner {
        var saved = learner
        saved.id = LearnerID(
            try insert(
                """
                INSERT INTO learner (account_number, card_id, name, id_number, phone, password_hash, registered_at,
                                     created_by_institution_id, activated_at)
                VALUES (?,?,?,?,?,?,?,?,?)
                """,
                [
                    learner.accountNumber, learner.cardID, learner.name.value, learner.idNumber.value, learner.phone?.value, passwordHash,
                    learner.registeredAt.stored, learner.createdBy?.rawValue, learner.phone == nil ? nil : learner.registeredAt.stored,
                ]))
        return saved
    }

    func activate(_ learner: LearnerID, name: PersonName, phone: PhoneNumber, passwordHash: String, at time: Date) throws {
        let changed = try execute(
            "UPDATE learner SET name = ?, phone = ?, password_hash = ?, activated_at = ? WHERE id = ? AND phone IS NULL",
            [name.value, phone.value, passwordHash, time.stored, learner.rawValue])
        guard changed == 1 else { throw CreditBankError.conflict("the account is already active") }
    }

    func activationRequest(_ id: ActivationID) throws -> ActivationRequest? {
        try one("SELECT * FROM activation_request WHERE id = ?", [id.rawValue]).map(ActivationRequest.init)
    }

    func latestActivationRequest(of learner: LearnerID) throws -> ActivationRequest? {
        try one("SELECT * FROM activation_request WHERE learner_id = ? ORDER BY id DESC LIMIT 1", [learner.rawValue])
            .map(ActivationRequest.init)
    }

    func waitingActivationRequests(institution: InstitutionID?) throws -> [ActivationRequest] {
        try all(
            """
            SELECT r.* FROM activation_request r JOIN learner l ON l.id = r.learner_id
             WHERE r.status = 'waiting' AND (?1 IS NULL OR l.created_by_institution_id = ?1) ORDER BY r.id
            """, [institution?.rawValue]
        ).map(ActivationRequest.init)
    }

    func insert(_ request: ActivationRequest) throws -> ActivationRequest {
        var saved = request
        saved.id = ActivationID(
            try insert(
                """
                INSERT INTO activation_request (learner_id, name, phone, password_hash, photo_sha256, photo_format, status, submitted_at)
                VALUES (?,?,?,?,?,?,?,?)
                """,
                [
                    request.learnerID.rawValue, request.name.value, request.phone.value, request.passwordHash, request.photoSHA256,
                    request.photoFormat.rawValue, request.status.rawValue, request.submittedAt.stored,
                ]))
        return saved
    }

    func update(_ request: ActivationRequest) throws {
        try execute("UPDATE activation_request SET status = ?, reason = ?, decided_at = ?, decided_by = ? WHERE id = ?", [
                request.status.rawValue, request.reason, request.decidedAt?.stored, request.decidedBy?.rawValue, request.id.rawValue,
            ])
    }

    func institution(_ id: InstitutionID) throws -> Institution? {
        try one("SELECT * FROM institution WHERE id = ?", [id.rawValue]).map(Institution.init)
    }
    func institution(code: String) throws -> Institution? {
        try one("SELECT * FROM institution WHERE code = ?", [code]).map(Institution.init)
    }
    func institutions() throws -> [Institution] { try all("SELECT * FROM institution ORDER BY code").map(Institution.init) }

    func insert(_ institution: Institution) throws -> Institution {
        var saved = institution
        saved.id = InstitutionID(
            try insert(
                "INSERT INTO institution (code, name, kind) VALUES (?,?,?)",
                [institution.code, institution.name, institution.kind.rawValue]))
        return saved
    }

    func staff(_ id: StaffID) throws -> StaffMember? { try one("SELECT * FROM staff WHERE id = ?", [id.rawValue]).map(StaffMember.init) }
    func staff(username: String) throws -> StaffMember? {
        try one("SELECT * FROM staff WHERE username = ?", [username]).map(StaffMember.init)
    }

    func insert(_ staff: StaffMember, passwordHash: String) throws -> StaffMember {
        var institution: Int64?
        if case .institution(let id) = staff.role { institution = id.rawValue }
        var saved = staff
        saved.id = StaffID(
            try insert(
                "INSERT INTO staff (username, display_name, role, institution_id, password_hash, must_change_password) VALUES (?,?,?,?,?,?)",
                [staff.username, staff.displayName, staff.role.name, institution, passwordHash, staff.mustChangePassword]))
        return saved
    }

    func allStaff() throws -> [StaffMember] { try all("SELECT * FROM staff ORDER BY username").map(StaffMember.init) }

    func setStaffDisabled(_ disabled: Bool, staff: StaffID, at time: Date) throws {
        try execute("UPDATE staff SET disabled_at = ? WHERE id = ?", [disabled ? time.stored : nil, staff.rawValue])
    }

    func setMustChangePassword(_ must: Bool, staff: StaffID) throws {
        try execute("UPDATE staff SET must_change_password = ? WHERE id = ?", [must, staff.rawValue])
    }

    func messages(of learner: LearnerID) throws -> [Message] {
        try all("SELECT * FROM message WHERE learner_id = ? ORDER BY id DESC", [learner.rawValue]).map { row in
            var subject: MessageSubject?
            if let kind = row["subject_kind"] as String?, let id = row["subject_id"] as Int64? {
                guard let known = MessageSubject(kind: kind, id: id) else {
                    throw CorruptRowError(table: "message", column: "subject_kind", value: kind)
                }
                subject = known
            }
            return Message(
                id: MessageID(row["id"]), learnerID: learner, text: row["text"], createdAt: Date(stored: row["created_at"]),
                readAt: (row["read_at"] as Double?).map(Date.init(stored:)), subject: subject)
        }
    }

    func insert(_ message: Message) throws -> Message {
        var saved = message
        saved.id = MessageID(
            try insert(
                "INSERT INTO message (learner_id, text, created_at, subject_kind, subject_id) VALUES (?,?,?,?,?)",
                [message.learnerID.rawValue, message.text, message.createdAt.stored, message.subject?.kind, message.subject?.rawID]))
        return saved
    }

    func setPhone(_ phone: PhoneNumber, of learner: LearnerID) throws {
        try execute("UPDATE learner SET phone = ? WHERE id = ?", [phone.value, learner.rawValue])
    }

    func setDocumentLanguage(_ language: DocumentLanguage, of learner: LearnerID) throws {
        try execute("UPDATE learner SET document_language = ? WHERE id = ?", [language.rawValue, learner.rawValue])
    }

    func markMessagesRead(of learner: LearnerID, at time: Date) throws -> Int {
        try execute("UPDATE message SET read_at = ? WHERE learner_id = ? AND read_at IS NULL", [time.stored, learner.rawValue])
    }

    func feedback(of learner: LearnerID) throws -> [Feedback] {
        try all("SELECT * FROM feedback WHERE learner_id = ? ORDER BY id DESC", [learner.rawValue]).map(Feedback.init)
    }

    func feedback(_ id: FeedbackID) throws -> Feedback? {
        try one("SELECT * FROM feedback WHERE id = ?", [id.rawValue]).map(Feedback.init)
    }

    func openFeedback(institution: InstitutionID?) throws -> [Feedback] {
        try all(
            """
            SELECT feedback.* FROM feedback JOIN outcome ON outcome.id = feedback.outcome_id
            WHERE feedback.status = 'open' AND (?1 IS NULL OR outcome.institution_id = ?1) ORDER BY feedback.id
            """, [institution?.rawValue]
        ).map(Feedback.init)
    }

    func feedback(status: Feedback.Status?, institution: InstitutionID?) throws -> [Feedback] {
        try all(
            """
            SELECT feedback.* FROM feedback JOIN outcome ON outcome.id = feedback.outcome_id
            WHERE (?1 IS NULL OR feedback.status = ?1) AND (?2 IS NULL OR outcome.institution_id = ?2) ORDER BY feedback.id DESC
            """, [status?.rawValue, institution?.rawValue]
        ).map(Feedback.init)
    }

    func update(_ feedback: Feedback) throws {
        try execute("UPDATE feedback SET status = ?, reply = ?, resolved_at = ?, resolved_by = ? WHERE id = ?", [
                feedback.status.rawValue, feedback.resolution?.reply, feedback.resolution?.at.stored, feedback.resolution?.by.rawValue,
                feedback.id.rawValue,
            ])
    }

    func insert(_ feedback: Feedback) throws -> Feedback {
        var saved = feedback
        saved.id = FeedbackID(
            try insert(
                """
                INSERT INTO feedback (learner_id, outcome_id, problems, description, status, created_at, attachment_sha256, attachment_bytes)
                VALUES (?,?,?,?,?,?,?,?)
                """,
                [
                    feedback.learnerID.rawValue, feedback.outcomeID.rawValue, JSON.encode(feedback.problems), feedback.description,
                    feedback.status.rawValue, feedback.createdAt.stored, feedback.attachment?.sha256, feedback.attachment?.byteCount,
                ]))
        return saved
    }
}

extension Learner {
    init(row: SQLRow) throws {
        self.init(
            id: LearnerID(row["id"]), accountNumber: row["account_number"], cardID: row["card_id"], name: PersonName(stored: row["name"]),
            idNumber: IDCardNumber(stored: row["id_number"]), phone: (row["phone"] as String?).map(PhoneNumber.init(stored:)),
            registeredAt: Date(stored: row["registered_at"]),
            documentLanguage: try row.decoded(DocumentLanguage.self, "document_language", in: "learner"),
            createdBy: (row["created_by_institution_id"] as Int64?).map { InstitutionID($0) })
    }
}

extension ActivationRequest {
    init(row: SQLRow) throws {
        self.init(
            id: ActivationID(row["id"]), learnerID: LearnerID(row["learner_id"]), name: PersonName(stored: row["name"]),
            phone: PhoneNumber(stored: row["phone"]), passwordHash: row["password_hash"], photoSHA256: row["photo_sha256"],
            photoFormat: try row.decoded(EvidenceFormat.self, "photo_format", in: "activation_request"),
            status: try row.decoded(ActivationRequest.Status.self, "status", in: "activation_request"), reason: row["reason"],
            submittedAt: Date(stored: row["submitted_at"]), decidedAt: (row["decided_at"] as Double?).map(Date.init(stored:)),
            decidedBy: (row["decided_by"] as Int64?).map { StaffID($0) })
    }
}

extension Institution {
    init(row: SQLRow) throws {
        self.init(id: InstitutionID(row["id"]), code: row["code"], name: row["name"], kind: try row.decoded(Kind.self, "kind", in: "institution"))
    }
}

extension StaffMember {
    init(row: SQLRow) throws {
        let role: StaffRole
        switch row["role"] as String {
        case "admin": role = .admin
        case "institution": role = .institution(InstitutionID(row["institution_id"]))
        default: role = .expert
        }
        self.init(
            id: StaffID(row["id"]), username: row["username"], displayName: row["display_name"], role: role,
            disabled: (row["disabled_at"] as Double?) != nil, mustChangePassword: row["must_change_password"] as Bool? ?? false)
    }
}

extension Feedback {
    init(row: SQLRow) throws {
        let reply: String? = row["reply"]
        let at: Double? = row["resolved_at"]
        let by: Int64? = row["resolved_by"]
        self.init(
            id: FeedbackID(row["id"]), learnerID: LearnerID(row["learner_id"]), outcomeID: OutcomeID(row["outcome_id"]),
            problems: try JSON.decode([String].self, row["problems"]), description: row["description"],
            status: try row.decoded(Feedback.Status.self, "status", in: "feedback"), createdAt: Date(stored: row["created_at"]),
            resolution: reply.map { Feedback.Resolution(reply: $0, at: Date(stored: at ?? 0), by: StaffID(by ?? 0)) },
            attachment: (row["attachment_sha256"] as String?).map {
                Feedback.Attachment(sha256: $0, byteCount: row["attachment_bytes"] ?? 0)
            })
    }
}
