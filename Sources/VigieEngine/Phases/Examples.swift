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
    /// Runs every active rule's `examples` (flag and pass) on that rule alone.
    public func runExamples() -> [ExampleResult] {
        var results: [ExampleResult] = []
        for rule in active where !rule.isIndicator {
            for (examples, expected) in [(rule.flagExamples, ExampleResult.Expectation.flag), (rule.passExamples, .pass)] {
                for (n, example) in examples.enumerated() {
                    let r = checkExample(rule, example, number: n + 1)
                    results.append(ExampleResult(
                        ruleID: rule.id, location: rule.location, text: example.text, expected: expected,
                        flagged: !r.findings.isEmpty, failure: r.failures.first))
                }
            }
        }
        return results
    }

    /// Checks a text with one rule (or all active rules when `ruleID` is
    /// nil), without touching incidents or indicator history: for the
    /// REPL's `:check "text"` and for examples.
    public func checkText(_ text: String, ruleID: String? = nil, platform: String = "facebook") -> ActivityCheck {
        let example = RuleExample(text: text, platform: platform, kind: nil, visibility: nil)
        if let ruleID, let rule = active.first(where: { $0.id == ruleID }) {
            return checkExample(rule, example, number: 1)
        }
        let activity = Self.exampleActivity(example, id: "text:1", platform: platform)
        let saved = incidents
        defer { incidents = saved }
        return check(activity)
    }

    static func exampleActivity(_ example: RuleExample, id: String, platform: String) -> Activity {
        let platform = Platform(example.platform ?? platform)
        return Activity(
            id: id, kind: example.kind.flatMap(ActivityKind.init(rawValue:)) ?? .post, platform: platform,
            author: Account(platform: platform, handle: example.actor ?? "example"), actorID: example.actor,
            timestamp: Timestamp(iso8601: "2026-01-05T10:00:00Z")!,
            visibility: example.visibility.flatMap(Visibility.init(rawValue:)) ?? .public, text: example.text,
            source: RecordSource(file: "example", index: 0))
    }

    private func checkExample(_ rule: RuleDeclaration, _ example: RuleExample, number: Int) -> ActivityCheck {
        var activity = Self.exampleActivity(
            example, id: "example:\(rule.id):\(number)", platform: rule.platforms.first ?? "facebook")
        let actor = resolveActor(&activity)
        let reference = ActivityReference(activity)
        var findings: [Finding] = []
        var failures: [RuleFailure] = []
        guard let index = index(ofRule: rule.id), case let packed = ActivityView.packed(activity, actor: actor)
        else { return ActivityCheck(activity: reference, actorID: nil, findings: [], failures: [], opened: []) }
        var notes: [String: String] = [:]
        evaluate(packed, activity: activity, reference: reference, only: index, findings: &findings, failures: &failures,
                 notes: &notes)
        return ActivityCheck(activity: reference, actorID: activity.actorID, findings: findings, failures: failures, opened: [],
                             notes: notes)
    }
}
