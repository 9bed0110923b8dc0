import Foundation
import VigieModel

/// The persistent case file of one client: the runs of its policy, the
/// findings with their fingerprints (first and last run that saw them), the
/// findings accepted into the baseline, the incidents with every decision and
/// its reasons, the erasures, and `vigie serve`'s decision log.
///
/// Two back ends answer the same questions the same way (one test suite runs
/// against both):
/// - SQLite, the default: a file inside the policy folder (`.vigie/case.sqlite`),
///   nothing to install, for one consultant (`CaseFile(path:)`);
/// - PostgreSQL: one schema per client in a database shared by a team, by
///   `vigie serve` instances and by batch workers (`CaseFile(location:)` with
///   a `postgres://` URL; docs/scale.md).
///
/// Either is created on first use and migrated on open. A run writes its
/// findings and incidents in one transaction when it finishes, so a run that
/// dies half-way leaves nothing but a `running` row that every comparison
/// ignores. What is stored is documented in `docs/case-file.md`:
/// identifiers, offsets, positions and the consultants' reasons; never the
/// text of an activity.
public struct CaseFile: Sendable {
    /// The place of the SQLite case file inside a policy folder.
    public static let defaultRelativePath = ".vigie/case.sqlite"

    let store: any CaseStore
    public let location: CaseFileLocation

    /// The case file's path, or its PostgreSQL URL (without a password):
    /// what messages show, and what `CaseFile(path:)` opens again.
    public var path: String { location.description }

    /// Opens the case file at `path` (a SQLite file, created with its folder
    /// when missing; or a `postgres://` URL with its `schema=`), and brings
    /// its schema up to date.
    ///
    /// - Parameter busyTimeout: how long a write waits for another process's
    ///   write to finish before failing with `CaseFileError.Code.busy` (SQLite).
    public init(path: String, busyTimeout: TimeInterval = 30) throws {
        try self.init(location: try CaseFileLocation.parse(path), busyTimeout: busyTimeout)
    }

    /// Opens the case file at `location` and brings its schema up to date
    /// (PostgreSQL: when the role may; else it must be up to date already).
    public init(location: CaseFileLocation, busyTimeout: TimeInterval = 30, retry: PGRetryPolicy = PGRetryPolicy()) throws {
        self.location = location
        switch location {
        case .sqlite(let path):
            store = try SQLiteCaseFile(path: path, busyTimeout: busyTimeout)
        case .postgres(let postgres):
            store = try PostgresCaseFile(location: postgres, retry: retry)
        }
    }

    /// Opens (or creates) the case file of the policy in `policyFolder`:
    /// `<policyFolder>/.vigie/case.sqlite`. The `.vigie` folder gets a
    /// `.gitignore` so that personal data does not end up in the policy's history.
    public static func open(policyFolder: String, busyTimeout: TimeInterval = 30) throws -> CaseFile {
        try open(policyFolder: policyFolder, location: nil, policyName: nil, busyTimeout: busyTimeout, environment: [:])
    }

