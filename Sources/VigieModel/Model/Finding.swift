/// What a rule reports about one activity: which rule, how serious, where in
/// the text, about whom, what to do, and which threats the rule mitigates.
public struct Finding: Hashable, Codable, Sendable, Identifiable {
    public var ruleID: String
    public var severity: Severity
    public var evidence: [EvidenceSpan]
    public var actorID: String?
    public var activity: ActivityReference
    public var advice: String?
    /// Identifiers of the threats the rule mitigates.
    public var mitigates: [String]
    /// Same rule, same activity, same evidence → same fingerprint, from one run
    /// to the next: what lets the consultant see what is new since last month.
    public var fingerprint: String

    public var id: String { fingerprint }

    public init(
        ruleID: String, severity: Severity, evidence: [EvidenceSpan] = [], actorID: String? = nil,
        activity: ActivityReference, advice: String? = nil, mitigates: [String] = []
    ) {
        self.ruleID = ruleID
        self.severity = severity
        self.evidence = evidence
        self.actorID = actorID
        self.activity = activity
        self.advice = advice
        self.mitigates = mitigates
        self.fingerprint = Finding.fingerprint(ruleID: ruleID, activityID: activity.id, evidence: evidence)
    }

    /// Hash of the rule id, the activity id and the evidence offsets, in this
    /// order; advice, severity and source positions do not take part.
    public static func fingerprint(ruleID: String, activityID: String, evidence: [EvidenceSpan]) -> String {
        var hash = StableHash()
        hash.combine(ruleID)
        hash.combine(activityID)
        for span in evidence.count < 2 ? evidence : evidence.sorted(by: { ($0.start, $0.end) < ($1.start, $1.end) }) {
            hash.combine(span.start)
            hash.combine(span.end)
        }
        return hash.hex
    }
}
