/// The subtypes the bank knows, by code. `standard` is docs/product.md §2's list with manual 001's fields.
public struct SubtypeRegistry: Sendable {
    /// Every subtype, in display order.
    public let subtypes: [OutcomeSubtype]

    /// Creates a registry from a list (a bank may extend `standard.subtypes`).
    public init(_ subtypes: [OutcomeSubtype]) { self.subtypes = subtypes }

    /// Checks a list a bank wrote (Templates/outcome-types.yaml): every category has a subtype, codes
    /// and names are unique, field keys are unique names, choices are not empty.
    /// - Returns: what is wrong, one line per problem (empty when the list is sound).
    public static func problems(in subtypes: [OutcomeSubtype]) -> [String] {
        var problems: [String] = []
        for category in OutcomeCategory.allCases where !subtypes.contains(where: { $0.category == category }) {
            problems.append("no subtype of category \(category.rawValue)")
        }
        var codes = Set<String>(), names = Set<String>()
        for subtype in subtypes {
            let at = "subtype \(subtype.code)"
            if !codes.insert(subtype.code).inserted { problems.append("\(at): code used twice") }
            if !names.insert(subtype.chineseName).inserted { problems.append("\(at): name \(subtype.chineseName) used twice") }
            if subtype.code.isEmpty || !subtype.code.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) {
                problems.append("\(at): a code is lower-case letters, digits and '-'")
            }
            if subtype.chineseName.isEmpty || subtype.englishName.isEmpty { problems.append("\(at): name and nameEn are required") }
            var keys = Set<String>()
            for field in subtype.fields {
                if !keys.insert(field.key).inserted { problems.append("\(at): field \(field.key) listed twice") }
                if field.key.isEmpty || !field.key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
                    problems.append("\(at): field key '\(field.key)' must be letters and digits")
                }
                if field.label.isEmpty { problems.append("\(at): field \(field.key) has no label") }
                if case .choice(let options) = field.kind, options.isEmpty || Set(options).count != options.count {
                    problems.append("\(at): field \(field.key) needs distinct choices")
                }
            }
            for item in subtype.evidence where item.label.isEmpty { problems.append("\(at): an evidence item has no label") }
        }
        return problems
    }

    /// Looks a subtype up by code or Chinese name and checks it belongs to `category`.
    /// - Throws: `CreditBankError.invalid(field: "subtype")` listing the category's subtypes.
    public func subtype(_ text: String, in category: OutcomeCategory) throws(CreditBankError) -> OutcomeSubtype {
        guard let found = subtypes.first(where: { $0.code == text || $0.chineseName == text }), found.category == category else {
            let allowed = subtypes.filter { $0.category == category }.map(\.code).joined(separator: ", ")
            throw .invalid(field: "subtype", reason: "'\(text)' is not a subtype of \(category.rawValue) (one of: \(allowed))")
        }
        return found
    }

    /// The subtype with `code`, if known.
    public func subtype(code: String) -> OutcomeSubtype? { subtypes.first { $0.code == code } }

    static let levels = ["小学", "初中", "高中", "专科", "本科", "硕士", "博士"]

    /// docs/product.md §2's categories and subtypes with manual 001's fields.
    public static let standard = SubtypeRegistry(
        [
            .init(
                code: "diploma", category: .academic, chineseName: "毕业证书", englishName: "Diploma",
                fields: [
                    .init("major", "专业"), .init("level", "层次", .choice(levels)), .init("educationType", "类型"),
                    .init("registrationNumber", "电子注册号", required: true),
                ],
                evidence: [.init("毕业证书", required: true)]),
            .init(
                code: "degree", category: .academic, chineseName: "学位证书", englishName: "Degree",
                fields: [
                    .init("major", "专业"), .init("level", "层次", .choice(levels)), .init("degreeGrade", "等级"),
                    .init("registrationNumber", "证书编号", required: true),
                ],
                evidence: [.init("学位证书", required: true)]),
            .init(
                code: "course", category: .academic, chineseName: "课程", englishName: "Course",
                fields: [
                    .init("school", "学校名称"), .init("courseCode", "课程号"), .init("major", "专业"),
                    .init("level", "层次", .choice(levels)),
                ],
                evidence: [.init("单科合格证书（或成绩单）", required: true), .init("课程教材（或教学大纲）")]),
            .init(
                code: "vocational-diploma", category: .academic, chineseName: "职业教育学历证书", englishName: "Vocational diploma",
                fields: [
                    .init("major", "专业"), .init("level", "层次", .choice(levels)), .init("registrationNumber", "证书编号", required: true),
                ],
                evidence: [.init("毕业证书", required: true)]),
            .init(
                code: "continuing-education", category: .academic, chineseName: "高等学历继续教育证书",
                englishName: "Continuing higher education certificate",
                fields: [
                    .init("major", "专业"), .init("level", "层次", .choice(levels)), .init("registrationNumber", "证书编号", required: true),
                ],
                evidence: [.init("毕业证书", required: true)]),
            .init(
                code: "professional-qualification", category: .nonAcademic, chineseName: "职业资格证书",
                englishName: "Professional qualification",
                fields: [
                    .init("body", "职业技能鉴定机构"), .init("grade", "证书等级"), .init("occupation", "职业（工种）"), .init("education", "文化程度"),
                ],
                evidence: [.init("职业资格证书", required: true)]),
            .init(
                code: "skill-level-x", category: .nonAcademic, chineseName: "职业技能等级证书（X证书）",
                englishName: "Vocational skill level certificate (1+X)",
                fields: [
                    .init("body", "培训评价组织"), .init("grade", "等级"), .init("occupation", "职业（工种）"),
                ],
                evidence: [.init("职业技能等级证书", required: true)]),
            .init(
                code: "skill-level-mohrss", category: .nonAcademic, chineseName: "职业技能等级证书（人社部）",
                englishName: "Vocational skill level certificate (MOHRSS)",
                fields: [
                    .init("body", "评价机构"), .init("grade", "等级"), .init("occupation", "职业（工种）"),
                ],
                evidence: [.init("职业技能等级证书", required: true)]),
            .init(
                code: "technician", category: .nonAcademic, chineseName: "技师教育", englishName: "Technician education",
                fields: [
                    .init("major", "专业名称"), .init("grade", "技师教育等级"), .init("studyPeriod", "学习时间"),
                ],
                evidence: [.init("技工教育相关证明材料", required: true)]),
            .init(
                code: "training", category: .nonAcademic, chineseName: "培训", englishName: "Training",
                fields: [
                    .init("provider", "培训机构"), .init("providerCode", "机构代码"),
                ],
                evidence: [.init("培训证明", required: true)]),
            .init(
                code: "other-certificate", category: .nonAcademic, chineseName: "其他非学历证书", englishName: "Other certificate",
                fields: [
                    .init("body", "发证机构")
                ],
                evidence: [.init("证书", required: true)]),
        ] + informal)

    static let achievementFields: [OutcomeSubtype.Field] = [
        .init("organisation", "业绩完成单位"), .init("role", "本人角色"), .init("completedOn", "完成时间", .date),
    ]

    /// 业绩类 subtypes (manual 001 table 1); the competition award has manual 002's own fields.
    static let informal: [OutcomeSubtype] = [
        OutcomeSubtype(
            code: "competition", category: .informal, chineseName: "竞赛奖励", englishName: "Competition award",
            fields: [
                .init("competitionName", "竞赛名称"), .init("organiser", "活动组织机构"),
                .init("awardLevel", "奖励级别", .choice(["国际级", "国家级", "省部级", "地市级", "校级"])),
                .init("heldOn", "竞赛举办时间", .date),
            ],
            evidence: [.init("获奖证书", required: true)])
    ]
        + [
            ("research", "科学研究", "Research", "科研成果证明（论文、专利或结题证明）"),
            ("innovation", "创新创业", "Innovation and entrepreneurship", "创新创业证明"),
            ("social-service", "社会服务", "Social service", "服务证明"),
            ("cultural-heritage", "文化传承", "Cultural and intangible heritage", "传承证明"),
            ("work-experience", "工作经历", "Work experience", "工作证明"),
            ("professional-title", "职称证书", "Professional title", "职称证书"),
        ].map { code, zh, en, proof in
            OutcomeSubtype(
                code: code, category: .informal, chineseName: zh, englishName: en, fields: achievementFields,
                evidence: [.init(proof, required: true)])
        }
}
