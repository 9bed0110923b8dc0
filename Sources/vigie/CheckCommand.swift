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
            --allow-rule-failures), 2 bad usage, unreadable input or a policy that
            does not load, 4 an input file was refused or partly imported (unless
            --keep-going; each is listed), 5 the case file is locked by another
            run, 6 the case file is damaged,
            7 the disk is full, 130 when interrupted (128 + the signal).
            """
    )

    @OptionGroup var options: PolicyOptions

    @Argument(help: "Exports or JSONL streams to check (`-`: standard input).", completion: .file())
    var paths: [String]

    @OptionGroup var display: DisplayOptions

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

    @OptionGroup var caseFile: CaseFileOption

    @OptionGroup var sharing: ShardOptions

    @OptionGroup var lostInput: LostInput

    @Flag(name: .customLong("allow-rule-failures"), help: "Exit 0 even when a rule or a reaction's condition failed (the failures are still listed).")
    var allowRuleFailures = false

    func run() throws {
        let paths = try StandardInput.resolve(self.paths)
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
        run.onActivity = perActivity(of: run) { progress.tick() }
        do {
            defer { progress.finish() }
            try run.run(CheckRequest(
                inputs: paths, replay: replay, reveal: reveal, caseFile: !noCaseFile, workers: workers,
                caseFileLocation: caseFile.location, shard: sharing.request))
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

        let words = CLIWords(policyLanguage: engine.declarations.manifest.language)
        let masker = Masker(reveal: reveal, detector: ToolkitDetector())
        if format == .json {
            let out = StandardOutput()
            try run.writeJSON(toBytes: out.write(bytes:)) { severity, isNew in saw(severity, isNew: isNew) }
            out.flush()
        } else {
            let d = engine.declarations
            let titles = Dictionary((d.rules + d.indicators).map { ($0.id, $0.texts.title ?? $0.id) }) { a, _ in a }
            let incidentTitles = Dictionary(d.incidents.map { ($0.id, $0.texts.title ?? $0.id) }) { a, _ in a }
            let people = CheckRun.peopleNames(engine.profile)
            // Every time on the organisation's clock, the zone said once.
            let dates = DateStyle(language: words.language, clock: LocalClock(profile: engine.profile))
            let style = Style()
            /// Who an incident is about: the profile's name, else the
            /// author as the export names them, with the platform.
            func who(actorID: String?, incidentID: String) -> String {
                if let actorID { return people[actorID] ?? actorID }
                let key = run.incidents.first { $0.id == incidentID }?.actorKey ?? ""
                guard let colon = key.firstIndex(of: ":") else { return words.unknownPerson }
                return masker.mask(DisplayNames.account(
                    String(key[key.index(after: colon)...]), platform: Platform(String(key[..<colon])), language: words.language))
            }
            func incident(_ kind: String, _ person: String) -> String { "\(incidentTitles[kind] ?? kind) (\(person))" }
            if run.findingCount > 0 || !run.decisions.isEmpty { print(style.dim(dates.zoneNote)) }
            for severity in Severity.allCases.reversed() {
                let count = run.findingCount(severity)
                guard count > 0 else { continue }
                print(style.severity(severity, "\(words.severity(severity)) (\(count))"))
                try run.forEachFinding(severity) { line in
                    saw(line)
                    let where_ = line.finding.activity.source.map { " [\(DiagnosticText.escaped(masker.mask($0.description)))]" } ?? ""
                    let new = run.hasBaseline && line.isNew ? style.bold(words.new + " ") : ""
                    print("  \(new)\(line.finding.ruleID) — \(titles[line.finding.ruleID] ?? "")")
                    let platform = DisplayNames.platform(Platform(line.platform), language: words.language)
                    let author = line.finding.actorID.flatMap { people[$0] } ?? DiagnosticText.escaped(masker.mask(line.author))
                    print(style.dim("    \(dates.date(line.timestamp)) \(platform) \(author)\(where_)"))
                    print("    \(words.quote(line.excerpt))")
                    if let note = line.note { print("    \(words.labelled(words.note, note))") }
                    if let advice = line.finding.advice { print("    → \(advice)") }
                }
            }
            for failure in run.failures { print("\(words.ruleFailure): \(masker.mask(failure.description))") }
            for (rule, count) in run.failuresNotListed.sorted(by: { $0.key < $1.key }) {
                print("\(words.ruleFailure): \(words.failuresNotListed(rule: rule, count: count))")
            }
            if !run.decisions.isEmpty {
                print(style.bold(words.incidentsAndNextSteps))
                for d in run.decisions {
                    let head = incident(d.incidentKind, who(actorID: d.actorID, incidentID: d.incidentID))
                    if let error = d.error {
                        print("  \(head): \(words.conditionError(step: d.stepID, masker.mask(error)))")
                        continue
                    }
                    let title = d.stepTitle ?? d.stepID
                    // The reason often starts with the step's title: say it once.
                    print("  \(head): \(d.reason.hasPrefix(title) ? d.reason : "\(title) — \(d.reason)")")
                    if let advice = d.advice { print("    → \(advice)") }
                }
            }
            let open = run.openIncidents
            if !open.isEmpty {
                print(style.bold(words.openIncidents))
                for i in open {
                    var line = "  \(incident(i.kind, i.person ?? people[i.actorKey] ?? who(actorID: nil, incidentID: i.id))): \(i.stepTitle ?? i.step ?? words.noStep)"
                    if let since = i.since { line += ", \(words.since(dates.date(since)))" }
                    if i.held { line += ", \(words.held)" }
                    if !i.moved { line += " \(words.unchanged)" }
                    print(line)
                }
            }
            for issue in run.skipped {
                FileHandle.standardError.write(Data("\(words.skipped): \(masker.mask(issue.description))\n".utf8))
            }
        }
        var comparison: (new: Int, gone: Int, accepted: Int)?
        if let c = run.comparison, c.baseline != nil { comparison = (newCount, c.removed, c.accepted) }
        let summary = words.checkSummary(
            activities: run.activities, findings: run.findingCount, comparison: comparison, failures: run.failureCount,
            skipped: run.skipped.count, decisions: run.decisions.count,
            run: run.runID.map { ($0.rawValue, caseFile.place(policyFolder: options.policy, opened: run.caseFileLocation)) })
        FileHandle.standardError.write(Data((summary + "\n").utf8))
        if let shared = run.shared {
            // What this worker of a shared run did, and the run as a whole.
            var line = "shared run \(shared.run.rawValue): \(shared.joined ? "joined" : "registered"), \(shared.chunks) chunks; this process saved chunks \(shared.checkedChunks.map(String.init).joined(separator: ",").ifEmpty("none"))"
            if !shared.tookOver.isEmpty { line += " (took over \(shared.tookOver.map(String.init).joined(separator: ",")))" }
            if !shared.lost.isEmpty { line += "; chunks \(shared.lost.map(String.init).joined(separator: ",")) were saved by another worker first" }
            if let record = shared.record {
                line += "; the run is \(record.status.rawValue): \(record.activityCount ?? 0) activities, \(record.findingCount ?? 0) findings, \(record.incidentCount ?? 0) incidents"
            }
            if shared.finishedRun { line += "; this process finished it (the escalation)" }
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        lostInput.report(run.sources)
        try lostInput.exitIfLost(run.sources)
        let conditionErrors = run.decisions.filter { $0.error != nil }.count
        if (!run.failures.isEmpty || conditionErrors > 0) && !allowRuleFailures {
            FileHandle.standardError.write(Data(
                (words.failuresError(rules: run.failureCount, conditions: conditionErrors) + "\n").utf8))
            throw ExitCode(1)
        }
        // A worker of a shared run ends as one process checking everything would:
        // --fail-on looks at the whole run's new findings, not this worker's share.
        let highest = run.shared.map { $0.highestNew } ?? highestNew
        if let highest, highest >= failOn {
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

/// Colours and emphasis on a terminal only (--color, NO_COLOR and TERM=dumb are honoured).
struct Style {
    let enabled: Bool = Terminal.colors(on: STDOUT_FILENO)

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
