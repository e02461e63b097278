import CreditBankCore
import CreditBankServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The holder's look-up log (docs/seal.md): every look-up of a learner's document by someone else
/// — page, JSON, upload, share link — with time, channel and the client's network only, kept 180
/// days and shown on `/me/verifications`; the holder's own views are not counted.
@Suite("Verification log")
struct VerificationLogTests {
    @Test("only the network of an address is kept: IPv4 /24, IPv6 /48, nothing for what is not an address")
    func networks() {
        #expect(VerificationLookup.network(of: "203.0.113.45") == "203.0.113.x")
        #expect(VerificationLookup.network(of: "203.0.113.45:5000") == "203.0.113.x")
        #expect(VerificationLookup.network(of: "::ffff:10.1.2.3") == "10.1.2.x")
        #expect(VerificationLookup.network(of: "2001:db8:1:2::5") == "2001:db8:1::/48")
        #expect(VerificationLookup.network(of: "[2001:db8::1]") == "2001:db8:0::/48")
        #expect(VerificationLookup.network(of: "local") == "unknown")
        #expect(VerificationLookup.network(of: "300.1.2.3") == "unknown")
    }

    @Test("another client's look-ups (page, JSON, upload) are listed for the holder with its network; the holder's own are not; another learner sees none")
    func holderSeesOthersOnly() async throws {
        let bank = try await ServerFixture(settings: ServerSettings(publicLookupsPerMinute: 0, trustedProxies: ["local"]))
        let document = try await bank.service.issueTranscript(validityMonths: nil, for: bank.learner.id)
        let (_, pdf) = try await bank.service.pdf(of: document.id, holder: nil)
        try await bank.test { client in
            let code = document.code.canonical
            let away: HTTPFields = [.init("X-Forwarded-For")!: "203.0.113.77"]
            #expect(try await client.request(.get, "/v/\(code)", headers: away).status == .ok)
            #expect(try await client.request(.get, "/api/v1/verify/\(code)", headers: away).status == .ok)
            #expect(try await client.request(.post, "/api/v1/verify", bytes: pdf, headers: [.init("X-Forwarded-For")!: "2001:db8:5:6::9"]).status == .ok)

            // The holder looks at their own document, signed in by cookie and by token: not counted.
            let cookie = try await PageTests.signIn(client, "13800138000").cookie
            #expect(try await client.request(.get, "/v/\(code)", headers: [.cookie: cookie]).status == .ok)
            let token = try await client.login("13800138000", ServerFixture.learnerPassword)
            #expect(try await client.request(.get, "/api/v1/verify/\(code)", token: token).status == .ok)

            // Another learner's look-up is someone else's: counted.
            let other = try await client.login("13900139000", ServerFixture.learnerPassword)
            #expect(try await client.request(.get, "/api/v1/verify/\(code)", token: other, headers: [.init("X-Forwarded-For")!: "198.51.100.4"]).status == .ok)

            // Listed before the tally is written, and after it, the same.
            for flushed in [false, true] {
                if flushed { try await bank.service.flushVerificationTally() }
                let lookups = try await bank.service.lookups(of: bank.learner.id)
                #expect(lookups.map(\.lookup.channel) == [.json, .upload, .json, .page], "flushed \(flushed)")
                #expect(lookups.map(\.lookup.network) == ["198.51.100.x", "2001:db8:5::/48", "203.0.113.x", "203.0.113.x"])
                #expect(lookups.allSatisfy { $0.code == document.code && $0.kind == .transcript })
            }
            let page = try await client.request(.get, "/me/verifications", headers: [.cookie: cookie])
            #expect(page.status == .ok)
            #expect(page.text.contains("203.0.113.x") && page.text.contains("2001:db8:5::/48") && !page.text.contains("203.0.113.77"))
            #expect(page.text.components(separatedBy: "<li class=\"lookup\">").count - 1 == 4)

            // The other learner has no documents looked up.
            #expect(try await bank.service.lookups(of: bank.otherLearner.id).isEmpty)
            let otherCookie = try await PageTests.signIn(client, "13900139000").cookie
            let otherPage = try await client.request(.get, "/me/verifications", headers: [.cookie: otherCookie])
            #expect(otherPage.text.contains("id=\"no-lookups\"") && !otherPage.text.contains("203.0.113.x"))
        }
    }

    @Test("look-ups older than 180 days are dropped when the log is written")
    func retention() async throws {
        let bank = try await ServerFixture()
        let document = try await bank.service.issueTranscript(validityMonths: nil, for: bank.learner.id)
        _ = try await bank.service.verify(code: document.code.canonical, context: LookupContext(channel: .page, clientAddress: "192.0.2.1"))
        try await bank.service.flushVerificationTally()
        #expect(try await bank.service.lookups(of: bank.learner.id).count == 1)
        bank.clock.advance(by: 181 * 86_400)
        _ = try await bank.service.verify(code: document.code.canonical, context: LookupContext(channel: .json, clientAddress: "192.0.2.2"))
        try await bank.service.flushVerificationTally()
        let kept = try await bank.service.lookups(of: bank.learner.id)
        #expect(kept.map(\.lookup.channel) == [.json])
        let stored = try await bank.service.storage.read { db in
            try db.lookups(ofHolder: bank.learner.id, since: Date(timeIntervalSince1970: 0), limit: 10)
        }
        #expect(stored.count == 1)
    }
}
