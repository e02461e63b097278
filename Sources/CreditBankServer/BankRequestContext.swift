import Hummingbird
import NIOCore

/// The per-request context: Hummingbird's core storage plus the client's address, the key of
/// per-client rate limits.
public struct BankRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer's IP address, or `local` when there is none (in-process tests). Behind a trusted
    /// proxy the real client comes from `X-Forwarded-For`: see `BankServer.client(_:_:)`.
    public let client: String
    /// The page session named by the cookie, when there is a live one (`PageSessionMiddleware`).
    public var visitor: PageVisitor?

    /// Reads the client address from the channel.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        client = source.channel.remoteAddress?.ipAddress ?? "local"
    }

    /// JSON bodies are small; uploads read their bodies with their own limit.
    public var maxUploadSize: Int { 64 * 1024 }
}
