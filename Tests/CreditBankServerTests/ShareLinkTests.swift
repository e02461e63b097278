import CreditBankCore
@testable import CreditBankServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Share links: a holder's document shown to anyone with the link, within its days and views,
/// until withdrawn; another learner cannot touch it.
@Suite("Share links")
struct ShareLinkTests {
    @Test("expiry, view count, withdrawal, another learner's link id → 404")
    func shareLinks() async throws {
        let bank = try await ServerFixture()
        try await bank.test { client in
            let token = try await client.login(ServerFixture.learnerIDs[0], ServerFixture.learnerPassword)
            let (_, application) = try await bank.submittedApplication(client, token: token)
            let certificate = try await bank.approve(application, client)
            var (cookie, csrf) = try await PageTests.signIn(client, ServerFixture.learnerIDs[0])
            let form = try await PortalPageTests.get(client, "/me/shares", cookie)
            #expect(form.text.contains(#"<option value="\#(certificate)""#))
            let badDays = try await PortalPageTests.post(client, "/me/shares", "csrf=\(csrf)&documentId=\(certificate)&days=91", cookie)
            #expect(badDays.status == .unprocessableContent && badDays.text.contains(#"id="days-problem""#))
            let made = try await PortalPageTests.post(client, "/me/shares", "csrf=\(csrf)&documentId=\(certificate)&days=7&maxViews=2", cookie)
            let link = try #require(made.text.firstMatch(of: /id="new-link-url">https:\/\/bank\.example\.cn(\/s\/[A-Za-z0-9_-]{22})</)?.output.1)
            #expect(!(try await PortalPageTests.get(client, "/me/shares", cookie)).text.contains(String(link)), "the token is shown once")

            // Two views, then used up; the PDF and a HEAD request do not count a view.
            #expect(try await client.request(.head, String(link)).status == .ok)
            let first = try await client.request(.get, String(link))
            #expect(first.status == .ok && first.text.contains("阿卜杜热合曼·买买提") && first.text.contains("还可查看 1 次"))
            let pdf = try await client.request(.get, String(link) + "/pdf")
            #expect(pdf.status == .ok && pdf.headers[.contentType] == "application/pdf")
            #expect(try await client.request(.get, String(link)).status == .ok)
            #expect(try await client.request(.get, String(link)).status == .gone)
            #expect(try await client.request(.get, String(link) + "/pdf").status == .gone)
            #expect(try await client.request(.get, "/s/AAAAAAAAAAAAAAAAAAAAAA").status == .notFound)
            #expect(try await client.request(.get, "/s/short").status == .notFound)

            // Expiry and withdrawal.
            let second = try await PortalPageTests.post(client, "/me/shares", "csrf=\(csrf)&documentId=\(certificate)&days=1", cookie)
            let expiring = try #require(second.text.firstMatch(of: /(\/s\/[A-Za-z0-9_-]{22})</)?.output.1)
            #expect(try await client.request(.get, String(expiring)).status == .ok)
            bank.clock.advance(by: 86_401)
            #expect(try await client.request(.get, String(expiring)).status == .gone)
            (cookie, csrf) = try await PageTests.signIn(client, ServerFixture.learnerIDs[0])  // the day ended the session too
            let third = try await PortalPageTests.post(client, "/me/shares", "csrf=\(csrf)&documentId=\(certificate)&days=30", cookie)
            let withdrawn = try #require(third.text.firstMatch(of: /(\/s\/[A-Za-z0-9_-]{22})</)?.output.1)
            let links = try await bank.service.shareLinks(of: bank.learner.id)
            let newest = try #require(links.first?.0)
            let (other, otherCSRF) = try await PageTests.signIn(client, ServerFixture.learnerIDs[1])
            #expect(try await PortalPageTests.post(client, "/me/shares/\(newest.id)/withdraw", "csrf=\(otherCSRF)", other).status == .notFound)
            #expect(try await client.request(.get, String(withdrawn)).status == .ok, "another learner changed nothing")
            #expect(try await PortalPageTests.post(client, "/me/shares", "csrf=\(otherCSRF)&documentId=\(certificate)&days=7", other).status == .notFound)
            #expect(try await PortalPageTests.post(client, "/me/shares/\(newest.id)/withdraw", "csrf=\(csrf)", cookie).status == .seeOther)
            #expect(try await client.request(.get, String(withdrawn)).status == .gone)
            let list = try await PortalPageTests.get(client, "/me/shares", cookie)
            #expect(list.text.contains("已撤回") && list.text.contains("已过期") && list.text.contains("次数已用完"))
        }
    }
}
