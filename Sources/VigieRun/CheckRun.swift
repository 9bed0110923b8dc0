import Foundation
import Logging
import VigieCaseFile
import VigieEngine
import VigieImport
import VigieModel
import VigieReport

/// One evaluation of exports against a policy, as `check`, `report` and any
/// other front end run it: the activities through the rules (serially, in
/// parallel, or replayed in time order), the reactions, and the run kept in
/// the client's case file (`<policy>/.vigie/`), so that the next run shows
/// what is new and resumes the escalations.
///
/// It prints nothing and never exits: errors are `RunError`s, progress goes
/// to `onActivity`, and the findings wait in a private temporary folder
/// (`FindingSpill`) until they are read back with `forEachFinding`.
///
/// ```swift
/// let run = CheckRun(engine: engine, policyFolder: "Policies/client")
/// defer { run.close() }
/// try run.run(CheckRequest(inputs: ["export.zip"]))
/// try run.forEachFinding { print($0.finding.ruleID, $0.excerpt) }
/// ```
public final class CheckRun {
    public let engine: PolicyEngine
    public let policyFolder: String
    // Properties marked `@exclusivity(unchecked)` are read on every
    // activity: without the runtime's exclusivity check, which costs more
    // than the read (no access to them overlaps another).
    /// Called once per activity checked (on the thread that records it).
    @exclusivity(unchecked) public var onActivity: (() -> Void)?

    /// How many activities one worker reads before it checks them, and
    /// checks before it records them (`evaluate`).
    static let stage = 32

    /// The findings, on disk as they come; nil before `run` and after `close`.
    private(set) var spill: FindingSpill?
    /// The case file the run was recorded in (nil without one).
    internal(set) var caseFile: CaseFile?

    /// The rules' failures: the first `failuresListedPerRule` of each rule
    /// (a rule that fails on every activity of a large export would fill
    /// memory and screens); `failureCount` and `failuresNotListed` count
    /// them all.
    public private(set) var failures: [RuleFailure] = []
    public private(set) var failureCount = 0
    /// Per rule, its failures left out of `failures`.
    public private(set) var failuresNotListed: [String: Int] = [:]
    private var failuresByRule: [String: Int] = [:]
    public static let failuresListedPerRule = 20
    public private(set) var skipped: [ImportIssue] = []
    @exclusivity(unchecked) public internal(set) var activities = 0
    /// The decisions this run took (those the case file had not recorded
    /// yet), and the errors of step conditions.
    public internal(set) var decisions: [ReactionOutcome] = []
    /// Every incident after the run, with its step and history.
    public internal(set) var incidents: [EscalatedIncident] = []
    /// What the case file says of this run, as counts (nil without one).
    public internal(set) var comparison: FindingComparison.Counts?
    public internal(set) var runID: RunID?
    /// How each input was read: its files imported, partly imported or
    /// refused, with counts that add up.
    public private(set) var sources: [ImportSummary] = []
    /// Whether some input was lost (a file refused or partly imported).
    public var lostInput: Bool { sources.contains(where: \.lostInput) }
    /// Earlier runs found `running` with their process gone, marked abandoned.
    public internal(set) var abandoned: [RunID] = []

    // MARK: The case file's side (SharedCheck.swift)

    /// Which activities this run checks: all of them, or one chunk of a
    /// shared run (its people).
    @exclusivity(unchecked) var activityFilter: ((Activity) -> Bool)?
    /// What a shared run did in this process (nil for a run of its own).
    public internal(set) var shared: SharedRunSummary?

    private func noteFailure(_ failure: RuleFailure) {
        failureCount += 1
        let n = failuresByRule[failure.ruleID, default: 0] + 1
        failuresByRule[failure.ruleID] = n
        if n <= Self.failuresListedPerRule {
            failures.append(failure)
        } else {
            failuresNotListed[failure.ruleID, default: 0] += 1
        }
    }

