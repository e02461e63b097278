import Yams

/// Turns the YAML tree of one template file into a `DocumentTemplate`, checking as it goes.
struct TemplateParser {
    let reader: YAMLReader
    let loader: TemplateLoader
    private(set) var styles: [String: TextStyle] = [:]
    private(set) var sample: TemplateData = .object([:])
    private(set) var page = PageSetup(
        width: PageSetup.a4.width, height: PageSetup.a4.height,
        top: 56, right: 56, bottom: 56, left: 56)

    init(reader: YAMLReader, loader: TemplateLoader) {
        self.reader = reader
        self.loader = loader
    }

    mutating func parseDocument(_ root: Node) throws(TemplateError) -> LoadedTemplate {
        let keys = ["kind", "language", "version", "sample", "page", "styles", "metadata", "header", "body", "footer"]
        let fields = try reader.mapping(root, named: "template", allowed: keys)
        let kind = try reader.string(try reader.required(fields, "kind", in: root), key: "kind")
        let languageNode = try reader.required(fields, "language", in: root)
        let language = try reader.string(languageNode, key: "language")
        guard ["zh", "en"].contains(language) else {
            throw reader.fail(.badValue(key: "language", "'\(language)' is not zh or en"), languageNode)
        }
        let version = try reader.integer(try reader.required(fields, "version", in: root), key: "version", range: 1...1_000_000)
        let sampleNode = try reader.required(fields, "sample", in: root)
        sample = try loader.sample(named: try reader.string(sampleNode, key: "sample"), at: sampleNode, reader: reader)
        if let pageNode = fields["page"] { page = try parsePage(pageNode) }
        styles = try parseStyles(try reader.required(fields, "styles", in: root), language: language)
        let metadata = try parseMetadata(try reader.required(fields, "metadata", in: root))
        let scope = DataScope(root: sample, item: nil, allowsPageNumbers: false)
        let header = try parseBlocks(fields["header"], key: "header", scope: scope.withPageNumbers())
        let body = try parseBlocks(try reader.required(fields, "body", in: root), key: "body", scope: scope)
        let footer = try parseBlocks(fields["footer"], key: "footer", scope: scope.withPageNumbers())
        let name = String(reader.file.dropLast(reader.file.hasSuffix(".yaml") ? 5 : 0))
        let template = DocumentTemplate(
            name: name, kind: kind, language: language, version: version, page: page, styles: styles,
            metadata: metadata, header: header, body: body, footer: footer, file: reader.file)
        return LoadedTemplate(template: template, sample: sample, directory: loader.directory)
    }

    private func parsePage(_ node: Node) throws(TemplateError) -> PageSetup {
        let fields = try reader.mapping(node, named: "page", allowed: ["size", "margins"])
        var setup = page
        if let size = fields["size"], try reader.string(size, key: "size") != "A4" {
            throw reader.fail(.badValue(key: "size", "only A4 is supported"), size)
        }
        if let marginsNode = fields["margins"] {
            let margins = try reader.mapping(marginsNode, named: "margins", allowed: ["top", "right", "bottom", "left"])
            for (key, path) in [("top", \PageSetup.top), ("right", \.right), ("bottom", \.bottom), ("left", \.left)] {
                if let value = margins[key] { setup[keyPath: path] = try reader.number(value, key: key, range: 0...400) }
            }
            if setup.left + setup.right >= setup.width - 72 || setup.top + setup.bottom >= setup.height - 72 {
                throw reader.fail(.offPage("margins leave less than 1 inch of page"), marginsNode)
            }
        }
        return setup
    }

    private func parseStyles(_ node: Node, language: String) throws(TemplateError) -> [String: TextStyle] {
        guard let mapping = node.mapping else { throw reader.fail(.wrongType(key: "styles", expected: "a mapping"), node) }
        var result: [String: TextStyle] = [:]
        for (nameNode, styleNode) in mapping {
            let name = try reader.string(nameNode, key: "styles")
            let fields = try reader.mapping(styleNode, named: name, allowed: ["font", "size", "weight", "color", "line-spacing"])
            let fontNode = try reader.required(fields, "font", in: styleNode)
            let family = try reader.string(fontNode, key: "font")
            guard loader.fontFamilies.contains(family) else {
                throw reader.fail(.missingFont(family, available: loader.fontFamilies.sorted()), fontNode)
            }
            result[name] = TextStyle(
                family: family,
                size: try reader.number(try reader.required(fields, "size", in: styleNode), key: "size", range: 4...96),
                weight: try fields["weight"].map { n throws(TemplateError) in
                    try reader.oneOf(n, key: "weight", TextStyle.Weight.self, values: ["regular", "bold"])
                } ?? .regular,
                color: try fields["color"].map { n throws(TemplateError) in try reader.color(n, key: "color") } ?? .black,
                lineSpacing: try fields["line-spacing"].map { n throws(TemplateError) in
                    try reader.number(n, key: "line-spacing", range: 0...3)
                } ?? 0,
                language: language == "zh" ? "zh-cn" : language)
        }
        return result
    }

    private func parseMetadata(_ node: Node) throws(TemplateError) -> MetadataTemplate {
        let keys = ["title", "author", "subject", "keywords", "date"]
        let fields = try reader.mapping(node, named: "metadata", allowed: keys)
        let scope = DataScope(root: sample, item: nil, allowsPageNumbers: false)
        func field(_ key: String) throws(TemplateError) -> TemplateString {
            try templateString(try reader.required(fields, key, in: node), key: key, scope: scope)
        }
        return MetadataTemplate(
            title: try field("title"), author: try field("author"), subject: try field("subject"),
            keywords: try field("keywords"), date: try field("date"))
    }

    func parseBlocks(_ node: Node?, key: String, scope: DataScope) throws(TemplateError) -> [Block] {
        guard let node else { return [] }
        var blocks: [Block] = []
        for item in try reader.sequence(node, key: key) {
            blocks.append(try parseBlock(item, scope: scope))
        }
        return blocks
    }

    /// Parses `{{…}}` text and checks every field against `scope`.
    func templateString(_ node: Node, key: String, scope: DataScope) throws(TemplateError) -> TemplateString {
        let text = try reader.string(node, key: key)
        let parsed: TemplateString
        do {
            parsed = try TemplateString(parsing: text)
        } catch {
            throw reader.fail(.placeholderSyntax(error), node)
        }
        for (path, _) in parsed.fields where !scope.resolves(path) {
            throw reader.fail(.unknownPlaceholder(path.joined(separator: "."), known: scope.knownFields()), node)
        }
        return parsed
    }

    func style(_ node: Node?, default name: String, in parent: Node) throws(TemplateError) -> String {
        guard let node else {
            guard styles[name] != nil else { throw reader.fail(.unknownStyle(name), parent) }
            return name
        }
        let name = try reader.string(node, key: "style")
        guard styles[name] != nil else { throw reader.fail(.unknownStyle(name), node) }
        return name
    }
}
