import ArgumentParser
import Foundation
import VigieEngine
import VigieImport
import VigieModel
import VigieReport

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

            Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it,
            2 bad usage, unreadable input or a policy that does not load, 130 when
            interrupted (128 + the signal).
            """
    )

    @OptionGroup var options: PolicyOptions

    @Argument(help: "Exports or JSONL streams to check.")
    var paths: [String]

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding has this severity or more (info, low, medium, high, critical).")
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

    /// What `--format json` prints: an object with the keys activities,
    /// decisions, failures, findings, newFindings (with the case file),
    /// policy, schema, skipped and version, pretty and sorted as `printJSON`
    /// prints; the findings are streamed one at a time (`printStreamedJSON`).
    static let jsonSchema = "vigie.check/1"

    func run() throws {
        let engine = try options.load()
        if let ruleCosts {
            try printRuleCosts(engine, count: ruleCosts)
            return
        }
        let session = CheckSession(engine: engine, policyFolder: options.policy)
        // The spilled findings are removed however the command ends.
        defer { session.close() }
        session.workers = workers
        try session.run(paths: paths, replay: replay, reveal: reveal, caseFile: !noCaseFile)
        let manifest = engine.declarations.manifest
        // Counted while the findings are read back (each is new or not).
        var newCount = 0

        if format == .json {
            try printStreamedJSON(session: session, policy: manifest.name, version: manifest.version) { newCount += $0.isNew ? 1 : 0 }
        } else {
            let titles = Dictionary(engine.declarations.rules.map { ($0.id, $0.texts.title ?? $0.id) }) { a, _ in a }
            let style = Style()
            for severity in Severity.allCases.reversed() {
                let count = session.findingCount(severity)
                guard count > 0 else { continue }
                print(style.severity(severity, "\(severity.rawValue.uppercased()) (\(count))"))
                try session.forEachLine(severity) { line in
                    if line.isNew { newCount += 1 }
                    let where_ = line.finding.activity.source.map { " [\($0)]" } ?? ""
                    let new = session.comparison?.baseline != nil && line.isNew ? style.bold("NEW ") : ""
                    print("  \(new)\(line.finding.ruleID) — \(titles[line.finding.ruleID] ?? "")")
                    print(style.dim("    \(line.time) \(line.platform) \(line.author)\(where_)"))
                    print("    « \(line.excerpt) »")
                    if let advice = line.finding.advice { print("    → \(advice)") }
                }
            }
            for failure in session.failures { print("rule failure: \(failure.description)") }
            if !session.decisions.isEmpty {
                print(style.bold("Incidents and next steps"))
                for d in session.decisions {
                    print("  \(d.incidentKind) (\(d.actorID ?? "unknown person")): \(d.stepTitle ?? d.stepID) — \(d.reason)")
                    if let advice = d.advice { print("    → \(advice)") }
                }
            }
            for issue in session.skipped { FileHandle.standardError.write(Data("skipped: \(issue)\n".utf8)) }
        }
        var summary = "\(session.activities) activities checked, \(session.findingCount) findings"
        if let comparison = session.comparison, comparison.baseline != nil {
            summary += " (\(newCount) new since the last run, \(comparison.removed) gone, \(comparison.accepted) accepted)"
        }
        summary += ", \(session.failures.count) rule failures, \(session.skipped.count) records skipped, \(session.decisions.count) reaction decisions"
        if let id = session.runID { summary += "; run \(id.rawValue) recorded in \(options.policy)/.vigie/" }
        FileHandle.standardError.write(Data((summary + "\n").utf8))
        if let highest = session.highestSeverity, highest >= failOn {
            throw ExitCode(1)
        }
    }

    /// Prints `Output` as `printJSON` would (pretty, keys sorted), the
    /// findings read back from the spill and encoded one at a time.
    /// `onFinding` sees each finding as it is printed.
    func printStreamedJSON(
        session: CheckSession, policy: String, version: String, onFinding: (CheckSession.Line) -> Void
    ) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let out = StandardOutput()
        /// A value as the encoder prints it nested `depth` levels deep: its
        /// lines after the first indented (empty lines stay empty, as the
        /// encoder leaves them in empty arrays).
        func nested(_ value: some Encodable, depth: Int) throws -> String {
            let encoded = try encoder.encode(value)
            var out: [UInt8] = []
            out.reserveCapacity(encoded.count + encoded.count / 4)
            var lineStart = false
            for byte in encoded {
                // Each line after the first gets the indent unless it is empty.
                if lineStart && byte != 0x0A { out.append(contentsOf: repeatElement(0x20, count: 2 * depth)) }
                out.append(byte)
                lineStart = byte == 0x0A
            }
            return String(decoding: out, as: UTF8.self)
        }
        func key(_ name: String) -> String { "  \"\(name)\" : " }
        var newCount = 0
        // The keys in the order `.sortedKeys` gives.
        out.write("{\n")
        out.write(key("activities") + (try nested(session.activities, depth: 1)) + ",\n")
        out.write(key("decisions") + (try nested(session.decisions, depth: 1)) + ",\n")
        out.write(key("failures") + (try nested(session.failures, depth: 1)) + ",\n")
        if session.findingCount == 0 {
            out.write(key("findings") + (try nested([CheckSession.Line](), depth: 1)) + ",\n")
        } else {
            out.write(key("findings") + "[\n")
            var first = true
            try session.forEachLine { line in
                onFinding(line)
                if line.isNew { newCount += 1 }
                if !first { out.write(",\n") }
                first = false
                var writer = PrettyJSONWriter(level: 2)
                line.writeJSON(into: &writer)
                out.write("    " + String(decoding: writer.bytes, as: UTF8.self))
            }
            out.write("\n  ],\n")
        }
        if session.comparison != nil {
            out.write(key("newFindings") + (try nested(newCount, depth: 1)) + ",\n")
        }
        out.write(key("policy") + (try nested(policy, depth: 1)) + ",\n")
        out.write(key("schema") + (try nested(Self.jsonSchema, depth: 1)) + ",\n")
        out.write(key("skipped") + (try nested(session.skipped.count, depth: 1)) + ",\n")
        out.write(key("version") + (try nested(version, depth: 1)) + "\n")
        out.write("}\n")
        out.flush()
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

extension CheckSession.Line {
    /// What `JSONEncoder` writes for the line (sorted keys, nil members
    /// left out), member by member: `check --format json` prints one per
    /// finding (tests compare the output with the encoder's).
    func writeJSON(into w: inout PrettyJSONWriter) {
        w.beginObject()
        w.key("activityText"); w.string(activityText)
        w.key("author"); w.string(author)
        w.key("excerpt"); w.string(excerpt)
        w.key("finding")
        w.beginObject()
        w.key("activity")
        w.beginObject()
        w.key("id"); w.string(finding.activity.id)
        if let source = finding.activity.source {
            w.key("source")
            w.beginObject()
            w.key("file"); w.string(source.file)
            w.key("index"); w.int(source.index)
            if let line = source.line { w.key("line"); w.int(line) }
            w.endObject()
        }
        w.endObject()
        if let actorID = finding.actorID { w.key("actorID"); w.string(actorID) }
        if let advice = finding.advice { w.key("advice"); w.string(advice) }
        w.key("evidence")
        w.beginArray()
        for span in finding.evidence {
            w.element()
            w.beginObject()
            w.key("end"); w.int(span.end)
            if let label = span.label { w.key("label"); w.string(label) }
            w.key("start"); w.int(span.start)
            w.endObject()
        }
        w.endArray()
        w.key("fingerprint"); w.string(finding.fingerprint)
        w.key("mitigates")
        w.beginArray()
        for m in finding.mitigates {
            w.element()
            w.string(m)
        }
        w.endArray()
        w.key("ruleID"); w.string(finding.ruleID)
        w.key("severity"); w.string(finding.severity.rawValue)
        w.endObject()
        w.key("isNew"); w.bool(isNew)
        w.key("kind"); w.string(kind)
        w.key("platform"); w.string(platform)
        w.key("time"); w.string(time)
        w.key("timestamp"); w.string(timestamp.iso8601)
        w.endObject()
    }
}