    public init(engine: PolicyEngine, policyFolder: String) {
        self.engine = engine
        self.policyFolder = policyFolder
    }

    deinit { close() }

    /// How many findings the run produced (duplicates included).
    public var findingCount: Int { spill?.total ?? 0 }

    /// How many findings of `severity` the run produced.
    public func findingCount(_ severity: Severity) -> Int { spill?.counts[severity] ?? 0 }

    /// The severity of the most severe finding, nil without findings.
    public var highestSeverity: Severity? {
        Severity.allCases.last { findingCount($0) > 0 }
    }

    /// An open incident after the run, as `check` shows it.
    public struct OpenIncident: Encodable, Hashable, Sendable {
        public var id: String
        public var kind: String
        /// The incident declaration's title (its id when it has none).
        public var title: String
        /// The profile person's id, else `platform:handle`.
        public var actorKey: String
        /// The person's name in the profile, when known.
        public var person: String?
        public var step: String?
        public var stepTitle: String?
        /// When it reached its current step.
        public var since: Timestamp?
        public var held: Bool
        /// Whether this run moved it.
        public var moved: Bool
    }

    /// The open incidents after the run, moved or not, by id.
    public var openIncidents: [OpenIncident] {
        let d = engine.declarations
        let people = Dictionary((engine.profile?.people ?? []).map { ($0.id, $0.name) }) { a, _ in a }
        // Lazily: a copy of the decisions would hold them twice.
        let moved = Set(decisions.lazy.filter { $0.error == nil }.map(\.incidentID))
        return incidents.filter(\.isOpen).sorted { $0.id < $1.id }.map { e in
            let step = d.reactions.first { $0.on == e.incident.kind }?.steps.first { $0.id == e.incident.currentStep }
            return OpenIncident(
                id: e.id, kind: e.incident.kind, title: d.incidents.first { $0.id == e.incident.kind }?.texts.title ?? e.incident.kind,
                actorKey: e.actorKey, person: e.incident.actorID.flatMap { people[$0] }, step: e.incident.currentStep,
                stepTitle: step?.title, since: e.stepReachedAt, held: e.held, moved: moved.contains(e.id))
        }
    }

    /// Whether the case file had an earlier run to compare with.
    public var hasBaseline: Bool { comparison?.baseline != nil }

    /// Removes the spilled findings (also done when the run is released).
    public func close() {
        spill?.remove()
        spill = nil
    }

    // MARK: - Reading the findings back

    /// The findings of `severity` in the order they came, or all of them in
    /// that order. `isNew` is marked from the case file, a few hundred
    /// findings per query.
    public func forEachFinding(_ severity: Severity? = nil, _ body: (CheckedFinding) throws -> Void) throws {
        guard let spill else { return }
        var batch: [FindingSpill.Record] = []
        func deliver() throws {
            var added: Set<String>?
            if let caseFile, let comparison {
                do {
                    // New: not reported by the previous run, and not accepted
                    // (accepted findings are never new, even on a first run).
                    added = try caseFile.addedFingerprints(
                        among: batch.map(\.finding.fingerprint), baseline: comparison.baseline)
                } catch {
                    throw RunError(.caseFile, "the case file cannot be read: \(error)")
                }
            }
            for record in batch {
                try body(record.line(isNew: added.map { $0.contains(record.finding.fingerprint) } ?? true))
            }
            batch.removeAll(keepingCapacity: true)
        }
        func take(_ record: FindingSpill.Record) throws {
            batch.append(record)
            if batch.count == 256 { try deliver() }
        }
        do {
            if let severity { try spill.forEach(severity, take) } else { try spill.forEach(take) }
        } catch let error as FindingSpill.SpillError {
            throw RunError(.spill, error.description)
        }
        try deliver()
    }

    /// Every finding, in the order they came: for a report, rendered whole.
    public func allFindings() throws -> [CheckedFinding] {
        var findings: [CheckedFinding] = []
        findings.reserveCapacity(findingCount)
        try forEachFinding { findings.append($0) }
        return findings
    }

