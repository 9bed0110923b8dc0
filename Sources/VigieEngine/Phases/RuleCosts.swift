import Dispatch
import LuaHost
import VigieModel

/// What each active rule and indicator costs per activity (a benchmark
/// aid: `vigie check --rule-costs`).
public struct RuleCosts: Sendable {
    /// Seconds per activity to resolve the actor, build the activity's view,
    /// pack it and call the dispatcher with no rule to run.
    public var handover: Double
    /// Seconds per activity of each rule alone, the handover taken off, in
    /// the order the engine runs them.
    public var rules: [(id: String, seconds: Double)]
}

extension PolicyEngine {
    /// Runs each active rule alone over `activities` (indicators' history is
    /// updated, incidents are not) and times it against the bare handover.
    public func measureRuleCosts(_ activities: [Activity]) -> RuleCosts {
        func seconds(_ body: () -> Void) -> Double {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / Double(max(1, activities.count))
        }
        func pass(_ only: Int?) {
            for var activity in activities {
                let actor = resolveActor(&activity)
                let reference = ActivityReference(activity)
                var findings: [Finding] = [], failures: [RuleFailure] = [], notes: [String: String] = [:]
                if let only {
                    evaluate(activity, actor: actor, reference: reference, only: only, look: false,
                             findings: &findings, failures: &failures, notes: &notes)
                } else {
                    let key = hasIndicators ? Self.actorKey(activity, actorID: activity.actorID) : nil
                    _ = try? callCheck(activity, actor: actor, key: key, from: active.count + 1, only: nil, look: false) { _, _ in }
                }
            }
        }
        pass(nil)  // warm up
        let handover = seconds { pass(nil) }
        var rules: [(id: String, seconds: Double)] = []
        for (i, rule) in active.enumerated() {
            rules.append((rule.id, seconds { pass(i + 1) } - handover))
        }
        return RuleCosts(handover: handover, rules: rules)
    }
}
