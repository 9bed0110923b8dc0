import LuaHost
import VigieModel
import VigiePolicy

/// A finding as an incident remembers it (no text: fingerprints and ids).
public struct IncidentEvent: Hashable, Codable, Sendable {
    public var ruleID: String
    public var severity: Severity
    public var fingerprint: String
    public var activityID: String
    public var at: Timestamp
}

/// An incident and where it stands in its reaction: `Codable`, so that a
/// case file can keep it between runs and `react` can resume from it.
public struct IncidentState: Hashable, Codable, Sendable, Identifiable {
    public var incident: Incident
    /// Who the incident is about (actor id, or `platform:handle`).
    public var actorKey: String
    public var openedAt: Timestamp
    /// The finding that opened it.
    public var opening: IncidentEvent
    /// Findings about the actor since the incident reached its current step:
    /// what the next step's condition looks at. Bounded (the latest 100).
    public var pending: [IncidentEvent]
    /// The reasons recorded by steps with `record_reasons`.
    public var reasons: [String]

    public var id: String { incident.id }
    public var isOpen: Bool { incident.status == .open }
}

/// The incidents of a run (or of a case, across runs).
public struct IncidentBook: Hashable, Codable, Sendable {
    public var incidents: [IncidentState] = []
    static let maxPending = 100

    public init(incidents: [IncidentState] = []) {
        self.incidents = incidents
    }

    public func incident(_ id: String) -> IncidentState? { incidents.first { $0.id == id } }

    /// The open incident about `actorKey`, of `kind` if given.
    public func open(actor actorKey: String, kind: String? = nil) -> IncidentState? {
        incidents.first { $0.isOpen && $0.actorKey == actorKey && (kind == nil || $0.incident.kind == kind) }
    }

    /// The key of the person of an activity whose actor is resolved.
    static func actorKey(_ activity: Activity) -> String {
        PolicyEngine.actorKey(activity, actorID: activity.actorID)
    }

    /// Adds the findings to the open incidents of their actor, and opens the
    /// incidents they trigger. Returns the ids of the incidents opened.
    mutating func observe(_ findings: [Finding], activity: Activity, declarations: [IncidentDeclaration]) -> [String] {
        guard !findings.isEmpty else { return [] }
        let key = Self.actorKey(activity)
        let events = findings.map {
            IncidentEvent(ruleID: $0.ruleID, severity: $0.severity, fingerprint: $0.fingerprint,
                          activityID: activity.id, at: activity.timestamp)
        }
        // The actor's open incidents, found without copying the others
        // (a run can hold thousands).
        let mine: [Int] = incidents.withUnsafeBufferPointer { all in
            all.indices.filter { all[$0].actorKey == key && all[$0].incident.status == .open }
        }
        var openKinds = Set<String>()
        for index in mine {
            openKinds.insert(incidents[index].incident.kind)
            incidents[index].pending.append(contentsOf: events)
            if incidents[index].pending.count > Self.maxPending {
                incidents[index].pending.removeFirst(incidents[index].pending.count - Self.maxPending)
            }
        }
        var opened: [String] = []
        for declaration in declarations where !declaration.disabled {
            guard !openKinds.contains(declaration.id),
                let event = events.first(where: { declaration.openedBy.contains($0.ruleID) })
            else { continue }
            let id = StableHash.hex(declaration.id, key, event.fingerprint)
            let incident = Incident(id: id, kind: declaration.id, actorID: activity.actorID, openedBy: [event.fingerprint])
            incidents.append(IncidentState(
                incident: incident, actorKey: key, openedAt: activity.timestamp, opening: event, pending: [], reasons: []))
            opened.append(id)
        }
        return opened
    }
}

/// A decision `react` took for one incident.
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
}

