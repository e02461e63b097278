/// What placeholders resolve against while laying out: the document, the current table row and
/// the page numbers.
struct FieldScope {
    var root: TemplateData
    var item: TemplateData?
    var page: Int?
    var pages: Int?

    func lookup(_ path: [String]) -> String? {
        if path.count == 1 {
            if path[0] == "page", let page { return String(page) }
            if path[0] == "pages", let pages { return String(pages) }
        }
        if case .text(let value)? = item?[path: path] { return value }
        if case .text(let value)? = root[path: path] { return value }
        return nil
    }

    /// Whether a block's `when:` / `unless:` lets it be drawn here.
    func shows(_ block: Block) -> Bool {
        guard let condition = block.condition else { return true }
        let filled = !(lookup(condition.path) ?? "").isEmpty
        return filled == condition.whenFilled
    }

    func fill(_ string: TemplateString) throws(LayoutError) -> String {
        try string.render(lookup)
    }
}
