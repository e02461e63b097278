import CreditBankCore
import CreditBankDocuments
import Foundation
import Testing

/// The bank's editable subtype list: the shipped file, and refusals of unsound edits.
@Suite("Templates/outcome-types.yaml")
struct OutcomeTypesFileTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("the shipped file loads and says exactly what the built-in list says (fields, choices, evidence)")
    func shipped() throws {
        let loaded = try OutcomeTypesFile.load(resources: Self.root)
        #expect(loaded.subtypes.map(\.code) == SubtypeRegistry.standard.subtypes.map(\.code))
        for (file, builtIn) in zip(loaded.subtypes, SubtypeRegistry.standard.subtypes) {
            #expect(file == builtIn, "\(file.code)")
        }
        let course = try #require(loaded.subtype(code: "course"))
        #expect(course.evidence.map(\.label) == ["单科合格证书（或成绩单）", "课程教材（或教学大纲）"] && course.needsEvidence)
        let competition = try #require(loaded.subtype(code: "competition"))
        #expect(competition.fields.map(\.label) == ["竞赛名称", "活动组织机构", "奖励级别", "竞赛举办时间"])
    }

    @Test("an unsound edit is refused with every problem named", arguments: [
        ("- {code: a, category: academic, name: 甲, nameEn: A}\n- {code: a, category: informal, name: 乙, nameEn: B}", "code used twice"),
        ("- {code: a, category: school, name: 甲, nameEn: A}", "unknown category 'school'"),
        ("- {code: a, category: academic, name: 甲, nameEn: A, fields: [{key: x, label: X, kind: colour}]}", "kind 'colour'"),
        ("- {code: a, category: academic, name: 甲, nameEn: A, fields: [{key: x, label: X, choice: []}]}", "needs distinct choices"),
        ("- {code: A B, category: academic, name: 甲, nameEn: A}", "lower-case letters"),
        ("code: a", "not a list of subtypes"),
        ("- {code: a, category: academic, name: 甲, nameEn: A}", "no subtype of category non-academic"),
    ])
    func refused(text: String, problem: String) throws {
        #expect {
            try OutcomeTypesFile.parse(text)
        } throws: { error in
            "\(error)".contains(problem)
        }
    }
}
