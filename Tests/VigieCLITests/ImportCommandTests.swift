import Foundation
import Testing
import VigieTestSupport

@Suite("vigie import")
struct ImportCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("VigieModelTests/Fixtures")

    @Test func importsSeveralExportsIntoOneStream() throws {
        let folder = try TemporaryFolder()
        let out = folder.url.appendingPathComponent("client.jsonl")
        let result = try VigieBinary.run([
            "import", Self.fixtures.appendingPathComponent("mastodon").path,
            Self.fixtures.appendingPathComponent("linkedin").path, "--out", out.path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try String(contentsOf: out, encoding: .utf8).split(separator: "\n")
        // The summary says how many were imported; the stream has exactly that.
        let imported = result.stdout.components(separatedBy: "\n")
            .compactMap { line -> Int? in
                guard let range = line.range(of: "imported ") , line.contains("records read") else { return nil }
                return Int(line[range.upperBound...].prefix { $0.isNumber })
            }
        #expect(imported.count == 2)
        #expect(lines.count == imported.reduce(0, +))
        #expect(lines.allSatisfy { $0.hasPrefix("{\"schema\":\"vigie.activity/1\"") })
        #expect(result.stdout.contains(": mastodon"))
        #expect(result.stdout.contains(": linkedin"))
    }

    @Test func streamToStandardOutputPutsTheSummaryOnStandardError() throws {
        let result = try VigieBinary.run(["import", Self.fixtures.appendingPathComponent("mastodon").path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("records read"))
        #expect(!result.stdout.contains("records read"))
        #expect(result.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("{") })
    }

    @Test func theSummaryShowsNoPostText() throws {
        // The fixture holds a post without a date: it is skipped, so the
        // run lost input (exit 4) unless told to go on.
        let result = try VigieBinary.run([
            "import", Self.fixtures.appendingPathComponent("facebook").path, "--out", "/dev/null", "--keep-going",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        // Texts of the fixture posts never appear in what the user reads.
        let stream = try VigieBinary.run(["import", Self.fixtures.appendingPathComponent("facebook").path]).stdout
        let firstText = stream.components(separatedBy: "\"text\":\"").dropFirst().first?.components(separatedBy: "\"").first
        let text = try #require(firstText)
        #expect(!text.isEmpty)
        #expect(!result.stdout.contains(text))
        #expect(!result.stderr.contains(text))
    }

    @Test(arguments: [
        (["import", "nowhere/"], "nowhere"),
        (["import", "unknown.txt"], "unknown.txt"),
        (["import", "--format", "pdf", "unknown.txt"], "pdf"),
    ])
    func badInputExitsWithCode2(arguments: [String], message: String) throws {
        let folder = try TemporaryFolder()
        try folder.write("unknown.txt", "Ceci n’est pas un export.\n")
        let result = try VigieBinary.run(arguments, in: folder.url)
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect((result.stdout + result.stderr).contains(message))
    }

    @Test func theWrongFormatForAnExportIsBadInput() throws {
        let result = try VigieBinary.run([
            "import", "--format", "twitter", Self.fixtures.appendingPathComponent("mastodon").path, "--out", "/dev/null",
        ])
        #expect(result.status == 2)
        #expect((result.stdout + result.stderr).lowercased().contains("twitter"))
    }
}

@Suite("vigie corpus")
struct CorpusCommandTests {
    @Test func writesAStreamThatImportsBackWithTheCountsItAnnounces() throws {
        let folder = try TemporaryFolder()
        let out = folder.url.appendingPathComponent("corpus.jsonl")
        let expected = folder.url.appendingPathComponent("expected.json")
        let result = try VigieBinary.run(["corpus", "--count", "300", "--seed", "3", "--out", out.path, "--expected", expected.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("300 activities, "))
        let counts = try JSONSerialization.jsonObject(with: Data(contentsOf: expected)) as? [String: Any]
        #expect(counts?["activities"] as? Int == 300)
        let imported = try VigieBinary.run(["import", out.path, "--out", "/dev/null"])
        #expect(imported.status == 0)
        #expect(imported.stdout.contains("records read 300, imported 300, skipped 0"))
    }

    @Test func rejectsAShareOutsideZeroToOne() throws {
        let result = try VigieBinary.run(["corpus", "--violations", "1.5"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--violations is a share from 0 to 1"))
    }
}
