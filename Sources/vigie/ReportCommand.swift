import ArgumentParser
import Foundation
import VigieEngine
import VigieModel
import VigieReport
import VigieRun

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
            policy that does not load (nothing is written then), 4 the report was
            written but an input file was refused or partly imported (each is
            listed, and the report says so; --keep-going exits 0).
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

    @OptionGroup var lostInput: LostInput

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
        Interruption.cleanUpRunsOnSignal()
        let run = CheckRun(engine: engine, policyFolder: options.policy)
        defer { run.close() }
        try run.run(CheckRequest(inputs: paths, replay: replay, reveal: true, caseFile: !noCaseFile))
        let document = try run.reportDocument(inputs: paths)
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
            // Written whole, flushed, then renamed: an interrupted run leaves no half report.
            try AtomicFile.write(data, to: output)
            Log.logger.info("report written", metadata: ["file": "\(output)", "format": "\(resolvedFormat.rawValue)"])
            let words = CLIWords(policyLanguage: engine.declarations.manifest.language)
            FileHandle.standardError.write(Data((words.reportWritten(
                output, format: resolvedFormat.rawValue, findings: run.findingCount, incidents: document.incidents.count) + "\n").utf8))
        } else {
            FileHandle.standardOutput.write(data)
        }
        lostInput.report(run.sources)
        try lostInput.exitIfLost(run.sources)
    }
}
