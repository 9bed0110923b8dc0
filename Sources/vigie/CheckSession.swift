import Foundation
import VigieCaseFile
import VigieEngine
import VigieImport
import VigieModel
import VigieReport
import VigieToolkit

/// One evaluation of exports against a policy, as `check` and `report` run
/// it: the activities through the rules, the reactions, and the run kept in
/// the client's case file (`<policy>/.vigie/`), so that the next run shows
/// what is new and resumes the escalations.
final class CheckSession {
    struct Line: Encodable {
        var finding: Finding
        var isNew: Bool
        var platform: String
        var kind: String
        var author: String
        var time: String
        var excerpt: String
        var activityText: String
        var timestamp: Timestamp
    }

    let engine: PolicyEngine
    let policyFolder: String
    /// The findings, on disk as they come (see `forEachLine`); nil before
    /// `run` and after `close`.
    private(set) var spill: FindingSpill?
    /// The case file the run was recorded in (nil with --no-case-file).
    private var caseFile: CaseFile?
    var failures: [RuleFailure] = []
    var skipped: [ImportIssue] = []
    var activities = 0
    var decisions: [ReactionOutcome] = []
    /// What the case file says of this run, as counts (nil with --no-case-file).
    var comparison: FindingComparison.Counts?
    var runID: RunID?
    /// Workers checking in parallel, each with its own engine (1: this
    /// engine alone). `--replay` always runs on one.
    var workers = 1

    /// Where the escalation state of the incidents is kept between runs.
    static func incidentsFile(_ policyFolder: String) -> URL {
        URL(fileURLWithPath: policyFolder).appendingPathComponent(".vigie/incidents.json")
    }

