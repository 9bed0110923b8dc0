import LuaHost

/// What the policy engine gives the REPL (`vigie repl --policy DIR`).
///
/// The REPL makes the Lua state (with the policy limits) and the session's
/// environment; the provider loads the policy and its plugins into that
/// environment, so that what the consultant types sees the same rules,
/// plugins and API as the policy does, in the same sandbox. Everything runs
/// on the REPL's thread. Errors thrown are shown to the user as they are
/// (`LuaError` shows file:line); they never end the session.
public protocol ReplPolicyProvider: AnyObject {
    /// One line shown at start and after `:reload`, e.g.
    /// `policy entretien-menager 1.0.0: 12 rules, 5 threats`.
    var summary: String { get }

    /// Loads the policy and its plugins into `context.environment`; called
    /// once at start and again by `:reload` after an edit. The loaded data
    /// (`context.datasets`) stays; the provider may expose it its own way.
    func load(into context: ReplPolicyContext) throws

    /// The rules, in the policy's order (`:rules`, completion of `:explain`).
    func rules() -> [ReplCatalogEntry]

    /// The threats (`:threats`).
    func threats() -> [ReplCatalogEntry]

    /// `:check "text"`: evaluates an ad-hoc post against the policy and
    /// returns the report to print (the findings with their evidence, or
    /// that no rule flagged it).
    func check(text: String) throws -> String

    /// `:explain RULE`: what the rule looks at and why it flagged, with the
    /// evidence, as text to print.
    func explain(rule id: String) throws -> String

    /// `:check --actor client --kind comment "text"` or `:check { ... }`:
    /// a post with more than a text (who posts, where, what kind).
    func check(post: ReplPost) throws -> String

    /// `:explain RULE "text"`: the rule on that post, why it flags or not.
    func explain(rule id: String, post: ReplPost) throws -> String

    /// After each entry and each `:load`: takes in what was declared at the
    /// prompt (a rule, an extend), so that `:check` and `check()` run it;
    /// returns a notice when the declarations changed. Throws their mistakes.
    func refresh() throws -> String?

    /// Extra completions (API names, rule and threat ids where a Lua string
    /// is expected…); the session already completes globals, fields and
    /// meta-commands.
    func completions(for request: ReplCompletionRequest) -> [String]

    /// Help topics about the policy API (`:help api`…).
    var helpTopics: [ReplHelpTopic] { get }

    /// Meta-commands of the engine's own, beyond the four above.
    var extraCommands: [ReplMetaCommand] { get }
}

extension ReplPolicyProvider {
    public func check(post: ReplPost) throws -> String {
        guard post.isPlainText else { throw ReplCommandError("this policy takes only a text: :check \"text\"") }
        return try check(text: post.text)
    }
    public func explain(rule id: String, post: ReplPost) throws -> String {
        throw ReplCommandError("this policy explains a rule without a post: :explain \(id)")
    }
    public func refresh() throws -> String? { nil }
    public func completions(for request: ReplCompletionRequest) -> [String] { [] }
    public var helpTopics: [ReplHelpTopic] { [] }
    public var extraCommands: [ReplMetaCommand] { [] }
}

/// What a policy provider gets to load into.
public struct ReplPolicyContext {
    public let state: LuaState
    public let environment: LuaEnvironment
    public let datasets: [ReplDataSet]
}

/// A rule or a threat as `:rules` and `:threats` list it.
public struct ReplCatalogEntry: Sendable, Equatable {
    public var id: String
    public var title: String
    /// `file:line` of the declaration.
    public var location: String?
    /// A short extra column: a rule's severity, a threat's likelihood × impact.
    public var detail: String?

    public init(id: String, title: String, location: String? = nil, detail: String? = nil) {
        self.id = id
        self.title = title
        self.location = location
        self.detail = detail
    }
}

/// The post of `:check` and `:explain`: a text, or the fields of a post
/// (`{ text = "...", actor = "client", kind = "comment" }`) as a test's
/// `check { ... }` takes them.
public struct ReplPost: Sendable, Equatable {
    /// `.string(text)` or a table of post fields.
    public var spec: LuaValue

    public init(spec: LuaValue) {
        self.spec = spec
    }

    public init(text: String) {
        spec = .string(text)
    }

    /// Only a text, no other field.
    public var isPlainText: Bool { spec.stringValue != nil }

    /// The post's text.
    public var text: String { spec.stringValue ?? spec["text"].stringValue ?? "" }
}
