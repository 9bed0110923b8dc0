/// One step of a reaction plan.
public struct ReactionStep: Hashable, Codable, Sendable, Identifiable {
    public var id: String
    /// The step's readable name (`Avertissement`), when the policy gives one.
    public var title: String?
    /// When the step applies (an indicator or situation id); nil for the first step.
    public var condition: String?
    public var advice: String?
    /// Whether the decision must be written down with its reasons (exclusion).
    public var recordReasons: Bool

    public init(
        id: String, title: String? = nil, condition: String? = nil, advice: String? = nil, recordReasons: Bool = false
    ) {
        self.id = id
        self.title = title
        self.condition = condition
        self.advice = advice
        self.recordReasons = recordReasons
    }

    /// The title, else the id.
    public var name: String { title ?? id }
}
