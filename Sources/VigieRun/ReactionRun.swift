import VigieCaseFile
import VigieEngine
import VigieModel

/// `vigie react`: the open incidents of a policy's case file move up their
/// reactions as of a time, and the decisions are recorded.
public enum ReactionRun {
    /// Moves the open incidents as of `time` and records the decisions
    /// (those whose condition failed are returned with their error, not
    /// recorded).
    public static func react(engine: PolicyEngine, policyFolder: String, at time: Timestamp) throws(RunError)
        -> [ReactionOutcome]
    {
        guard let book = try IncidentFile.load(policyFolder) else {
            throw RunError(
                .incidents,
                "no incidents yet in \(policyFolder)/.vigie/: run `vigie check EXPORT --policy \(policyFolder)` first")
        }
        engine.incidents = book
        let outcomes = engine.react(at: time)
        let file: CaseFile
        do {
            file = try CaseFile.open(policyFolder: policyFolder)
        } catch {
            throw RunError(.caseFile, "the case file cannot be opened: \(error)")
        }
        for outcome in outcomes where outcome.error == nil {
            let reason = ([outcome.reason] + outcome.recordedReasons).joined(separator: " — ")
            _ = try? file.record(
                Decision(action: outcome.action, step: outcome.stepID, reason: reason, at: time, by: "vigie react"),
                incident: outcome.incidentID)
        }
        try IncidentFile.save(engine.incidents, policyFolder)
        return outcomes
    }
}