    /// Opens the case file a command was given: `location` (a `--case-file`
    /// value), else `$VIGIE_CASE_FILE`, else the policy's own SQLite file. A
    /// PostgreSQL URL without `schema=` uses the schema of `policyName`.
    public static func open(
        policyFolder: String, location: String?, policyName: String?, busyTimeout: TimeInterval = 30,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> CaseFile {
        let resolved = try CaseFileLocation.resolve(
            location, policyFolder: policyFolder, policyName: policyName, environment: environment)
        let file = try CaseFile(location: resolved, busyTimeout: busyTimeout)
        if case .sqlite(let path) = resolved,
            path == URL(fileURLWithPath: policyFolder).appendingPathComponent(defaultRelativePath).path
        {
            let ignore = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(".gitignore")
            if !FileManager.default.fileExists(atPath: ignore.path) {
                try? Data("# The case file holds clients' personal data: keep it out of version control.\n*\n".utf8)
                    .write(to: ignore)
            }
        }
        return file
    }

    /// Whether it is a PostgreSQL case file (shared runs, roles).
    public var isShared: Bool { location.isPostgres }

    /// The names of the migrations applied, in order.
    public func appliedMigrations() throws -> [String] { try store.appliedMigrations() }

    /// The database's own check: `["ok"]` when it is sound (SQLite's
    /// integrity check; PostgreSQL: the schema's tables all answer).
    public func integrityCheck() throws -> [String] { try store.integrityCheck() }

    /// Closes the connection (PostgreSQL); the value may not be used after.
    public func close() { store.close() }

    // MARK: Runs

    /// Records the start of a run and returns its id. Nothing else is written
    /// until `finishRun`: a run whose process dies stays `running` and is ignored.
    public func beginRun(_ start: RunStart) throws -> RunID { try store.beginRun(start) }

    /// Saves everything a run found, in one transaction, and marks it complete:
    /// its findings (first and last run seen updated), the incidents it opened
    /// or moved with the decisions not yet stored, and its counts.
    ///
    /// Findings with the same fingerprint are saved once. Incident histories
    /// are append-only: decisions already in the file are recognised and kept,
    /// new ones are added after them.
    @discardableResult
    public func finishRun(
        _ id: RunID, findings: [Finding], incidents: [Incident] = [], counts: RunCounts, finishedAt: Date = Date()
    ) throws -> RunRecord {
        try finishRun(id, findings: findings, incidents: incidents, counts: counts, finishedAt: finishedAt, failAfter: nil)
    }

    /// Like `finishRun(_:findings:incidents:counts:finishedAt:)`, for findings
    /// that do not fit in memory: `findings` is called inside the run's one
    /// transaction and hands each finding to `add` in turn (from a file, say).
    /// What `findings` throws rolls the whole run back, as any failure does.
    /// (PostgreSQL may call `findings` again when it retries the transaction.)
    @discardableResult
    public func finishRun(
        _ id: RunID, incidents: [Incident] = [], counts: RunCounts, finishedAt: Date = Date(),
        streaming findings: (_ add: (Finding) throws -> Void) throws -> Void
    ) throws -> RunRecord {
        try withoutActuallyEscaping(findings) { findings in
            try store.finishRun(
                id, incidents: incidents, counts: counts, finishedAt: finishedAt, failAfter: nil,
                streaming: { add in try withoutActuallyEscaping(add) { add in try findings { try add($0, nil) } } },
                escalate: nil
            ).run
        }
    }

    /// Saves a run as `finishRun(_:incidents:counts:finishedAt:streaming:)`
    /// does, with each finding's event (who, when) for the escalation, then
    /// recomputes the incidents with `escalate` from every event recorded so
    /// far and saves them, all in the run's one transaction. Returns the run
    /// and the decisions recorded for the first time.
    public func finishRun(
        _ id: RunID, counts: RunCounts, finishedAt: Date = Date(),
        streaming findings: (_ add: (Finding, FindingEvent?) throws -> Void) throws -> Void,
        escalate: (EscalationBasis) throws -> EscalationResult
    ) throws -> (run: RunRecord, decisions: [RecordedDecision]) {
        try withoutActuallyEscaping(escalate) { escalate in
            try store.finishRun(
                id, incidents: [], counts: counts, finishedAt: finishedAt, failAfter: nil, streaming: findings,
                escalate: escalate)
        }
    }

    /// `failAfter` makes the transaction throw after that many findings: the
    /// tests use it to check that a run dying mid-write leaves nothing behind.
    func finishRun(
        _ id: RunID, findings: [Finding], incidents: [Incident], counts: RunCounts, finishedAt: Date, failAfter: Int?
    ) throws -> RunRecord {
        try store.finishRun(
            id, incidents: incidents, counts: counts, finishedAt: finishedAt, failAfter: failAfter,
            streaming: { add in for finding in findings { try add(finding, nil) } }, escalate: nil
        ).run
    }

    /// Marks a run incomplete: it will never be compared with. For a run that
    /// failed, was interrupted, or was started by mistake.
    public func abandonRun(_ id: RunID, reason: String, at date: Date = Date()) throws {
        try store.abandonRun(id, reason: reason, at: date)
    }

    /// Marks a running run `interrupted` (a signal stopped it): it will never
    /// be compared with. Returns whether it was running.
    @discardableResult
    public func interruptRun(_ id: RunID, reason: String, at date: Date = Date()) throws -> Bool {
        try store.interruptRun(id, reason: reason, at: date)
    }

    /// Marks `abandoned` the runs still `running` whose process is gone on
    /// this machine (killed outright, crashed): a run in progress in another
    /// live process, or on another machine, is left alone, and so is a shared
    /// run (its chunks are taken over instead). Call it before beginning a
    /// run. Returns their ids.
    @discardableResult
    public func markAbandonedRuns(at date: Date = Date()) throws -> [RunID] { try store.markAbandonedRuns(at: date) }

    /// Marks incomplete the runs still `running` that started before `date`:
    /// those whose process died. Returns their ids. Choose a date older than
    /// any run that may still be going on in another process.
    @discardableResult
    public func markInterruptedRuns(startedBefore date: Date) throws -> [RunID] {
        try store.markInterruptedRuns(startedBefore: date)
    }

    /// The run with this id, or nil.
    public func run(_ id: RunID) throws -> RunRecord? { try store.run(id) }

    /// Every run, oldest first.
    public func runs() throws -> [RunRecord] { try store.runs() }

    /// The last complete run, optionally the last one before `run`.
    public func latestCompleteRun(before run: RunID? = nil) throws -> RunRecord? { try store.latestCompleteRun(before: run) }

    // MARK: Findings and the baseline

    /// The findings a complete run saved, most severe first.
    public func findings(in run: RunID) throws -> [StoredFinding] { try store.findings(in: run) }

    /// What a rerun shows as new: the findings of `run` that no earlier
    /// complete run reported and that nobody accepted.
    public func newFindings(in run: RunID) throws -> [StoredFinding] { try store.newFindings(in: run) }

    /// Compares the findings of `run` with those of `baseline`, by default the
    /// last complete run before it. Accepted findings are set apart.
    public func compare(_ run: RunID, baseline: RunID? = nil) throws -> FindingComparison {
        try store.compare(run, baseline: baseline)
    }

    /// What `compare` says, as counts: for runs too large to load whole.
    public func compareCounts(_ run: RunID, baseline: RunID? = nil) throws -> FindingComparison.Counts {
        try store.compareCounts(run, baseline: baseline)
    }

    /// Which of `fingerprints` `compare(run, baseline:)` would count as added:
    /// those not accepted and not reported by `baseline` (all of the ones
    /// not accepted when it is nil). Ask for a few hundred at a time.
    public func addedFingerprints(among fingerprints: some Sequence<String>, baseline: RunID?) throws -> Set<String> {
        try store.addedFingerprints(among: Array(fingerprints), baseline: baseline)
    }

    /// Accepts a finding into the baseline: later runs still report it, but
    /// not as new, until the acceptance `expires` (if it does). Accepting it
    /// again replaces the reason. Unless `requireKnown` is false (a team's
    /// shared acceptances), the fingerprint must be one this file has seen.
    public func accept(
        fingerprint: String, reason: String, by person: String, at date: Date = Date(), expires: Date? = nil,
        requireKnown: Bool = true
    ) throws {
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
            !person.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        else {
            throw CaseFileError(
                .missingReason, path: path,
                message: "accepting \(fingerprint) needs a reason and the name of who accepts it, so that the next consultant knows why")
        }
        try store.accept(
            fingerprint: fingerprint, reason: reason, by: person, at: date, expires: expires, requireKnown: requireKnown)
    }

    /// Merges acceptances shared by a team (a file committed with the
    /// policy): each is taken unless this file holds a later acceptance of
    /// the same finding. Returns how many were taken.
    @discardableResult
    public func merge(acceptances: [AcceptedFinding]) throws -> Int { try store.merge(acceptances: acceptances) }

    /// Takes a finding out of the baseline; returns whether it was in it.
    @discardableResult
    public func revokeAcceptance(fingerprint: String) throws -> Bool { try store.revokeAcceptance(fingerprint: fingerprint) }

    /// The baseline, oldest acceptance first.
    public func acceptedFindings() throws -> [AcceptedFinding] { try store.acceptedFindings() }

    // MARK: Incidents

    /// The incident with this id and its whole history, or nil.
    public func incident(_ id: String) throws -> Incident? { try store.incident(id) }

    /// The incidents, optionally only those with a status, ordered by id.
    public func incidents(status: Incident.Status? = nil) throws -> [Incident] { try store.incidents(status: status) }

    /// Records a decision taken outside a run (a consultant warned someone,
    /// excluded them giving the reasons, closed the incident), and returns the
    /// incident as it now stands.
    @discardableResult
    public func record(_ decision: Decision, incident id: String) throws -> Incident {
        try store.record(decision, incident: id)
    }

    /// Every finding event recorded, in the escalation's time order.
    public func findingEvents() throws -> [FindingEvent] { try store.findingEvents() }

    /// The incidents holding decisions a consultant took (or decisions
    /// imported from an older case file), with only those decisions.
    public func manualIncidents() throws -> [StoredIncident] { try store.manualIncidents() }

    /// The incidents as stored, with their whole history.
    public func storedIncidents(status: Incident.Status? = nil) throws -> [StoredIncident] {
        try store.storedIncidents(status: status)
    }

    /// How far in time the escalation was last brought (nil before any).
    public func escalationHorizon() throws -> Timestamp? { try store.escalationHorizon() }

    /// Runs `escalate` on the case as stored (plus `events`, recorded
    /// first) and saves what it gives back, in one transaction: what
    /// `vigie react` does between runs. Returns the decisions recorded now.
    public func escalate(
        adding events: [FindingEvent] = [], by escalate: (EscalationBasis) throws -> EscalationResult
    ) throws -> [RecordedDecision] {
        try store.escalate(adding: events, by: escalate)
    }

    /// Records a consultant's decision on an incident (move, hold, resume,
    /// close, note), keyed `manual:…` so that it is kept and replayed by
    /// every later escalation. Returns the incident as stored.
    @discardableResult
    public func recordManual(_ decision: Decision, incident id: String) throws -> StoredIncident {
        var decision = decision
        if decision.key == nil { decision.key = "manual:" + UUID().uuidString.lowercased() }
        return try store.recordManual(decision, incident: id)
    }

    /// Takes incidents kept elsewhere (an older version's file) into the
    /// case file, with their decisions, in one transaction; decisions
    /// already recorded (by key) are kept once.
    public func importIncidents(_ incidents: [StoredIncident]) throws { try store.importIncidents(incidents) }

    // MARK: Erasure

    /// Removes a person from the case file (the right to erasure): the
    /// findings about them in every run, their finding events, the incidents
    /// about them with their decisions, the acceptances of those findings,
    /// and `vigie serve`'s decisions about them, in one transaction. `person`
    /// is a profile person's id or an account's key (`platform:handle`, as
    /// incidents show it). The erasure itself is recorded without the
    /// person's data. Returns the number of rows removed (0: nothing was
    /// held about them, nothing is recorded).
    @discardableResult
    public func erase(person: String, by who: String, reason: String, at date: Date = Date()) throws -> Int {
        guard !who.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
            !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        else {
            throw CaseFileError(
                .missingReason, path: path,
                message: "an erasure needs the name of who asks for it and a reason (for example the request's date), recorded without the person's data")
        }
        return try store.erase(person: person, by: who, reason: reason, at: date)
    }

    /// The erasures recorded, oldest first.
    public func erasures() throws -> [ErasureRecord] { try store.erasures() }

    // MARK: vigie serve's decision log

    /// Appends `vigie serve`'s decisions, all in one transaction (PostgreSQL:
    /// tried again after a dropped connection without writing any twice).
    public func recordServeDecisions(_ records: [ServeDecisionRecord]) throws {
        try store.recordServeDecisions(records, token: UUID().uuidString)
    }

    /// Appends a batch under a token of the caller's: the same batch given
    /// again with the same token (its first commit's answer was lost) is
    /// not written twice (PostgreSQL; a SQLite file's commit is not lost so).
    public func recordServeDecisions(_ records: [ServeDecisionRecord], token: String) throws {
        try store.recordServeDecisions(records, token: token)
    }

    /// `vigie serve`'s decisions, oldest first: all of them, those about one
    /// draft (its keyed hash), or those of one person.
    public func serveDecisions(draftHash: String? = nil, person: String? = nil) throws -> [ServeDecisionRecord] {
        try store.serveDecisions(draftHash: draftHash, person: person)
    }

    /// Removes `vigie serve`'s decisions about a person (the right to
    /// erasure); returns how many went.
    @discardableResult
    public func eraseServeDecisions(person: String) throws -> Int { try store.eraseServeDecisions(person: person) }
}

/// What each back end of `CaseFile` does; `CaseFile` checks the arguments
/// both share and hands the rest over.
protocol CaseStore: Sendable {
    var location: CaseFileLocation { get }
    func appliedMigrations() throws -> [String]
    func integrityCheck() throws -> [String]
    func close()

