import Foundation
import VigieCaseFile
import VigieEngine
import VigieModel

/// `vigie react`: the escalation of a policy's case file brought to a time,
/// so that steps on time (`{ quiet_days = N }`, `{ after_days = N }`) apply
/// between runs; the decisions are recorded, once.
public enum ReactionRun {
    /// Brings the escalation to `time` and records the decisions not yet
    /// recorded; returns them (and the errors of step conditions).
    public static func react(engine: PolicyEngine, policyFolder: String, at time: Timestamp) throws(RunError)
        -> [ReactionOutcome]
    {
        let caseFile: CaseFile
        do {
            caseFile = try CaseFile.open(policyFolder: policyFolder)
        } catch {
            throw RunError(caseFile: error)
        }
        try LegacyIncidents.importOnce(policyFolder: policyFolder, into: caseFile)
        var escalation: Escalation?
        let recorded: [RecordedDecision]
        do {
            if try caseFile.findingEvents().isEmpty, try caseFile.storedIncidents().isEmpty {
                throw RunError(
                    .incidents,
                    "no incidents yet in \(policyFolder)/.vigie/: run `vigie check EXPORT --policy \(policyFolder)` first")
            }
            recorded = try caseFile.escalate { basis in
                let until = [basis.horizon, time].compactMap { $0 }.max()
                let result = Escalation.replay(
                    engine: engine, events: basis.events, manual: basis.manual.map(ManualIncident.init), until: until)
                escalation = result
                return EscalationResult(incidents: result.incidents.map(StoredIncident.init), horizon: until)
            }
        } catch let error as RunError {
            throw error
        } catch {
            throw RunError(caseFile: error)
        }
        let keys = Set(recorded.compactMap(\.decision.key))
        return (escalation?.outcomes ?? []).filter { $0.error != nil || $0.key.map(keys.contains) == true }
    }
}
