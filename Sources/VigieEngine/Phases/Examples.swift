import LuaHost
import VigieModel
import VigiePolicy

/// A rule's example run as a test: must it flag, did it.
public struct ExampleResult: Hashable, Codable, Sendable {
    public enum Expectation: String, Hashable, Codable, Sendable { case flag, pass }

    public var ruleID: String
    public var location: SourceLocation
    public var text: String
    public var expected: Expectation
    public var flagged: Bool
    public var failure: RuleFailure?
    public var passed: Bool { failure == nil && flagged == (expected == .flag) }
}

extension PolicyEngine {
    /// Runs every active rule's `examples` (flag and pass) on that rule
    /// alone. Each example is a made-up post (`PostSpec`: a text, or the
    /// fields of `post`) with an id of its own, `example:RULE:flag:N` or
    /// `example:RULE:pass:N`; indicator history is not touched.
    public func runExamples() -> [ExampleResult] {
        var results: [ExampleResult] = []
        for (i, rule) in active.enumerated() where !rule.isIndicator {
            let index = i + 1
            let posts = entry[.examples].flatMap { try? state.call($0, [.integer(Int64(index))]).first } ?? .nil
            for expected in [ExampleResult.Expectation.flag, .pass] {
                for (n, value) in (posts[expected.rawValue].arrayValue ?? []).enumerated() {
                    let id = "example:\(rule.id):\(expected.rawValue):\(n + 1)"
                    let spec: PostSpec
                    let r: ActivityCheck
                    do throws(PostSpec.Problem) {
                        spec = try PostSpec(value)
                        let activity = try spec.activity(.init(id: id, platform: rule.platforms.first ?? "facebook", handle: "example"))
                        r = checkPost(activity, ruleIndex: index)
                    } catch {
                        let reference = ActivityReference(id: id, source: RecordSource(file: "example", index: 0))
                        let failure = RuleFailure(
                            ruleID: rule.id, ruleLocation: rule.location, location: nil,
                            message: "examples.\(expected.rawValue)[\(n + 1)]: \(error.description)", limit: nil, activity: reference)
                        results.append(ExampleResult(
                            ruleID: rule.id, location: rule.location, text: value["text"].stringValue ?? value.stringValue ?? "",
                            expected: expected, flagged: false, failure: failure))
                        continue
                    }
                    results.append(ExampleResult(
                        ruleID: rule.id, location: rule.location, text: spec.text, expected: expected,
                        flagged: !r.findings.isEmpty, failure: r.failures.first))
                }
            }
        }
        return results
    }

    /// Checks a text with one rule (or all active rules when `ruleID` is
    /// nil), without touching incidents or indicator history (indicators
    /// see a copy of it): for the REPL's `:check "text"` and `:explain`.
    public func checkText(_ text: String, ruleID: String? = nil, platform: String = "facebook") -> ActivityCheck {
        let activity: Activity
        do throws(PostSpec.Problem) {
            activity = try PostSpec(text: text).activity(.init(id: "text:1", platform: platform, handle: "example"))
        } catch {
            return ActivityCheck(activity: ActivityReference(id: "text:1"), actorID: nil, findings: [], failures: [])
        }
        if let ruleID, let index = index(ofRule: ruleID) {
            return checkPost(activity, ruleIndex: index)
        }
        return check(activity, look: true)
    }

    /// Checks a post with the active rule at `ruleIndex` alone, leaving
    /// indicator history and incidents as they are.
    private func checkPost(_ activity: Activity, ruleIndex index: Int) -> ActivityCheck {
        var activity = activity
        let actor = resolveActor(&activity)
        let reference = ActivityReference(activity)
        var findings: [Finding] = []
        var failures: [RuleFailure] = []
        var notes: [String: String] = [:]
        evaluate(activity, actor: actor, reference: reference, only: index,
                 look: true, findings: &findings, failures: &failures, notes: &notes)
        return ActivityCheck(activity: reference, actorID: activity.actorID, findings: findings, failures: failures,
                             notes: notes)
    }
}
