/// A situation that needs a reaction: opened by findings about an actor, it
/// moves along the steps of a reaction plan (talk calmly, warn firmly, exclude
/// giving the reasons), and keeps the history of those decisions.
public struct Incident: Hashable, Codable, Sendable, Identifiable {
    public enum Status: String, Codable, Sendable, CaseIterable {
        case open, resolved, closed
    }

    public var id: String
    /// What happened, matched by reaction plans' `on` (`negative-comment-by-client`).
    public var kind: String
    public var actorID: String?
    /// Fingerprints of the findings that opened the incident.
    public var openedBy: [String]
    /// The id of the reaction step the incident is at.
    public var currentStep: String?
    public var status: Status
    public var history: [Decision]

    public init(
        id: String, kind: String, actorID: String? = nil, openedBy: [String],
        currentStep: String? = nil, status: Status = .open, history: [Decision] = []
    ) {
        self.id = id
        self.kind = kind
        self.actorID = actorID
        self.openedBy = openedBy
        self.currentStep = currentStep
        self.status = status
        self.history = history
    }

    /// Records a decision and moves the incident accordingly.
    public mutating func record(_ decision: Decision) {
        history.append(decision)
        if let step = decision.step { currentStep = step }
        switch decision.action {
        case .resolved: status = .resolved
        case .closed: status = .closed
        case .opened, .escalated, .deescalated: status = .open
        case .note, .held, .resumed: break
        }
    }
}
