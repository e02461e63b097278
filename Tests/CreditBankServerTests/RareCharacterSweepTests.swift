import CreditBankCore
import CreditBankDocuments
import Foundation
import Testing

/// Every name the service accepts prints: a seeded sample of code points from every Han block and
/// the separators of minority names, each either refused at registration naming its code point, or
/// registered and printed on a transcript that `pdftotext` reads back (real fonts, real renderer).
@Suite("Rare characters in names")
struct RareCharacterSweepTests {
    /// The blocks swept (Unicode 15.1 assigned ranges), as in scripts/font-coverage.py.
    static let blocks: [(name: String, ranges: [ClosedRange<UInt32>])] = [
        ("CJK Unified Ideographs", [0x4E00...0x9FFF]), ("Extension A", [0x3400...0x4DBF]),
        ("Extension B", [0x20000...0x2A6DF]), ("Extension C", [0x2A700...0x2B739]), ("Extension D", [0x2B740...0x2B81D]),
        ("Extension E", [0x2B820...0x2CEA1]), ("Extension F", [0x2CEB0...0x2EBE0]), ("Extension G", [0x30000...0x3134A]),
        ("Extension H", [0x31350...0x323AF]), ("Extension I", [0x2EBF0...0x2EE5D]),
        ("Compatibility Ideographs", [0xF900...0xFA6D, 0xFA70...0xFAD9]), ("Compatibility Supplement", [0x2F800...0x2FA1D]),
    ]
    /// Separators people type between the parts of a minority name.
    static let separators: [UInt32] = [0x00B7, 0x0387, 0x2022, 0x2027, 0x2219, 0x22C5, 0x30FB, 0xFF0E, 0xFF65, 0x2E31, 0x16EB]

    /// 190 code points of each block (all of a smaller one), drawn with a fixed seed.
    static func sample() -> [(block: String, scalar: Unicode.Scalar)] {
        var random = SplitMix(seed: 20261202)
        var result: [(String, Unicode.Scalar)] = []
        for (name, ranges) in blocks {
            let all = ranges.flatMap { $0 }
            var picked = Set<UInt32>()
            while picked.count < min(190, all.count) { picked.insert(all[Int(random.next() % UInt64(all.count))]) }
            result += picked.sorted().map { (name, Unicode.Scalar($0)!) }
        }
        return result
    }

    @Test("2,000+ code points across every Han block: refused naming the code point, or printed and read back")
    func sweep() async throws {
        let renderer = try TemplateDocumentRenderer(resources: repositoryRoot, threads: 2)
        let bank = try await ServerFixture(renderer: renderer)
        let sample = Self.sample()
        #expect(sample.count >= 2_000)

        // Each character alone in a name: registration (validation only, nothing stored) refuses it
        // naming its code point, or accepts it.
        var printable: [(String, Unicode.Scalar)] = []
        var refusedPerBlock: [String: Int] = [:]
        for (block, scalar) in sample {
            let registration = Registration(name: "李" + String(Character(scalar)), idNumber: Self.id(0), phone: "13700000000")
            switch Result(catching: { () throws(CreditBankError) in try bank.service.validate(registration) }) {
            case .success: printable.append((block, scalar))
            case .failure(let error):
                #expect(error.field == "name" && error.reason.contains(GlyphCoverage.codePoint(scalar)), "\(GlyphCoverage.codePoint(scalar)): \(error)")
                refusedPerBlock[block, default: 0] += 1
            }
        }
        // What the fonts measure (Fonts/README.md): everything prints but parts of Extensions G and H, and Extension I.
        #expect(Set(refusedPerBlock.keys) == ["Extension G", "Extension H", "Extension I"], "\(refusedPerBlock)")
        #expect(refusedPerBlock["Extension I"] == 190)
        #expect(printable.count > 1_500)

        // The accepted ones, eight to a name, are registered and printed on a transcript.
        var names: [String] = []
        for start in stride(from: 0, to: printable.count, by: 8) {
            names.append("李" + String(String.UnicodeScalarView(printable[start..<min(start + 8, printable.count)].map(\.1))))
        }
        for (index, name) in names.enumerated() {
            let learner = try await bank.service.register(
                Registration(name: name, idNumber: Self.id(index + 1), phone: "137\(String(format: "%08d", index + 1))"), passwordHash: "x")
            let document = try await bank.service.issueTranscript(validityMonths: nil, for: learner.id)
            let (_, pdf) = try await bank.service.pdf(of: document.id, holder: learner.id)
            let text = try PDFTools.text(pdf)
            #expect(text.contains(learner.name.value), "\(name.unicodeScalars.map(GlyphCoverage.codePoint)) not read back")
        }

        // The separators: one name each; every look-alike is stored and printed as U+00B7.
        for (index, separator) in Self.separators.enumerated() {
            let typed = "阿卜杜热合曼" + String(Character(Unicode.Scalar(separator)!)) + "买买提"
            let learner = try await bank.service.register(
                Registration(name: typed, idNumber: Self.id(900 + index), phone: "136\(String(format: "%08d", index))"), passwordHash: "x")
            #expect(learner.name.value == "阿卜杜热合曼·买买提", "\(GlyphCoverage.codePoint(Unicode.Scalar(separator)!))")
            let document = try await bank.service.issueTranscript(validityMonths: nil, for: learner.id)
            #expect(try PDFTools.text(try await bank.service.pdf(of: document.id, holder: learner.id).1).contains("阿卜杜热合曼·买买提"))
        }
    }

    @Test("the issue's example U+30123 is refused at registration over HTTP with a 422 naming the field and code point")
    func refusedOverHTTP() async throws {
        let renderer = try TemplateDocumentRenderer(resources: repositoryRoot, threads: 1)
        let bank = try await ServerFixture(renderer: renderer)
        try await bank.test { client in
            let response = try await client.request(
                .post, "/api/v1/auth/register",
                json: #"{"name": "\#("王\u{30123}")", "idNumber": "\#(Self.id(1))", "phone": "13711112222", "password": "Learner2026"}"#)
            #expect(response.status == .unprocessableContent)
            let error = try #require(response.json["error"] as? [String: Any])
            #expect(error["field"] as? String == "name")
            #expect((error["message"] as? String)?.contains("U+30123") == true, "\(response.text)")
        }
        #expect(try await bank.service.storage.read { db in try db.learner(idNumber: Self.id(1)) } == nil)
    }

    /// A valid ID number, distinct for each index below 1,000.
    static func id(_ index: Int) -> String {
        IDCardNumber.completing("11010519800101" + String(format: "%03d", index))
    }
}

/// A small seeded generator (SplitMix64), so the sweep samples the same code points every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