    func beginRun(_ start: RunStart) throws -> RunID
    func finishRun(
        _ id: RunID, incidents: [Incident], counts: RunCounts, finishedAt: Date, failAfter: Int?,
        streaming findings: (_ add: (Finding, FindingEvent?) throws -> Void) throws -> Void,
        escalate: ((EscalationBasis) throws -> EscalationResult)?
    ) throws -> (run: RunRecord, decisions: [RecordedDecision])
    func abandonRun(_ id: RunID, reason: String, at date: Date) throws
    func interruptRun(_ id: RunID, reason: String, at date: Date) throws -> Bool
    func markAbandonedRuns(at date: Date) throws -> [RunID]
    func markInterruptedRuns(startedBefore date: Date) throws -> [RunID]
    func run(_ id: RunID) throws -> RunRecord?
    func runs() throws -> [RunRecord]
    func latestCompleteRun(before run: RunID?) throws -> RunRecord?

    func findings(in run: RunID) throws -> [StoredFinding]
    func newFindings(in run: RunID) throws -> [StoredFinding]
    func compare(_ run: RunID, baseline: RunID?) throws -> FindingComparison
    func compareCounts(_ run: RunID, baseline: RunID?) throws -> FindingComparison.Counts
    func addedFingerprints(among fingerprints: [String], baseline: RunID?) throws -> Set<String>
    func accept(fingerprint: String, reason: String, by person: String, at date: Date, expires: Date?, requireKnown: Bool) throws
    func merge(acceptances: [AcceptedFinding]) throws -> Int
    func revokeAcceptance(fingerprint: String) throws -> Bool
    func acceptedFindings() throws -> [AcceptedFinding]

