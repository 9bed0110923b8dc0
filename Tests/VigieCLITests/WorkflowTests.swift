import Foundation
import Testing
import VigieTestSupport

/// A consultant's workflow from scratch, with the case file across runs.
@Suite("vigie init → lint → analyze → check → report, twice")
struct WorkflowTests {
    static func line(_ id: String, _ text: String, at time: String) -> String {
        """
        {"schema":"vigie.activity/1","id":"\(id)","kind":"post","platform":"facebook","author":{"platform":"facebook","handle":"sam"},"actorID":"sam","timestamp":"\(time)","visibility":"public","text":"\(text)","source":{"file":"export.jsonl","index":0}}
        """
    }

    @Test func aNewClientFromScaffoldToSecondRun() throws {
        let folder = try TemporaryFolder()
        let policy = folder.url.appendingPathComponent("acme").path

        let initResult = try VigieBinary.run(["init", "acme"], in: folder.url)
        #expect(initResult.status == 0, "\(initResult.stderr)")
        #expect(try VigieBinary.run(["lint", "--policy", policy]).status == 0)
        let analyze = try VigieBinary.run(["analyze", "--policy", policy])
        #expect(analyze.status == 0)
        #expect(analyze.stdout.contains("coordonnees-publiees"))

        // First export: one personal number.
        try folder.write("march.jsonl", Self.line("a1", "Textez-moi au 514 555-0142", at: "2026-03-02T10:00:00-05:00"))
        let first = try VigieBinary.run([
            "check", folder.url.appendingPathComponent("march.jsonl").path, "--policy", policy, "--format", "json",
        ])
        #expect(first.status == 1)  // a high finding
        // The scaffold is French: so are the command line's own words.
        #expect(first.stderr.contains("exécution 1 consignée"), "\(first.stderr)")
        let firstJSON = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        let firstSteps = (firstJSON["decisions"] as? [[String: Any]] ?? []).compactMap { $0["stepID"] as? String }
        #expect(firstSteps == ["retrait"])

        // A month later: the same post again, and a new one.
        try folder.write("april.jsonl", [
            Self.line("a1", "Textez-moi au 514 555-0142", at: "2026-03-02T10:00:00-05:00"),
            Self.line("a2", "Mon autre numéro : 438 555-0199", at: "2026-04-06T10:00:00-04:00"),
        ].joined(separator: "\n"))
        let second = try VigieBinary.run([
            "check", folder.url.appendingPathComponent("april.jsonl").path, "--policy", policy,
        ])
        #expect(second.status == 1)
        #expect(second.stderr.contains("2 constats (1 nouveau depuis la dernière exécution"), "\(second.stderr)")
        #expect(second.stdout.components(separatedBy: "NOUVEAU ").count == 2)  // exactly one new finding
        // The incident opened in March moves up in April, with its reasons.
        #expect(second.stdout.contains("Rappeler la règle"), "\(second.stdout)")

        // Nothing new since: react moves nothing.
        let react = try VigieBinary.run(["react", "--policy", policy])
        #expect(react.status == 0)
        #expect(react.stdout.contains("Aucun incident n'a bougé"))

        // The deliverable.
        let report = folder.url.appendingPathComponent("out/acme.html")
        let reportRun = try VigieBinary.run([
            "report", folder.url.appendingPathComponent("april.jsonl").path, "--policy", policy, "--output", report.path,
            "--no-case-file",
        ])
        #expect(reportRun.status == 0, "\(reportRun.stderr)")
        let html = try String(contentsOf: report, encoding: .utf8)
        #expect(html.contains("<svg"))
        #expect(!html.contains("http://") && !html.contains("https://"))
        #expect(!html.contains("514 555-0142"))  // masked by default
    }

    @Test func aPolicyWithErrorsLeavesNoReportAndNoCaseFile() throws {
        let folder = try TemporaryFolder()
        try folder.write("broken/policy.lua", "policy { name = 'x', version = '1.0.0' }\nrule 'r' { severity = 'grave', check = function() end }")
        try folder.write("export.jsonl", Self.line("a1", "Bonjour", at: "2026-03-02T10:00:00-05:00"))
        let out = folder.url.appendingPathComponent("report.html")
        let result = try VigieBinary.run([
            "report", folder.url.appendingPathComponent("export.jsonl").path, "--policy",
            folder.url.appendingPathComponent("broken").path, "--output", out.path,
        ])
        #expect(result.status == 2)
        #expect(result.stderr.contains("policy.lua:2"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("broken/.vigie").path))
    }

    @Test func initRefusesAnExistingFolderAndABadName() throws {
        let folder = try TemporaryFolder()
        #expect(try VigieBinary.run(["init", "acme"], in: folder.url).status == 0)
        let again = try VigieBinary.run(["init", "acme"], in: folder.url)
        #expect(again.status == 2)
        #expect(again.stderr.contains("already exists"))
        let bad = try VigieBinary.run(["init", "Acme Inc"], in: folder.url)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("lower-case letters, digits and dashes"))
    }
}
