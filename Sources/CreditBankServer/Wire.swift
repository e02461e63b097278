import CreditBankCore
import Foundation

// The JSON shapes the API answers with (docs/product.md §5). Field names are camelCase as docs/openapi.yaml spells them;
// statuses carry their Chinese names beside the codes for display.

struct ReviewBody: Encodable {
    var stage: String, stageName: String, decision: String, reviewerName: String, opinion: String, decidedAt: Date
    init(_ review: ReviewRecord) {
        stage = review.stage.rawValue
        stageName = review.stage.chineseName
        decision = review.decision.rawValue
        reviewerName = review.reviewerName
        opinion = review.opinion
        decidedAt = review.decidedAt
    }
}

struct EvidenceBody: Encodable {
    var id: EvidenceID, format: String, mediaType: String, sha256: String, byteCount: Int, uploadedAt: Date, url: String
    init(_ evidence: Evidence) {
        id = evidence.id
        format = evidence.format.rawValue
        mediaType = evidence.format.mediaType
        sha256 = evidence.sha256
        byteCount = evidence.byteCount
        uploadedAt = evidence.uploadedAt
        url = "/api/v1/evidence/\(evidence.id)"
    }
}

struct OutcomeBody: Encodable {
    var id: OutcomeID, status: String, statusName: String, source: String, sourceName: String
    var category: String, categoryName: String, subtype: String, name: String, issuer: String
    var catalogId: CatalogEntryID?, institutionId: InstitutionID?, certificateNumber: String?, obtainedOn: LocalDate
    var score: Double?, hours: Int?, credits: Credits?, originalCredits: Credits?, attributes: [String: String], createdAt: Date
    var applicableRules: Int?, usedRules: Int?
    var reviews: [ReviewBody]?
    var evidence: [EvidenceBody]?

    init(_ outcome: Outcome, listing: OutcomeListing? = nil, reviews: [ReviewRecord]? = nil, evidence: [Evidence]? = nil) {
        id = outcome.id
        status = outcome.status.rawValue
        statusName = outcome.status.chineseName
        source = outcome.source.rawValue
        sourceName = outcome.source.chineseName
        category = outcome.category.rawValue
        categoryName = outcome.category.chineseName
        subtype = outcome.subtype
        name = outcome.name
        issuer = outcome.issuer
        catalogId = outcome.catalogEntryID
        institutionId = outcome.institutionID
        certificateNumber = outcome.certificateNumber
        obtainedOn = outcome.obtainedOn
        score = outcome.score
        hours = outcome.hours
        credits = outcome.credits
        originalCredits = outcome.originalCredits
        attributes = outcome.attributes
        createdAt = outcome.createdAt
        applicableRules = listing?.applicableRules
        usedRules = listing?.usedRules
        self.reviews = reviews?.map(ReviewBody.init)
        self.evidence = evidence?.map(EvidenceBody.init)
    }
}

struct ApplicationBody: Encodable {
    var id: ApplicationID, number: String, status: String, statusName: String, ruleId: RuleID?, outcomeIds: [OutcomeID]
    /// `rule` or `case-by-case`; the picked target of a case-by-case application.
    var basis: String, targetCatalogId: CatalogEntryID?
    var submittedAt: Date, closedAt: Date?, targetOutcomeId: OutcomeID?, certificateId: DocumentID?
    var reviews: [ReviewBody]
    var evidence: [EvidenceBody]?
    // For reviewers.
    var learnerName: String?, ruleCode: String?, ruleName: String?, sources: [OutcomeBody]?

    init(_ application: ConversionApplication, reviews: [ReviewRecord], evidence: [Evidence]? = nil) {
        id = application.id
        number = application.number
        status = application.status.rawValue
        statusName = application.status.chineseName
        ruleId = application.ruleID
        basis = application.ruleID == nil ? "case-by-case" : "rule"
        targetCatalogId = application.basis.caseTargetID
        outcomeIds = application.sourceOutcomeIDs
        submittedAt = application.submittedAt
        closedAt = application.closedAt
        targetOutcomeId = application.targetOutcomeID
        certificateId = application.certificateID
        self.reviews = reviews.map(ReviewBody.init)
        self.evidence = evidence?.map(EvidenceBody.init)
    }

    init(_ item: ConversionCase) {
        self.init(item.application, reviews: item.reviews, evidence: item.evidence)
        learnerName = item.learnerName
        ruleCode = item.rule?.code
        ruleName = item.rule?.name
        sources = item.sources.map { OutcomeBody($0) }
    }
}

struct DocumentBody: Encodable {
    var id: DocumentID, code: String, kind: String, kindName: String, language: String, status: String, statusName: String
    var issuedAt: Date, expiresAt: Date?, sha256: String, byteCount: Int, verifyUrl: String, pdfUrl: String
    var revokedReason: String?, supersededById: DocumentID?

    init(_ document: IssuedDocument, at now: Date, settings: CreditBankService.Settings) {
        let status = document.status(at: now)
        id = document.id
        code = document.code.formatted
        kind = document.kind.rawValue
        kindName = document.kind.chineseName
        language = document.language.rawValue
        self.status = status.name
        statusName = status.chineseName
        issuedAt = document.issuedAt
        expiresAt = document.expiresAt
        sha256 = document.sha256
        byteCount = document.byteCount
        verifyUrl = settings.verifyURL(for: document.code)
        pdfUrl = "/api/v1/documents/\(document.id)/pdf"
        revokedReason = document.revocation?.reason
        supersededById = document.supersededBy
    }
}

