import CreditBankCore

/// The demo's institutions and a catalog of a few hundred entries, generated from realistic names.
enum DemoCatalog {
    static let institutions: [(code: String, name: String, kind: String)] = [
        ("SCUT", "华南示范大学", "university"),
        ("OUC", "国家开放大学", "open-university"),
        ("NEEA", "教育部教育考试院", "certification-body"),
        ("OSTA", "职业技能鉴定指导中心", "certification-body"),
        ("ELD", "广东老年大学", "elderly-education"),
    ]

    static let majors = ["计算机科学与技术", "电子商务", "会计学", "行政管理", "学前教育", "机械设计制造及其自动化", "汉语言文学", "护理学"]
    static let courses = [
        "计算机应用基础", "大学英语（1）", "大学英语（2）", "高等数学", "程序设计基础", "数据结构", "管理学原理", "会计基础", "经济学基础",
        "公司概况", "网络技术", "电子支付与安全", "客户关系管理", "安全与生活", "大学生创业导论", "学前儿童发展心理学", "中国古代文学",
        "基础护理学", "机械制图", "信息安全与密码学", "物流管理", "统计学原理", "市场营销学", "法律基础",
    ]

    /// Every catalog entry of the demo (about 300).
    static var entries: [NewCatalogEntry] {
        var entries: [NewCatalogEntry] = [
            .init(
                institutionCode: "NEEA", category: "non-academic", subtype: "professional-qualification", name: "全国计算机等级考试一级证书",
                code: "NCRE-1", credits: 2),
            .init(
                institutionCode: "NEEA", category: "non-academic", subtype: "professional-qualification", name: "全国计算机等级考试二级及以上证书",
                code: "NCRE-2", credits: 3),
            .init(
                institutionCode: "NEEA", category: "non-academic", subtype: "professional-qualification", name: "大学英语等级考试（CET）四级及以上证书",
                code: "CET-4", credits: 4),
            .init(
                institutionCode: "NEEA", category: "non-academic", subtype: "professional-qualification", name: "全国公共英语等级考试（PETS-3）三级及以上证书",
                code: "PETS-3", credits: 3),
            .init(
                institutionCode: "NEEA", category: "non-academic", subtype: "professional-qualification", name: "高等学校英语应用能力考试A级",
                code: "PRETCO-A", credits: 2),
            .init(
                institutionCode: "ELD", category: "non-academic", subtype: "training", name: "老年教育课程", code: "LNJY-00001", credits: 1,
                hours: 36),
        ]
        for (m, major) in majors.enumerated() {
            for (c, course) in courses.enumerated() {
                let code = String(format: "OU-%02d%02d", m + 1, c + 1)
                entries.append(
                    .init(
                        institutionCode: "OUC", category: "academic", subtype: "course", name: course, code: code,
                        credits: Credits(integerLiteral: 2 + (c % 3)), hours: 36 * (2 + c % 3), level: "本科", major: major))
            }
            entries.append(
                .init(
                    institutionCode: "SCUT", category: "academic", subtype: "diploma", name: "\(major)专业本科毕业证书",
                    code: String(format: "SCUT-D%02d", m + 1), credits: 120, level: "本科", major: major))
            entries.append(
                .init(
                    institutionCode: "SCUT", category: "academic", subtype: "degree", name: "\(major)学士学位",
                    code: String(format: "SCUT-B%02d", m + 1), credits: 20, level: "本科", major: major))
        }
        for (c, course) in courses.enumerated() {
            entries.append(
                .init(
                    institutionCode: "SCUT", category: "academic", subtype: "course", name: course,
                    code: String(format: "SCUT-C%03d", c + 1), credits: Credits(integerLiteral: 2 + c % 3), hours: 48, level: "本科"))
        }
        let occupations = ["电工", "焊工", "育婴员", "养老护理员", "中式烹调师", "计算机程序设计员", "网络与信息安全管理员", "电子商务师", "保育师", "茶艺师"]
        let grades = ["五级/初级工", "四级/中级工", "三级/高级工", "二级/技师", "一级/高级技师"]
        for (o, occupation) in occupations.enumerated() {
            for (g, grade) in grades.enumerated() {
                entries.append(
                    .init(
                        institutionCode: "OSTA", category: "non-academic", subtype: "skill-level-mohrss",
                        name: "\(occupation)职业技能等级证书（\(grade)）",
                        code: String(format: "OSTA-%02d-%d", o + 1, g + 1), credits: Credits(integerLiteral: 2 + g * 2)))
            }
        }
        let elderly = ["书法", "国画", "太极拳", "声乐", "摄影", "智能手机应用", "中医养生", "合唱", "舞蹈", "电子琴", "诗词鉴赏", "园艺"]
        for (e, name) in elderly.enumerated() {
            for term in 1...3 {
                entries.append(
                    .init(
                        institutionCode: "ELD", category: "non-academic", subtype: "training", name: "\(name)（第\(term)学期）",
                        code: String(format: "ELD-%02d-%d", e + 1, term), credits: 1, hours: 32))
            }
        }
        return entries
    }

    /// The demo's rules, as (code, name, source INST:CODE, minimum score, target INST:CODE, credits, ratio).
    static let rules: [(String, String, String, Double?, String, Credits, Int)] = [
        ("202201240004", "全国计算机等级考试一级证书转换《计算机应用基础》", "NEEA:NCRE-1", 60, "OUC:OU-0101", 4, 100),
        ("202201240005", "大学英语四级证书转换《大学英语（1）》", "NEEA:CET-4", nil, "OUC:OU-0303", 3, 100),
        ("202201240006", "公共英语三级证书转换《大学英语（2）》", "NEEA:PETS-3", nil, "OUC:OU-0204", 3, 80),
        ("202201240007", "全国计算机等级考试二级证书转换《程序设计基础》", "NEEA:NCRE-2", 60, "OUC:OU-0105", 3, 100),
        ("202201240008", "老年教育课程认定转换（广东老年大学）", "ELD:LNJY-00001", nil, "ELD:ELD-01-1", 1, 100),
        ("202201240009", "计算机程序设计员四级证书转换《程序设计基础》", "OSTA:OSTA-06-2", nil, "SCUT:SCUT-C005", 3, 50),
    ]
}
