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
    /// Runs every active rule's and indicator's `examples` (flag and pass).
    /// A rule's example is a made-up post (`PostSpec`: a text, or the
    /// fields of `post`) with an id of its own, `example:RULE:flag:N` or
    /// `example:RULE:pass:N`, checked by that rule alone. An indicator's
    /// example is a person's posts, in order, in a fresh history: flag
    /// when the indicator flags one of them, pass when it flags none; the
    /// history of the run so far is put aside and given back.
    public func runExamples() -> [ExampleResult] {
        var results: [ExampleResult] = []
        let hasIndicatorExamples = active.contains { $0.isIndicator }
        if hasIndicatorExamples, let f = entry[.history] { _ = try? state.call(f, [.string("save")]) }
        defer { if hasIndicatorExamples, let f = entry[.history] { _ = try? state.call(f, [.string("restore")]) } }
        for (i, rule) in active.enumerated() {
            let index = i + 1
            let posts = entry[.examples].flatMap { try? state.call($0, [.integer(Int64(index))]).first } ?? .nil
            for expected in [ExampleResult.Expectation.flag, .pass] {
                for (n, value) in (posts[expected.rawValue].arrayValue ?? []).enumerated() {
                    let id = "example:\(rule.id):\(expected.rawValue):\(n + 1)"
                    let sequence = rule.isIndicator ? (value.arrayValue ?? []) : [value]
                    if rule.isIndicator, let f = entry[.history] { _ = try? state.call(f, [.string("reset")]) }
                    var texts: [String] = []
                    var flagged = false
                    var failure: RuleFailure?
                    for (j, item) in sequence.enumerated() {
                        let postID = rule.isIndicator ? "\(id):\(j + 1)" : id
                        texts.append(item["text"].stringValue ?? item.stringValue ?? "")
                        do throws(PostSpec.Problem) {
                            let spec = try PostSpec(item)
                            var defaults = PostSpec.Defaults(id: postID, platform: rule.platforms.first ?? "facebook", handle: "example")
                            // A person's posts follow each other a minute apart.
                            defaults.time = PostSpec.defaultTime.secondsSince1970 + Double(j * 60)
                            let activity = try madePost(spec, defaults)
                            let r = checkPost(activity, ruleIndex: index, look: !rule.isIndicator)
                            if !r.findings.isEmpty { flagged = true }
                            if failure == nil { failure = r.failures.first }
                        } catch {
                            let reference = ActivityReference(id: postID, source: RecordSource(file: "example", index: 0))
                            let which = rule.isIndicator ? "examples.\(expected.rawValue)[\(n + 1)][\(j + 1)]" : "examples.\(expected.rawValue)[\(n + 1)]"
                            failure = RuleFailure(
                                ruleID: rule.id, ruleLocation: rule.location, location: nil,
                                message: "\(which): \(error.description)", limit: nil, activity: reference)
                            break
                        }
                    }
                    results.append(ExampleResult(
                        ruleID: rule.id, location: exampleLocation(rule, text: texts.last ?? ""),
                        text: texts.joined(separator: " / "), expected: expected, flagged: flagged, failure: failure))
                }
            }
        }
        return results
    }

    /// The line of an example's text in its rule's examples (or its
    /// extend's), else the rule's line.
    func exampleLocation(_ rule: RuleDeclaration, text: String) -> SourceLocation {
        for place in [rule.extendedAt, rule.location].compactMap({ $0 }) {
            if !text.isEmpty, let hit = sourceFields.find("examples", needle: text, in: place.file, declaredAt: place.line),
                hit.foundNeedle
            {
                return SourceLocation(file: place.file, line: hit.line)
            }
        }
        return rule.location
    }

    /// A made-up post (a rule's example, a test's `check`, the REPL's
    /// `:check`) as an activity. Its `actor` must be a person of the
    /// profile, an actor a scenario adds, or a kind of actor (`client`,
    /// `employee`…, what plugin examples use having no profile): an
    /// unknown one is a mistake, not a stranger.
    func madePost(_ spec: PostSpec, _ defaults: PostSpec.Defaults) throws(PostSpec.Problem) -> Activity {
        let activity = try spec.activity(defaults)
        if let id = activity.actorID, !isKnownActor(id) {
            let people = profileActors.map(\.id)
            let kinds = ActorKind.allCases.map(\.rawValue)
            var text = "actor \"\(id)\" is neither a person of the profile nor a kind of actor"
            let close = Suggestion.closest(id, among: people + kinds)
            if !close.isEmpty {
                text += "; did you mean \(close.map { "\"\($0)\"" }.joined(separator: " or "))?"
            } else {
                text += people.isEmpty
                    ? " (the kinds are \(kinds.joined(separator: ", ")))"
                    : "; the people are \(people.joined(separator: ", ")), the kinds \(kinds.joined(separator: ", "))"
            }
            throw PostSpec.Problem(text)
        }
        return activity
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

    /// Checks a post with one active rule alone, changing nothing (indicators
    /// see a copy of their history): `vigie lint` tries each rule so.
    public func checkPost(_ activity: Activity, ruleID: String) -> ActivityCheck {
        guard let index = index(ofRule: ruleID) else {
            return ActivityCheck(activity: ActivityReference(activity), actorID: activity.actorID, findings: [], failures: [])
        }
        return checkPost(activity, ruleIndex: index)
    }

    /// Checks a post with the active rule at `ruleIndex` alone, leaving
    /// incidents as they are (and, with `look`, indicator history too).
    func checkPost(_ activity: Activity, ruleIndex index: Int, look: Bool = true) -> ActivityCheck {
        var activity = activity
        let actor = resolveActor(&activity)
        let reference = ActivityReference(activity)
        var findings: [Finding] = []
        var failures: [RuleFailure] = []
        var notes: [String: String] = [:]
        evaluate(activity, actor: actor, reference: reference, only: index,
                 look: look, findings: &findings, failures: &failures, notes: &notes)
        return ActivityCheck(activity: reference, actorID: activity.actorID, findings: findings, failures: failures,
                             notes: notes)
    }
}
