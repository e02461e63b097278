import CreditBankCore
import CreditBankStore
import Foundation
import Testing

/// Two nodes on one database (docs/storage.md): decisions re-checked in a write hold when both nodes
/// make them at the same instant, and a status change reaches the other node's cache.
@Suite("Two nodes on one database")
struct TwoNodeTests {
    /// The fixture's bank on the first node, and a service of its own on the second.
    static func nodes(_ backend: Backend) async throws -> (Fixture, CreditBankService) {
        let (first, second) = try await backend.makeTwoNodes()
        let f = try await Fixture(backend: backend, storage: first)
        let other = CreditBankService(
            storage: second, renderer: FakeRenderer(), clock: f.clock, random: SeededRandomSource(seed: 4242),
            settings: .init(issuerName: "学分银行管理中心", baseURL: "https://bank.example.cn"))
        return (f, other)
    }

    static func attempt<T>(_ body: () async throws -> T) async -> Result<T, any Error> {
        do { return .success(try await body()) } catch { return .failure(error) }
    }

    @Test("the same final approval sent to both nodes at once, 50 times: exactly one certificate each time", arguments: Backend.all)
    func concurrentFinalApprovals(backend: Backend) async throws {
        let (f, other) = try await Self.nodes(backend)
        let rounds = 50
        for round in 0..<rounds {
            let day = LocalDate("2025-01-01")!.adding(days: round).description
            let source = try await f.service.addOutcome(CatalogChoice(catalogEntryID: f.ncre.id, obtainedOn: day, score: 80), for: f.learner.id)
            let application = try await f.service.submitConversion(outcomeIDs: [source.id], ruleID: f.rule.id, for: f.learner.id)
            _ = try await f.service.reviewConversion(application.id, decision: .approve, opinion: "", by: f.reviewer)
            async let onFirst = Self.attempt { try await f.service.reviewConversion(application.id, decision: .approve, opinion: "符合", by: f.expert) }
            async let onSecond = Self.attempt { try await other.reviewConversion(application.id, decision: .approve, opinion: "符合", by: f.expert) }
            let results = await [onFirst, onSecond]
            let succeeded = results.compactMap { try? $0.get() }
            #expect(succeeded.count == 1, "round \(round): \(results)")
            for case .failure(let error) in results {
                #expect((error as? CreditBankError)?.isConflict == true, "round \(round): \(error)")
            }
        }
        #expect(try await f.count("issued_document") == rounds)
        #expect(try await f.count("review_record WHERE stage = 'final'") == rounds)
        #expect(try await f.count("conversion_application WHERE status = 'succeeded'") == rounds)
    }

