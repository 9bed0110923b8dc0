import ArgumentParser
import Foundation
import VigieEngine
import VigieModel
import VigieReport
import VigieToolkit

extension ReportFormat: ExpressibleByArgument {}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Check exports and write the deliverable report (HTML, Markdown, text, JSON, CSV, SARIF).",
        discussion: """
            Runs the check (recorded in the case file like `vigie check`), then writes
            the report in the policy's language: the risk matrix (likelihood × impact),
            the findings by severity, threat and person, the incidents with their
            timeline and next reaction step, and the coverage of the threats by rules
            and reactions. The HTML file is self-contained: it opens offline.
            Personal data (phones, addresses, e-mails, identifiers) is masked unless
            --reveal is given.

            Examples:
              vigie report Policies/entretien-menager/donnees/* --policy Policies/entretien-menager --output out/report.html
              vigie report export.zip --format markdown --output report.md
              vigie report export.zip --format sarif --output findings.sarif
              vigie report export.zip --format json --language en

            Exit codes: 0 the report was written, 2 bad usage, unreadable input or a
            policy that does not load (nothing is written then).
            """
    )

    @OptionGroup var options: PolicyOptions

    @Argument(help: "Exports or JSONL streams to check.")
    var paths: [String]

    @Option(help: "Format: html, markdown, text, json, csv or sarif (default: from --output's extension, else html).")
    var format: ReportFormat?

    @Option(help: "The file to write (default: standard output).")
    var output: String?

    @Option(help: "The report's language, fr or en (default: the policy's).")
    var language: String?

    @Flag(help: "Show personal data instead of masking it.")
    var reveal = false

    @Flag(help: "Replay the activities in time order, moving the reactions after each one.")
    var replay = false

    @Flag(name: .customLong("no-case-file"), help: "Do not record the run in the policy's case file.")
    var noCaseFile = false

    func validate() throws {
        if paths.isEmpty { throw ValidationError("Give at least one export or JSONL stream to report on.") }
        if let language, ReportLanguage(code: language) == nil {
            throw ValidationError("--language is fr or en.")
        }
    }

    var resolvedFormat: ReportFormat {
        if let format { return format }
        if let output {
            let ext = (output as NSString).pathExtension.lowercased()
            if let match = ReportFormat.allCases.first(where: { $0.fileExtension == ext || $0.rawValue == ext }) { return match }
            if ext == "md" { return .markdown }
            if ext == "txt" { return .text }
        }
        return .html
    }

    func run() throws {
        let engine = try options.load()
        let session = CheckSession(engine: engine, policyFolder: options.policy)
        defer { session.close() }
        try session.run(paths: paths, replay: replay, reveal: true, caseFile: !noCaseFile)
        let document = try Self.document(engine: engine, session: session, inputs: paths)
        let reportOptions = ReportOptions(
            format: resolvedFormat, language: language.flatMap(ReportLanguage.init(code:)), reveal: reveal,
            detector: ToolkitDetector())
        let data: Data
        do {
            data = try ReportRenderer.render(document, options: reportOptions)
        } catch {
            throw CLIError.input("\(error)")
        }
        if let output {
            let url = URL(fileURLWithPath: output)
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            do {
                // Written whole, then renamed: an interrupted run leaves no half report.
                try data.write(to: url, options: .atomic)
            } catch {
                throw CLIError.input("cannot write \(output): \(error.localizedDescription)")
            }
            Log.logger.info("report written", metadata: ["file": "\(output)", "format": "\(resolvedFormat.rawValue)"])
            FileHandle.standardError.write(Data(
                "report written to \(output) (\(resolvedFormat.rawValue), \(session.findingCount) findings, \(document.incidents.count) incidents)\n".utf8))
        } else {
            FileHandle.standardOutput.write(data)
        }
    }

    /// What the report shows, from the engine's register and the session.
    static func document(engine: PolicyEngine, session: CheckSession, inputs: [String]) throws -> ReportDocument {
        let manifest = engine.declarations.manifest
        let register: ThreatRegister
        do {
            register = try engine.analyse()
        } catch {
            throw CLIError.diagnostic(error.description)
        }
        let threats = register.applicable.map {
            ReportDocument.Threat(
                id: $0.id, title: $0.title ?? $0.id, likelihood: min(5, max(1, $0.likelihood)),
                impact: min(5, max(1, $0.impact)), mitigatedBy: $0.mitigatedBy, answeredBy: $0.answeredBy)
        }
        let titles = Dictionary(engine.declarations.rules.map { ($0.id, $0.texts.title) }) { a, _ in a }
        let people = Dictionary((engine.profile?.people ?? []).map { ($0.id, $0.name) }) { a, _ in a }
        // A report is rendered whole: its findings are all read back.
        let findings = try session.allLines().map { line in
            ReportDocument.FindingEntry(
                finding: line.finding, ruleTitle: titles[line.finding.ruleID] ?? nil,
                activity: ReportDocument.ActivityExcerpt(
                    text: line.activityText, platform: Platform(line.platform),
                    kind: ActivityKind(rawValue: line.kind), author: line.author, timestamp: line.timestamp),
                actorName: line.finding.actorID.flatMap { people[$0] }, isNew: line.isNew)
        }
        let incidents = engine.incidents.incidents.map { state in
            let reaction = engine.declarations.reactions.first { $0.on == state.incident.kind }
            let declaration = engine.declarations.incidents.first { $0.id == state.incident.kind }
            return ReportDocument.IncidentEntry(
                incident: state.incident, plan: reaction?.plan, title: declaration?.texts.title,
                actorName: state.incident.actorID.flatMap { people[$0] })
        }
        var skipped: [String: Int] = [:]
        for issue in session.skipped { skipped[issue.reason.rawValue, default: 0] += 1 }
        return ReportDocument(
            policy: .init(name: manifest.name, version: manifest.version, language: manifest.language),
            client: engine.profile?.organisation.name ?? manifest.texts.title ?? manifest.name,
            generatedAt: Timestamp(date: Date()),
            run: .init(
                id: session.runID.map { String($0.rawValue) }, inputs: inputs, activities: session.activities,
                skipped: session.skipped.count,
                baselineRunID: session.comparison?.baseline.map { String($0.rawValue) }),
            threats: threats, findings: findings, incidents: incidents,
            skipped: skipped.keys.sorted().map { .init(item: $0, reason: $0, count: skipped[$0]!) })
    }
}

/// The toolkit's detectors behind the reports' masking.
struct ToolkitDetector: PersonalDataDetector {
    func spans(in text: String) -> [Range<Int>] {
        Detectors.all(in: text).map { $0.start..<$0.end }
    }
}
