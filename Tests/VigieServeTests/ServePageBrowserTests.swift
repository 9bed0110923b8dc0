import Foundation
import Testing
import VigieTestSupport

/// The page in headless Chromium (scripts/serve-page-check.py): a person
/// types a draft at a phone's width, clicks, and sees the decision, the
/// evidence highlighted, the advice and the charter's principle.
@Suite struct ServePageBrowserTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Runs the script against `url`; its JSON report.
    static func drive(_ url: String, _ arguments: [String]) async throws -> [String: Any] {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-page-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try await blocking { () throws -> (Int32, Data, Data) in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", root.appendingPathComponent("scripts/serve-page-check.py").path,
                                 "--url", url, "--out", out.path] + arguments
            let stdout = Pipe(), stderr = Pipe()
            process.standardOutput = stdout
            process.standardError = stderr
            try process.run()
            let data = stdout.fileHandleForReading.readDataToEndOfFile()
            let errors = stderr.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, data, errors)
        }
        try #require(result.0 == 0, "serve-page-check.py failed: \(String(decoding: result.2, as: UTF8.self))")
        var report = try #require(try JSONSerialization.jsonObject(with: result.1) as? [String: Any])
        let shots = report["screenshots"] as? [String] ?? []
        // The screenshot is a real PNG of the page.
        for shot in shots {
            let png = try Data(contentsOf: URL(fileURLWithPath: shot))
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
            #expect(png.count > 10_000)
        }
        report["screenshotCount"] = shots.count
        return report
    }

    @Test func typeADraftSeeTheDecisionAndTheHighlight() async throws {
        try await withServer { server in
            let draft = "Été 🌞 : appelez-moi au 514 555-1234, j'en ai marre des soumissions"
            let report = try await Self.drive("http://127.0.0.1:\(server.port)/", [
                "--draft", draft, "--platform", "linkedin", "--then", "Merci à toute l'équipe !", "--name", "serve-page",
            ])
            let loaded = try #require(report["loaded"] as? [String: Any])
            #expect(loaded["lang"] as? String == "fr")
            #expect(loaded["resultShown"] as? Bool == false)
            let first = try #require(report["first"] as? [String: Any])
            #expect(first["decision"] as? String == "block")
            #expect(first["decisionText"] as? String == "Ne publiez pas ce texte tel quel.")
            #expect(first["highlighted"] as? String == draft)
            let marks = try #require(first["marks"] as? [[String: Any]])
            #expect(marks.map { $0["text"] as? String } == ["514 555-1234", "j'en ai marre"])
            #expect(marks.map { $0["blocking"] as? Bool } == [true, false])
            // Each mark ends with its finding's number in the list below.
            #expect(first["numbers"] as? [String] == ["1", "2"])
            #expect(marks.first?["title"] as? String == "Numéro de téléphone publié")
            let findings = try #require(first["findings"] as? [[String: Any]])
            #expect(findings.map { $0["rule"] as? String } == ["telephone", "humeur"])
            #expect(findings.first?["advice"] as? String == "Retirer le numéro ; donner celui de l'entreprise.")
            #expect(findings.first?["charter"] as? String == "On ne publie jamais de numéro de téléphone personnel.")
            // Usable on a phone: nothing wider than the screen.
            #expect((first["scrollWidth"] as? Int ?? 9999) <= 420)
            #expect(first["viewportWidth"] as? Int == 420)
            // A clean draft afterwards: allowed, nothing highlighted any more.
            let then = try #require(report["then"] as? [String: Any])
            #expect(then["decision"] as? String == "allow")
            #expect((then["marks"] as? [Any])?.isEmpty == true)
            #expect(then["noFinding"] as? Bool == true)
            #expect((report["problems"] as? [Any])?.isEmpty == true, "\(report["problems"] ?? "")")
            #expect(report["screenshotCount"] as? Int == 1)
            // What the browser sent was logged as a decision for LinkedIn.
            await server.server.flushDecisionLog()
            let records = try #require(server.server.caseFile).serveDecisions()
            #expect(records.map(\.platform) == ["linkedin", "linkedin"])
            #expect(records.first?.person == "employee")
        }
    }

    @Test func englishPageWithATokenAsked() async throws {
        try await withServer("drafts-en", configure: { $0.tokens = ["browser-token-0123456789"] }) { server in
            let report = try await Self.drive("http://127.0.0.1:\(server.port)/", ["--draft", "Call me at 514 555-1234"])
            let first = try #require(report["first"] as? [String: Any])
            #expect(first["lang"] as? String == "en")
            // No token yet: the page says why and asks for one, it does not pretend to decide.
            #expect(first["decision"] as? String == nil)
            #expect((first["status"] as? String)?.contains("API token") == true)
            #expect(first["tokenAsked"] as? Bool == true)
            #expect(first["resultShown"] as? Bool == false)
        }
    }
}