    func incident(_ id: String) throws -> Incident?
    func incidents(status: Incident.Status?) throws -> [Incident]
    func record(_ decision: Decision, incident id: String) throws -> Incident
    func findingEvents() throws -> [FindingEvent]
    func manualIncidents() throws -> [StoredIncident]
    func storedIncidents(status: Incident.Status?) throws -> [StoredIncident]
    func escalationHorizon() throws -> Timestamp?
    func escalate(adding events: [FindingEvent], by escalate: (EscalationBasis) throws -> EscalationResult) throws
        -> [RecordedDecision]
    func recordManual(_ decision: Decision, incident id: String) throws -> StoredIncident
    func importIncidents(_ incidents: [StoredIncident]) throws

    func erase(person: String, by who: String, reason: String, at date: Date) throws -> Int
    func erasures() throws -> [ErasureRecord]

    func recordServeDecisions(_ records: [ServeDecisionRecord], token: String) throws
    func serveDecisions(draftHash: String?, person: String?) throws -> [ServeDecisionRecord]
    func eraseServeDecisions(person: String) throws -> Int

    /// Hands every record to `sink`, table by table in `CaseTables.all`'s
    /// order, a batch of rows at a time (in one read transaction).
    func exportRecords(_ sink: (CaseTable, [[CaseValue]]) throws -> Void) throws
    /// Writes what `feed` hands over, in one transaction; refuses (`notEmpty`)
    /// when the case file already holds records.
    func importRecords(_ feed: (_ write: (CaseTable, [[CaseValue]]) throws -> Void) throws -> Void) throws
}
