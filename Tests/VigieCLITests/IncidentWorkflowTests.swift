import Foundation
import Testing
import VigieTestSupport

/// The bundled example as a consultant runs it month after month: the same
/// export twice, `check` then `report` then `check`, half then all. The
/// second runs take no decision and the end states are equal.
@Suite("Incidents from the command line", .serialized)
struct IncidentWorkflowTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let plugins = root.appendingPathComponent("Plugins").path
    static let exports = root.appendingPathComponent("Policies/entretien-menager/donnees").path

    func copy(_ folder: TemporaryFolder, _ name: String) throws -> String {
        let destination = folder.url.appendingPathComponent(name)
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("Policies/entretien-menager"), to: destination)
        try? FileManager.default.removeItem(at: destination.appendingPathComponent(".vigie"))
        return destination.path
    }

    func check(_ inputs: [String], _ policy: String) throws -> VigieBinary.Result {
        try VigieBinary.run(["check"] + inputs + ["--policy", policy, "--plugins", Self.plugins, "--fail-on", "critical"])
    }

    func decisions(_ r: VigieBinary.Result) -> Int? {
        guard let range = r.stderr.range(of: #"(\d+) décisions? de réaction"#, options: .regularExpression) else { return nil }
        return Int(r.stderr[range].split(separator: " ")[0])
    }

    /// The incidents as the case file holds them (ages left out: they move with the clock).
    func incidents(_ policy: String) throws -> String {
        let r = try VigieBinary.run(["incidents", "--all", "--format", "json", "--policy", policy, "--plugins", Self.plugins])
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout.split(separator: "\n").filter { !$0.contains("\"ageDays\"") }.joined(separator: "\n")
    }

    @Test func theSameExportTwiceTakesNoSecondDecision() throws {
        let folder = try TemporaryFolder()
        let policy = try copy(folder, "p")
        let first = try check([Self.exports], policy)
        #expect((decisions(first) ?? 0) > 0, "\(first.stderr)")
        let state = try incidents(policy)
        let second = try check([Self.exports], policy)
        #expect(decisions(second) == 0, "\(second.stderr)")
        #expect(second.stderr.contains("0 nouveau depuis la dernière exécution"))
        #expect(!second.stdout.contains("Incidents et prochaines étapes"))
        #expect(second.stdout.contains("Incidents ouverts"))
        #expect(try incidents(policy) == state)
    }

    @Test func aReportBetweenTwoChecksTakesNoDecision() throws {
        let folder = try TemporaryFolder()
        let policy = try copy(folder, "p")
        _ = try check([Self.exports], policy)
        let state = try incidents(policy)
        let report = try VigieBinary.run([
            "report", Self.exports, "--policy", policy, "--plugins", Self.plugins, "--output",
            folder.url.appendingPathComponent("report.html").path,
        ])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(try incidents(policy) == state)
        let again = try check([Self.exports], policy)
        #expect(decisions(again) == 0, "\(again.stderr)")
        #expect(try incidents(policy) == state)
    }

    @Test func halfThenAllEndsAsAllAtOnce() throws {
        let folder = try TemporaryFolder()
        // The example as one stream, sorted by time, cut in half.
        let all = folder.url.appendingPathComponent("all.jsonl").path
        let made = try VigieBinary.run(["import", Self.exports, "--out", all])
        #expect(made.status == 0, "\(made.stderr)")
        var lines = try String(contentsOfFile: all, encoding: .utf8).split(separator: "\n").map(String.init)
        let formatter = ISO8601DateFormatter()
        func time(_ line: String) -> Date {
            guard let range = line.range(of: #""timestamp":"[^"]+""#, options: .regularExpression) else { return .distantPast }
            return formatter.date(from: String(line[range].dropFirst(13).dropLast())) ?? .distantPast
        }
        lines.sort { time($0) < time($1) }
        let half = folder.url.appendingPathComponent("half.jsonl").path
        try (lines.prefix(lines.count / 2).joined(separator: "\n") + "\n").write(toFile: half, atomically: true, encoding: .utf8)

        let once = try copy(folder, "once")
        let together = try check([all], once)
        let twice = try copy(folder, "twice")
        let first = try check([half], twice)
        let second = try check([all], twice)
        #expect(try incidents(twice) == incidents(once))
        // Each decision taken once: in the first run or in the second.
        #expect((decisions(first) ?? -1) + (decisions(second) ?? -1) == decisions(together), "\(first.stderr)\n\(second.stderr)\n\(together.stderr)")
    }
}

extension IncidentWorkflowTests {
    @Test func twoChecksAtOnceOnOneCaseFileBothCompleteAndDecideOnce() throws {
        let folder = try TemporaryFolder()
        let policy = try copy(folder, "p")
        let processes = (0..<2).map { _ in
            let process = Process()
            process.executableURL = VigieBinary.url
            process.arguments = ["check", Self.exports, "--policy", policy, "--plugins", Self.plugins, "--fail-on", "critical"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            return process
        }
        for p in processes { try p.run() }
        for p in processes { p.waitUntilExit() }
        // Neither fails: the second waits for the first. The first to finish
        // finds the critical finding new (exit 1); the other, if it began
        // after the first ended, finds nothing new (exit 0).
        #expect(processes.map(\.terminationStatus).allSatisfy { $0 <= 1 })
        #expect(processes.map(\.terminationStatus).contains(1))
        // One of them took the decisions, the other none: a third check takes none either.
        let third = try check([Self.exports], policy)
        #expect(decisions(third) == 0, "\(third.stderr)")
        let alone = try copy(folder, "alone")
        _ = try check([Self.exports], alone)
        #expect(try incidents(policy) == incidents(alone))
    }

    @Test func incidentsKeptByAnOlderVersionAreTakenInOnce() throws {
        let folder = try TemporaryFolder()
        let policy = try copy(folder, "p")
        try FileManager.default.createDirectory(atPath: policy + "/.vigie", withIntermediateDirectories: true)
        // What an older Vigie kept beside the case file: an incident at "avertissement".
        let legacy = #"""
            {"incidents":[{"actorKey":"mme-tremblay","incident":{"history":[
              {"action":"opened","at":"2026-02-23T14:15:00Z","by":"vigie","reason":"Ouvert","step":"dialogue"},
              {"action":"escalated","at":"2026-03-02T13:05:00Z","by":"Julie","reason":"Avertissement envoyé","step":"avertissement"}],
              "id":"legacy-1","kind":"client-mecontent","actorID":"mme-tremblay","openedBy":[],"currentStep":"avertissement","status":"open"},
             "openedAt":"2026-02-23T14:15:00Z"}]}
            """#
        try legacy.write(toFile: policy + "/.vigie/incidents.json", atomically: true, encoding: .utf8)
        let r = try check([Self.exports], policy)
        #expect(r.status <= 1, "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: policy + "/.vigie/incidents.json"))
        #expect(FileManager.default.fileExists(atPath: policy + "/.vigie/incidents.json.imported"))
        let list = try incidents(policy)
        #expect(list.contains("legacy-1"))
        // Taken in once: the next check does not take it in again.
        let again = try check([Self.exports], policy)
        #expect(decisions(again) == 0, "\(again.stderr)")
    }
}
