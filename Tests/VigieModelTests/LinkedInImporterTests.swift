import Testing

@testable import VigieModel
@testable import VigieImport

@Suite struct LinkedInImporterTests {
    let result: ImportResult

    init() throws { result = try runImport(fixture("linkedin")) }

    @Test func quotesAroundEachLineAreRemoved() throws {
        let offer = try #require(result.activities.first { $0.id.hasSuffix("7001") })
        #expect(offer.text == "𝗡𝗢𝗨𝗩𝗘𝗟𝗟𝗘 𝗢𝗙𝗙𝗥𝗘 : entretien des bureaux, le soir.\n\nÉcrivez-nous pour un devis, « sans engagement ».\n#entretien #PME")
        #expect(offer.visibility == .connections)
        #expect(offer.hashtags == ["entretien", "PME"])
        let pride = try #require(result.activities.first { $0.id.hasSuffix("7002") })
        #expect(pride.text == "Fiers de notre équipe : 5 ans déjà, et toujours la même \"passion\" du travail bien fait.")
        #expect(pride.visibility == .public)
        #expect(pride.attachments.first?.kind == .image)
        let comment = try #require(result.activities.first { $0.kind == .comment })
        #expect(comment.text == "Merci pour le partage !\nOn s’y retrouve jeudi.")
    }

    @Test func mathematicalBoldMatchesAfterNormalisation() throws {
        let offer = try #require(result.activities.first { $0.id.hasSuffix("7001") })
        #expect(offer.normalizedText.hasPrefix("nouvelle offre : entretien des bureaux"))
        let hits = offer.normalized().originalRanges(of: "nouvelle offre")
        #expect(hits.count == 1)
        #expect(hits.first.flatMap { EvidenceSpan($0).excerpt(of: offer.text) } == "𝗡𝗢𝗨𝗩𝗘𝗟𝗟𝗘 𝗢𝗙𝗙𝗥𝗘")
    }

    @Test func aShareWithoutTextIsAShare() throws {
        let share = try #require(result.activities.first { $0.kind == .share })
        #expect(share.sharedURL == "https://eclatnet.example/blogue/astuces")
        #expect(share.timestamp.iso8601 == "2024-02-12T08:00:00Z")
    }

    @Test func countsAddUp() {
        #expect(result.summary.recordsRead == 5)
        #expect(result.summary.imported == 5)
        #expect(result.summary.isBalanced)
    }

    @Test(arguments: [
        ("\"Bonjour\"", "Bonjour"),
        ("\"Un\"\n\"\"\n\"Deux\"", "Un\n\nDeux"),
        ("Sans guillemets", "Sans guillemets"),
        ("\"Guillemet seul", "\"Guillemet seul"),
    ])
    func unwrap(_ raw: String, _ expected: String) {
        #expect(LinkedInImporter.unwrap(raw) == expected)
    }
}

@Suite struct CSVParserTests {
    func rows(_ text: String) -> [Result<[String], ImportIssue>] {
        var rows: [Result<[String], ImportIssue>] = []
        CSVParser(bytes: Array(text.utf8), file: "t.csv").forEachRow { rows.append($0.result) }
        return rows
    }

    @Test func rfc4180() throws {
        let parsed = rows("a,b,c\r\n1,\"deux, et \"\"trois\"\"\",\"multi\nligne\"\n,,\n")
        #expect(try parsed.map { try $0.get() } == [["a", "b", "c"], ["1", "deux, et \"trois\"", "multi\nligne"], ["", "", ""]])
    }

    @Test func brokenRowsAreReportedWithTheirLine() {
        var lines: [Int] = []
        CSVParser(bytes: Array("a,b\n\"x\"y,1\nok,2\n\"open,3\n".utf8), file: "t.csv").forEachRow { row in
            if case .failure = row.result { lines.append(row.line) }
        }
        #expect(lines == [2, 4])
    }

    @Test func invalidUTF8IsARowIssue() {
        let bytes: [UInt8] = Array("a,b\n".utf8) + [0x63, 0x61, 0x66, 0xE9, 0x2C, 0x31, 0x0A] + Array("ok,2\n".utf8)
        var reasons: [ImportIssue.Reason?] = []
        CSVParser(bytes: bytes, file: "t.csv").forEachRow { row in
            if case .failure(let issue) = row.result { reasons.append(issue.reason) } else { reasons.append(nil) }
        }
        #expect(reasons == [nil, .invalidUTF8, nil])
    }
}