extension PolicyEngine {
    /// Moves each open incident along its reaction: a new incident gets the
    /// first step; an incident whose next step's condition holds for the
    /// findings seen since its current step moves one step up. Returns the
    /// decisions taken, in incident order.
    @discardableResult
    public func react(at time: Timestamp) -> [ReactionOutcome] {
        var outcomes: [ReactionOutcome] = []
        let fr = declarations.manifest.language != "en"
        for index in incidents.incidents.indices where incidents.incidents[index].isOpen {
            let current = incidents.incidents[index]
            guard let reaction = declarations.reactions.first(where: { !$0.disabled && $0.on == current.incident.kind }),
                !reaction.steps.isEmpty
            else { continue }
            func ruleTitle(_ id: String) -> String { declarations.rule(id)?.texts.title ?? id }
            var outcome = ReactionOutcome(
                incidentID: current.id, incidentKind: current.incident.kind, actorID: current.incident.actorID,
                reactionID: reaction.id, stepID: "", stepTitle: nil, action: .opened, advice: nil, reason: "",
                recordedReasons: [], error: nil)
            guard let stepID = current.incident.currentStep else {
                let step = reaction.steps[0]
                let reason = fr
                    ? "Ouvert par « \(ruleTitle(current.opening.ruleID)) » le \(current.opening.at.iso8601)"
                    : "Opened by \"\(ruleTitle(current.opening.ruleID))\" on \(current.opening.at.iso8601)"
                incidents.incidents[index].incident.record(Decision(action: .opened, step: step.id, reason: reason, at: time, by: "vigie"))
                outcome.stepID = step.id
                outcome.stepTitle = step.title
                outcome.advice = step.advice
                outcome.reason = reason
                outcomes.append(outcome)
                continue
            }
            guard !current.pending.isEmpty,
                let position = reaction.steps.firstIndex(where: { $0.id == stepID }),
                position + 1 < reaction.steps.count
            else { continue }
            let next = reaction.steps[position + 1]
            let events = LuaValue.array(current.pending.map { e in
                .table(["id": .string(e.ruleID), "severity": .string(e.severity.rawValue),
                        "fingerprint": .string(e.fingerprint), "activity": .string(e.activityID),
                        "at": .string(e.at.iso8601), "title": .string(ruleTitle(e.ruleID))])
            })
            let incidentValue: LuaValue = .table([
                "id": .string(current.id), "kind": .string(current.incident.kind),
                "actor": current.incident.actorID.map { .string($0) } ?? .nil, "step": .string(stepID),
                "opened_at": .string(current.openedAt.iso8601),
                "history": .array(current.incident.history.map { .string($0.step ?? "") }),
            ])
            let ok: Bool
            let conditionReason: String?
            do {
                (ok, conditionReason) = try callWhen(
                    reaction: reaction.id, step: position + 2, incident: incidentValue, events: events)
            } catch {
                outcome.stepID = next.id
                outcome.error = error.description
                outcomes.append(outcome)
                continue
            }
            guard ok else { continue }
            var reason = conditionReason ?? next.title ?? next.id
            var recorded: [String] = []
            if next.recordReasons {
                recorded = current.pending.map { "\(ruleTitle($0.ruleID)) (\($0.at.iso8601))" }
                reason += (fr ? " — Motifs : " : " — Reasons: ") + recorded.joined(separator: "; ")
                incidents.incidents[index].reasons.append(contentsOf: recorded)
            }
            incidents.incidents[index].incident.record(Decision(action: .escalated, step: next.id, reason: reason, at: time, by: "vigie"))
            incidents.incidents[index].pending = []
            if next.closes {
                incidents.incidents[index].incident.record(Decision(action: .closed, step: next.id, reason: reason, at: time, by: "vigie"))
            }
            outcome.stepID = next.id
            outcome.stepTitle = next.title
            outcome.action = .escalated
            outcome.advice = next.advice
            outcome.reason = reason
            outcome.recordedReasons = recorded
            outcomes.append(outcome)
        }
        return outcomes
    }
}
