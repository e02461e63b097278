import CreditBankCore
import CreditBankDocuments
import CreditBankSeal
import CreditBankServer
import DocumentRender
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The bank's seal (docs/seal.md): every issued PDF carries a PAdES signature that our own check,
/// like pdfsig and pyHanko in scripts/e2e.sh, finds intact, whole and the bank's; any change breaks it.
@Suite("Seal")
struct SealTests {
    /// A transcript issued through the real flow (real renderer, test seal).
    static func issuedCertificate() async throws -> (ServerFixture, IssuedDocument, [UInt8]) {
        let renderer = try TemplateDocumentRenderer(resources: repositoryRoot, threads: 1)
        let bank = try await ServerFixture(renderer: renderer)
        let document = try await bank.service.issueTranscript(validityMonths: nil, for: bank.learner.id)
        let (_, pdf) = try await bank.service.pdf(of: document.id, holder: nil)
        return (bank, document, pdf)
    }

    @Test("an issued certificate is sealed: intact, whole, the bank's seal; the same input gives the same bytes")
    func issuedIsSealed() async throws {
        let (bank, document, pdf) = try await Self.issuedCertificate()
        let check = bank.service.sealer.check(pdf)
        #expect(check.isBankSeal, "\(check)")
        #expect(check.signer?.contains("电子印章") == true)
        #expect(check.signerSHA256 == bank.service.sealer.published.entries.first?.sha256)
        let text = String(decoding: pdf, as: UTF8.self)
        #expect(text.contains("/SubFilter /ETSI.CAdES.detached") && text.contains("/M (D:"))
        // Deterministic: the original revision sealed again at the issue time gives the stored bytes.
        let original = try Self.originalRevision(pdf)
        #expect(try bank.service.sealer.seal(original, signedAt: document.issuedAt) == pdf)
        #expect(try bank.service.sealer.seal(original, signedAt: document.issuedAt.addingTimeInterval(1)) != pdf)
        // The text still reads as the certificate.
        #expect(try PDFTools.text(pdf).contains("终身学习档案"))
    }

    @Test("one byte changed in the signed range: not intact; bytes appended: not whole; no signature: unsigned")
    func tamperingBreaksIt() async throws {
        let (bank, _, pdf) = try await Self.issuedCertificate()
        #expect(String(decoding: pdf, as: UTF8.self).contains("/ByteRange"))
        for position in [100, pdf.count / 3, pdf.count - 10] {
            var changed = pdf
            changed[position] ^= 0x01
            let check = bank.service.sealer.check(changed)
            #expect(check.signed && !check.isBankSeal, "byte \(position)")
            #expect(!check.intact || !check.coversWholeFile, "byte \(position)")
        }
        var middle = pdf
        middle[pdf.count / 3] ^= 0x01
        #expect(bank.service.sealer.check(middle).problem?.contains("changed after signing") == true)
        let appended = bank.service.sealer.check(pdf + Array("\n% added\n".utf8))
        #expect(appended.intact && !appended.coversWholeFile && !appended.isBankSeal)
        #expect(bank.service.sealer.check(Array("%PDF-1.5\n%%EOF\n".utf8)) == .unsigned)
    }

    @Test("a PDF signed by another seal is intact but not chained to the bank's root")
    func foreignSeal() async throws {
        let (bank, document, pdf) = try await Self.issuedCertificate()
        let other = try Self.folder().create(issuer: "某机构", keyBits: 2048)
        let original = try Self.originalRevision(pdf)
        let forged = try other.seal(original, signedAt: document.issuedAt)
        let check = bank.service.sealer.check(forged)
        #expect(check.intact && check.coversWholeFile && !check.chainedToBankRoot && !check.isBankSeal)
        #expect(check.problem?.contains("does not chain") == true)
    }

