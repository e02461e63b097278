/// What went wrong in a business operation, with a message a person can act on.
///
/// The four cases are what the caller can do about it: fix a field, look elsewhere, resolve a
/// conflict with the current state, or accept a refusal. The HTTP layer maps them to 422, 404,
/// 409 and 403; the command line to exit codes.
public enum CreditBankError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A field's value is unacceptable; `field` names it as the API spells it.
    case invalid(field: String, reason: String)
    /// The thing does not exist, or is not the caller's to see (both look the same from outside).
    case notFound(String)
    /// The request contradicts the current state (a duplicate, a transition that is not allowed now).
    case conflict(String)
    /// The caller's role may not do this.
    case forbidden(String)

    public var description: String {
        switch self {
        case .invalid(let field, let reason): "\(field): \(reason)"
        case .notFound(let what): "\(what) not found"
        case .conflict(let message): message
        case .forbidden(let message): message
        }
    }
}
