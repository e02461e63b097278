import CreditBankCore
import CreditBankServer
import Foundation
import HTTPTypes
import Hummingbird
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

    /// One documented operation: method, path template, whether it needs a token, whether it takes
    /// a JSON body, and the statuses it documents.
    struct Operation: CustomStringConvertible {
        var method: String, path: String, secured: Bool, jsonBody: Bool, statuses: Set<String>
        var description: String { "\(method.uppercased()) \(path)" }
    }

    static func document() throws -> [String: Any] {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/openapi.yaml"), encoding: .utf8)
        return try #require(try Yams.load(yaml: text) as? [String: Any])
    }

    static func operations() throws -> [Operation] {
        let paths = try #require(try document()["paths"] as? [String: Any])
        var result: [Operation] = []
        for (path, item) in paths {
            for (method, value) in try #require(item as? [String: Any]) where ["get", "put", "post", "delete", "patch"].contains(method) {
                let operation = try #require(value as? [String: Any])
                let security = operation["security"] as? [Any] ?? []
                let content = ((operation["requestBody"] as? [String: Any])?["content"] as? [String: Any]) ?? [:]
                let responses = try #require(operation["responses"] as? [AnyHashable: Any])
                result.append(
                    Operation(
                        method: method, path: path, secured: !security.isEmpty, jsonBody: content["application/json"] != nil,
                        statuses: Set(responses.keys.map { "\($0)" })))
            }
        }
        return result.sorted { $0.description < $1.description }
    }

    @Test("the document states the answers every operation can give: 401/403 when signed in, 400/413/422 for a body, 404 for an id")
    func statusesStated() throws {
        let operations = try Self.operations()
        #expect(operations.count >= 50)
        for operation in operations where operation.path.hasPrefix("/api/v1/") {
            var expected: Set<String> = []
            if operation.secured { expected.formUnion(["401", "403"]) }
            if operation.jsonBody { expected.formUnion(["400", "413", "422"]) }
            if operation.path.contains("{") { expected.insert("404") }
            let missing = expected.subtracting(operation.statuses)
            #expect(missing.isEmpty, "\(operation) does not document \(missing.sorted())")
        }
    }

    @Test("every operation asked without a token and with an empty body answers a status it documents")
    func answersAsDocumented() async throws {
        let bank = try await ServerFixture()
        let operations = try Self.operations()
        try await bank.test { client in
            var probed = 0
            for operation in operations {
                let uri = operation.path.replacingOccurrences(of: "{id}", with: "1")
                    .replacingOccurrences(of: "{code}", with: "ABCD-EFGH-JKMN-PQRM")
                let response = try await client.request(
                    HTTPRequest.Method(operation.method.uppercased())!, uri, json: operation.jsonBody ? "" : nil)
                #expect(
                    operation.statuses.contains(String(response.status.code)),
                    "\(operation) answered \(response.status.code), documents \(operation.statuses.sorted())")
                #expect(response.status.code < 500, "\(operation): \(response.text)")
                probed += 1
            }
            #expect(probed == operations.count)
        }
    }

    @Test("a method a path does not serve is 405 with Allow listing the documented ones (and HEAD beside GET)")
    func methodNotAllowed() async throws {
        let bank = try await ServerFixture()
        let byPath = Dictionary(grouping: try Self.operations(), by: \.path)
        try await bank.test { client in
            for (path, operations) in byPath {
                let uri = path.replacingOccurrences(of: "{id}", with: "1").replacingOccurrences(of: "{code}", with: "ABCD-EFGH-JKMN-PQRM")
                var documented = Set(operations.map { $0.method.uppercased() })
                if documented.contains("GET") { documented.insert("HEAD") }
                let unserved = try #require(["PUT", "DELETE", "PATCH", "TRACE"].first { !documented.contains($0) }, "\(path)")
                let response = try await client.request(HTTPRequest.Method(unserved)!, uri)
                #expect(response.status == .methodNotAllowed, "\(unserved) \(path) answered \(response.status.code)")
                let allow = Set((response.headers[.allow] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
                #expect(allow == documented, "\(path): Allow \(allow.sorted()), documented \(documented.sorted())")
                #expect(response.errorCode == "method-not-allowed")
            }
            #expect(try await client.request(.put, "/no/such/path").status == .notFound)
            let head = try await client.request(.head, "/healthz")
            #expect(head.status == .ok && head.body.readableBytes == 0)
        }
    }

    @Test("the document's example code passes its check symbol")
    func exampleCode() throws {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/openapi.yaml"), encoding: .utf8)
        let examples = text.components(separatedBy: "example: ").dropFirst().map { String($0.prefix { !$0.isWhitespace && $0 != "}" }) }
            .filter { $0.count == 19 && $0.filter { $0 == "-" }.count == 3 }
        #expect(!examples.isEmpty, "the code parameter has an example")
        for example in examples {
            #expect(throws: Never.self, "\(example)") { _ = try VerificationCode(parsing: example) }
        }
    }
}