    @Test("seal folder: key owner-only, init twice refused, a rolled seal keeps old documents verifiable, an imported CA chain too")
    func folderLifecycle() async throws {
        let folder = try Self.folder()
        let first = try folder.create(issuer: "学分银行管理中心", keyBits: 2048)
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.url.appendingPathComponent("seal.key.pem").path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(throws: SealError.self) { try folder.create(issuer: "学分银行管理中心", keyBits: 2048) }
        // Serials fit 20 octets with their sign (NSS, and so pdfsig, cannot find a signer whose serial needs a 21st).
        for _ in 0..<200 {
            let serial = SealFolder.serialNumber().bytes
            #expect(serial.count <= 20 && serial.first! < 0x80 && serial.first! > 0)
        }

        let (_, _, issued) = try await Self.issuedCertificate()
        let sample = try Self.originalRevision(issued)
        let signedByFirst = try first.seal(sample, signedAt: Date(timeIntervalSince1970: 1_790_000_000))

        let rolled = try folder.create(issuer: "学分银行管理中心", roll: true, keyBits: 2048)
        #expect(rolled.published.entries[0].sha256 != first.published.entries[0].sha256)
        #expect(rolled.published.entries.last?.sha256 == first.published.entries.last?.sha256)  // the same root
        #expect(try folder.load().check(signedByFirst).isBankSeal)

        // A real CA's chain (another folder plays the CA), imported as PEM: documents sealed before stay trusted.
        let ca = try Self.folder()
        try ca.create(issuer: "某电子认证服务机构", keyBits: 2048)
        let key = try String(contentsOf: ca.url.appendingPathComponent("seal.key.pem"), encoding: .utf8)
        let chain = try String(contentsOf: ca.url.appendingPathComponent("seal.chain.pem"), encoding: .utf8)
        let imported = try folder.importSeal(keyPEM: key, chainPEM: chain)
        #expect(imported.published.entries.contains { $0.role == "earlier root" })
        let reloaded = try folder.load()
        #expect(reloaded.check(signedByFirst).isBankSeal)
        #expect(reloaded.check(try reloaded.seal(sample, signedAt: Date())).isBankSeal)
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("root.key.pem").path))
        // A key that belongs to none of the certificates is refused.
        let stranger = try Self.folder()
        try stranger.create(issuer: "x", keyBits: 2048)
        let strangerKey = try String(contentsOf: stranger.url.appendingPathComponent("seal.key.pem"), encoding: .utf8)
        #expect(throws: SealError.self) { try folder.importSeal(keyPEM: strangerKey, chainPEM: chain) }
    }

    @Test("HTTP: the PEM is published, the verification answer names the certificates, the upload check reports the signature")
    func overHTTP() async throws {
        let (bank, document, pdf) = try await Self.issuedCertificate()
        try await bank.test { client in
            let pem = try await client.request(.get, "/.well-known/creditbank/seal.pem")
            #expect(pem.status == .ok && pem.text.components(separatedBy: "BEGIN CERTIFICATE").count - 1 == 2)
            let answer = try await client.request(.get, "/api/v1/verify/\(document.code.canonical)")
            let certificates = try #require(answer.json["sealCertificates"] as? [[String: Any]])
            #expect(certificates.map { $0["role"] as? String } == ["seal", "root"])
            #expect(certificates.first?["sha256"] as? String == bank.service.sealer.published.entries.first?.sha256)
            let page = try await client.request(.get, "/v/\(document.code.canonical)")
            #expect(page.text.contains("id=\"seal\"") && page.text.contains(bank.service.sealer.published.entries[0].sha256))

            let upload = try await client.request(.post, "/api/v1/verify", bytes: pdf)
            #expect(upload.json["match"] as? Bool == true)
            let signature = try #require(upload.json["signature"] as? [String: Any])
            #expect(signature["bankSeal"] as? Bool == true && signature["intact"] as? Bool == true)
            var changed = pdf
            changed[pdf.count / 2] ^= 0x01
            let broken = try await client.request(.post, "/api/v1/verify", bytes: changed)
            #expect(broken.json["match"] as? Bool == false)
            let brokenSignature = try #require(broken.json["signature"] as? [String: Any])
            #expect(brokenSignature["signed"] as? Bool == true && brokenSignature["intact"] as? Bool == false)
            #expect(brokenSignature["bankSeal"] as? Bool == false)

            for (bytes, expected) in [(pdf, ["id=\"match\"", "id=\"seal-valid\""]), (changed, ["id=\"no-match\"", "id=\"seal-invalid\""])] {
                let form = PortalPageTests.multipart(bytes, fileName: "cert.pdf")
                let result = try await client.request(.post, "/v", bytes: form.body, headers: [.contentType: form.type])
                #expect(result.status == .ok)
                for marker in expected { #expect(result.text.contains(marker), "\(marker)") }
            }
        }
    }

    @Test("a file sealed in place (a batch's print) is byte for byte the file sealed in memory; a file it cannot sign is left as it was")
    func fileSealedInPlace() async throws {
        let (bank, document, pdf) = try await Self.issuedCertificate()
        let sealer = bank.service.sealer
        let original = try Self.originalRevision(pdf)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("seal-file-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // A joined file as the batch printer writes it (three parts, its own catalog and page tree).
        let joinedPath = folder.appendingPathComponent("joined.pdf").path
        let output = try FileOutput(path: joinedPath)
        let joiner = try PDFConcatenator(
            output: output, spoolPath: folder.appendingPathComponent("xref.spool").path,
            info: .init(title: "批量打印件", author: "学分银行", subject: "test"))
        for _ in 0..<3 { try joiner.append(part: original) }
        try joiner.finish()
        try output.close(sync: true)
        let joined = try #require(FileManager.default.contents(atPath: joinedPath)).map { $0 }

        for (name, unsealed) in [("certificate", original), ("joined", joined)] {
            let path = folder.appendingPathComponent("\(name).sealed.pdf").path
            #expect(FileManager.default.createFile(atPath: path, contents: Data(unsealed)))
            try sealer.sealFile(at: path, signedAt: document.issuedAt)
            let sealed = try #require(FileManager.default.contents(atPath: path)).map { $0 }
            #expect(sealed == (try sealer.seal(unsealed, signedAt: document.issuedAt)), "\(name)")
            #expect(sealer.check(sealed).isBankSeal, "\(name)")
            #expect(try PDFTools.qpdfCheck(sealed), "\(name)")
        }

        // The digest's chunks, read back from the file, are exactly the signed bytes, whatever the chunk size.
        let path = folder.appendingPathComponent("chunks.pdf").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(joined)))
        let fields = PDFSignatureSlot.Fields(name: "n", reason: "r", location: "CN", time: document.issuedAt)
        let fileSlot = try PDFFileSignatureSlot(appendingTo: path, fields: fields, contentsLength: 64)
        var read: [UInt8] = []
        try fileSlot.readSignedBytes(chunkSize: 1000) { read.append(contentsOf: $0) }
        let memorySlot = try PDFSignatureSlot(joined, fields: fields, contentsLength: 64)
        #expect(read.count > 3 * 1000 && read == memorySlot.signedRanges.flatMap { memorySlot.bytes[$0] })
        #expect(fileSlot.contents == memorySlot.contents && fileSlot.length == memorySlot.bytes.count)

        // Already signed, or not a PDF this project writes: refused, and the file is unchanged.
        let signedPath = folder.appendingPathComponent("certificate.sealed.pdf").path
        let before = try #require(FileManager.default.contents(atPath: signedPath))
        #expect(throws: PDFJoinError.self) { try sealer.sealFile(at: signedPath, signedAt: document.issuedAt) }
        #expect(FileManager.default.contents(atPath: signedPath) == before)
        let junkPath = folder.appendingPathComponent("junk.pdf").path
        #expect(FileManager.default.createFile(atPath: junkPath, contents: Data("%PDF-1.5\nstartxref\n9\n%%EOF\n".utf8)))
        #expect(throws: PDFJoinError.self) { try sealer.sealFile(at: junkPath, signedAt: document.issuedAt) }
        #expect(FileManager.default.contents(atPath: junkPath) == Data("%PDF-1.5\nstartxref\n9\n%%EOF\n".utf8))
    }

    static func folder() throws -> SealFolder {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("seal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        return SealFolder(besideDatabase: base.appendingPathComponent("db.sqlite").path)
    }

    /// The revision cairo wrote: the bytes up to the first `%%EOF`, before the seal's update.
    static func originalRevision(_ pdf: [UInt8]) throws -> [UInt8] {
        let end = try #require(pdf.firstRange(of: Array("%%EOF\n".utf8)))
        return Array(pdf[..<end.upperBound])
    }
}