    // MARK: - Running

    /// Runs the check. With `request.caseFile`, the run is recorded and the
    /// incidents resume from the previous run.
    public func run(_ request: CheckRequest) throws(RunError) {
        for path in request.inputs where !FileManager.default.fileExists(atPath: path) {
            throw RunError(.missingInput, "\(path): no such file or folder")
        }
        close()
        let spill: FindingSpill
        do {
            spill = try FindingSpill()
        } catch {
            throw RunError(.spill, "\(error)")
        }
        self.spill = spill
        do {
            try record(request, spill: spill)
        } catch {
            close()
            throw error
        }
    }

    private func record(_ request: CheckRequest, spill: FindingSpill) throws(RunError) {
        var file: CaseFile?
        if request.caseFile {
            do {
                // --case-file, else $VIGIE_CASE_FILE, else the policy's own SQLite file.
                file = try CaseFile.open(
                    policyFolder: policyFolder, location: request.caseFileLocation,
                    policyName: engine.declarations.manifest.name)
                // Runs whose process died (SIGKILL, a crash) are marked
                // abandoned: never compared with, never resumed.
                abandoned = try file!.markAbandonedRuns()
            } catch {
                throw RunError(caseFile: error)
            }
            try LegacyIncidents.importOnce(policyFolder: policyFolder, into: file!)
            try CaseManagement.mergeSharedAcceptances(policyFolder: policyFolder, into: file!)
        }
        if let shard = request.shard {
            // One run shared by several processes (SharedCheck.swift).
            guard let file else { throw RunError(.usage, "--shard needs the case file (not --no-case-file)") }
            return try recordShared(request, shard: shard, spill: spill, file: file)
        }
        let manifest = engine.declarations.manifest
        var runID: RunID?
        if let file {
            do {
                runID = try file.beginRun(
                    RunStart(policyName: manifest.name, policyVersion: manifest.version, inputs: request.inputs))
            } catch {
                throw RunError(caseFile: error)
            }
            RunsInProgress.shared.add(run: runID!.rawValue, caseFile: file.path)
        }
        defer { if let file, let runID { RunsInProgress.shared.remove(run: runID.rawValue, caseFile: file.path) } }
        let latest: Timestamp?
        do {
            latest = try evaluate(request, spill: spill)
        } catch {
            if let file, let runID { try? file.abandonRun(runID, reason: "\(error)") }
            throw error
        }
        engine.prepareForEscalation()
        guard let file, let runID else {
            // No case file: the incidents of this run's findings alone (none
            // to open without incident declarations).
            // The events are read back from the spill in time order, one
            // at a time (memory holds the incidents, not every finding).
            let escalation: Escalation
            do {
                escalation = engine.declarations.incidents.isEmpty
                    ? Escalation.replay(engine: engine, events: [], until: latest)
                    : try Escalation.replay(engine: engine, ordered: SpillEvents(spill), until: latest)
            } catch {
                throw RunError(.spill, "\(error)")
            }
            decisions = escalation.outcomes
            incidents = escalation.incidents
            return
        }
        // The findings and their events go from the spill to the case file,
        // and the escalation is recomputed from every event recorded so far,
        // in the run's one transaction; a spill that cannot be read back
        // rolls it back.
        var escalation: Escalation?
        let engine = self.engine
        do {
            let (_, recorded) = try file.finishRun(
                runID, counts: RunCounts(activities: activities, skipped: skipped.count),
                streaming: { add in try spill.forEach { try add($0.finding, $0.line.event) } },
                escalate: { basis in
                    let until = [basis.horizon, latest].compactMap { $0 }.max()
                    let result = Escalation.replay(
                        engine: engine, events: basis.events, manual: basis.manual.map(ManualIncident.init), until: until)
                    escalation = result
                    return EscalationResult(incidents: result.incidents.map(StoredIncident.init), horizon: until)
                })
            let keys = Set(recorded.compactMap(\.decision.key))
            decisions = (escalation?.outcomes ?? []).filter { $0.error != nil || $0.key.map(keys.contains) == true }
            incidents = escalation?.incidents ?? []
        } catch let error as FindingSpill.SpillError {
            try? file.abandonRun(runID, reason: "\(error)")
            throw RunError(.spill, error.description)
        } catch {
            try? file.abandonRun(runID, reason: "\(error)")
            throw RunError(caseFile: error)
        }
        do {
            // Counts only: which finding is new is asked when it is read back.
            comparison = try file.compareCounts(runID)
        } catch {
            throw RunError(caseFile: error)
        }
        caseFile = file
        self.runID = runID
    }

