import Foundation
import Testing
import VigieTestSupport

/// What the client receives, from the bundled policies: one risk scale in
/// `analyze`, the report and the charter; an HTML report whose visible text
/// names things by their titles, never by an identifier or a hash.
@Suite("The deliverable: one risk scale, titles not identifiers", .serialized)
struct DeliverableTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let plugins = root.appendingPathComponent("Plugins").path
    static let policies = ["entretien-menager", "nordelia", "northshore-physio"]

    static func policy(_ name: String) -> String { root.appendingPathComponent("Policies/\(name)").path }

    /// The policy's sample data, or an empty stream when it has none.
    static func data(_ name: String, in folder: TemporaryFolder) throws -> [String] {
        let donnees = root.appendingPathComponent("Policies/\(name)/donnees")
        if let entries = try? FileManager.default.contentsOfDirectory(atPath: donnees.path), !entries.isEmpty {
            return entries.sorted().map { donnees.appendingPathComponent($0).path }
        }
        return [try folder.write("empty.jsonl", "").path]
    }

    func json(_ arguments: [String]) throws -> [String: Any] {
        let r = try VigieBinary.run(arguments)
        #expect(r.status == 0 || r.status == 1, "\(arguments): \(r.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    /// Each threat that applies has the same level — and the same level's
    /// name — in `vigie analyze`, in the report's JSON and in the charter.
    @Test(arguments: policies)
    func analyzeTheReportAndTheCharterGiveEveryThreatTheSameLevel(policy name: String) throws {
        let folder = try TemporaryFolder()
        let p = ["--policy", Self.policy(name), "--plugins", Self.plugins]
        let register = try json(["analyze", "--format", "json"] + p)
        let assessments = try #require(register["assessments"] as? [[String: Any]])
        var analysis: [String: (level: String, score: Int)] = [:]
        for a in assessments where a["applies"] as? Bool == true {
            let likelihood = try #require(a["likelihood"] as? Int)
            let impact = try #require(a["impact"] as? Int)
            analysis[try #require(a["id"] as? String)] = (try #require(a["level"] as? String), likelihood * impact)
        }
        #expect(!analysis.isEmpty)

        let report = try json(["report"] + Self.data(name, in: folder) + p + ["--no-case-file", "--keep-going", "--format", "json"])
        let reportThreats = try #require(report["threats"] as? [[String: Any]])
        let charter = try json(["charter", "--format", "json"] + p)
        let charterThreats = try #require(charter["threats"] as? [[String: Any]])
        #expect(Set(reportThreats.compactMap { $0["id"] as? String }) == Set(analysis.keys))
        #expect(Set(charterThreats.compactMap { $0["id"] as? String }) == Set(analysis.keys))

        let analyzeText = try VigieBinary.run(["analyze"] + p).stdout
        for (id, expected) in analysis {
            let inReport = try #require(reportThreats.first { $0["id"] as? String == id })
            let inCharter = try #require(charterThreats.first { $0["id"] as? String == id })
            #expect(inReport["level"] as? String == expected.level, "\(name) \(id): report")
            #expect(inCharter["level"] as? String == expected.level, "\(name) \(id): charter")
            #expect(inReport["score"] as? Int == expected.score)
            #expect(inCharter["score"] as? Int == expected.score)
            // One name per level and language, everywhere.
            let levelName = try #require(inReport["levelName"] as? String)
            #expect(inCharter["levelName"] as? String == levelName)
            let line = analyzeText.split(separator: "\n").first { $0.hasSuffix(" \(id)") }
            #expect(line?.contains(" \(levelName) ") == true, "\(name) \(id): analyze says \(line ?? "nothing")")
        }
    }

    /// The thresholds: a score of 15 is critical everywhere (the issue's case).
    @Test func aScoreOfFifteenIsCriticalEverywhere() throws {
        let folder = try TemporaryFolder()
        let p = ["--policy", Self.policy("entretien-menager"), "--plugins", Self.plugins]
        let register = try json(["analyze", "--format", "json"] + p)
        let fifteen = try #require((register["assessments"] as? [[String: Any]])?.first {
            ($0["likelihood"] as? Int ?? 0) * ($0["impact"] as? Int ?? 0) == 15
        })
        #expect(fifteen["level"] as? String == "critical")
        let id = try #require(fifteen["id"] as? String)
        let report = try json(["report"] + Self.data("entretien-menager", in: folder) + p + ["--no-case-file", "--format", "json"])
        let threat = try #require((report["threats"] as? [[String: Any]])?.first { $0["id"] as? String == id })
        #expect(threat["level"] as? String == "critical")
        #expect(threat["levelName"] as? String == "Critique")
    }

    /// The text a reader sees in an HTML page: no style sheet, no tags, no
    /// attributes; entities decoded. (The SVG's tooltips count as seen.)
    static func visibleText(_ html: String) -> String {
        var text = html
        while let start = text.range(of: "<style"), let end = text.range(of: "</style>", range: start.upperBound..<text.endIndex) {
            text.removeSubrange(start.lowerBound..<end.upperBound)
        }
        text = text.replacingOccurrences(of: #"<[^>]*>"#, with: " ", options: .regularExpression)
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text
    }

    /// Whether `text` holds `id` as a whole token: not inside a longer word,
    /// nor a segment of a path or a file name (a source file is named as it is).
    static func holds(_ text: String, token id: String) -> Bool {
        let escaped = NSRegularExpression.escapedPattern(for: id)
        return text.range(of: "(^|[^\\p{L}\\p{N}_./-])\(escaped)($|[^\\p{L}\\p{N}_./-])", options: .regularExpression) != nil
    }

    @Test(arguments: policies)
    func theHTMLReportShowsTitlesNeverHashesOrIdentifiers(policy name: String) throws {
        let folder = try TemporaryFolder()
        let p = ["--policy", Self.policy(name), "--plugins", Self.plugins]
        let out = folder.path("report.html")
        let r = try VigieBinary.run(["report"] + Self.data(name, in: folder) + p + ["--no-case-file", "--keep-going", "--replay", "--output", out])
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOfFile: out, encoding: .utf8)
        let text = Self.visibleText(html)
        #expect(text.contains("Rapport de sécurité humaine") || text.contains("Human security report"))

        // No fingerprint nor incident id (16 hexadecimal digits).
        let hash = text.range(of: #"(^|[^0-9a-f])[0-9a-f]{16}($|[^0-9a-f])"#, options: .regularExpression)
        #expect(hash == nil, "\(name): a hash is shown: \(hash.map { String(text[$0]) } ?? "")")

        // No identifier of what has a title: threats, rules, indicators,
        // reactions, incident kinds, steps, people, the policy itself.
        let report = try json(["report"] + Self.data(name, in: folder) + p + ["--no-case-file", "--keep-going", "--replay", "--format", "json"])
        var ids = Set<String>()
        for t in report["threats"] as? [[String: Any]] ?? [] { if let id = t["id"] as? String { ids.insert(id) } }
        for f in report["findings"] as? [[String: Any]] ?? [] {
            if f["ruleTitle"] != nil, let id = f["ruleID"] as? String { ids.insert(id) }
            if f["actorName"] != nil, let id = f["actorID"] as? String { ids.insert(id) }
        }
        for i in report["incidents"] as? [[String: Any]] ?? [] {
            if i["title"] != nil, let kind = i["kind"] as? String { ids.insert(kind) }
            if i["actorName"] != nil, let id = i["actorID"] as? String { ids.insert(id) }
            for step in (i["plan"] as? [String: Any])?["steps"] as? [[String: Any]] ?? [] where step["title"] != nil {
                if let id = step["id"] as? String { ids.insert(id) }
            }
            if let plan = (i["plan"] as? [String: Any])?["id"] as? String { ids.insert(plan) }
        }
        if (report["policy"] as? [String: Any])?["title"] != nil, let id = (report["policy"] as? [String: Any])?["name"] as? String {
            ids.insert(id)
        }
        // Single lower-case words can be ordinary words of a sentence
        // ("après le dialogue"): the identifiers checked are those no
        // sentence writes (with a dash or an underscore).
        let checked = ids.filter { $0.contains("-") || $0.contains("_") }
        #expect(checked.count >= 10, "\(name): \(checked)")
        for id in checked.sorted() {
            #expect(!Self.holds(text, token: id), "\(name): the identifier \(id) is shown")
        }
        // Nor the raw names of platforms and authors that have a better one
        // (in English the website's name is "website").
        let french = report["language"] as? String == "fr"
        for raw in ["owner"] + (french ? ["website", "linkedin", "twitter"] : []) {
            #expect(!Self.holds(text, token: raw), "\(name): \(raw) is shown")
        }
    }

    /// The command line's own words: the policy's language, whatever the
    /// locale; the locale for a command without a policy.
    @Test func theCommandLineSpeaksThePolicysLanguageElseTheLocales() throws {
        let french = try VigieBinary.run(["simulate", "--all", "--policy", Self.policy("entretien-menager"), "--plugins", Self.plugins])
        #expect(french.stdout.contains("✓ attendu\u{00A0}: dialogue, atteint\u{00A0}: dialogue"))
        #expect(french.stdout.contains("trouvé\u{00A0}:") && !french.stdout.contains("found:"))
        let english = try VigieBinary.run(
            ["lint", "--policy", Self.policy("northshore-physio"), "--plugins", Self.plugins], environment: ["LANG": "fr_CA.UTF-8"])
        #expect(english.stdout.contains(" threats, ") && english.stdout.contains("problem(s)"), "\(english.stdout)")
        let folder = try TemporaryFolder()
        let data = try folder.write("a.jsonl", #"{"schema":"vigie.activity/1","id":"a","kind":"post","platform":"mastodon","author":{"platform":"mastodon","handle":"a"},"timestamp":"2026-03-02T10:00:00Z","text":"Bonjour"}"# + "\n").path
        let inFrench = try VigieBinary.run(["import", data, "--out", folder.path("o.jsonl")], environment: ["LANG": "fr_CA.UTF-8"])
        #expect(inFrench.stdout.contains("enregistrements lus 1, importés 1"), "\(inFrench.stdout)")
        let inEnglish = try VigieBinary.run(["import", data, "--out", folder.path("o.jsonl")])
        #expect(inEnglish.stdout.contains("records read 1, imported 1"), "\(inEnglish.stdout)")
    }
}
