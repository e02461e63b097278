/// The subtypes the bank knows, by code. `standard` is docs/product.md §2's list with manual 001's fields.
public struct SubtypeRegistry: Sendable {
    /// Every subtype, in display order.
    public let subtypes: [OutcomeSubtype]

    /// Creates a registry from a list (a bank may extend `standard.subtypes`).
    public init(_ subtypes: [OutcomeSubtype]) { self.subtypes = subtypes }

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
                ]),
            .init(
                code: "degree", category: .academic, chineseName: "学位证书", englishName: "Degree",
                fields: [
                    .init("major", "专业"), .init("level", "层次", .choice(levels)), .init("degreeGrade", "等级"),
                    .init("registrationNumber", "证书编号", required: true),
                ]),
            .init(
                code: "course", category: .academic, chineseName: "课程", englishName: "Course",
                fields: [
                    .init("school", "学校名称"), .init("courseCode", "课程号"), .init("major", "专业"),
                    .init("level", "层次", .choice(levels)),
                ]),
            .init(
                code: "vocational-diploma", category: .academic, chineseName: "职业教育学历证书", englishName: "Vocational diploma",
                fields: [
                    .init("major", "专业"), .init("level", "层次", .choice(levels)), .init("registrationNumber", "证书编号", required: true),
                ]),
            .init(
                code: "continuing-education", category: .academic, chineseName: "高等学历继续教育证书",
                englishName: "Continuing higher education certificate",
                fields: [
                    .init("major", "专业"), .init("level", "层次", .choice(levels)), .init("registrationNumber", "证书编号", required: true),
                ]),
            .init(
                code: "professional-qualification", category: .nonAcademic, chineseName: "职业资格证书",
                englishName: "Professional qualification",
                fields: [
                    .init("body", "职业技能鉴定机构"), .init("grade", "证书等级"), .init("occupation", "职业（工种）"), .init("education", "文化程度"),
                ]),
            .init(
                code: "skill-level-x", category: .nonAcademic, chineseName: "职业技能等级证书（X证书）",
                englishName: "Vocational skill level certificate (1+X)",
                fields: [
                    .init("body", "培训评价组织"), .init("grade", "等级"), .init("occupation", "职业（工种）"),
                ]),
            .init(
                code: "skill-level-mohrss", category: .nonAcademic, chineseName: "职业技能等级证书（人社部）",
                englishName: "Vocational skill level certificate (MOHRSS)",
                fields: [
                    .init("body", "评价机构"), .init("grade", "等级"), .init("occupation", "职业（工种）"),
                ]),
            .init(
                code: "technician", category: .nonAcademic, chineseName: "技师教育", englishName: "Technician education",
                fields: [
                    .init("major", "专业名称"), .init("grade", "技师教育等级"), .init("studyPeriod", "学习时间"),
                ]),
            .init(
                code: "training", category: .nonAcademic, chineseName: "培训", englishName: "Training",
                fields: [
                    .init("provider", "培训机构"), .init("providerCode", "机构代码"),
                ]),
            .init(
                code: "other-certificate", category: .nonAcademic, chineseName: "其他非学历证书", englishName: "Other certificate",
                fields: [
                    .init("body", "发证机构")
                ]),
        ] + informal)

    static let informal: [OutcomeSubtype] = [
        ("competition", "竞赛奖励", "Competition award"), ("research", "科学研究", "Research"),
        ("innovation", "创新创业", "Innovation and entrepreneurship"), ("social-service", "社会服务", "Social service"),
        ("cultural-heritage", "文化传承", "Cultural and intangible heritage"), ("work-experience", "工作经历", "Work experience"),
        ("professional-title", "职称证书", "Professional title"),
    ].map { code, zh, en in
        OutcomeSubtype(
            code: code, category: .informal, chineseName: zh, englishName: en,
            fields: [
                .init("organisation", "业绩完成单位"), .init("role", "本人角色"), .init("completedOn", "完成时间", .date),
            ])
    }
}
