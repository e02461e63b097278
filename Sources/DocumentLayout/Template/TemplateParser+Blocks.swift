import Yams

extension TemplateParser {
    static let commonKeys = ["space-before", "space-after", "at", "width", "align", "when", "unless"]
    static let extraKeys: [String: [String]] = [
        "text": ["style"], "grid": [], "table": [], "qr": ["size"], "image": ["height"], "rule": ["color"],
        "spacer": [], "row": [], "page-number": ["style"], "seal": ["size", "color", "lift", "label", "style"],
    ]

    func parseBlock(_ node: Node, scope: DataScope, available: Double? = nil) throws(TemplateError) -> Block {
        let available = available ?? page.contentWidth
        guard let mapping = node.mapping else {
            throw reader.fail(.wrongType(key: "block", expected: "a mapping such as `text: …`"), node)
        }
        let kinds = mapping.keys.compactMap(\.string).filter { TemplateParser.extraKeys[$0] != nil }
        guard kinds.count == 1, let kind = kinds.first else {
            let unknown = mapping.keys.compactMap(\.string).first { !Self.commonKeys.contains($0) && !Self.allOptionKeys.contains($0) }
            if kinds.isEmpty, let unknown { throw reader.fail(.unknownBlock(unknown), node) }
            throw reader.fail(
                .badValue(key: "block", "a block has exactly one kind (\(TemplateLoader.blockKinds.joined(separator: ", ")))"), node)
        }
        let fields = try reader.mapping(node, named: kind, allowed: [kind] + Self.commonKeys + Self.extraKeys[kind]!)
        let value = fields[kind]!
        var block = Block(
            content: .spacer(0),
            spaceBefore: try fields["space-before"].map { n throws(TemplateError) in try reader.number(n, key: "space-before") } ?? 0,
            spaceAfter: try fields["space-after"].map { n throws(TemplateError) in try reader.number(n, key: "space-after") } ?? 0,
            position: try fields["at"].map { n throws(TemplateError) in try point(n) },
            width: try fields["width"].map { n throws(TemplateError) in try reader.number(n, key: "width", range: 1...2000) },
            align: try fields["align"].map { n throws(TemplateError) in
                try reader.oneOf(n, key: "align", Alignment.self, values: ["left", "center", "right"])
            } ?? .left,
            location: reader.location(node))
        block.condition = try condition(fields, scope: scope, node: node)
        var height: Double?
        switch kind {
        case "text":
            block.content = .text(
                try templateString(value, key: kind, scope: scope), style: try style(fields["style"], default: "body", in: node))
        case "page-number":
            block.content = .pageNumber(
                try templateString(value, key: kind, scope: scope.withPageNumbers()),
                style: try style(fields["style"], default: "body", in: node))
        case "grid":
            block.content = .grid(try parseGrid(value, scope: scope))
        case "table":
            block.content = .table(try parseTable(value, scope: scope))
        case "qr":
            let size = try fields["size"].map { n throws(TemplateError) in try reader.number(n, key: "size", range: 36...400) } ?? 96
            block.content = .qr(try templateString(value, key: kind, scope: scope), size: size)
            block.width = size
            height = size
        case "image":
            let file = try reader.string(value, key: kind)
            guard loader.imageExists(file) else { throw reader.fail(.missingImage(file), value) }
            guard let width = block.width, let h = fields["height"] else { throw reader.fail(.missingKey("width and height"), node) }
            height = try reader.number(h, key: "height", range: 1...2000)
            block.content = .image(file: file, width: width, height: height!)
        case "rule":
            block.content = .rule(
                thickness: try reader.number(value, key: kind, range: 0.1...10),
                color: try fields["color"].map { n throws(TemplateError) in try reader.color(n, key: "color") } ?? .black)
        case "spacer":
            height = try reader.number(value, key: kind)
            block.content = .spacer(height!)
        case "seal":
            let size = try fields["size"].map { n throws(TemplateError) in try reader.number(n, key: "size", range: 60...240) } ?? 110
            block.content = .seal(
                SealBlock(
                    text: try templateString(value, key: kind, scope: scope),
                    label: try fields["label"].map { n throws(TemplateError) in try templateString(n, key: "label", scope: scope) },
                    size: size,
                    color: try fields["color"].map { n throws(TemplateError) in try reader.color(n, key: "color") }
                        ?? RGB(red: 0.82, green: 0.12, blue: 0.10),
                    lift: try fields["lift"].map { n throws(TemplateError) in try reader.number(n, key: "lift", range: 0...400) } ?? 0,
                    style: try style(fields["style"], default: "body", in: node)))
            block.width = size
            height = 0
        default:  // row
            block.content = .row(try parseRow(value, scope: scope, width: block.width ?? available))
        }
        try checkBox(block, height: height, available: available, node: node)
        return block
    }

