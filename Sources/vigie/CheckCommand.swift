import ArgumentParser
import Foundation
import VigieEngine
import VigieImport
import VigieModel
import VigieReport
import VigieRun

extension Severity: ExpressibleByArgument {}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Evaluate a client's exports against the policy: findings, incidents, next reaction steps.",
        discussion: """
            Reads exports (folders, .zip, single files in any format `vigie import`
            knows, or JSONL streams), runs every rule and indicator of the policy on
            each activity, opens incidents, and proposes each incident's next
            escalation step. Personal data in the evidence (phones, e-mails,
            addresses, identifiers) is masked unless --reveal is given.

            Memory stays flat however large the input: findings wait in a private
            temporary folder (under $TMPDIR, removed at the end, on error and on
            Ctrl-C) until they are printed. Large streams: --workers 2 on two cores.

            Examples:
              vigie check Policies/entretien-menager/donnees --policy Policies/entretien-menager
              vigie check export.zip --fail-on medium
              vigie check activities.jsonl --format json > findings.json

            Incidents move in time order, finding by finding, from every finding the
            case file has seen: running the same export again, or a cumulative one,
            takes no decision twice. The text output ends with the decisions this
            run took and the open incidents, moved or not.

            Exit codes: 0 no new, unaccepted finding at or above --fail-on, 1 such
            findings, or a rule or a reaction's condition failed (unless
            --allow-rule-failures), 2 bad usage, unreadable input or a policy that does not load,
            5 the case file is locked by another run, 6 the case file is damaged,
            7 the disk is full, 130 when interrupted (128 + the signal).
            """
    )

    @OptionGroup var options: PolicyOptions

    @Argument(help: "Exports or JSONL streams to check.")
    var paths: [String]

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a new, unaccepted finding has this severity or more (info, low, medium, high, critical).")
    var failOn: Severity = .high

    @Flag(help: "Show personal data in the evidence instead of masking it.")
    var reveal = false

    @Flag(help: "Replay the activities in time order and move the reactions after each one, as if the weeks were lived again (holds the activities in memory).")
    var replay = false

    @Option(help: "Check with this many workers in parallel, each with its own Lua state; activities are shared out by person, results come in the same order as with one (not with --replay).")
    var workers: Int = 1

    @Option(name: .customLong("rule-costs"), help: ArgumentHelp(
        "Benchmark aid: time each rule alone on the first N activities, print the costs to standard error, and stop.",
        visibility: .hidden))
    var ruleCosts: Int?

    func validate() throws {
        if workers < 1 { throw ValidationError("--workers must be at least 1.") }
        if paths.isEmpty { throw ValidationError("Give at least one export or JSONL stream to check.") }
    }

    @Flag(name: .customLong("no-case-file"), help: "Do not record the run in the policy's case file (.vigie/).")
    var noCaseFile = false

    @Flag(name: .customLong("allow-rule-failures"), help: "Exit 0 even when a rule or a reaction's condition failed (the failures are still listed).")
    var allowRuleFailures = false

    func run() throws {
        let engine = try options.load()
        if let ruleCosts {
            try printRuleCosts(engine, count: ruleCosts)
            return
        }
        Interruption.cleanUpRunsOnSignal()
        let run = CheckRun(engine: engine, policyFolder: options.policy)
        // The spilled findings are removed however the command ends.
        defer { run.close() }
        let progress = ProgressLine(label: "activities checked")
        run.onActivity = { progress.tick() }
        do {
            defer { progress.finish() }
            try run.run(CheckRequest(inputs: paths, replay: replay, reveal: reveal, caseFile: !noCaseFile, workers: workers))
        }
        // Counted while the findings are read back (each is new or not);
        // --fail-on looks at the new, unaccepted ones only.
        var newCount = 0
        var highestNew: Severity?
        func saw(_ line: CheckedFinding) { saw(line.finding.severity, isNew: line.isNew) }
        func saw(_ severity: Severity, isNew: Bool) {
            guard isNew else { return }
            newCount += 1
            if highestNew == nil || severity > highestNew! { highestNew = severity }
        }

        if format == .json {
            let out = StandardOutput()
            try run.writeJSON(toBytes: out.write(bytes:)) { severity, isNew in saw(severity, isNew: isNew) }
            out.flush()
        } else {
            let titles = Dictionary(engine.declarations.rules.map { ($0.id, $0.texts.title ?? $0.id) }) { a, _ in a }
            let style = Style()
            for severity in Severity.allCases.reversed() {
                let count = run.findingCount(severity)
                guard count > 0 else { continue }
                print(style.severity(severity, "\(severity.rawValue.uppercased()) (\(count))"))
                try run.forEachFinding(severity) { line in
                    saw(line)
                    let where_ = line.finding.activity.source.map { " [\($0)]" } ?? ""
                    let new = run.hasBaseline && line.isNew ? style.bold("NEW ") : ""
                    print("  \(new)\(line.finding.ruleID) — \(titles[line.finding.ruleID] ?? "")")
                    print(style.dim("    \(line.time) \(line.platform) \(line.author)\(where_)"))
                    print("    « \(line.excerpt) »")
                    if let advice = line.finding.advice { print("    → \(advice)") }
                }
            }
            for failure in run.failures { print("rule failure: \(failure.description)") }
            if !run.decisions.isEmpty {
                let people = Dictionary((engine.profile?.people ?? []).map { ($0.id, $0.name) }) { a, _ in a }
                print(style.bold("Incidents and next steps"))
                for d in run.decisions {
                    let who = d.actorID.map { people[$0] ?? $0 } ?? "unknown person"
                    if let error = d.error {
                        print("  \(d.incidentKind) (\(who)): error in the condition of step \(d.stepID), the incident stays where it was: \(error)")
                        continue
                    }
                    let title = d.stepTitle ?? d.stepID
                    // The reason often starts with the step's title: say it once.
                    print("  \(d.incidentKind) (\(who)): \(d.reason.hasPrefix(title) ? d.reason : "\(title) — \(d.reason)")")
                    if let advice = d.advice { print("    → \(advice)") }
                }
            }
            let open = run.openIncidents
            if !open.isEmpty {
                print(style.bold("Open incidents"))
                for i in open {
                    let who = i.person ?? i.actorKey
                    var line = "  \(i.kind) (\(who)): \(i.stepTitle ?? i.step ?? "no step")"
                    if let since = i.since { line += ", since \(since.iso8601)" }
                    if i.held { line += ", held" }
                    if !i.moved { line += " (unchanged by this run)" }
                    print(line)
                }
            }
            for issue in run.skipped { FileHandle.standardError.write(Data("skipped: \(issue)\n".utf8)) }
        }
        var summary = "\(run.activities) activities checked, \(run.findingCount) findings"
        if let comparison = run.comparison, comparison.baseline != nil {
            summary += " (\(newCount) new since the last run, \(comparison.removed) gone, \(comparison.accepted) accepted)"
        }
        summary += ", \(run.failures.count) rule failures, \(run.skipped.count) records skipped, \(run.decisions.count) reaction decisions"
        if let id = run.runID { summary += "; run \(id.rawValue) recorded in \(options.policy)/.vigie/" }
        FileHandle.standardError.write(Data((summary + "\n").utf8))
        let conditionErrors = run.decisions.filter { $0.error != nil }.count
        if (!run.failures.isEmpty || conditionErrors > 0) && !allowRuleFailures {
            FileHandle.standardError.write(Data(
                "error: \(run.failures.count) rule failure(s) and \(conditionErrors) failed reaction condition(s): the findings may be incomplete; fix the policy, or pass --allow-rule-failures to accept them\n".utf8))
            throw ExitCode(1)
        }
        if let highestNew, highestNew >= failOn {
            throw ExitCode(1)
        }
    }
}

