/// Lays out label–value pairs, `columns` pairs to a line; long values wrap inside their cell.
struct GridLayout<Measurer: TextMeasuring> {
    let grid: GridBlock
    let styles: [String: TextStyle]
    let measurer: Measurer

    func box(width: Double, scope: FieldScope) throws(LayoutError) -> Box {
        let cellWidth = width / Double(grid.columns)
        let labelWidth = min(grid.labelWidth, cellWidth * 0.6)
        let labelStyle = styles[grid.labelStyle]!
        let valueStyle = styles[grid.valueStyle]!
        var items: [PositionedItem] = []
        var y = 0.0
        var index = 0
        while index < grid.items.count {
            var lineHeight = 0.0
            for column in 0..<grid.columns where index + column < grid.items.count {
                let (label, value) = grid.items[index + column]
                let x = Double(column) * cellWidth
                let labelText = try scope.fill(label)
                let valueText = try scope.fill(value)
                let l = measure(labelText, labelStyle, labelWidth)
                let v = measure(valueText, valueStyle, cellWidth - labelWidth)
                if !l.missingCharacters.isEmpty { throw .missingGlyphs(String(l.missingCharacters), in: labelText) }
                if !v.missingCharacters.isEmpty { throw .missingGlyphs(String(v.missingCharacters), in: valueText) }
                items.append(
                    .text(labelText, style: labelStyle, frame: Rect(x: x, y: y, width: labelWidth, height: l.height), align: .left))
                items.append(
                    .text(
                        valueText, style: valueStyle,
                        frame: Rect(x: x + labelWidth, y: y, width: cellWidth - labelWidth, height: v.height), align: .left))
                lineHeight = max(lineHeight, l.height, v.height)
            }
            index += grid.columns
            y += lineHeight + (index < grid.items.count ? grid.rowGap : 0)
        }
        return Box(height: y, items: items)
    }

    private func measure(_ text: String, _ style: TextStyle, _ width: Double) -> TextMeasure {
        measurer.measure(text, style: style, width: width, align: .left)
    }
}
