/// Lays out a table bound to a list: header on every page it spans, rows never split, group
/// headings never left alone at a page foot.
struct TableLayout<Measurer: TextMeasuring> {
    let table: TableBlock
    let block: Block
    let measurer: Measurer
    let scope: FieldScope
    /// The table's width in points.
    let tableWidth: Double
    let styles: [String: TextStyle]

    private struct Row {
        var height: Double
        var items: [PositionedItem]
        var isHeading: Bool
    }

    func place(in flow: inout Flow) throws(LayoutError) {
        guard case .list(let records)? = scope.root[path: table.rows] else {
            throw .notAList(table.rows.joined(separator: "."))
        }
        let header = try row(
            table.columns.map(\.header), scope: scope, style: table.headerStyle, fill: table.headerFill, aligns: table.columns.map(\.align))
        var rows: [Row] = []
        var lastGroup: String?
        for record in records {
            let rowScope = FieldScope(root: scope.root, item: record, page: scope.page, pages: scope.pages)
            if let field = table.groupBy {
                let group = rowScope.lookup([field]) ?? ""
                if group != lastGroup {
                    let heading = try table.groupHeading.map { s throws(LayoutError) in try rowScope.fill(s) } ?? group
                    rows.append(try spanning(heading, style: table.headerStyle, fill: (1 + table.headerFill) / 2, isHeading: true))
                    lastGroup = group
                }
            }
            rows.append(
                try row(table.columns.map(\.value), scope: rowScope, style: table.cellStyle, fill: nil, aligns: table.columns.map(\.align)))
        }
        if records.isEmpty, let empty = table.emptyText {
            rows.append(try spanning(try scope.fill(empty), style: table.cellStyle, fill: nil, isHeading: false))
        }
        var headerOnPage = false
        for (index, current) in rows.enumerated() {
            // A group heading travels with the row after it.
            let keepWith = current.isHeading && index + 1 < rows.count ? rows[index + 1].height : 0
            let needed = current.height + keepWith
            if needed + (headerOnPage ? 0 : header.height) > flow.room {
                guard needed + header.height <= flow.pageRoom + 0.01 else {
                    throw .tooTall(block.location, height: needed + header.height, room: flow.pageRoom)
                }
                if !flow.atTop || headerOnPage { flow.newPage() }
                headerOnPage = false
            }
            if !headerOnPage {
                flow.add(header.items.map { $0.offsetBy(x: flow.left, y: flow.y) })
                flow.advance(header.height)
                headerOnPage = true
            }
            flow.add(current.items.map { $0.offsetBy(x: flow.left, y: flow.y) })
            flow.advance(current.height)
        }
        if rows.isEmpty {
            if header.height > flow.room, !flow.atTop { flow.newPage() }
            flow.add(header.items.map { $0.offsetBy(x: flow.left, y: flow.y) })
            flow.advance(header.height)
        }
    }

    private func row(_ cells: [TemplateString], scope: FieldScope, style name: String, fill: Double?, aligns: [Alignment])
        throws(LayoutError) -> Row
    {
        let style = styleNamed(name)
        let total = tableWidth
        var texts: [(String, TextMeasure)] = []
        for (index, cell) in cells.enumerated() {
            let text = try scope.fill(cell)
            let measure = measurer.measure(
                text, style: style, width: total * table.columns[index].width - 2 * table.padding, align: aligns[index])
            if !measure.missingCharacters.isEmpty { throw .missingGlyphs(String(measure.missingCharacters), in: text) }
            texts.append((text, measure))
        }
        let height = (texts.map(\.1.height).max() ?? 0) + 2 * table.padding
        var items: [PositionedItem] = []
        var x = 0.0
        for (index, (text, measure)) in texts.enumerated() {
            let w = total * table.columns[index].width
            items.append(.box(Rect(x: x, y: 0, width: w, height: height), fill: fill, stroke: 0.5))
            items.append(
                .text(
                    text, style: style,
                    frame: Rect(x: x + table.padding, y: table.padding, width: w - 2 * table.padding, height: measure.height),
                    align: aligns[index]))
            x += w
        }
        return Row(height: height, items: items, isHeading: false)
    }

    private func spanning(_ text: String, style name: String, fill: Double?, isHeading: Bool) throws(LayoutError) -> Row {
        let style = styleNamed(name)
        let measure = measurer.measure(text, style: style, width: tableWidth - 2 * table.padding, align: .left)
        if !measure.missingCharacters.isEmpty { throw .missingGlyphs(String(measure.missingCharacters), in: text) }
        let height = measure.height + 2 * table.padding
        return Row(
            height: height,
            items: [
                .box(Rect(x: 0, y: 0, width: tableWidth, height: height), fill: fill, stroke: 0.5),
                .text(
                    text, style: style,
                    frame: Rect(x: table.padding, y: table.padding, width: tableWidth - 2 * table.padding, height: measure.height),
                    align: .left),
            ], isHeading: isHeading)
    }

    private func styleNamed(_ name: String) -> TextStyle { styles[name]! }
}
