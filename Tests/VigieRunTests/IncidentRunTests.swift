import Foundation
import Testing
import VigieCaseFile
import VigieEngine
import VigieImport
import VigieModel
@testable import VigieRun

/// Incidents across runs, on the bundled example (the seed's cleaning
/// business): however its exports are split into runs, in whatever order,
/// and however often they are checked again, the incidents end in the same
/// state and no decision is taken twice.
@Suite("Incidents across runs", .serialized)
struct IncidentRunTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The example's activities, read once.
    static let activities: [Activity] = {
        var all: [Activity] = []
        _ = try? Importer().importSource(
            at: root.appendingPathComponent("Policies/entretien-menager/donnees").path, onIssue: { _ in }
        ) { all.append($0) }
        return all
    }()

    /// A private copy of the policy, and streams written into its folder.
    final class Workspace {
        let folder: URL
        let policy: String
        private var streams = 0

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-incidents-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let copy = folder.appendingPathComponent("entretien-menager")
            try FileManager.default.copyItem(at: root.appendingPathComponent("Policies/entretien-menager"), to: copy)
            try? FileManager.default.removeItem(at: copy.appendingPathComponent(".vigie"))
            policy = copy.path
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        func stream(_ activities: [Activity]) throws -> String {
            streams += 1
            let path = folder.appendingPathComponent("run-\(streams).jsonl").path
            let writer = try ActivityStreamWriter(path: path)
            for a in activities { try writer.write(a) }
            try writer.close()
            return path
        }

        /// Checks `activities` with the case file; returns the decisions taken.
        @discardableResult
        func check(_ activities: [Activity]) throws -> [ReactionOutcome] {
            let engine = try PolicyEngine(
                policyDirectory: policy, pluginPaths: [IncidentRunTests.root.appendingPathComponent("Plugins").path])
            let run = CheckRun(engine: engine, policyFolder: policy)
            defer { run.close() }
            try run.run(CheckRequest(inputs: [try stream(activities)]))
            return run.decisions
        }

        /// The incidents as the case file keeps them: what matters of their state.
        func state() throws -> [String] {
            try CaseFile.open(policyFolder: policy).storedIncidents().map { s in
                let history = s.incident.history.map { "\($0.action.rawValue) \($0.step ?? "-") \($0.at.iso8601) \($0.key ?? "")" }
                return "\(s.id) \(s.incident.kind) \(s.actorKey) \(s.incident.status.rawValue) \(s.incident.currentStep ?? "-") [\(history.joined(separator: ", "))]"
            }
        }
    }

    @Test func theExampleOpensIncidentsAndTheSeedsCaseEscalatesToExclusion() throws {
        #expect(Self.activities.count == 24)
        let workspace = try Workspace()
        let decisions = try workspace.check(Self.activities)
        let tremblay = decisions.filter { $0.actorID == "mme-tremblay" }
        #expect(tremblay.map(\.stepID) == ["dialogue", "avertissement", "exclusion"])
        #expect(tremblay.last?.recordedReasons.isEmpty == false)
    }

    @Test func checkingTheSameExportAgainTakesNoDecision() throws {
        let workspace = try Workspace()
        let first = try workspace.check(Self.activities)
        #expect(!first.isEmpty)
        let state = try workspace.state()
        #expect(try workspace.check(Self.activities).isEmpty)
        #expect(try workspace.check(Self.activities).isEmpty)
        #expect(try workspace.state() == state)
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6])
    func anySplitIntoRunsEndsInTheStateOfOneRun(seed: UInt64) throws {
        let whole = try Workspace()
        let decisions = try whole.check(Self.activities)
        let expected = try whole.state()

        var random = SplitMix64(seed: seed)
        let parts = 2 + Int(random.next() % 3)
        var runs = Array(repeating: [Activity](), count: parts)
        for activity in Self.activities.shuffled(using: &random) {
            runs[Int(random.next() % UInt64(parts))].append(activity)
        }
        // Half of the seeds hand the runs over cumulatively (each export
        // holds the previous ones), the others one part at a time.
        let cumulative = seed % 2 == 0
        let split = try Workspace()
        var taken = 0
        var seen: [Activity] = []
        for part in runs {
            seen += part
            taken += try split.check(cumulative ? seen : part).count
        }
        #expect(try split.state() == expected, "seed \(seed), \(parts) runs, cumulative \(cumulative)")
        // Taken once each, in one run or another; when a run brings
        // findings earlier than those already seen, a decision taken on the
        // partial data may be superseded (kept for the record, out of the case).
        #expect(taken >= decisions.count)
        // And checking everything once more takes none.
        #expect(try split.check(Self.activities).isEmpty)
    }

    @Test(arguments: [[8, 16], [5, 12, 20], [1, 23]])
    func monthlyCumulativeExportsTakeEachDecisionOnce(cuts: [Int]) throws {
        let whole = try Workspace()
        let decisions = try whole.check(Self.activities)
        // Each month's export holds the previous months'.
        let sorted = Self.activities.sorted { $0.timestamp < $1.timestamp }
        let monthly = try Workspace()
        var taken: [ReactionOutcome] = []
        for cut in cuts + [sorted.count] {
            taken += try monthly.check(Array(sorted.prefix(cut)))
        }
        #expect(try monthly.state() == whole.state())
        #expect(taken.count == decisions.count)
        #expect(Set(taken.compactMap(\.key)) == Set(decisions.compactMap(\.key)))
    }

    @Test func reactBringsTheEscalationToATimeAndRecordsItOnce() throws {
        let workspace = try Workspace()
        try workspace.check(Self.activities)
        let engine = try PolicyEngine(
            policyDirectory: workspace.policy, pluginPaths: [Self.root.appendingPathComponent("Plugins").path])
        let at = Timestamp(iso8601: "2026-12-01T00:00:00Z")!
        let first = try ReactionRun.react(engine: engine, policyFolder: workspace.policy, at: at)
        let state = try workspace.state()
        #expect(try ReactionRun.react(engine: engine, policyFolder: workspace.policy, at: at).isEmpty)
        #expect(try workspace.state() == state)
        // The bundled policy has no step on time: nothing moved by time alone.
        #expect(first.isEmpty)
    }

    @Test func aConsultantsDecisionIsKeptByLaterRuns() throws {
        let workspace = try Workspace()
        try workspace.check(Self.activities)
        let engine = try PolicyEngine(
            policyDirectory: workspace.policy, pluginPaths: [Self.root.appendingPathComponent("Plugins").path])
        let management = try CaseManagement(engine: engine, policyFolder: workspace.policy)
        let open = try management.incidents()
        let malveillance = try #require(open.first { $0.kind == "malveillance" })
        try management.decide(.close, incident: String(malveillance.id.prefix(8)), note: "Réglé avec le compétiteur", by: "Julie")
        #expect(try management.incidents().contains { $0.id == malveillance.id } == false)
        // The next run keeps it closed and takes no decision.
        #expect(try workspace.check(Self.activities).isEmpty)
        let all = try management.incidents(all: true)
        let closed = try #require(all.first { $0.id == malveillance.id })
        #expect(closed.status == .closed)
        #expect(closed.lastDecision?.by == "Julie")
        // Moving by hand to an unknown step is refused with the steps listed.
        #expect(throws: RunError.self) {
            try management.decide(.move(toStep: "nulle-part"), incident: open[0].id, note: "essai", by: "Julie")
        }
    }

    @Test func anErasedPersonLeavesNoTraceButTheErasure() throws {
        let workspace = try Workspace()
        try workspace.check(Self.activities)
        let engine = try PolicyEngine(
            policyDirectory: workspace.policy, pluginPaths: [Self.root.appendingPathComponent("Plugins").path])
        let management = try CaseManagement(engine: engine, policyFolder: workspace.policy)
        #expect(try workspace.state().contains { $0.contains("mme-tremblay") })
        let removed = try management.erase(person: "mme-tremblay", by: "Julie", reason: "Demande du 2026-12-01")
        #expect(removed > 0)
        let file = try CaseFile.open(policyFolder: workspace.policy)
        #expect(try workspace.state().contains { $0.contains("mme-tremblay") } == false)
        #expect(try file.findingEvents().contains { $0.actorID == "mme-tremblay" } == false)
        let erasures = try file.erasures()
        #expect(erasures.count == 1)
        #expect(erasures[0].reason == "Demande du 2026-12-01")
        #expect(!"\(erasures)".contains("tremblay"))
    }

    @Test func acceptedFindingsAreNeverNewAndSharedThroughThePolicysFile() throws {
        let workspace = try Workspace()
        let engine = try PolicyEngine(
            policyDirectory: workspace.policy, pluginPaths: [Self.root.appendingPathComponent("Plugins").path])
        let run = CheckRun(engine: engine, policyFolder: workspace.policy)
        defer { run.close() }
        try run.run(CheckRequest(inputs: [try workspace.stream(Self.activities)]))
        let findings = try run.allFindings()
        let target = try #require(findings.first)
        let management = try CaseManagement(engine: engine, policyFolder: workspace.policy)
        try management.accept(
            fingerprint: target.finding.fingerprint, reason: "Numéro de l'entreprise", by: "Julie",
            expires: Date().addingTimeInterval(86_400 * 30), share: true)
        let shared = CaseManagement.sharedAcceptancesPath(workspace.policy)
        #expect(FileManager.default.fileExists(atPath: shared))
        // A colleague's fresh case file takes the shared acceptance in.
        try FileManager.default.removeItem(atPath: workspace.policy + "/.vigie")
        let again = CheckRun(engine: engine, policyFolder: workspace.policy)
        defer { again.close() }
        try again.run(CheckRequest(inputs: [try workspace.stream(Self.activities)]))
        let document = try again.reportDocument(inputs: [])
        let accepted = document.findings.filter { $0.acceptance != nil }
        #expect(accepted.map(\.finding.fingerprint) == [target.finding.fingerprint])
        #expect(accepted.first?.acceptance?.by == "Julie")
        #expect(try again.allFindings().first { $0.finding.fingerprint == target.finding.fingerprint }?.isNew == false)
    }
}
