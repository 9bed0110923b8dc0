/// One entry in an incident's history: a step taken, and why.
public struct Decision: Hashable, Codable, Sendable {
    public enum Action: String, Codable, Sendable, CaseIterable {
        case opened, escalated, deescalated, resolved, closed, note
    }

    public var action: Action
    /// The reaction step the incident is at after this decision.
    public var step: String?
    public var reason: String
    public var at: Timestamp
    /// Who decided (a consultant, `vigie` for automatic steps).
    public var by: String?

    public init(action: Action, step: String? = nil, reason: String, at: Timestamp, by: String? = nil) {
        self.action = action
        self.step = step
        self.reason = reason
        self.at = at
        self.by = by
    }
}
