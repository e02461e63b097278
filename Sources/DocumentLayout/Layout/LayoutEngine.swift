/// Lays a template out with data: pure, apart from asking `measurer` how tall text is.
///
/// Blocks flow down the content area between header and footer; a block that does not fit moves
/// to the next page, a table continues on the next page under a repeated header, absolutely
/// placed blocks stay where the author put them, and headers and footers are drawn on every
/// page with `{{page}}` and `{{pages}}` filled in.
public struct LayoutEngine<Measurer: TextMeasuring> {
    let template: DocumentTemplate
    let measurer: Measurer
    let data: TemplateData

    /// Prepares to lay out `template` with `data`, measuring text with `measurer`.
    public init(template: DocumentTemplate, data: TemplateData, measurer: Measurer) {
        self.template = template
        self.data = data
        self.measurer = measurer
    }

    /// Runs the layout.
    /// - Throws: `LayoutError` for missing data, missing glyphs, or a box that cannot fit.
    public func layout() throws(LayoutError) -> LaidOutDocument {
        let page = template.page
        let rootScope = FieldScope(root: data)
        // Reserve the header and footer as tall as they are on page 1 of 1.
        let header = try marginal(template.header, scope: FieldScope(root: data, page: 1, pages: 1))
        let footer = try marginal(template.footer, scope: FieldScope(root: data, page: 1, pages: 1))
        let gap = 10.0
        let top = page.top + (template.header.isEmpty ? 0 : header.height + gap)
        let bottom = page.height - page.bottom - (template.footer.isEmpty ? 0 : footer.height + gap)
        var flow = Flow(top: top, bottom: bottom, left: page.left, width: page.contentWidth)
        for block in template.body {
            try place(block, in: &flow, scope: rootScope)
        }
        let pageCount = flow.pages.count
        for index in 0..<pageCount {
            let scope = FieldScope(root: data, page: index + 1, pages: pageCount)
            let h = try marginal(template.header, scope: scope)
            let f = try marginal(template.footer, scope: scope)
            if h.height > header.height + 0.01, let first = template.header.first { throw .marginalGrew(first.location) }
            if f.height > footer.height + 0.01, let first = template.footer.first { throw .marginalGrew(first.location) }
            flow.pages[index] += h.items.map { $0.offsetBy(x: page.left, y: page.top) }
            flow.pages[index] += f.items.map { $0.offsetBy(x: page.left, y: page.height - page.bottom - footer.height) }
        }
        let meta = template.metadata
        return LaidOutDocument(
            pageWidth: page.width, pageHeight: page.height,
            pages: flow.pages.map { LaidOutPage(items: $0) },
            metadata: DocumentMetadata(
                title: try rootScope.fill(meta.title), author: try rootScope.fill(meta.author),
                subject: try rootScope.fill(meta.subject), keywords: try rootScope.fill(meta.keywords),
                date: try rootScope.fill(meta.date)))
    }

    /// Header or footer blocks stacked into one box.
    private func marginal(_ blocks: [Block], scope: FieldScope) throws(LayoutError) -> Box {
        try stack(blocks, width: template.page.contentWidth, scope: scope)
    }

    /// Places one body block, starting new pages as needed.
    private func place(_ block: Block, in flow: inout Flow, scope: FieldScope) throws(LayoutError) {
        guard scope.shows(block) else { return }
        if let at = block.position {
            let b = try box(block, width: block.width ?? flow.width, scope: scope)
            guard at.y + b.height <= template.page.height + 0.01 else { throw .offPage(block.location) }
            flow.add(b.items.map { $0.offsetBy(x: at.x, y: at.y) })
            return
        }
        if case .table(let table) = block.content {
            flow.advance(block.spaceBefore)
            try TableLayout(
                table: table, block: block, measurer: measurer, scope: scope, tableWidth: block.width ?? flow.width, styles: template.styles
            ).place(in: &flow)
            flow.advance(block.spaceAfter)
            return
        }
        let width = block.width ?? flow.width
        let b = try box(block, width: width, scope: scope)
        let height = block.spaceBefore + b.height
        if height > flow.room, !flow.atTop { flow.newPage() }
        guard b.height <= flow.pageRoom + 0.01 else { throw .tooTall(block.location, height: b.height, room: flow.pageRoom) }
        if !flow.atTop { flow.advance(block.spaceBefore) }
        let x = flow.left + offset(block.align, inner: width, outer: flow.width)
        flow.add(b.items.map { $0.offsetBy(x: x, y: flow.y) })
        flow.advance(b.height)
        flow.advance(block.spaceAfter)
    }

