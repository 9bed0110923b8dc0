import ArgumentParser
import Foundation
import VigieRun

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure a policy on labeled activities: precision, recall and F1 per category and per rule.",
        discussion: """
            LABELED is a JSONL file of activities (the vigie.activity/1 format) with
            a "labels" member naming the rules or categories each one should raise
            ([] for none), an optional "tags" list, and an optional first line
            {"schema":"vigie.eval/1","categories":{"name":["rule", …]}} that groups
            rules into categories (docs/eval.md). Each activity is checked alone.

            The report lists the misses (a label not raised) and the false alarms (a
            rule raised that no label expects) with their text, personal data masked
            unless --reveal is given.

            Examples:
              vigie eval Policies/entretien-menager/eval/corpus.jsonl --policy Policies/entretien-menager
              vigie eval labeled.jsonl --min-precision 0.9 --min-recall 0.85
              vigie eval ordinary.jsonl --max-false-alarm-rate 0.05 --format json

            Exit codes: 0 every gate met (or none given), 1 a gate not met,
            2 bad usage, a file that cannot be read (with its line) or a policy that
            does not load.
            """
    )

    @OptionGroup var options: PolicyOptions

    @Argument(help: "Labeled JSONL files (each is evaluated and gated on its own).")
    var files: [String]

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Flag(help: "Show personal data in the listed texts instead of masking it.")
    var reveal = false

    @Flag(name: .customLong("summary"), help: "Print the tables only, without the misses and false alarms.")
    var summaryOnly = false

    @Option(name: .customLong("min-precision"), help: "Exit 1 when a category's precision (a rule's, without categories) is below this.")
    var minPrecision: Double?

    @Option(name: .customLong("min-recall"), help: "Exit 1 when a category's recall (a rule's, without categories) is below this.")
    var minRecall: Double?

    @Option(name: .customLong("max-false-alarm-rate"), help: "Exit 1 when more than this share of the items labeled [] raise something.")
    var maxFalseAlarmRate: Double?

    func validate() throws {
        if files.isEmpty { throw ValidationError("Give at least one labeled JSONL file.") }
        for (name, value) in [("--min-precision", minPrecision), ("--min-recall", minRecall),
                              ("--max-false-alarm-rate", maxFalseAlarmRate)] {
            if let value, !(0...1).contains(value) { throw ValidationError("\(name) must be between 0 and 1.") }
        }
    }

    func run() throws {
        let engine = try options.load()
        let evaluation = Evaluation(engine: engine)
        let gates = EvaluationGates(minPrecision: minPrecision, minRecall: minRecall, maxFalseAlarmRate: maxFalseAlarmRate)
        var reports: [EvaluationReport] = []
        var failed: [String] = []
        for file in files {
            let set = try LabeledSet.read(file)
            let report = try evaluation.run(set, reveal: reveal)
            reports.append(report)
            failed += gates.failures(of: report).map { "\(file): \($0)" }
        }
        if format == .json {
            if reports.count == 1 { try printJSON(reports[0]) } else { try printJSON(reports) }
        } else {
            for (i, report) in reports.enumerated() {
                if i > 0 { print("") }
                print(report.text(listing: !summaryOnly), terminator: "")
            }
        }
        for line in failed { FileHandle.standardError.write(Data("gate not met: \(line)\n".utf8)) }
        if !failed.isEmpty { throw ExitCode(1) }
    }
}
