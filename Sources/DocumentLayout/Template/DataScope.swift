/// The fields a placeholder may name at one place in a template: the document's fields, a table
/// row's fields (looked up first) and, in headers and footers, `page` and `pages`.
struct DataScope {
    var root: TemplateData
    var item: TemplateData?
    var allowsPageNumbers: Bool

    func withPageNumbers() -> DataScope { DataScope(root: root, item: item, allowsPageNumbers: true) }
    func withItem(_ item: TemplateData) -> DataScope { DataScope(root: root, item: item, allowsPageNumbers: allowsPageNumbers) }

    func resolves(_ path: [String]) -> Bool {
        if allowsPageNumbers, path == ["page"] || path == ["pages"] { return true }
        if case .text? = item?[path: path] { return true }
        if case .text? = root[path: path] { return true }
        return false
    }

    /// Every text field in scope, dotted, for error messages.
    func knownFields() -> [String] {
        var out: [String] = allowsPageNumbers ? ["page", "pages"] : []
        if let item { Self.collect(item, prefix: [], into: &out) }
        Self.collect(root, prefix: [], into: &out)
        return out
    }

    private static func collect(_ data: TemplateData, prefix: [String], into out: inout [String]) {
        guard case .object(let fields) = data else { return }
        for key in fields.keys.sorted() {
            switch fields[key]! {
            case .text: out.append((prefix + [key]).joined(separator: "."))
            case .object: collect(fields[key]!, prefix: prefix + [key], into: &out)
            case .list: break
            }
        }
    }
}
