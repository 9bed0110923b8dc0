/// One entry in an incident's history: a step taken, and why.
public struct Decision: Hashable, Codable, Sendable {
    public enum Action: String, Codable, Sendable, CaseIterable {
        case opened, escalated, deescalated, resolved, closed, note
        /// A consultant holds the incident at its step: findings still
        /// gather, but no step is taken automatically until `resumed`.
        case held
        case resumed
    }

    public var action: Action
    /// The reaction step the incident is at after this decision.
    public var step: String?
    public var reason: String
    public var at: Timestamp
    /// Who decided (a consultant, `vigie` for automatic steps).
    public var by: String?
    /// What identifies the decision, so that it is recorded once however
    /// often it is derived again (`auto:…` for the escalation's own
    /// decisions, `manual:…` for a consultant's).
    public var key: String?
    /// The fingerprint of the finding that caused it, when one did.
    public var cause: String?

    public init(
        action: Action, step: String? = nil, reason: String, at: Timestamp, by: String? = nil, key: String? = nil,
        cause: String? = nil
    ) {
        self.action = action
        self.step = step
        self.reason = reason
        self.at = at
        self.by = by
        self.key = key
        self.cause = cause
    }

    /// Whether a consultant took it (rather than the escalation).
    public var isManual: Bool { key?.hasPrefix("manual:") ?? (by != nil && by != "vigie") }
}