    /// Imports every input and checks each activity (in parallel with
    /// several workers, sorted in time order first with `replay`); returns
    /// the latest activity's time.
    func evaluate(_ request: CheckRequest, spill: FindingSpill) throws(RunError) -> Timestamp? {
        engine.findsPersonalData = !request.reveal
        let recorder = FindingRecorder(engine: engine, spill: spill, reveal: request.reveal)
        var latest: Timestamp?
        let run = self
        func record(_ activity: Activity, _ result: ActivityCheck) {
            run.onActivity?()
            run.activities += 1
            for failure in result.failures { run.noteFailure(failure) }
            if latest == nil || activity.timestamp > latest! { latest = activity.timestamp }
            recorder.record(activity, result)
        }
        var issues: [ImportIssue] = []
        var sources: [ImportSummary] = []
        /// Every input's activities, in order, to `emit`; each input ends
        /// imported, partly imported or refused (`sources`), and a refused
        /// one does not stop the others. An activity in two inputs counts once.
        func importAll(_ emit: @escaping (Activity) -> Void) throws(RunError) {
            let importer = Importer()
            let seen = ImportedIDs()
            for path in request.inputs {
                do {
                    sources.append(try importer.importSource(at: path, seen: seen, onIssue: { issues.append($0) }) {
                        if run.activityFilter?($0) ?? true { emit($0) }
                    })
                } catch let error as ImportError {
                    sources.append(.refused(source: path, because: error))
                } catch {
                    throw RunError(.importFailed, "\(DiagnosticText.escaped(path)): \(error)")
                }
            }
        }
        /// The activities to check, to `emit`: as they come, or all of them
        /// held and sorted in time order (`--replay`: memory grows with them).
        func produce(_ emit: @escaping (Activity) -> Void) throws(RunError) {
            guard request.replay else { return try importAll(emit) }
            var held: [Activity] = []
            try importAll { held.append($0) }
            held.sort { $0.timestamp < $1.timestamp }
            for activity in held { emit(activity) }
        }
        if request.workers > 1 {
            let parallel: ParallelChecker
            do {
                parallel = try ParallelChecker(engine: engine, workers: request.workers)
            } catch {
                throw RunError(.policy, error.description)
            }
            do {
                try parallel.run({ emit in try produce(emit) }, { record($0, $1) })
            } catch let error as RunError {
                throw error
            } catch {
                throw RunError(.policy, "\(error)")
            }
        } else {
            // In stages over a few activities at a time: read them, check
            // them, record them. Each stage's code then stays in the
            // processor's caches from one activity to the next, where one
            // activity at a time ran through all of it for each.
            var held: [Activity] = []
            var checks: [ActivityCheck] = []
            held.reserveCapacity(Self.stage)
            checks.reserveCapacity(Self.stage)
            let engine = run.engine
            func flush() {
                for activity in held { checks.append(engine.check(activity)) }
                for i in held.indices { record(held[i], checks[i]) }
                held.removeAll(keepingCapacity: true)
                checks.removeAll(keepingCapacity: true)
            }
            do {
                try produce { activity in
                    held.append(activity)
                    if held.count == Self.stage { flush() }
                }
            } catch {
                flush()   // what was read before the error is checked and kept
                throw error
            }
            flush()
        }
        skipped = issues
        self.sources = sources
        do {
            if let error = recorder.error { throw error }
            try spill.flush()
        } catch {
            throw RunError(.spill, "\(error)")
        }
        RunLog.logger.info("check done", metadata: [
            "activities": "\(activities)", "findings": "\(spill.total)", "skipped": "\(issues.count)",
            "workers": "\(request.workers)",
        ])
        return latest
    }
}

