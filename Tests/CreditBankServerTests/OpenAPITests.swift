import CreditBankServer
import Foundation
import Testing
import Yams

@Suite("OpenAPI document")
struct OpenAPITests {
    @Test("the document and the router list the same routes")
    func routesAgree() async throws {
        let bank = try await ServerFixture()
        let served = Set(bank.server.router().1)
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/openapi.yaml"), encoding: .utf8)
        let document = try #require(try Yams.load(yaml: text) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: Any])
        var documented = Set<String>()
        for (path, item) in paths {
            for method in ["get", "put", "post", "delete", "patch"] where (item as? [String: Any])?[method] != nil {
                documented.insert("\(method.uppercased()) \(path)")
            }
        }
        #expect(served.subtracting(documented).isEmpty, "served but not documented: \(served.subtracting(documented).sorted())")
        #expect(documented.subtracting(served).isEmpty, "documented but not served: \(documented.subtracting(served).sorted())")
        #expect(served.count >= 40)
    }
}
