import CreditBankCore
import DocumentLayout

/// Distinct, realistic certificate data for benchmarks: names (some with rare characters or the
/// middle dot), codes, scores and outcomes vary per document.
struct CertificateVariations: Sendable {
    let sample: TemplateData

    private static let surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"]
    private static let givenNames = [
        "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞", "如意", "嘉怡",
    ]
    private static let specialNames = ["阿卜杜热合曼·买买提", "𠮷田太郎", "古丽娜尔·吐尔逊", "欧阳如雪"]
    private static let outcomes = [
        ("全国计算机等级考试一级证书（MS Office 高级应用）", "NCRE-1-MSO", "教育部教育考试院"),
        ("1+X 网店运营推广职业技能等级证书（初级）", "X-WDYY-1", "中教畅享（北京）科技有限公司"),
        ("大学英语四级考试", "CET-4", "教育部教育考试院"),
        ("老年大学书法课程（楷书）", "LN-SF-01", "广东老年大学"),
    ]

    func data(_ index: Int) -> TemplateData {
        guard case .object(var root) = sample else { return sample }
        let name =
            index % 50 == 7
            ? Self.specialNames[(index / 50) % Self.specialNames.count]
            : Self.surnames[index % Self.surnames.count] + Self.givenNames[(index / Self.surnames.count) % Self.givenNames.count]
        let code = VerificationCode.generate(using: SeededRandomSource(seed: UInt64(index) &+ 1))
        let outcome = Self.outcomes[index % Self.outcomes.count]
        root["code"] = .text(code.formatted)
        root["verifyUrl"] = .text("https://xfyh.example.edu.cn/v/\(code.canonical)")
        root["applicant"] = .object(["name": .text(name), "idMasked": .text("4401**********\(String(format: "%04d", index % 10000))")])
        root["sources"] = .list([
            .object([
                "name": .text(outcome.0), "code": .text(outcome.1), "score": .text(String(60 + index % 40)),
                "hours": .text(index % 3 == 0 ? "—" : String(32 + index % 64)), "credits": .text(String(1 + index % 4)),
                "institution": .text(outcome.2),
            ])
        ])
        return .object(root)
    }
}