/// What to check and how.
public struct CheckRequest: Sendable {
    /// Exports (folders, zips, files) or JSONL streams.
    public var inputs: [String]
    /// Check the activities in time order (indicators see each person's
    /// posts in the order they were written; holds the activities in memory).
    /// Incidents move in time order either way.
    public var replay = false
    /// Keep personal data in the excerpts instead of masking it.
    public var reveal = false
    /// Record the run in the policy's case file and resume its incidents.
    public var caseFile = true
    /// Workers checking in parallel, each with its own engine (with
    /// `replay` too: each person's activities stay in time order).
    public var workers = 1
    /// Where the case file is (`--case-file`: a path or a `postgres://`
    /// URL); nil: `$VIGIE_CASE_FILE`, else the policy's `.vigie/case.sqlite`.
    public var caseFileLocation: String?
    /// Share the run with other processes (PostgreSQL case file only).
    public var shard: ShardRequest?

    public init(
        inputs: [String], replay: Bool = false, reveal: Bool = false, caseFile: Bool = true, workers: Int = 1,
        caseFileLocation: String? = nil, shard: ShardRequest? = nil
    ) {
        self.inputs = inputs
        self.replay = replay
        self.reveal = reveal
        self.caseFile = caseFile
        self.workers = workers
        self.caseFileLocation = caseFileLocation
        self.shard = shard
    }
}

/// Turns each activity's findings into spilled `CheckedFinding`s, with
/// their excerpt masked; keeps the first error writing the spill (checking
/// goes on, the run fails after).
final class FindingRecorder {
    let engine: PolicyEngine
    let spill: FindingSpill
    let reveal: Bool
    private(set) var error: (any Error)?

    init(engine: PolicyEngine, spill: FindingSpill, reveal: Bool) {
        self.engine = engine
        self.spill = spill
        self.reveal = reveal
    }

    func record(_ activity: Activity, _ result: ActivityCheck) {
        guard !result.findings.isEmpty, error == nil else { return }
        // The detectors run once per activity, for all its findings (in the
        // engine, which shares the rules' text preparation); what the
        // findings share is computed once.
        let personal = reveal ? [] : result.personalData ?? Excerpt.personalData(in: activity.text)
        let key = PolicyEngine.actorKey(activity, actorID: result.actorID)
        let author = activity.author.handle ?? activity.author.displayName ?? activity.author.id ?? "?"
        let time = activity.timestamp.iso8601
        // The whole text as `check --format json` shows it: masked too.
        let findings = result.findings
        let shownText = Excerpt.masked(
            activity.text, evidence: findings.count == 1 ? findings[0].evidence : findings.flatMap(\.evidence),
            reveal: reveal, personal: personal)
        let masker = Masker(reveal: reveal, detector: ToolkitDetector())
        for (rank, finding) in findings.enumerated() {
            // One finding: the whole text was masked with its evidence already.
            let excerpt = findings.count == 1
                ? Excerpt.window(masked: shownText, evidence: finding.evidence)
                : Excerpt.window(activity.text, evidence: finding.evidence, reveal: reveal, personal: personal)
            do {
                try spill.append(
                    finding, platform: activity.platform.rawValue, kind: activity.kind.rawValue, author: author,
                    time: time, timeIsTimestamp: true, excerpt: excerpt, activityText: shownText,
                    timestamp: activity.timestamp, actorKey: key, ordinal: rank,
                    note: result.notes[finding.fingerprint].map(masker.mask))
            } catch {
                self.error = error
                return
            }
        }
    }
}
