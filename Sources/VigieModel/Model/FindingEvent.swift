/// A finding as the escalation of incidents sees it: who it is about, when,
/// which rule raised it and how severe, identified by its fingerprint. No
/// text: the case file keeps these to recompute the incidents from every
/// finding ever seen, in time order.
public struct FindingEvent: Hashable, Codable, Sendable {
    public var fingerprint: String
    public var ruleID: String
    public var severity: Severity
    public var activityID: String
    public var at: Timestamp
    /// Who the finding is about: the profile person's id, else
    /// `platform:handle` of the account.
    public var actorKey: String
    /// The profile person, when known.
    public var actorID: String?
    /// The finding's rank among its activity's findings (rules in order).
    public var ordinal: Int

    public init(
        fingerprint: String, ruleID: String, severity: Severity, activityID: String, at: Timestamp, actorKey: String,
        actorID: String?, ordinal: Int
    ) {
        self.fingerprint = fingerprint
        self.ruleID = ruleID
        self.severity = severity
        self.activityID = activityID
        self.at = at
        self.actorKey = actorKey
        self.actorID = actorID
        self.ordinal = ordinal
    }

    /// The escalation's order: time, then activity, then rank; the same
    /// whatever order the findings arrived in (one instant written with two
    /// UTC offsets is one time).
    public static func timeOrder(_ a: FindingEvent, _ b: FindingEvent) -> Bool {
        if a.at.secondsSince1970 != b.at.secondsSince1970 { return a.at < b.at }
        if a.activityID != b.activityID { return a.activityID < b.activityID }
        if a.ordinal != b.ordinal { return a.ordinal < b.ordinal }
        return a.fingerprint < b.fingerprint
    }
}
