import ArgumentParser
import Foundation
import VigieModel

struct CorpusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus",
        abstract: "Generate a synthetic activity stream to try a policy or to benchmark.",
        discussion: """
            Writes invented activities of an invented company (French and English
            posts on five platforms) as a JSONL stream, with a known share of posts
            that break the usual rules: personal phone numbers, e-mails, street
            addresses, absence announcements, venting, insults, classified
            markers (the code name "Hermès"), and posts at night. The same seed
            gives the same corpus, byte for byte. No real person's data.

            The planted violations are counted on standard error (and written as
            JSON with --expected), so a check's results can be compared with them.

            Examples:
              vigie corpus --count 1000 -o sample.jsonl
              vigie corpus --count 1000000 --seed 7 --violations 0.05 -o big.jsonl --expected big.expected.json
            """
    )

    @Option(help: "How many activities.")
    var count: Int = 1000

    @Option(help: "The seed: the same seed gives the same corpus.")
    var seed: UInt64 = 42

    @Option(help: "The share of activities with a planted violation, from 0 to 1.")
    var violations: Double = 0.1

    @Option(help: "The share of French activities, from 0 to 1 (the rest in English).")
    var french: Double = 0.7

    @Option(help: "How many invented people post.")
    var people: Int = 200

    @OptionGroup var output: OutputOption

    /// The old spelling of -o/--output, still read.
    @Option(name: .customLong("out"), help: ArgumentHelp("The old name of --output.", visibility: .hidden))
    var legacyOut: String?

    var out: String? { output.path ?? legacyOut.flatMap { $0 == "-" ? nil : $0 } }

    @Option(help: "Also write the planted violations' counts to this JSON file.", completion: .file())
    var expected: String?

    func validate() throws {
        guard count >= 0 else { throw ValidationError("--count must be zero or more.") }
        guard (0...1).contains(violations) else { throw ValidationError("--violations is a share from 0 to 1, e.g. 0.1.") }
        guard (0...1).contains(french) else { throw ValidationError("--french is a share from 0 to 1, e.g. 0.7.") }
        guard people > 0 else { throw ValidationError("--people must be at least 1.") }
        if output.output != nil && legacyOut != nil { throw ValidationError("Give --output (or -o) once; --out is its old name.") }
    }

    func run() throws {
        var options = CorpusGenerator.Options(count: count)
        options.seed = seed
        options.violationRate = violations
        options.frenchShare = french
        options.people = people
        let writer: ActivityStreamWriter
        do {
            writer = try out.map { try ActivityStreamWriter(path: $0) } ?? ActivityStreamWriter(fileHandle: .standardOutput)
        } catch {
            throw CLIError.input("cannot write \(out ?? "-"): \(error)")
        }
        var planted: [String: Int] = [:]
        for generated in CorpusGenerator(options: options) {
            try writer.write(generated.activity)
            if let violation = generated.violation { planted[violation.rawValue, default: 0] += 1 }
        }
        try writer.close()
        let total = planted.values.reduce(0, +)
        let lines = planted.keys.sorted().map { "  \($0): \(planted[$0]!)" }.joined(separator: "\n")
        FileHandle.standardError.write(Data("\(count) activities, \(total) with a planted violation\n\(lines)\n".utf8))
        if let expected {
            let report: [String: Any] = ["activities": count, "seed": seed, "violations": planted]
            let data = try JSONSerialization.data(withJSONObject: report, options: [.prettyPrinted, .sortedKeys])
            do {
                try data.write(to: URL(fileURLWithPath: expected))
            } catch {
                throw CLIError.input("cannot write \(expected): \(error.localizedDescription)")
            }
        }
    }
}
