import Foundation

@testable import DocumentLayout

/// A measurer with fixed metrics: every character is `size` wide, lines are 1.5 × size tall.
struct FakeMeasurer: TextMeasuring {
    var missing: Set<Character> = []

    func measure(_ text: String, style: TextStyle, width: Double, align: Alignment) -> TextMeasure {
        let perLine = max(1, Int(width / style.size))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { max(1, Int((Double($0.count) / Double(perLine)).rounded(.up))) }.reduce(0, +)
        return TextMeasure(
            height: Double(lines) * style.size * 1.5, width: min(width, Double(text.count) * style.size),
            missingCharacters: text.filter { missing.contains($0) }.map { $0 })
    }
}

enum Fixtures {
    static let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let templates = projectRoot.appendingPathComponent("Templates")
    static let families: Set<String> = ["Noto Sans CJK SC", "HanaMinA", "HanaMinB"]

    /// A temporary templates folder holding `files` (name → contents).
    static func folder(_ files: [String: String]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, contents) in files { try contents.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return dir
    }

    static let sample =
        #"{"name": "张如意", "code": "ABCD", "issuedAt": "2026-11-22T10:00:00+08:00", "rows": [{"course": "高等数学", "score": "90"}]}"#

    /// A small valid template; `body` replaces its body blocks.
    static func template(body: String, extra: String = "") -> String {
        """
        kind: test
        language: zh
        version: 1
        sample: sample.json
        styles:
          body: {font: Noto Sans CJK SC, size: 10}
          label: {font: Noto Sans CJK SC, size: 10}
          table-header: {font: Noto Sans CJK SC, size: 10, weight: bold}
          table-cell: {font: Noto Sans CJK SC, size: 10}
        metadata:
          title: 测试
          author: 学分银行
          subject: "{{name}}"
          keywords: "{{code}}"
          date: "{{issuedAt}}"
        \(extra)
        body:
        \(body)
        """
    }
}
