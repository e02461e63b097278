/// A fault in a template file, with where it is and what is wrong.
public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of fault.
    public enum Fault: Sendable, Equatable {
        case unreadable(String)
        case syntax(String)
        case unknownBlock(String)
        case unknownKey(String, allowed: [String])
        case missingKey(String)
        case wrongType(key: String, expected: String)
        case badValue(key: String, String)
        case unknownPlaceholder(String, known: [String])
        case placeholderSyntax(PlaceholderSyntaxError)
        case unknownStyle(String)
        case missingFont(String, available: [String])
        case missingImage(String)
        case offPage(String)
        case badSample(String)
    }

    /// `file:line:column` of the fault.
    public var location: SourceLocation
    public var fault: Fault

    /// Creates an error at `location`.
    public init(_ fault: Fault, at location: SourceLocation) {
        self.fault = fault
        self.location = location
    }

    /// `file:line:column: message`, as compilers print.
    public var description: String { "\(location): \(message)" }

    /// The message without the location.
    public var message: String {
        switch fault {
        case .unreadable(let why): "cannot read template: \(why)"
        case .syntax(let why): "YAML syntax error: \(why)"
        case .unknownBlock(let name):
            "unknown block '\(name)'; blocks are: \(TemplateLoader.blockKinds.joined(separator: ", "))"
        case .unknownKey(let key, let allowed):
            "unknown key '\(key)'; expected one of: \(allowed.joined(separator: ", "))"
        case .missingKey(let key): "missing key '\(key)'"
        case .wrongType(let key, let expected): "'\(key)' must be \(expected)"
        case .badValue(let key, let why): "bad value for '\(key)': \(why)"
        case .unknownPlaceholder(let path, let known):
            "unknown placeholder {{\(path)}}: the sample data has no text field '\(path)'"
                + (known.isEmpty ? "" : " (fields here: \(known.prefix(12).joined(separator: ", "))\(known.count > 12 ? ", …" : ""))")
        case .placeholderSyntax(let error): "bad placeholder: \(error)"
        case .unknownStyle(let name): "unknown style '\(name)'; define it under 'styles'"
        case .missingFont(let family, let available):
            "missing font '\(family)': not in Fonts/ (available: \(available.joined(separator: ", ")))"
        case .missingImage(let file): "missing image '\(file)': no such PNG file beside the template"
        case .offPage(let why): "box off the page: \(why)"
        case .badSample(let why): "sample data: \(why)"
        }
    }
}
