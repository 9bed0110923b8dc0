import ArgumentParser
import Foundation
import VigieEngine
import VigieModel
import VigieRun

struct ReactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "react",
        abstract: "Apply the reactions' conditions on time as of a moment, and record the decisions.",
        discussion: """
            `vigie check` moves the incidents as the findings come, in time order.
            Steps that wait for time — `when = { quiet_days = 30 }` (30 days with
            no new finding about the person, for example to close an incident) or
            `when = { after_days = 7 }` (7 days after the step before, for example
            no reply to a warning) — move when the case is brought to a later
            moment: by the next check (up to its latest activity), or by `vigie
            react --at TIME` (default: now). Each decision is recorded once, dated
            when its condition came due; running react again records nothing new.

            Examples:
              vigie react --policy Policies/entretien-menager
              vigie react --policy Policies/entretien-menager --at 2026-03-20T09:00:00-04:00

            Exit codes: 0 done (even when nothing moved), 1 a step's condition
            failed, 2 bad usage or no case file, 5 the case file is locked, 6
            damaged, 7 the disk is full.
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
        let words = CLIWords(policyLanguage: engine.declarations.manifest.language)
        let dates = DateStyle(language: words.language, clock: LocalClock(profile: engine.profile))
        let people = CheckRun.peopleNames(engine.profile)
        let titles = Dictionary(engine.declarations.incidents.map { ($0.id, $0.texts.title ?? $0.id) }) { a, _ in a }
        if outcomes.isEmpty {
            print(words.nothingMoved(dates.date(time)))
        }
        for d in outcomes {
            let head = "\(titles[d.incidentKind] ?? d.incidentKind) (\(d.actorID.map { people[$0] ?? $0 } ?? words.unknownPerson))"
            if let error = d.error {
                print("  \(head): \(words.conditionError(step: d.stepID, error))")
                continue
            }
            print("  \(head): \(d.stepTitle ?? d.stepID) — \(d.reason)")
            if let advice = d.advice { print("    → \(advice)") }
            for r in d.recordedReasons { print("    " + words.labelled(words.recorded, r)) }
        }
        // A condition that fails is an error, not a step that did not apply.
        if outcomes.contains(where: { $0.error != nil }) { throw ExitCode(1) }
    }
}
