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
              vigie report Policies/entretien-menager/donnees/* -p Policies/entretien-menager -o out/report.html
              vigie report export.zip -o report.md
              vigie report export.zip -o findings.sarif.json
              vigie report export.zip --format json --language en
              vigie import export.zip | vigie report - -o report.html

            The format follows --format, else the output's extension: html, md,
            txt, json, csv, sarif or sarif.json. Vigie writes no PDF (print the
            HTML page from a browser). The HTML page is written to a file: on a
            terminal, without -o, report refuses to print it.

            Exit codes: 0 the report was written, 2 bad usage, unreadable input or a
            policy that does not load (nothing is written then), 4 the report was
            written but an input file was refused or partly imported (each is
            listed, and the report says so; --keep-going exits 0).
            """
    )

    @OptionGroup var options: PolicyOptions

    @Argument(help: "Exports or JSONL streams to check (`-`: standard input).", completion: .file())
    var paths: [String]

    @Option(help: "Format: html, markdown, text, json, csv or sarif (default: from --output's extension, else html).")
    var format: ReportFormat?

    @OptionGroup var output: OutputOption

    @Option(help: "The report's language, fr or en (default: the policy's).")
    var language: String?

    @Flag(help: "Show personal data instead of masking it.")
    var reveal = false

    @Flag(help: "Replay the activities in time order, moving the reactions after each one.")
    var replay = false

    @Flag(name: .customLong("no-case-file"), help: "Do not record the run in the policy's case file.")
    var noCaseFile = false

    @OptionGroup var caseFile: CaseFileOption

    @OptionGroup var lostInput: LostInput

    func validate() throws {
        if paths.isEmpty { throw ValidationError("Give at least one export or JSONL stream to report on.") }
        if let language, ReportLanguage(code: language) == nil {
            throw ValidationError("--language is fr or en.")
        }
    }

    func resolvedFormat() throws -> ReportFormat {
        try output.resolve(format, fallback: .html)
    }

    func run() throws {
        let resolvedFormat = try resolvedFormat()
        if output.path == nil, resolvedFormat == .html, isatty(STDOUT_FILENO) == 1 {
            throw CLIError.input(
                "the report is an HTML page: write it to a file with -o report.html (or give --format text or markdown to read it here)")
        }
        let paths = try StandardInput.resolve(self.paths)
        let engine = try options.load()
        Interruption.cleanUpRunsOnSignal()
        let run = CheckRun(engine: engine, policyFolder: options.policy)
        defer { run.close() }
        run.onActivity = perActivity(of: run) {}
        try run.run(CheckRequest(inputs: paths, replay: replay, reveal: true, caseFile: !noCaseFile, caseFileLocation: caseFile.location))
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
        if let output = output.path {
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