struct CatalogEntryBody: Encodable {
    var id: CatalogEntryID, institutionId: InstitutionID, category: String, categoryName: String, subtype: String, name: String
    var code: String, credits: Credits, hours: Int?, level: String?, major: String?
    init(_ entry: CatalogEntry) {
        id = entry.id
        institutionId = entry.institutionID
        category = entry.category.rawValue
        categoryName = entry.category.chineseName
        subtype = entry.subtype
        name = entry.name
        code = entry.code
        credits = entry.credits
        hours = entry.hours
        level = entry.level
        major = entry.major
    }
}

struct RuleBody: Encodable {
    struct Source: Encodable {
        var catalogId: CatalogEntryID
        var minScore: Double?
    }
    var id: RuleID, code: String, name: String, description: String, sources: [Source], targetCatalogId: CatalogEntryID
    var credits: Credits, ratio: Int, grantedCredits: Credits, validFrom: LocalDate?, validTo: LocalDate?, published: Bool
    init(_ rule: ConversionRule) {
        id = rule.id
        code = rule.code
        name = rule.name
        description = rule.description
        sources = rule.sources.map { Source(catalogId: $0.catalogEntryID, minScore: $0.minimumScore) }
        targetCatalogId = rule.targetCatalogEntryID
        credits = rule.credits
        ratio = rule.ratio
        grantedCredits = rule.grantedCredits
        validFrom = rule.validFrom
        validTo = rule.validTo
        published = rule.published
    }
}

struct PageBody<Item: Encodable>: Encodable {
    var items: [Item], total: Int, limit: Int, offset: Int
}

struct MessageBody: Encodable {
    var id: MessageID, text: String, createdAt: Date
    init(_ message: Message) {
        id = message.id
        text = message.text
        createdAt = message.createdAt
    }
}

struct FeedbackBody: Encodable {
    var id: FeedbackID, outcomeId: OutcomeID, problems: [String], description: String, status: String, createdAt: Date
    var reply: String?, resolvedAt: Date?
    /// For staff: the outcome the report is about.
    var outcome: OutcomeBody?

    init(_ feedback: Feedback, outcome: Outcome? = nil) {
        reply = feedback.resolution?.reply
        resolvedAt = feedback.resolution?.at
        self.outcome = outcome.map { OutcomeBody($0) }
        id = feedback.id
        outcomeId = feedback.outcomeID
        problems = feedback.problems
        description = feedback.description
        status = feedback.status.rawValue
        createdAt = feedback.createdAt
    }
}

struct ProfileBody: Encodable {
    var learnerId: LearnerID, name: String, idNumberMasked: String, phoneMasked: String, accountNumber: String, cardId: String
    var registeredAt: Date, totalCredits: Credits, creditsByCategory: [String: Credits]
    var outcomeCounts: [String: Int], applicationCounts: [String: Int], documentCount: Int

    init(_ summary: LearnerSummary) {
        let learner = summary.learner
        learnerId = learner.id
        name = learner.name.value
        idNumberMasked = learner.idNumber.masked
        phoneMasked = learner.phone?.masked ?? "—"
        accountNumber = learner.accountNumber
        cardId = learner.cardID
        registeredAt = learner.registeredAt
        totalCredits = summary.totalCredits
        creditsByCategory = Dictionary(uniqueKeysWithValues: summary.creditsByCategory.map { ($0.key.rawValue, $0.value) })
        outcomeCounts = Dictionary(uniqueKeysWithValues: OutcomeStatus.allCases.map { ($0.rawValue, summary.outcomeCounts[$0] ?? 0) })
        applicationCounts = Dictionary(
            uniqueKeysWithValues: ConversionStatus.allCases.map { ($0.rawValue, summary.applicationCounts[$0] ?? 0) })
        documentCount = summary.documentCount
    }
}

/// The public verification answer (docs/product.md §4): only what anyone may see.
struct VerificationBody: Encodable {
    struct Line: Encodable {
        var label: String, labelEn: String, value: String
    }
    var genuine: Bool, code: String, kind: String, kindName: String, kindNameEn: String
    var status: String, statusName: String, revokedReason: String?, revokedAt: Date?, expiresAt: Date?, supersededByCode: String?
    var issuer: String, issuedAt: Date, holderName: String, holderIdMasked: String, content: [Line], sha256: String
    /// The bank's certificates that sign its PDFs (docs/seal.md), published at /.well-known/creditbank/seal.pem.
    var sealCertificates: [PublishedSeal.Entry]

    init(_ answer: VerificationAnswer, seal: PublishedSeal) {
        sealCertificates = seal.entries
        genuine = true
        code = answer.code.formatted
        kind = answer.kind.rawValue
        kindName = answer.kind.chineseName
        kindNameEn = answer.kind.englishName
        status = answer.status.name
        statusName = answer.status.chineseName
        if case .revoked(let reason, let at) = answer.status {
            revokedReason = reason
            revokedAt = at
        }
        expiresAt = answer.expiresAt
        supersededByCode = answer.supersededByCode?.formatted
        issuer = answer.issuerName
        issuedAt = answer.issuedAt
        holderName = answer.summary.holderName
        holderIdMasked = answer.summary.holderIDMasked
        content = answer.summary.lines.map { Line(label: $0.label, labelEn: $0.labelEn, value: $0.value) }
        sha256 = answer.sha256
    }
}

/// What a PDF's signature says (docs/seal.md).
struct SignatureBody: Encodable {
    var signed: Bool, intact: Bool, coversWholeFile: Bool, chainedToBankRoot: Bool
    /// All four: the bank's seal, whole and unbroken.
    var bankSeal: Bool
    var signer: String?, signerSha256: String?, problem: String?

    init(_ check: SignatureCheck) {
        signed = check.signed
        intact = check.intact
        coversWholeFile = check.coversWholeFile
        chainedToBankRoot = check.chainedToBankRoot
        bankSeal = check.isBankSeal
        signer = check.signer
        signerSha256 = check.signerSHA256
        problem = check.problem
    }
}
