import Testing

@testable import CreditBankCore

@Suite("CSV as spreadsheets export it")
struct ImportCSVTests {
    @Test("BOM, CRLF, quoted fields with commas, quotes and newlines, Chinese headers")
    func parsing() throws {
        let text =
            "\u{FEFF}机构代码,成果大类,成果小类,成果名称,成果编码,学分\r\nOUC,academic,course,\"计算机应用基础,上\",OU-1,4\r\nOUC,academic,course,\"名称含\"\"引号\"\"\n换行\",OU-2,2.5\r\n"
        let rows = try ImportCSV.catalog(CSVTable(text))
        #expect(rows.map(\.line) == [2, 3])
        #expect(rows[0].value.name == "计算机应用基础,上" && rows[0].value.institutionCode == "OUC")
        #expect(rows[1].value.name == "名称含\"引号\"\n换行" && rows[1].value.credits == Credits("2.5"))
    }

    @Test("every bad row is reported with its line and field")
    func problems() throws {
        let text =
            "institutionCode,category,subtype,name,code,credits,hours\nOUC,academic,course,,OU-1,4,\nOUC,academic,course,x,OU-2,abc,\nOUC,academic,course,y,OU-3,1,十\n"
        #expect {
            try ImportCSV.catalog(CSVTable(text))
        } throws: { error in
            (error as? ImportFailure)?.problems.map { "\($0.line):\($0.field)" } == ["2:name", "3:credits", "4:hours"]
        }
    }

    @Test(
        "malformed files are refused with the line",
        arguments: [
            ("a,b\n\"open,2\n", CSVError.unterminatedQuote(line: 2)),
            ("a,b\n1,2,3\n", CSVError.tooManyFields(line: 2, count: 3, expected: 2)), ("", CSVError.noHeader),
        ])
    func malformed(_ text: String, _ expected: CSVError) {
        #expect(throws: expected) { try CSVTable(text) }
    }

    @Test("rule rows name their catalog entries as INSTITUTION:CODE")
    func rules() throws {
        let text =
            "code,name,sources,minScore,target,credits,ratio,validFrom\n202201240004,规则,NEEA:NCRE-1,60,OUC:OU-0101,4,80%,2022-01-24\nR2,规则,NCRE-1,,OUC,4,,2022-13-01\n"
        #expect {
            try ImportCSV.rules(CSVTable(text))
        } throws: { error in
            (error as? ImportFailure)?.problems.map { "\($0.line):\($0.field)" } == ["3:sources", "3:target", "3:validFrom"]
        }
        let good = try ImportCSV.rules(CSVTable(String(text.split(separator: "\n").prefix(2).joined(separator: "\n"))))
        #expect(good.first?.value.ratio == 80 && good.first?.value.sources.first?.code == "NCRE-1" && good.first?.value.minScore == 60)
    }
}
