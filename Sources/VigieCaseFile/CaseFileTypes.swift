import Foundation
import VigieModel

/// An erasure as the case file records it: when, by whom, why and how many
/// rows went. Never who was erased.
public struct ErasureRecord: Hashable, Codable, Sendable {
    public var erasedAt: Date
    public var erasedBy: String
    public var reason: String
    public var rowsRemoved: Int
}

/// An incident as the case file keeps it: the model's incident (its steps
/// and whole history) and who it is about.
public struct StoredIncident: Hashable, Codable, Sendable, Identifiable {
    public var incident: Incident
    /// Who it is about: the profile person's id, else `platform:handle`.
    public var actorKey: String
    public var openedAt: Timestamp?

    public var id: String { incident.id }

    public init(incident: Incident, actorKey: String, openedAt: Timestamp?) {
        self.incident = incident
        self.actorKey = actorKey
        self.openedAt = openedAt
    }
}

/// What the escalation is computed from, read inside a run's transaction:
/// every finding event ever recorded (this run's included), the incidents
/// with their consultants' decisions (and decisions imported from older
/// files) and how far in time the escalation was last brought.
public struct EscalationBasis: Sendable {
    public var events: [FindingEvent]
    /// Incidents that hold decisions not derived by the escalation, with
    /// only those decisions in their history.
    public var manual: [StoredIncident]
    public var horizon: Timestamp?
}

/// What the escalation gives back to be saved: every incident with its
/// whole derived history (decisions keyed `auto:…`), and the time it was
/// brought up to.
public struct EscalationResult: Sendable {
    public var incidents: [StoredIncident]
    public var horizon: Timestamp?

    public init(incidents: [StoredIncident], horizon: Timestamp?) {
        self.incidents = incidents
        self.horizon = horizon
    }
}

/// A decision the case file recorded for the first time, with its incident.
public struct RecordedDecision: Hashable, Codable, Sendable {
    public var incidentID: String
    public var decision: Decision
}

/// One answer of `vigie serve` as the case file keeps it: when, which policy
/// version answered, the decision, the rules that flagged (and those that
/// could not finish), the person if the client named one, and a keyed hash
/// of the draft, so that the same draft is recognised without being stored.
/// The draft itself is never stored.
public struct ServeDecisionRecord: Hashable, Codable, Sendable {
    public var decidedAt: Date
    public var policyName: String
    public var policyVersion: String
    /// `allow`, `warn` or `block`.
    public var decision: String
    /// The rules that flagged the draft, in the order of the findings (each once).
    public var rules: [String]
    /// The rules that failed or hit a sandbox limit on the draft.
    public var failedRules: [String]
    /// The profile person the client named, if any.
    public var person: String?
    /// HMAC-SHA256 of the draft's text (hexadecimal), keyed by the case file's serve key.
    public var draftHash: String
    public var platform: String?
    public var kind: String?

    public init(
        decidedAt: Date, policyName: String, policyVersion: String, decision: String, rules: [String],
        failedRules: [String] = [], person: String? = nil, draftHash: String, platform: String? = nil,
        kind: String? = nil
    ) {
        self.decidedAt = decidedAt
        self.policyName = policyName
        self.policyVersion = policyVersion
        self.decision = decision
        self.rules = rules
        self.failedRules = failedRules
        self.person = person
        self.draftHash = draftHash
        self.platform = platform
        self.kind = kind
    }
}

/// JSON for the few list-valued columns, with sorted keys so that equal
/// values give equal text.
enum JSONCoding {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    /// A JSON array of texts (what `JSONCoding.encode` writes, without an
    /// encoder per row: the server logs thousands of decisions a second).
    static func jsonArray(_ strings: [String]) -> String {
        var out = "["
        for (i, text) in strings.enumerated() {
            if i > 0 { out += "," }
            out += "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                default:
                    if scalar.value < 0x20 {
                        let hex = String(scalar.value, radix: 16)
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
            out += "\""
        }
        return out + "]"
    }

}

/// The columns of `runFinding`, from a `Finding`.
struct FindingRow {
    var fingerprint: String
    var ruleID: String
    var severity: String
    var actorID: String?
    var activityID: String
    var sourceFile: String?
    var sourceIndex: Int?
    var sourceLine: Int?
    var evidence: String
    var advice: String?
    var mitigates: String

    init(_ finding: Finding) throws {
        fingerprint = finding.fingerprint
        ruleID = finding.ruleID
        severity = finding.severity.rawValue
        actorID = finding.actorID
        activityID = finding.activity.id
        sourceFile = finding.activity.source?.file
        sourceIndex = finding.activity.source?.index
        sourceLine = finding.activity.source?.line
        evidence = try JSONCoding.encode(finding.evidence)
        advice = finding.advice
        mitigates = try JSONCoding.encode(finding.mitigates)
    }
}
