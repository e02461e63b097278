import Yams

/// Reads typed values out of a YAML node, turning every mismatch into a `TemplateError` that
/// points at the node's line and column.
struct YAMLReader {
    let file: String

    func location(_ node: Node?) -> SourceLocation {
        SourceLocation(file: file, line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1)
    }

    func fail(_ fault: TemplateError.Fault, _ node: Node?) -> TemplateError {
        TemplateError(fault, at: location(node))
    }

    /// The mapping's pairs in file order, after checking that every key is among `allowed`.
    func mapping(_ node: Node, named key: String, allowed: [String]) throws(TemplateError) -> [String: Node] {
        guard let mapping = node.mapping else { throw fail(.wrongType(key: key, expected: "a mapping"), node) }
        var result: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard let name = keyNode.string else { throw fail(.wrongType(key: key, expected: "keyed by text"), keyNode) }
            guard allowed.contains(name) else { throw fail(.unknownKey(name, allowed: allowed), keyNode) }
            result[name] = value
        }
        return result
    }

    func required(_ fields: [String: Node], _ key: String, in parent: Node) throws(TemplateError) -> Node {
        guard let node = fields[key] else { throw fail(.missingKey(key), parent) }
        return node
    }

    func string(_ node: Node, key: String) throws(TemplateError) -> String {
        guard let scalar = node.scalar else { throw fail(.wrongType(key: key, expected: "text"), node) }
        return scalar.string
    }

    func number(_ node: Node, key: String, range: ClosedRange<Double> = 0...10_000) throws(TemplateError) -> Double {
        guard let value = node.scalar.flatMap({ Double($0.string) }) else {
            throw fail(.wrongType(key: key, expected: "a number"), node)
        }
        guard range.contains(value) else {
            throw fail(.badValue(key: key, "\(value) is outside \(range.lowerBound)…\(range.upperBound)"), node)
        }
        return value
    }

    func integer(_ node: Node, key: String, range: ClosedRange<Int>) throws(TemplateError) -> Int {
        guard let value = node.scalar.flatMap({ Int($0.string) }), range.contains(value) else {
            throw fail(.wrongType(key: key, expected: "a whole number in \(range.lowerBound)…\(range.upperBound)"), node)
        }
        return value
    }

    func sequence(_ node: Node, key: String) throws(TemplateError) -> [Node] {
        guard let sequence = node.sequence else { throw fail(.wrongType(key: key, expected: "a list"), node) }
        return Array(sequence)
    }

    func oneOf<T: RawRepresentable>(_ node: Node, key: String, _: T.Type, values: [String]) throws(TemplateError) -> T
    where T.RawValue == String {
        let text = try string(node, key: key)
        guard let value = T(rawValue: text) else {
            throw fail(.badValue(key: key, "'\(text)' is not one of \(values.joined(separator: ", "))"), node)
        }
        return value
    }

    /// A colour written `#RRGGBB`.
    func color(_ node: Node, key: String) throws(TemplateError) -> RGB {
        let text = try string(node, key: key)
        guard text.count == 7, text.first == "#", let value = UInt32(text.dropFirst(), radix: 16) else {
            throw fail(.badValue(key: key, "'\(text)' is not a colour like #1A2B3C"), node)
        }
        return RGB(
            red: Double(value >> 16 & 0xFF) / 255, green: Double(value >> 8 & 0xFF) / 255,
            blue: Double(value & 0xFF) / 255)
    }
}
