import LuaHost
import VigieModel
import VigiePolicy

/// A made-up post that could not be built: an unknown field, an unknown
/// actor, a time that is not one (the message names the field).
public struct MadePostError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

/// Who posts, where and what, as the rules will see it: what the REPL's
/// `:check` says before its findings.
public struct MadePostSummary: Sendable, Equatable {
    public var platform: String
    public var kind: String
    public var visibility: String
    /// The actor's id, nil when the author is no one of the profile.
    public var actorID: String?
    /// The actor's kind (`client`, `employee`…), nil with no actor.
    public var actorKind: String?
}

extension PolicyEngine {
    /// A made-up post (a text, or a table of the fields of `post`, as in a
    /// test's `check { ... }`) as an activity: the REPL's `:check` and
    /// `:explain`. Its `actor` must be a person of the profile or a kind of
    /// actor (`client`, `employee`…).
    public func madePost(_ spec: LuaValue, id: String = "text:1") throws(MadePostError) -> Activity {
        do throws(PostSpec.Problem) {
            return try madePost(PostSpec(spec), .init(id: id, platform: "facebook", handle: "example"))
        } catch {
            throw MadePostError(description: error.description)
        }
    }

    /// Who the rules will take the post's author for, where, and what kind of post.
    public func summary(of activity: Activity) -> MadePostSummary {
        var activity = activity
        let actor = resolveActor(&activity)
        return MadePostSummary(
            platform: activity.platform.rawValue, kind: activity.kind.rawValue, visibility: activity.visibility.rawValue,
            actorID: actor?.id, actorKind: actor?.kind.rawValue)
    }

    /// Checks a made-up post with every active rule, or with `ruleID`
    /// alone, changing nothing (indicators see a copy of their history).
    public func checkMadePost(_ activity: Activity, ruleID: String? = nil) -> ActivityCheck {
        if let ruleID, let index = index(ofRule: ruleID) {
            return checkPost(activity, ruleIndex: index)
        }
        return check(activity, look: true)
    }

    /// A post as rules see it (the fields of `post`, read-only in Lua),
    /// its actor resolved by the profile: the REPL's `data` with a policy,
    /// so that `check(data[i])` checks the post a rule saw.
    public func ruleView(of activity: Activity) -> LuaValue {
        var activity = activity
        let actor = resolveActor(&activity)
        return ActivityView.value(activity, actor: actor)
    }

    /// Whether a rule is active (declared, not disabled).
    public func isActive(rule id: String) -> Bool { index(ofRule: id) != nil }
}
