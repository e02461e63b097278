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
        ipv4Network(of: address) ?? parsedNetwork(of: address)
    }

    /// `network(of:)` for the common case, "a.b.c.d" or "a.b.c.d:port" in decimal digits, read
    /// byte by byte (it runs on every verification); nil for anything else, which
    /// `parsedNetwork(of:)` answers. Where both answer they agree (NetworkOfAddressTests).
    static func ipv4Network(of address: String) -> String? {
        var dots = 0, value = 0, digits = 0, thirdDot = 0, offset = 0
        var port = false
        for byte in address.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if port { break }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
                guard value <= 255 else { return nil }
            case UInt8(ascii: ".") where !port && digits > 0 && dots < 3:
                dots += 1
                if dots == 3 { thirdDot = offset }
                (value, digits) = (0, 0)
            case UInt8(ascii: ":") where !port && dots == 3 && digits > 0:
                port = true
            default:
                return nil
            }
            offset += 1
        }
        guard dots == 3, digits > 0 else { return nil }
        return String(address.utf8.prefix(thirdDot))! + ".x"
    }

    /// `network(of:)` for any address.
    static func parsedNetwork(of address: String) -> String {
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
