import CreditBankCore
import Foundation
import Hummingbird

/// The console's imports: upload, preview with every bad line, commit all or nothing (docs/product.md §8).
extension BankServer {
    enum ImportKind: String, CaseIterable {
        case catalog, rules, outcomes

        var name: String {
            switch self {
            case .catalog: "成果名录 Catalog"
            case .rules: "转换规则 Rules"
            case .outcomes: "机构学习者成果（机构创建）Learners' outcomes from an institution"
            }
        }
    }

    func addStaffImportPages(_ staff: GroupRoutes<StaffPageContext>) {
        staff.add(.get, "/imports") { _, context in
            page(try await importsPage(context, kind: nil, institution: nil), frame: staffFrame(context))
        }
        staff.add(.post, "/imports") { request, context in
            // A multipart upload: the CSRF token travels in the form's address.
            let form = try await multipartForm(request, as: ImportUploadForm.self)
            let kind = ImportKind(rawValue: form.kind ?? "") ?? .outcomes
            var model = try await importsPage(context, kind: kind, institution: form.institutionCode)
            do {
                let bytes = form.file.map { [UInt8]($0) } ?? []
                let sha = try service.stageImport(bytes)
                model = try await runImport(kind, bytes: bytes, institution: form.institutionCode ?? "", dryRun: true, context, into: model)
                model.previewing = true
                model.sha256 = sha
            } catch let error as CreditBankError where error.field == "file" {
                model.fileProblem = error.reason
                return page(model, frame: staffFrame(context), status: .unprocessableContent)
            }
            return page(model, frame: staffFrame(context), status: model.hasProblems ? .unprocessableContent : .ok)
        }
        staff.add(.post, "/imports/commit") { request, context in
            let form = try await request.decode(as: ImportCommitForm.self, context: context)
            let kind = ImportKind(rawValue: form.kind ?? "") ?? .outcomes
            var model = try await importsPage(context, kind: kind, institution: form.institutionCode)
            do {
                let bytes = try service.stagedImport(form.sha256 ?? "")
                model = try await runImport(kind, bytes: bytes, institution: form.institutionCode ?? "", dryRun: false, context, into: model)
            } catch let error as CreditBankError where error.field == "file" {
                model.fileProblem = error.reason
                return page(model, frame: staffFrame(context), status: .unprocessableContent)
            }
            if model.hasProblems {
                model.previewing = true
                return page(model, frame: staffFrame(context), status: .unprocessableContent)
            }
            model.committed = true
            return page(model, frame: staffFrame(context))
        }
    }

    /// Parses and imports (or previews) one file, filling the page with the problems or the result.
    func runImport(
        _ kind: ImportKind, bytes: [UInt8], institution: String, dryRun: Bool, _ context: StaffPageContext, into model: ImportsPage
    ) async throws -> ImportsPage {
        if kind != .outcomes, context.staff.role != .admin {
            throw CreditBankError.forbidden("only administrators import the catalog and rules")
        }
        var model = model
        model.kind = kind.rawValue
        model.kindName = kind.name
        model.institutionCode = institution
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CreditBankError.invalid(field: "file", reason: "is not UTF-8 text; save it from the spreadsheet as CSV UTF-8")
        }
        do {
            let table: CSVTable
            do { table = try CSVTable(text) } catch { throw CreditBankError.invalid(field: "file", reason: error.description) }
            switch kind {
            case .catalog:
                let report = try await service.importCatalog(try ImportCSV.catalog(table), dryRun: dryRun, by: context.staff)
                model.summary = Self.summary(report, dryRun: dryRun)
            case .rules:
                let report = try await service.importRules(try ImportCSV.rules(table), dryRun: dryRun, by: context.staff)
                model.summary = Self.summary(report, dryRun: dryRun)
            case .outcomes:
                let fates = try await service.importInstitutionOutcomes(
                    try ImportCSV.institutionOutcomes(table), institution: institution, dryRun: dryRun, by: context.staff)
                model.fates = fates.map {
                    .init(line: String($0.line), learner: $0.learnerName, outcome: $0.outcomeName, what: Self.fateText($0))
                }
                model.hasFates = !fates.isEmpty
                let stored = fates.filter { $0.kind != .unchanged }.count
                model.summary =
                    (dryRun ? "可以导入：" : "已导入：")
                    + "\(stored) 项成果存入学习者账户，\(fates.count - stored) 项已存在。\(stored) outcome(s) \(dryRun ? "to store" : "stored"), \(fates.count - stored) already present."
            }
        } catch let failure as ImportFailure {
            model.problems = failure.problems.map { .init(line: String($0.line), field: $0.field, message: $0.message) }
            model.hasProblems = true
            model.summary = "\(failure.problems.count) 处问题 \(failure.problems.count) problem(s)"
        }
        return model
    }

    /// What became of a row, in words for the console.
    static func fateText(_ fate: ImportFate) -> String {
        switch fate.kind {
        case .added: "已存入 \(fate.learnerName) 的账户 Stored in the learner's account"
        case .addedToNewAccount: "已为 \(fate.learnerName) 开设账户（待激活）并存入 Stored in a new account waiting for activation"
        case .unchanged: "\(fate.learnerName) 已有此成果，未重复存储 Already present"
        }
    }

    static func summary(_ report: ImportReport, dryRun: Bool) -> String {
        (dryRun ? "可以导入：" : "已导入：")
            + "新增 \(report.inserted) 条，\(report.unchanged) 条已存在未变。\(report.inserted) new, \(report.unchanged) already present unchanged."
    }

    func importsPage(_ context: StaffPageContext, kind: ImportKind?, institution: String?) async throws -> ImportsPage {
        let isAdmin = context.staff.role == .admin
        var own: InstitutionID?
        switch context.staff.role {
        case .admin: break
        case .institution(let id): own = id
        case .expert: throw CreditBankError.forbidden("experts review conversions; imports are for administrators and institutions")
        }
        let kinds = (isAdmin ? ImportKind.allCases : [.outcomes]).map {
            Choice(value: $0.rawValue, label: $0.name, selected: $0 == (kind ?? (isAdmin ? .catalog : .outcomes)))
        }
        let institutions = try await service.institutions().filter { own == nil || $0.id == own }
        return ImportsPage(
            kinds: kinds,
            institutions: institutions.map { Choice(value: $0.code, label: "\($0.name)（\($0.code)）", selected: $0.code == institution) },
            isAdmin: isAdmin)
    }
}