    static func loadIncidents(_ policyFolder: String) throws -> IncidentBook? {
        let url = incidentsFile(policyFolder)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            return try JSONDecoder().decode(IncidentBook.self, from: Data(contentsOf: url))
        } catch {
            throw CLIError.input("\(url.path): the saved incidents cannot be read (\(error)); move the file away to start afresh")
        }
    }

    static func saveIncidents(_ book: IncidentBook, _ policyFolder: String) throws {
        let url = incidentsFile(policyFolder)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        // A regular file of Vigie's own: written whole, then renamed.
        try encoder.encode(book).write(to: url, options: .atomic)
    }

    init(engine: PolicyEngine, policyFolder: String) {
        self.engine = engine
        self.policyFolder = policyFolder
    }

    deinit { close() }

    /// How many findings the run produced (duplicates included).
    var findingCount: Int { spill?.total ?? 0 }

    /// How many findings of `severity` the run produced.
    func findingCount(_ severity: Severity) -> Int { spill?.counts[severity] ?? 0 }

    /// The severity of the most severe finding, nil without findings.
    var highestSeverity: Severity? {
        Severity.allCases.last { findingCount($0) > 0 }
    }

    /// Removes the spilled findings (also done when the session is released).
    func close() {
        spill?.remove()
        spill = nil
    }

    /// Reads the findings back from the spill: those of `severity` in the
    /// order they came, or all of them in that order. `isNew` is marked from
    /// the case file, a few hundred findings per query.
    func forEachLine(_ severity: Severity? = nil, _ body: (Line) throws -> Void) throws {
        guard let spill else { return }
        var batch: [FindingSpill.Record] = []
        func deliver() throws {
            var added: Set<String>?
            if let caseFile, let comparison, let baseline = comparison.baseline {
                do {
                    added = try caseFile.addedFingerprints(among: batch.map(\.finding.fingerprint), baseline: baseline)
                } catch {
                    throw CLIError.input("the case file cannot be read: \(error)")
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
            throw CLIError.input("\(error)")
        }
        try deliver()
    }

    /// Every finding, in the order they came: for a report, rendered whole.
    func allLines() throws -> [Line] {
        var lines: [Line] = []
        lines.reserveCapacity(findingCount)
        try forEachLine { lines.append($0) }
        return lines
    }

    /// Runs the check. With `caseFile`, the run is recorded and the incidents
    /// resume from the previous run.
    func run(paths: [String], replay: Bool, reveal: Bool, caseFile: Bool) throws {
        for path in paths where !FileManager.default.fileExists(atPath: path) {
            throw CLIError.input("\(path): no such file or folder")
        }
        close()
        let spill: FindingSpill
        do {
            spill = try FindingSpill()
        } catch {
            throw CLIError.input("\(error)")
        }
        self.spill = spill
        do {
            try run(paths: paths, replay: replay, reveal: reveal, caseFile: caseFile, spill: spill)
        } catch {
            close()
            throw error
        }
    }

    private func run(paths: [String], replay: Bool, reveal: Bool, caseFile: Bool, spill: FindingSpill) throws {
        var file: CaseFile?
        if caseFile {
            do {
                file = try CaseFile.open(policyFolder: policyFolder)
            } catch {
                throw CLIError.input("the case file cannot be opened: \(error)")
            }
            if let book = try Self.loadIncidents(policyFolder) { engine.incidents = book }
        }
        let manifest = engine.declarations.manifest
        let runID = try file.map {
            try $0.beginRun(RunStart(policyName: manifest.name, policyVersion: manifest.version, inputs: paths))
        }
        do {
            try evaluate(paths: paths, replay: replay, reveal: reveal, spill: spill)
        } catch {
            if let file, let runID { try? file.abandonRun(runID, reason: "\(error)") }
            throw error
        }
        guard let file, let runID else { return }
        // The findings go from the spill to the case file in the run's one
        // transaction; a spill that cannot be read back rolls it back.
        do {
            _ = try file.finishRun(
                runID, incidents: engine.incidents.incidents.map(\.incident),
                counts: RunCounts(activities: activities, skipped: skipped.count)
            ) { add in
                try spill.forEach { try add($0.finding) }
            }
        } catch let error as FindingSpill.SpillError {
            try? file.abandonRun(runID, reason: "\(error)")
            throw CLIError.input("\(error)")
        }
        try Self.saveIncidents(engine.incidents, policyFolder)
        // Counts only: which finding is new is asked when it is read back.
        comparison = try file.compareCounts(runID)
        self.caseFile = file
        self.runID = runID
    }

    private func evaluate(paths: [String], replay: Bool, reveal: Bool, spill: FindingSpill) throws {
        engine.findsPersonalData = !reveal
        var held: [Activity] = []
        // The first error writing the spill; checking goes on, the run fails after.
        var spillError: (any Error)?
        var latest: Timestamp?
        let session = self
        let progress = ProgressLine(label: "activities checked")
        defer { progress.finish() }
        func check(_ activity: Activity) {
            record(activity, session.engine.check(activity))
        }
        func record(_ activity: Activity, _ result: ActivityCheck) {
            progress.tick()
            session.activities += 1
            session.failures += result.failures
            if latest == nil || activity.timestamp > latest! { latest = activity.timestamp }
            // The detectors run once per activity, for all its findings (in
            // the engine, which shares the rules' text preparation).
            let personal = result.findings.isEmpty || reveal
                ? [] : result.personalData ?? Masking.personalData(in: activity.text)
            for finding in result.findings where spillError == nil {
                let line = Line(
                    finding: finding, isNew: true, platform: activity.platform.rawValue, kind: activity.kind.rawValue,
                    author: activity.author.handle ?? activity.author.displayName ?? activity.author.id ?? "?",
                    time: activity.timestamp.iso8601,
                    excerpt: Masking.excerpt(activity.text, evidence: finding.evidence, reveal: reveal, personal: personal),
                    activityText: activity.text, timestamp: activity.timestamp)
                do {
                    try spill.append(line)
                } catch {
                    spillError = error
                }
            }
        }
        let importer = Importer()
        var issues: [ImportIssue] = []
        if workers > 1 && !replay {
            let parallel: ParallelChecker
            do {
                parallel = try ParallelChecker(engine: engine, workers: workers)
            } catch {
                throw CLIError.input("\(error)")
            }
            try parallel.run({ emit in
                for path in paths {
                    do {
                        _ = try importer.importSource(at: path, onIssue: { issues.append($0) }) { emit($0) }
                    } catch {
                        throw CLIError.input("\(error)")
                    }
                }
            }, { record($0, $1) })
            skipped = issues
            if let spillError { throw CLIError.input("\(spillError)") }
            if let latest { decisions = engine.react(at: latest) }
            Log.logger.info("check done", metadata: ["activities": "\(activities)", "workers": "\(workers)"])
            return
        }
        for path in paths {
            do {
                _ = try importer.importSource(at: path, onIssue: { issues.append($0) }) { activity in
                    if replay { held.append(activity) } else { check(activity) }
                }
            } catch {
                throw CLIError.input("\(error)")
            }
        }
        skipped = issues
        if replay {
            // The activities are held in memory here, by design (they are sorted).
            held.sort { $0.timestamp < $1.timestamp }
            for activity in held {
                check(activity)
                decisions += engine.react(at: activity.timestamp)
            }
        } else if let latest {
            decisions = engine.react(at: latest)
        }
        do {
            if let spillError { throw spillError }
            try spill.flush()
        } catch {
            throw CLIError.input("\(error)")
        }
        Log.logger.info("check done", metadata: [
            "activities": "\(activities)", "findings": "\(spill.total)", "skipped": "\(issues.count)",
        ])
    }
}

/// Masks personal data in what `check` prints, as the reports do
/// (`VigieReport.Masker`), and cuts the text around the evidence.
enum Masking {
    /// The toolkit detectors' ranges in `text`.
    static func personalData(in text: String) -> [Range<Int>] {
        ToolkitDetector().spans(in: text)
    }

    /// The activity's text around its evidence, personal data masked: the
    /// evidence labelled as personal data, and whatever the detectors find
    /// (`personal`: their ranges, when the caller already has them).
    static func excerpt(
        _ text: String, evidence: [EvidenceSpan], reveal: Bool, personal found: [Range<Int>]? = nil, width: Int = 160
    ) -> String {
        var shown = text
        if !reveal {
            let detector = Precomputed(ranges: found ?? personalData(in: text))
            let masker = Masker(reveal: false, detector: detector)
            shown = Masker.apply(ranges: masker.ranges(in: text, evidence: evidence), to: text)
        }
        // Masking keeps phones and identifiers in place but shortens e-mails:
        // the window around the evidence is approximate after one.
        // The window is cut on scalar offsets, the stretch copied whole.
        let scalars = shown.unicodeScalars
        var from = 0
        if let first = evidence.map(\.start).min(), first > width / 2 { from = first - width / 2 }
        let lower = scalars.index(scalars.startIndex, offsetBy: from, limitedBy: scalars.endIndex) ?? scalars.endIndex
        let upper = scalars.index(lower, offsetBy: width, limitedBy: scalars.endIndex) ?? scalars.endIndex
        var window = String(Substring(scalars[lower..<upper]))
        if window.utf8.contains(0x0A) { window = window.replacingOccurrences(of: "\n", with: " ") }
        return (lower > scalars.startIndex ? "…" : "") + window + (upper < scalars.endIndex ? "…" : "")
    }

    /// Ranges found beforehand, as a detector.
    struct Precomputed: PersonalDataDetector {
        let ranges: [Range<Int>]
        func spans(in text: String) -> [Range<Int>] { ranges }
    }
}
