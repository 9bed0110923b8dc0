import VigieModel
import VigieReport

/// A finding as a run reports it: the finding, whether it is new since the
/// case file's previous run, and what is shown of its activity (the
/// excerpt and `activityText`, the whole text, are masked unless the run
/// reveals personal data; reports run revealed and mask it themselves).
public struct CheckedFinding: Encodable, Hashable, Sendable {
    public var finding: Finding
    public var isNew: Bool
    public var platform: String
    public var kind: String
    public var author: String
    public var time: String
    public var excerpt: String
    public var activityText: String
    public var timestamp: Timestamp
    /// Who the finding is about, as incidents key people (not printed).
    public var actorKey: String
    /// The finding's rank among its activity's findings (not printed).
    public var ordinal: Int
    /// What the rule or indicator said of this finding (`ctx:flag { note = ... }`).
    public var note: String?

    public init(
        finding: Finding, isNew: Bool, platform: String, kind: String, author: String, time: String, excerpt: String,
        activityText: String, timestamp: Timestamp, actorKey: String = "", ordinal: Int = 0, note: String? = nil
    ) {
        self.note = note
        self.finding = finding
        self.isNew = isNew
        self.platform = platform
        self.kind = kind
        self.author = author
        self.time = time
        self.excerpt = excerpt
        self.activityText = activityText
        self.timestamp = timestamp
        self.actorKey = actorKey
        self.ordinal = ordinal
    }

    /// The finding as the escalation sees it.
    public var event: FindingEvent {
        FindingEvent(
            fingerprint: finding.fingerprint, ruleID: finding.ruleID, severity: finding.severity,
            activityID: finding.activity.id, at: timestamp, actorKey: actorKey, actorID: finding.actorID, ordinal: ordinal)
    }

    private enum CodingKeys: String, CodingKey {
        case finding, isNew, platform, kind, author, time, excerpt, activityText, timestamp, note
    }

    /// What `JSONEncoder` writes for the finding (sorted keys, nil members
    /// left out), member by member: `check --format json` prints one per
    /// finding (tests compare the output with the encoder's).
    public func writeJSON(into w: inout PrettyJSONWriter) {
        w.beginObject()
        w.key("activityText"); w.string(activityText)
        w.key("author"); w.string(author)
        w.key("excerpt"); w.string(excerpt)
        w.key("finding")
        w.beginObject()
        w.key("activity")
        w.beginObject()
        w.key("id"); w.string(finding.activity.id)
        if let source = finding.activity.source {
            w.key("source")
            w.beginObject()
            w.key("file"); w.string(source.file)
            w.key("index"); w.int(source.index)
            if let line = source.line { w.key("line"); w.int(line) }
            w.endObject()
        }
        w.endObject()
        if let actorID = finding.actorID { w.key("actorID"); w.string(actorID) }
        if let advice = finding.advice { w.key("advice"); w.string(advice) }
        w.key("evidence")
        w.beginArray()
        for span in finding.evidence {
            w.element()
            w.beginObject()
            w.key("end"); w.int(span.end)
            if let label = span.label { w.key("label"); w.string(label) }
            w.key("start"); w.int(span.start)
            w.endObject()
        }
        w.endArray()
        w.key("fingerprint"); w.string(finding.fingerprint)
        w.key("mitigates")
        w.beginArray()
        for m in finding.mitigates {
            w.element()
            w.string(m)
        }
        w.endArray()
        w.key("ruleID"); w.string(finding.ruleID)
        w.key("severity"); w.string(finding.severity.rawValue)
        w.endObject()
        w.key("isNew"); w.bool(isNew)
        w.key("kind"); w.string(kind)
        if let note { w.key("note"); w.string(note) }
        w.key("platform"); w.string(platform)
        w.key("time"); w.string(time)
        w.key("timestamp"); w.string(timestamp.iso8601)
        w.endObject()
    }
}
