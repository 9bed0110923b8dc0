import ArgumentParser
import Foundation
import VigieEngine
import VigieModel
import VigieRun

struct ReactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "react",
        abstract: "Move the open incidents one step up their reactions, and record the decisions.",
        discussion: """
            Each open incident of the case file (opened by earlier `vigie check`
            runs) moves one step up its reaction when the next step's condition
            holds for what was found since; the decision and its reasons are
            recorded in the case file. Without changes, nothing moves.

            Examples:
              vigie react --policy Policies/entretien-menager
              vigie react --policy Policies/entretien-menager --at 2026-03-20T09:00:00-04:00

            Exit codes: 0 done (even when nothing moved), 2 bad usage or no case file.
            """
    )

    @OptionGroup var options: PolicyOptions

    @Option(help: "The time of the decisions (ISO 8601; default: now).")
    var at: String?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        var time = Timestamp(date: Date())
        if let at {
            guard let t = Timestamp(iso8601: at) else {
                throw CLIError.input("--at \(at): not an ISO 8601 time; write e.g. 2026-03-20T09:00:00-04:00")
            }
            time = t
        }
        let engine = try options.load()
        let outcomes = try ReactionRun.react(engine: engine, policyFolder: options.policy, at: time)
        if format == .json {
            try printJSON(outcomes)
            return
        }
        if outcomes.isEmpty {
            print("No incident moved: nothing new since their current step.")
        }
        for d in outcomes {
            if let error = d.error {
                print("  \(d.incidentKind) (\(d.actorID ?? "unknown person")): error in the step's condition: \(error)")
                continue
            }
            print("  \(d.incidentKind) (\(d.actorID ?? "unknown person")): \(d.stepTitle ?? d.stepID) — \(d.reason)")
            if let advice = d.advice { print("    → \(advice)") }
            for r in d.recordedReasons { print("    recorded: \(r)") }
        }
    }
}