    @Test(
        "a revocation on one node reaches the other node's verification cache within a second",
        arguments: Backend.all.filter { $0 == .postgresql })
    func revocationSeenByTheOtherNode(backend: Backend) async throws {
        let (f, other) = try await Self.nodes(backend)
        let follower = Task { await other.followDocumentChanges() }
        defer { follower.cancel() }
        let source = try await f.storedNCRE()
        let application = try await f.service.submitConversion(outcomeIDs: [source.id], ruleID: f.rule.id, for: f.learner.id)
        _ = try await f.service.reviewConversion(application.id, decision: .approve, opinion: "", by: f.reviewer)
        let final = try await f.service.reviewConversion(application.id, decision: .approve, opinion: "", by: f.expert)
        let id = try #require(final.certificateID)
        let code = try await f.service.pdf(of: id, holder: nil).0.code
        // The second node answers (and caches) "valid",
        guard case .found(let before) = try await other.verify(code: code.canonical) else { throw CreditBankError.notFound("code") }
        #expect(before.status == .valid)
        try await Task.sleep(for: .milliseconds(300))  // the listener is connected
        // the first node revokes, and within a second the second node's answer says so.
        _ = try await f.service.revoke(id, reason: "材料造假", by: f.admin)
        let revokedAt = ContinuousClock.now
        var seen: Duration?
        while ContinuousClock.now - revokedAt < .seconds(3) {
            if case .found(let answer) = try await other.verify(code: code.canonical), answer.status.name == "revoked" {
                seen = ContinuousClock.now - revokedAt
                break
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        let delay = try #require(seen, "the second node still answered valid after 3 s (its cache keeps 5 s)")
        #expect(delay < .seconds(1), "seen after \(delay)")
    }

    @Test("a lease goes to one node at a time: refused to the other while held, renewed by its holder, free once expired or given back", arguments: Backend.all)
    func leases(backend: Backend) async throws {
        let (f, other) = try await Self.nodes(backend)
        #expect(try await f.service.claimLease("batch-1", holder: "node-a", for: 60))
        #expect(try await other.claimLease("batch-1", holder: "node-b", for: 60) == false)
        #expect(try await f.service.claimLease("batch-1", holder: "node-a", for: 60), "a renewal")
        #expect(try await other.claimLease("batch-2", holder: "node-b", for: 60), "another lease")
        f.clock.advance(by: 61)
        #expect(try await other.claimLease("batch-1", holder: "node-b", for: 60), "expired: the other node takes it over")
        #expect(try await f.service.claimLease("batch-1", holder: "node-a", for: 60) == false)
        try await f.service.releaseLease("batch-1", holder: "node-a")  // not its holder any more: nothing happens
        #expect(try await f.service.claimLease("batch-1", holder: "node-a", for: 60) == false)
        try await other.releaseLease("batch-1", holder: "node-b")
        #expect(try await f.service.claimLease("batch-1", holder: "node-a", for: 60))
        // Claimed by both at the same instant, 20 times: one holder each time.
        for round in 0..<20 {
            async let first = f.service.claimLease("race-\(round)", holder: "node-a", for: 60)
            async let second = other.claimLease("race-\(round)", holder: "node-b", for: 60)
            let granted = try await [first, second].filter { $0 }.count
            #expect(granted == 1, "round \(round)")
        }
    }

    @Test("failed logins on two nodes add up: the fifth locks the name on both until the window passes; a success clears it", arguments: Backend.all)
    func loginThrottleAcrossNodes(backend: Backend) async throws {
        let (f, other) = try await Self.nodes(backend)
        let limits = LoginLimits(perAccount: 5, perClient: 20, window: 900)
        for attempt in 0..<4 {
            let node = attempt % 2 == 0 ? f.service : other
            #expect(try await node.loginWait(login: "13800138000", client: "10.0.0.\(attempt)", limits: limits) == nil)
            try await node.recordLoginFailure(login: "13800138000", client: "10.0.0.\(attempt)", limits: limits)
        }
        #expect(try await other.loginWait(login: " 13800138000", client: "10.0.0.9", limits: limits) == nil, "four failures: one try left")
        try await other.recordLoginFailure(login: "13800138000", client: "10.0.0.9", limits: limits)
        #expect(try await f.service.loginWait(login: "13800138000", client: "10.0.0.10", limits: limits) == 900)
        #expect(try await other.loginWait(login: "13800138000", client: "10.0.0.11", limits: limits) == 900)
        #expect(try await other.loginWait(login: "13900139000", client: "10.0.0.11", limits: limits) == nil, "another name is not locked")
        f.clock.advance(by: 600)
        #expect(try await f.service.loginWait(login: "13800138000", client: "10.0.0.10", limits: limits) == 300)
        f.clock.advance(by: 301)
        #expect(try await other.loginWait(login: "13800138000", client: "10.0.0.10", limits: limits) == nil, "the window passed")
        // Per client: twenty failures from one address under different names lock the address.
        for name in 0..<20 {
            try await (name % 2 == 0 ? f.service : other).recordLoginFailure(login: "user\(name)", client: "192.0.2.1", limits: limits)
        }
        #expect(try await f.service.loginWait(login: "someone-else", client: "192.0.2.1", limits: limits) != nil)
        try await f.service.recordLoginSuccess(login: "user1")
        #expect(try await other.loginWait(login: "user1", client: "192.0.2.2", limits: limits) == nil)
    }

    @Test("public look-ups counted on two nodes add up: 40 at once give the counts 1 to 40, and the limit refuses the look-up after it on either node", arguments: Backend.all)
    func sharedLookupLimit(backend: Backend) async throws {
        let (f, other) = try await Self.nodes(backend)
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<40 {
                group.addTask { try await (index % 2 == 0 ? f.storage : other.storage).incrementWindowCount(key: "k", window: 7, dropBefore: nil) }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(counts.sorted() == Array(1...40))
        #expect(try await other.storage.incrementWindowCount(key: "k", window: 8, dropBefore: 8) == 1, "a new window starts at one")
        #expect(try await f.storage.incrementWindowCount(key: "k", window: 8, dropBefore: nil) == 2)
        #expect(try await f.storage.integer("SELECT count(*) FROM lookup_window WHERE minute = 7") == 0, "older windows dropped")
        // The service's limit: five per minute per client, whichever node answers.
        for attempt in 0..<5 {
            #expect(try await (attempt % 2 == 0 ? f.service : other).admitLookup(client: "198.51.100.7", perMinute: 5) == nil)
        }
        let wait = try await other.admitLookup(client: "198.51.100.7", perMinute: 5)
        #expect(wait != nil && wait! <= 60)
        #expect(try await f.service.admitLookup(client: "198.51.100.8", perMinute: 5) == nil, "another client is not limited")
        f.clock.advance(by: 60)
        #expect(try await f.service.admitLookup(client: "198.51.100.7", perMinute: 5) == nil, "the next minute")
    }
}