    /// `when: field` or `unless: field` (not both): the field must be a text of the data here.
    private func condition(_ fields: [String: Node], scope: DataScope, node: Node) throws(TemplateError) -> BlockCondition? {
        if fields["when"] != nil, fields["unless"] != nil {
            throw reader.fail(.badValue(key: "when", "a block has `when` or `unless`, not both"), node)
        }
        guard let (key, value) = fields["when"].map({ ("when", $0) }) ?? fields["unless"].map({ ("unless", $0) }) else { return nil }
        let path = try reader.string(value, key: key).split(separator: ".").map(String.init)
        guard !path.isEmpty, scope.resolves(path) else {
            throw reader.fail(.unknownPlaceholder(path.joined(separator: "."), known: scope.knownFields()), value)
        }
        return BlockCondition(path: path, whenFilled: key == "when")
    }

    private static var allOptionKeys: Set<String> { Set(extraKeys.values.joined()) }

    private func point(_ node: Node) throws(TemplateError) -> Point {
        let items = try reader.sequence(node, key: "at")
        guard items.count == 2 else { throw reader.fail(.wrongType(key: "at", expected: "[x, y] in points"), node) }
        return Point(x: try reader.number(items[0], key: "at"), y: try reader.number(items[1], key: "at"))
    }

    /// Refuses boxes that would not fit: absolute boxes off the page, flow boxes wider than their room.
    private func checkBox(_ block: Block, height: Double?, available: Double, node: Node) throws(TemplateError) {
        let width = block.width ?? available
        if let at = block.position {
            if at.x + width > page.width + 0.01 {
                throw reader.fail(.offPage("x \(at.x) + width \(width) exceeds the page width \(page.width)"), node)
            }
            if at.y + (height ?? 1) > page.height + 0.01 {
                throw reader.fail(.offPage("y \(at.y) + height \(height ?? 0) exceeds the page height \(page.height)"), node)
            }
        } else if width > available + 0.01 {
            throw reader.fail(.offPage("width \(width) is wider than the \(available) pt available here"), node)
        }
    }

    private func parseGrid(_ node: Node, scope: DataScope) throws(TemplateError) -> GridBlock {
        let fields = try reader.mapping(
            node, named: "grid", allowed: ["columns", "label-width", "label-style", "value-style", "row-gap", "items"])
        var items: [(label: TemplateString, value: TemplateString)] = []
        for pair in try reader.sequence(try reader.required(fields, "items", in: node), key: "items") {
            let parts = try reader.sequence(pair, key: "items")
            guard parts.count == 2 else { throw reader.fail(.wrongType(key: "items", expected: "[label, value] pairs"), pair) }
            items.append(
                (try templateString(parts[0], key: "label", scope: scope), try templateString(parts[1], key: "value", scope: scope)))
        }
        return GridBlock(
            columns: try fields["columns"].map { n throws(TemplateError) in try reader.integer(n, key: "columns", range: 1...4) } ?? 1,
            labelWidth: try fields["label-width"].map { n throws(TemplateError) in try reader.number(n, key: "label-width", range: 10...400)
            } ?? 80,
            labelStyle: try style(fields["label-style"], default: "label", in: node),
            valueStyle: try style(fields["value-style"], default: "body", in: node),
            items: items,
            rowGap: try fields["row-gap"].map { n throws(TemplateError) in try reader.number(n, key: "row-gap", range: 0...100) } ?? 4)
    }

