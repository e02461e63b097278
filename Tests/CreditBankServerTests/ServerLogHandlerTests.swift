import Foundation
import Logging
import Synchronization
import Testing

@testable import CreditBankServer

@Suite("Server log lines")
struct ServerLogHandlerTests {
    @Test("a line as StreamLogHandler writes it: time, level, label, metadata sorted (set, explicit, error), source, message; nothing below the level")
    func format() {
        let lines = Mutex<[String]>([])
        var logger = Logger(label: "creditbank") { label in
            ServerLogHandler(label: label, level: .info, metadataProvider: nil) { line in lines.withLock { $0.append(line) } }
        }
        logger[metadataKey: "hb.request.id"] = "42"
        logger[metadataKey: "b"] = "2"
        logger.debug("not written")
        struct Broken: Error, CustomStringConvertible { var description: String { "disk full" } }
        logger.error("writing failed", error: Broken(), metadata: ["a": "1"])
        logger[metadataKey: "b"] = nil
        logger.info("creditbank serving")
        let written = lines.withLock { $0 }
        #expect(written.count == 2)
        let first = written.first ?? ""
        let time = String(first.prefix(while: { $0 != " " }))
        #expect(time.count == 24 && time.dropFirst(10).hasPrefix("T"), "\(time)")
        #expect(first.dropFirst(time.count) == " error creditbank: a=1 b=2 error.message=disk full error.type=\(String(reflecting: Broken.self)) hb.request.id=42 [CreditBankServerTests] writing failed\n")
        #expect(written.last?.hasSuffix(" info creditbank: hb.request.id=42 [CreditBankServerTests] creditbank serving\n") == true)
    }
}
