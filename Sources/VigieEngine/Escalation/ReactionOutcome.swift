import VigieModel

/// A decision the escalation took for one incident (`Escalation.outcomes`).
public struct ReactionOutcome: Hashable, Codable, Sendable {
    public var incidentID: String
    public var incidentKind: String
    public var actorID: String?
    public var reactionID: String
    public var stepID: String
    public var stepTitle: String?
    public var action: Decision.Action
    public var advice: String?
    /// Why: the condition's or the step's reason, and for steps with
    /// `record_reasons` the findings that led there.
    public var reason: String
    public var recordedReasons: [String]
    /// An error in the step's condition (the incident stays where it was).
    public var error: String?
    /// When the decision was taken (the finding's time, or the time a time
    /// condition came due).
    public var at: Timestamp? = nil
    /// The decision's key (`auto:<incident>:…`), as the case file records it.
    public var key: String? = nil
}