    private func parseTable(_ node: Node, scope: DataScope) throws(TemplateError) -> TableBlock {
        let keys = ["rows", "columns", "header-style", "cell-style", "padding", "header-fill", "group-by", "group-heading", "empty"]
        let fields = try reader.mapping(node, named: "table", allowed: keys)
        let rowsNode = try reader.required(fields, "rows", in: node)
        let rowsPath = try reader.string(rowsNode, key: "rows").split(separator: ".").map(String.init)
        guard case .list(let sampleRows)? = scope.root[path: rowsPath] else {
            throw reader.fail(.unknownPlaceholder(rowsPath.joined(separator: "."), known: []), rowsNode)
        }
        guard let first = sampleRows.first else {
            throw reader.fail(
                .badSample("list '\(rowsPath.joined(separator: "."))' needs at least one row to check the columns against"), rowsNode)
        }
        let rowScope = scope.withItem(first)
        var columns: [TableColumn] = []
        let columnsNode = try reader.required(fields, "columns", in: node)
        for columnNode in try reader.sequence(columnsNode, key: "columns") {
            let column = try reader.mapping(columnNode, named: "column", allowed: ["header", "value", "width", "align"])
            columns.append(
                TableColumn(
                    header: try templateString(try reader.required(column, "header", in: columnNode), key: "header", scope: scope),
                    value: try templateString(try reader.required(column, "value", in: columnNode), key: "value", scope: rowScope),
                    width: try reader.number(try reader.required(column, "width", in: columnNode), key: "width", range: 0.01...1),
                    align: try column["align"].map { n throws(TemplateError) in
                        try reader.oneOf(n, key: "align", Alignment.self, values: ["left", "center", "right"])
                    } ?? .left))
        }
        let total = columns.reduce(0) { $0 + $1.width }
        guard abs(total - 1) < 0.005 else {
            throw reader.fail(.badValue(key: "width", "column widths add up to \(total), not 1"), columnsNode)
        }
        var groupBy: String?
        if let groupNode = fields["group-by"] {
            let field = try reader.string(groupNode, key: "group-by")
            guard case .text? = first[path: [field]] else {
                throw reader.fail(.unknownPlaceholder(field, known: rowScope.knownFields()), groupNode)
            }
            groupBy = field
        }
        return TableBlock(
            rows: rowsPath, columns: columns,
            headerStyle: try style(fields["header-style"], default: "table-header", in: node),
            cellStyle: try style(fields["cell-style"], default: "table-cell", in: node),
            padding: try fields["padding"].map { n throws(TemplateError) in try reader.number(n, key: "padding", range: 0...30) } ?? 4,
            headerFill: try fields["header-fill"].map { n throws(TemplateError) in try reader.number(n, key: "header-fill", range: 0...1) }
                ?? 0.93,
            groupBy: groupBy,
            groupHeading: try fields["group-heading"].map { n throws(TemplateError) in
                try templateString(n, key: "group-heading", scope: rowScope)
            },
            emptyText: try fields["empty"].map { n throws(TemplateError) in try templateString(n, key: "empty", scope: scope) })
    }

    private func parseRow(_ node: Node, scope: DataScope, width: Double) throws(TemplateError) -> [RowColumn] {
        var columns: [RowColumn] = []
        for columnNode in try reader.sequence(node, key: "row") {
            let fields = try reader.mapping(columnNode, named: "row column", allowed: ["width", "blocks"])
            let fraction = try reader.number(try reader.required(fields, "width", in: columnNode), key: "width", range: 0.01...1)
            var blocks: [Block] = []
            for blockNode in try reader.sequence(try reader.required(fields, "blocks", in: columnNode), key: "blocks") {
                blocks.append(try parseBlock(blockNode, scope: scope, available: width * fraction))
            }
            columns.append(RowColumn(width: fraction, blocks: blocks))
        }
        let total = columns.reduce(0) { $0 + $1.width }
        guard total <= 1.005 else { throw reader.fail(.badValue(key: "width", "row column widths add up to \(total), more than 1"), node) }
        return columns
    }
}