extension CheckCommand {
    func printRuleCosts(_ engine: PolicyEngine, count: Int) throws {
        var activities: [Activity] = []
        for path in paths {
            do {
                _ = try Importer().importSource(at: path, onIssue: { _ in }) { a in
                    if activities.count < count { activities.append(a) }
                }
            } catch {
                throw CLIError.input("\(error)")
            }
        }
        let costs = engine.measureRuleCosts(activities)
        var text = "rule costs over \(activities.count) activities (µs per activity)\n"
        text += "  (handover: view, packing, dispatcher call) \(String(format: "%.2f", costs.handover * 1e6))\n"
        for (id, s) in costs.rules { text += "  \(id) \(String(format: "%.2f", s * 1e6))\n" }
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// Colours and emphasis on a terminal only (NO_COLOR is honoured).
struct Style {
    let enabled: Bool = isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil

    func wrap(_ code: String, _ text: String) -> String { enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    func bold(_ text: String) -> String { wrap("1", text) }
    func dim(_ text: String) -> String { wrap("2", text) }
    func severity(_ s: Severity, _ text: String) -> String {
        switch s {
        case .critical: wrap("1;35", text)
        case .high: wrap("1;31", text)
        case .medium: wrap("1;33", text)
        default: wrap("1;36", text)
        }
    }
}