    /// Blocks stacked top to bottom inside `width` (headers, footers, row columns).
    func stack(_ blocks: [Block], width: Double, scope: FieldScope) throws(LayoutError) -> Box {
        var y = 0.0
        var items: [PositionedItem] = []
        for block in blocks where scope.shows(block) {
            if let at = block.position {
                items += try box(block, width: block.width ?? width, scope: scope).items.map { $0.offsetBy(x: at.x, y: at.y) }
                continue
            }
            let inner = block.width ?? width
            y += block.spaceBefore
            let b = try box(block, width: inner, scope: scope)
            let x = offset(block.align, inner: inner, outer: width)
            items += b.items.map { $0.offsetBy(x: x, y: y) }
            y += b.height + block.spaceAfter
        }
        return Box(height: y, items: items)
    }

    /// A block that is never split, as items relative to its top-left corner.
    func box(_ block: Block, width: Double, scope: FieldScope) throws(LayoutError) -> Box {
        switch block.content {
        case .text(let string, let style), .pageNumber(let string, let style):
            return try paragraph(try scope.fill(string), style: template.styles[style]!, width: width, align: block.align)
        case .grid(let grid):
            return try GridLayout(grid: grid, styles: template.styles, measurer: measurer).box(width: width, scope: scope)
        case .table(let table):
            var flow = Flow(top: 0, bottom: .infinity, left: 0, width: width)
            try TableLayout(table: table, block: block, measurer: measurer, scope: scope, tableWidth: width, styles: template.styles).place(
                in: &flow)
            return Box(height: flow.y, items: flow.pages[0])
        case .qr(let string, let size):
            return Box(height: size, items: [.qr(try scope.fill(string), frame: Rect(x: 0, y: 0, width: size, height: size))])
        case .image(let file, let w, let h):
            return Box(height: h, items: [.image(file, frame: Rect(x: 0, y: 0, width: w, height: h))])
        case .rule(let thickness, let color):
            return Box(
                height: thickness,
                items: [.line(x1: 0, y1: thickness / 2, x2: width, y2: thickness / 2, thickness: thickness, color: color)])
        case .spacer(let height):
            return Box(height: height, items: [])
        case .seal(let seal):
            let text = try scope.fill(seal.text)
            let label = try seal.label.map { t throws(LayoutError) in try scope.fill(t) }
            var style = template.styles[seal.style]!
            // Every character must print: measured once as one line, as any text is.
            _ = try paragraph(text + (label ?? ""), style: style, width: 10_000, align: .left)
            style.size = seal.size * 0.11
            return Box(
                height: 0,
                items: [.seal(text: text, label: label, style: style, color: seal.color, frame: Rect(x: 0, y: -seal.lift, width: seal.size, height: seal.size))])
        case .row(let columns):
            var x = 0.0
            var height = 0.0
            var items: [PositionedItem] = []
            for column in columns {
                let w = width * column.width
                let b = try stack(column.blocks, width: w, scope: scope)
                items += b.items.map { $0.offsetBy(x: x, y: 0) }
                height = max(height, b.height)
                x += w
            }
            return Box(height: height, items: items)
        }
    }

    func paragraph(_ text: String, style: TextStyle, width: Double, align: Alignment) throws(LayoutError) -> Box {
        let measure = measurer.measure(text, style: style, width: width, align: align)
        if !measure.missingCharacters.isEmpty {
            throw .missingGlyphs(String(measure.missingCharacters), in: text)
        }
        return Box(
            height: measure.height,
            items: [.text(text, style: style, frame: Rect(x: 0, y: 0, width: width, height: measure.height), align: align)])
    }

    func offset(_ align: Alignment, inner: Double, outer: Double) -> Double {
        switch align {
        case .left: 0
        case .center: (outer - inner) / 2
        case .right: outer - inner
        }
    }
}

/// Items relative to a top-left corner, and the height they take.
struct Box {
    var height: Double
    var items: [PositionedItem]
}
