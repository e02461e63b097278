import Foundation

/// How a document was looked up (docs/seal.md, "The holder sees who checked").
public enum LookupChannel: String, Sendable, CaseIterable, Codable {
    /// The verification page `/v/{code}` (a scanned QR code, a typed code).
    case page
    /// The JSON answer (`/api/v1/verify/{code}`, `/v/{code}` asking for JSON).
    case json
    /// An uploaded PDF (`POST /api/v1/verify`, the `/v` form, matched by hash).
    case upload
    /// A share link the holder made (`/s/{token}`).
    case share

    /// The channel as the holder reads it.
    public var chineseName: String {
        switch self {
        case .page: "验证页面"
        case .json: "验证接口"
        case .upload: "上传文件核验"
        case .share: "分享链接"
        }
    }
}

/// Who is looking, as far as the look-up log may know: the channel, the client's address (kept
/// only coarsely) and the signed-in learner when there is one (the holder's own views are not recorded).
public struct LookupContext: Sendable {
    public var channel: LookupChannel
    public var clientAddress: String
    public var viewer: LearnerID?

    /// Creates the context of one look-up.
    public init(channel: LookupChannel, clientAddress: String, viewer: LearnerID? = nil) {
        self.channel = channel
        self.clientAddress = clientAddress
        self.viewer = viewer
    }
}

/// One look-up of a learner's document, kept 180 days and shown to the holder on `/me/verifications`.
public struct VerificationLookup: Sendable, Hashable {
    public var documentID: DocumentID
    public var holderID: LearnerID
    public var at: Date
    public var channel: LookupChannel
    /// The client's network, never its full address: `203.0.113.x` (IPv4 /24) or `2001:db8:1::/48`.
    public var network: String

    /// How long look-ups are kept.
    public static let retention: TimeInterval = 180 * 86_400

    /// Creates a record.
    public init(documentID: DocumentID, holderID: LearnerID, at: Date, channel: LookupChannel, network: String) {
        self.documentID = documentID
        self.holderID = holderID
        self.at = at
        self.channel = channel
        self.network = network
    }

    /// The network of `address`: the first three parts of an IPv4 address, the first three groups
    /// of an IPv6 one; anything else (a test client, a Unix socket) becomes "unknown".
    public static func network(of address: String) -> String {
        var host = address
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") { host = String(host[host.index(after: host.startIndex)..<close]) }
        if host.hasPrefix("::ffff:"), host.contains(".") { host = String(host.dropFirst(7)) }
        let v4 = host.split(separator: ".", omittingEmptySubsequences: false)
        if v4.count == 4, v4.allSatisfy({ UInt8($0) != nil }) { return "\(v4[0]).\(v4[1]).\(v4[2]).x" }
        if v4.count == 4, let last = v4.last, last.contains(":"), v4.dropLast().allSatisfy({ UInt8($0) != nil }) {
            return "\(v4[0]).\(v4[1]).\(v4[2]).x"  // address:port
        }
        guard host.contains(":") else { return "unknown" }
        // Expand "::" just enough to take the first three groups.
        let halves = host.components(separatedBy: "::")
        let head = halves[0].split(separator: ":").map(String.init)
        guard halves.count <= 2, head.allSatisfy({ $0.count <= 4 && UInt16($0, radix: 16) != nil }) else { return "unknown" }
        var groups = head
        while groups.count < 3 { groups.append("0") }
        return groups.prefix(3).map { String(UInt16($0, radix: 16)!, radix: 16) }.joined(separator: ":") + "::/48"
    }
}

/// A look-up as the holder sees it: which document, when, how, from which network.
public struct HolderLookup: Sendable, Hashable {
    public var lookup: VerificationLookup
    public var kind: DocumentKind
    public var code: VerificationCode

    /// Creates a row of the holder's log.
    public init(lookup: VerificationLookup, kind: DocumentKind, code: VerificationCode) {
        self.lookup = lookup
        self.kind = kind
        self.code = code
    }
}
