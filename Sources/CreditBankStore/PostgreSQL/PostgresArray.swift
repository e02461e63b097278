/// PostgreSQL array literals (`{"a","b",NULL}`), bound as one text parameter and cast in the
/// statement (`?::text[]`): how one statement carries a whole column of rows (`unnest`).
enum PostgresArray {
    /// Each element double-quoted with `"` and `\` escaped; nil is SQL NULL.
    static func literal(_ elements: [String?]) -> String {
        var literal = "{"
        literal.reserveCapacity(elements.count * 8 + 2)
        for (index, element) in elements.enumerated() {
            if index > 0 { literal += "," }
            guard let element else {
                literal += "NULL"
                continue
            }
            literal += "\""
            for character in element.unicodeScalars {
                if character == "\"" || character == "\\" { literal += "\\" }
                literal.unicodeScalars.append(character)
            }
            literal += "\""
        }
        return literal + "}"
    }
}
