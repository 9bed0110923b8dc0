import ArgumentParser
import Foundation
import VigieEngine
import VigieModel

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

            Examples:
              vigie check Policies/entretien-menager/donnees --policy Policies/entretien-menager
              vigie check export.zip --fail-on medium
              vigie check activities.jsonl --format json > findings.json

            Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it,
            2 bad usage, unreadable input or a policy that does not load.
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

    func validate() throws {
        if paths.isEmpty { throw ValidationError("Give at least one export or JSONL stream to check.") }
    }

    struct Output: Encodable {
        var schema = "vigie.check/1"
        var policy: String
        var version: String
        var activities: Int
        var skipped: Int
        var findings: [FindingLine]
        var failures: [RuleFailure]
        var decisions: [ReactionOutcome]
    }

    struct FindingLine: Encodable {
        var finding: Finding
        var platform: String
        var author: String
        var time: String
        var excerpt: String
    }

    func run() throws {
        let engine = try options.load()
        var lines: [FindingLine] = []
        var failures: [RuleFailure] = []
        var activities = 0
        var skipped: [ImportIssue] = []
        var latest: Timestamp?
        let importer = Importer()
        var held: [Activity] = []
        var decisions: [ReactionOutcome] = []
        func evaluate(_ activity: Activity) {
            activities += 1
            let result = engine.check(activity)
            failures += result.failures
            if latest == nil || activity.timestamp > latest! { latest = activity.timestamp }
            for finding in result.findings {
                lines.append(FindingLine(
                    finding: finding, platform: activity.platform.rawValue,
                    author: activity.author.handle ?? activity.author.displayName ?? activity.author.id ?? "?",
                    time: activity.timestamp.iso8601,
                    excerpt: Masking.excerpt(activity.text, evidence: finding.evidence, reveal: reveal)))
            }
        }
        for path in paths {
            guard FileManager.default.fileExists(atPath: path) else {
                throw CLIError.input("\(path): no such file or folder")
            }
            do {
                _ = try importer.importSource(at: path, onIssue: { skipped.append($0) }) { activity in
                    if replay { held.append(activity) } else { evaluate(activity) }
                }
            } catch {
                throw CLIError.input("\(error)")
            }
        }
        if replay {
            held.sort { $0.timestamp < $1.timestamp }
            for activity in held {
                evaluate(activity)
                decisions += engine.react(at: activity.timestamp)
            }
        } else {
            decisions = latest.map { engine.react(at: $0) } ?? []
        }
        let manifest = engine.declarations.manifest

        if format == .json {
            try printJSON(Output(
                policy: manifest.name, version: manifest.version, activities: activities, skipped: skipped.count,
                findings: lines, failures: failures, decisions: decisions))
        } else {
            let titles = Dictionary(engine.declarations.rules.map { ($0.id, $0.texts.title ?? $0.id) }) { a, _ in a }
            for severity in Severity.allCases.reversed() {
                let group = lines.filter { $0.finding.severity == severity }
                guard !group.isEmpty else { continue }
                print("\(severity.rawValue.uppercased()) (\(group.count))")
                for line in group {
                    let where_ = line.finding.activity.source.map { " [\($0)]" } ?? ""
                    print("  \(line.finding.ruleID) — \(titles[line.finding.ruleID] ?? "")")
                    print("    \(line.time) \(line.platform) \(line.author)\(where_)")
                    print("    « \(line.excerpt) »")
                    if let advice = line.finding.advice { print("    → \(advice)") }
                }
            }
            for failure in failures { print("rule failure: \(failure.description)") }
            if !decisions.isEmpty {
                print("Incidents and next steps")
                for d in decisions {
                    print("  \(d.incidentKind) (\(d.actorID ?? "unknown person")): \(d.stepTitle ?? d.stepID) — \(d.reason)")
                    if let advice = d.advice { print("    → \(advice)") }
                }
            }
            for issue in skipped { FileHandle.standardError.write(Data("skipped: \(issue)\n".utf8)) }
        }
        let summary = "\(activities) activities checked, \(lines.count) findings, \(failures.count) rule failures, \(skipped.count) records skipped, \(decisions.count) reaction decisions"
        FileHandle.standardError.write(Data((summary + "\n").utf8))
        if lines.contains(where: { $0.finding.severity >= failOn }) { throw ExitCode(1) }
    }
}

/// Masks personal data in what Vigie prints (phones, e-mails, addresses,
/// identifiers), keeping enough to recognise it.
enum Masking {
    static let personal: Set<String> = ["phone", "email", "street-address", "postal-code", "iban", "nir", "sin"]

    /// The activity's text around its evidence, personal data masked.
    static func excerpt(_ text: String, evidence: [EvidenceSpan], reveal: Bool, width: Int = 160) -> String {
        var scalars = Array(text.unicodeScalars)
        if !reveal {
            for span in evidence where personal.contains(span.label ?? "") {
                let range = max(0, span.start)..<min(scalars.count, span.end)
                scalars.replaceSubrange(range, with: mask(Array(scalars[range])))
            }
        }
        var from = 0
        if let first = evidence.map(\.start).min(), first > width / 2 { from = first - width / 2 }
        let to = min(scalars.count, from + width)
        var out = String(String.UnicodeScalarView(scalars[from..<to])).replacingOccurrences(of: "\n", with: " ")
        if from > 0 { out = "…" + out }
        if to < scalars.count { out += "…" }
        return out
    }

    /// Keeps the first and last visible characters and separators: `06 •• •• •• 78`.
    static func mask(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        let visible = scalars.indices.filter { scalars[$0].properties.isAlphabetic || ("0"..."9").contains(scalars[$0]) }
        let keep = Set(visible.prefix(2) + visible.suffix(2))
        return scalars.indices.map { i in
            let s = scalars[i]
            if keep.contains(i) || s == "@" || s == "." || !(s.properties.isAlphabetic || ("0"..."9").contains(s)) { return s }
            return "•"
        }
    }
}
