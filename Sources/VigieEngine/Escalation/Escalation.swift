import LuaHost
import VigieModel
import VigiePolicy

/// An incident as the escalation carries it along: the model's incident
/// (its step, status and history) and what the next step's condition looks
/// at.
public struct EscalatedIncident: Hashable, Sendable, Identifiable {
    public var incident: Incident
    /// Who it is about: the profile person's id, else `platform:handle`.
    public var actorKey: String
    public var openedAt: Timestamp
    /// The finding that opened it (nil for an incident carried over from an
    /// older case file, opened by a decision rather than a finding).
    public var opening: FindingEvent?
    /// Findings about the person since the incident reached its current
    /// step: what the next step's condition looks at (the latest 100).
    public var pending: [FindingEvent] = []
    /// When the current step was reached, and the latest finding about the
    /// person since the incident opened: what time conditions count from.
    public var stepReachedAt: Timestamp
    public var lastFindingAt: Timestamp
    /// A consultant holds it: findings gather, no step is taken by itself.
    public var held = false
    /// The reasons recorded by steps with `record_reasons`.
    public var reasons: [String] = []
    /// Bumped whenever the next step's timer must be recomputed: older
    /// timers in the heap are then ignored.
    var timerGeneration = 0

    public var id: String { incident.id }
    public var isOpen: Bool { incident.status == .open }
}

/// Findings in the escalation's time order (`FindingEvent.timeOrder`),
/// read one at a time: `event(i)` is asked for each `i` in turn, once.
public protocol TimeOrderedEvents {
    associatedtype Failure: Error
    var count: Int { get }
    func event(_ i: Int) throws(Failure) -> FindingEvent
}

/// The fingerprints the escalation has seen: the sixteen hexadecimal
/// digits `Finding.fingerprint` writes are kept as the number they spell
/// (eight bytes, no string per finding), any other text as it is.
struct SeenFingerprints {
    private var numbers: Set<UInt64> = []
    private var others: Set<String> = []

    /// Records `fingerprint`; false when it was already there.
    mutating func insert(_ fingerprint: String) -> Bool {
        if let number = Self.number(fingerprint) { return numbers.insert(number).inserted }
        return others.insert(fingerprint).inserted
    }

    static func number(_ fingerprint: String) -> UInt64? {
        guard fingerprint.utf8.count == 16 else { return nil }
        var value: UInt64 = 0
        for byte in fingerprint.utf8 {
            switch byte {
            case 0x30...0x39: value = value << 4 | UInt64(byte - 0x30)
            case 0x61...0x66: value = value << 4 | UInt64(byte - 0x61 + 10)
            default: return nil
            }
        }
        return value
    }
}

/// The escalation of incidents, as a pure function of the findings in time
/// order (and of the consultants' own decisions, at their time): each
/// finding moves an incident at most once, ever, identified by its
/// fingerprint. Feeding the same findings again, or the same findings split
/// into several runs, ends in the same state and takes no decision twice:
/// decisions carry keys (`auto:<incident>:…`) that the case file records
/// once.
///
/// Steps move on findings (`when = "rule"`, `{ any = … }`, a function…) or
/// on time (`{ quiet_days = N }`: N days with no new finding about the
/// person; `{ after_days = N }`: N days after the step was reached),
/// applied by `advance(to:)`. Timers wait in a heap, so a run with many
/// incidents stays linear.
public struct Escalation {
    let engine: PolicyEngine
    public private(set) var incidents: [EscalatedIncident] = []
    /// The decisions taken, in the order they were taken.
    public private(set) var outcomes: [ReactionOutcome] = []
    private var positions: [String: Int] = [:]
    private var openByActor: [String: [Int]] = [:]
    private var seen = SeenFingerprints()
    private var timers = TimerHeap()
    /// The latest time the escalation was brought to.
    public private(set) var now: Timestamp?

    static let maxPending = 100

    /// Each rule's and indicator's title by id (the first declared wins, as
    /// `PolicyDeclarations.rule(_:)` finds it): the conditions' calls name
    /// the rule of every pending finding.
    private let ruleTitles: [String: String]

    public init(engine: PolicyEngine) {
        self.engine = engine
        let declarations = engine.declarations
        ruleTitles = Dictionary(
            (declarations.rules + declarations.indicators).map { ($0.id, $0.texts.title ?? $0.id) },
            uniquingKeysWith: { first, _ in first })
    }

    /// The incident with this id.
    public func incident(_ id: String) -> EscalatedIncident? { positions[id].map { incidents[$0] } }

    /// The open incidents about `actorKey`.
    public func open(actor actorKey: String) -> [EscalatedIncident] {
        (openByActor[actorKey] ?? []).map { incidents[$0] }.filter(\.isOpen)
    }

    // MARK: - The fold

    /// The escalation of `events` (any order; those with a fingerprint seen
    /// twice count once) and the consultants' decisions in `manual`, brought
    /// to `until` (time conditions apply up to then; nil: the last event).
    public static func replay(
        engine: PolicyEngine, events: [FindingEvent], manual: [ManualIncident] = [], until: Timestamp? = nil
    ) -> Escalation {
        // The positions are sorted, not the events (each holds five
        // strings: moving one costs ten reference counts, and a sorted copy
        // would hold them twice); the same stable sort with the same order,
        // so the same result.
        let order = events.withUnsafeBufferPointer { e in
            Array(e.indices).sorted { FindingEvent.timeOrder(e[$0], e[$1]) }
        }
        return replay(engine: engine, ordered: TimeOrdered(events: events, order: order), manual: manual, until: until)
    }

    /// The same, with the events read one at a time in time order from
    /// `ordered` (a run's findings read back from disk, say): only the
    /// incidents' pending findings are held, not every event at once.
    public static func replay<Events: TimeOrderedEvents>(
        engine: PolicyEngine, ordered events: Events, manual: [ManualIncident] = [], until: Timestamp? = nil
    ) throws(Events.Failure) -> Escalation {
        var escalation = Escalation(engine: engine)
        var decisions: [(ManualIncident, Decision)] = []
        for incident in manual {
            for decision in incident.decisions { decisions.append((incident, decision)) }
        }
        decisions.sort { $0.1.at < $1.1.at }
        var next = 0
        // The events of one activity (one person, one time) go in together:
        // `ahead` is the first event of the next group, already read.
        var index = 0
        var ahead: FindingEvent? = events.count > 0 ? try events.event(0) : nil
        while let first = ahead {
            ahead = nil
            var group = [first]
            index += 1
            while index < events.count {
                let event = try events.event(index)
                guard event.activityID == first.activityID, event.actorKey == first.actorKey else {
                    ahead = event
                    break
                }
                group.append(event)
                index += 1
            }
            while next < decisions.count, decisions[next].1.at <= first.at {
                escalation.apply(decisions[next].1, to: decisions[next].0)
                next += 1
            }
            escalation.observe(group)
        }
        while next < decisions.count {
            escalation.apply(decisions[next].1, to: decisions[next].0)
            next += 1
        }
        if let until { escalation.advance(to: until) }
        return escalation
    }

    /// Events read in time order through their sorted positions.
    private struct TimeOrdered: TimeOrderedEvents {
        let events: [FindingEvent]
        let order: [Int]
        var count: Int { order.count }
        func event(_ i: Int) -> FindingEvent { events[order[i]] }
    }

    /// The findings of one activity (one person, one time), in their order:
    /// time conditions due before it apply first; the person's open
    /// incidents take the findings (each fingerprint once, ever) and move
    /// when their next step's condition holds; then the incidents the
    /// findings open are opened at their first step.
    public mutating func observe(_ events: [FindingEvent]) {
        let fresh = events.filter { seen.insert($0.fingerprint) }
        guard let first = fresh.first else { return }
        advance(to: first.at)
        let key = first.actorKey
        let mine = (openByActor[key] ?? []).filter { incidents[$0].isOpen }
        var openKinds = Set<String>()
        for index in mine {
            openKinds.insert(incidents[index].incident.kind)
            incidents[index].pending.append(contentsOf: fresh)
            if incidents[index].pending.count > Self.maxPending {
                incidents[index].pending.removeFirst(incidents[index].pending.count - Self.maxPending)
            }
            incidents[index].lastFindingAt = first.at
            if !incidents[index].held { evaluate(index, at: first.at, cause: fresh.last!) }
            scheduleTimer(index)
        }
        for declaration in engine.declarations.incidents where !declaration.disabled {
            guard !openKinds.contains(declaration.id),
                let event = fresh.first(where: { declaration.openedBy.contains($0.ruleID) })
            else { continue }
            openIncident(kind: declaration.id, by: event)
        }
        now = max(now ?? first.at, first.at)
    }

    /// Applies the time conditions due up to `time`, in time order.
    public mutating func advance(to time: Timestamp) {
        while let timer = timers.peek(), timer.at <= time {
            timers.pop()
            let index = timer.index
            guard incidents[index].isOpen, !incidents[index].held, timer.generation == incidents[index].timerGeneration,
                let (reaction, position) = nextStep(of: index)
            else { continue }
            let step = reaction.steps[position]
            let reason = step.reasons ?? timeReason(step, days: timer.days, quiet: timer.quiet)
            take(step, of: reaction, index: index, action: .escalated, at: timer.at, reason: reason, recorded: [],
                 key: "auto:\(incidents[index].id):\(step.id):at:\(Int64(timer.at.secondsSince1970))", cause: nil)
        }
        if now == nil || time > now! { now = time }
    }

    /// Applies a consultant's decision (or one carried over from an older
    /// case file) at its time.
    public mutating func apply(_ decision: Decision, to manual: ManualIncident) {
        advance(to: decision.at)
        let index: Int
        if let known = positions[manual.id] {
            index = known
        } else {
            // An incident the findings have not opened (carried over, or its
            // findings erased): it starts with this decision.
            index = add(EscalatedIncident(
                incident: Incident(id: manual.id, kind: manual.kind, actorID: manual.actorID, openedBy: []),
                actorKey: manual.actorKey, openedAt: decision.at, opening: nil, stepReachedAt: decision.at,
                lastFindingAt: decision.at))
        }
        let stepBefore = incidents[index].incident.currentStep
        incidents[index].incident.record(decision)
        switch decision.action {
        case .held: incidents[index].held = true
        case .resumed:
            incidents[index].held = false
            if let cause = incidents[index].pending.last { evaluate(index, at: decision.at, cause: cause) }
        case .opened, .escalated, .deescalated:
            if incidents[index].incident.currentStep != stepBefore || decision.action == .opened {
                incidents[index].stepReachedAt = decision.at
                incidents[index].pending = []
            }
        case .closed, .resolved, .note: break
        }
        scheduleTimer(index)
    }

    // MARK: - Steps

    /// How reasons write a time: in the policy's language, on the
    /// organisation's clock (UTC without one), as reports write it.
    private var dateStyle: DateStyle {
        DateStyle(language: engine.declarations.manifest.language, clock: engine.clock ?? .utc)
    }

    private mutating func openIncident(kind: String, by event: FindingEvent) {
        let id = StableHash.hex(kind, event.actorKey, event.fingerprint)
        guard positions[id] == nil else { return }
        let index = add(EscalatedIncident(
            incident: Incident(id: id, kind: kind, actorID: event.actorID, openedBy: [event.fingerprint]),
            actorKey: event.actorKey, openedAt: event.at, opening: event, stepReachedAt: event.at,
            lastFindingAt: event.at))
        guard let reaction = reaction(for: kind), let step = reaction.steps.first else { return }
        let fr = engine.declarations.manifest.language != "en"
        let title = ruleTitle(event.ruleID)
        let when = dateStyle.date(event.at)
        let reason = fr
            ? "Ouvert par « \(title) » le \(when)"
            : "Opened by \"\(title)\" on \(when)"
        take(step, of: reaction, index: index, action: .opened, at: event.at, reason: reason, recorded: [],
             key: "auto:\(id):opened", cause: event.fingerprint)
    }

    /// Whether the next step's condition holds for the pending findings;
    /// moves the incident if it does.
    private mutating func evaluate(_ index: Int, at time: Timestamp, cause: FindingEvent) {
        guard let (reaction, position) = nextStep(of: index) else { return }
        let step = reaction.steps[position]
        guard step.timeCondition == nil, !incidents[index].pending.isEmpty else { return }
        // A condition declared as data that does not hold needs no call
        // into Lua: most findings move no incident.
        if let condition = step.findingCondition, !condition.holds(for: incidents[index].pending) { return }
        let current = incidents[index]
        var outcome = ReactionOutcome(
            incidentID: current.id, incidentKind: current.incident.kind, actorID: current.incident.actorID,
            reactionID: reaction.id, stepID: step.id, stepTitle: step.title, action: .escalated, advice: nil,
            reason: "", recordedReasons: [], error: nil, at: time)
        let verdict: (ok: Bool, reason: String?, matched: [Int]?)
        do {
            verdict = try engine.callWhen(
                reaction: reaction.id, step: position + 1, incident: current, events: current.pending, title: ruleTitle)
        } catch {
            outcome.error = error.description
            outcomes.append(outcome)
            return
        }
        guard verdict.ok else { return }
        var reason = verdict.reason ?? step.title ?? step.id
        var recorded: [String] = []
        if step.recordReasons {
            let matched = verdict.matched.map { $0.compactMap { i in current.pending.indices.contains(i - 1) ? current.pending[i - 1] : nil } }
                ?? current.pending
            recorded = matched.map { "\(ruleTitle($0.ruleID)) (\(dateStyle.date($0.at)))" }
            let fr = engine.declarations.manifest.language != "en"
            reason += (fr ? " — Motifs : " : " — Reasons: ") + recorded.joined(separator: "; ")
        }
        take(step, of: reaction, index: index, action: .escalated, at: time, reason: reason, recorded: recorded,
             key: "auto:\(current.id):\(step.id):\(cause.fingerprint)", cause: cause.fingerprint)
    }

    /// Moves incident `index` to `step`, records the decision (and the
    /// closing, for a step that closes), reports the outcome.
    private mutating func take(
        _ step: ReactionStepDeclaration, of reaction: ReactionDeclaration, index: Int, action: Decision.Action,
        at time: Timestamp, reason: String, recorded: [String], key: String, cause: String?
    ) {
        incidents[index].incident.record(
            Decision(action: action, step: step.id, reason: reason, at: time, by: "vigie", key: key, cause: cause))
        incidents[index].reasons += recorded
        incidents[index].pending = []
        incidents[index].stepReachedAt = time
        if step.closes {
            incidents[index].incident.record(
                Decision(action: .closed, step: step.id, reason: reason, at: time, by: "vigie", key: key + ":closed", cause: cause))
        }
        outcomes.append(ReactionOutcome(
            incidentID: incidents[index].id, incidentKind: incidents[index].incident.kind,
            actorID: incidents[index].incident.actorID, reactionID: reaction.id, stepID: step.id, stepTitle: step.title,
            action: action, advice: step.advice, reason: reason, recordedReasons: recorded, error: nil, at: time, key: key))
        scheduleTimer(index)
    }

    private mutating func add(_ incident: EscalatedIncident) -> Int {
        let index = incidents.count
        incidents.append(incident)
        positions[incident.id] = index
        openByActor[incident.actorKey, default: []].append(index)
        return index
    }

    private func reaction(for kind: String) -> ReactionDeclaration? {
        engine.declarations.reactions.first { !$0.disabled && $0.on == kind && !$0.steps.isEmpty }
    }

    /// The reaction of incident `index` and the position of its next step.
    private func nextStep(of index: Int) -> (ReactionDeclaration, Int)? {
        let current = incidents[index]
        guard let reaction = reaction(for: current.incident.kind) else { return nil }
        guard let stepID = current.incident.currentStep else { return nil }
        guard let position = reaction.steps.firstIndex(where: { $0.id == stepID }), position + 1 < reaction.steps.count
        else { return nil }
        return (reaction, position + 1)
    }

    /// Puts the next step's time condition, if it has one, in the heap.
    private mutating func scheduleTimer(_ index: Int) {
        incidents[index].timerGeneration += 1
        guard incidents[index].isOpen, !incidents[index].held, let (reaction, position) = nextStep(of: index),
            let condition = reaction.steps[position].timeCondition
        else { return }
        let from = condition.quiet
            ? max(incidents[index].stepReachedAt, incidents[index].lastFindingAt) : incidents[index].stepReachedAt
        var at = from
        at.secondsSince1970 += Double(condition.days) * 86_400
        timers.push(.init(at: at, index: index, generation: incidents[index].timerGeneration, days: condition.days,
                          quiet: condition.quiet))
    }

    private func timeReason(_ step: ReactionStepDeclaration, days: Int, quiet: Bool) -> String {
        let fr = engine.declarations.manifest.language != "en"
        let title = step.title ?? step.id
        if quiet {
            return fr ? "\(title) — aucun nouveau signalement depuis \(days) jours" : "\(title) — no new finding for \(days) days"
        }
        return fr ? "\(title) — \(days) jours après l'étape précédente" : "\(title) — \(days) days after the previous step"
    }

    private func ruleTitle(_ id: String) -> String { ruleTitles[id] ?? id }
}

/// An incident holding decisions that the escalation does not derive: a
/// consultant's (`vigie incidents move|hold|resume|close|note`), or carried
/// over from an older case file. They are applied at their time.
public struct ManualIncident: Hashable, Sendable, Identifiable {
    public var id: String
    public var kind: String
    public var actorKey: String
    public var actorID: String?
    public var decisions: [Decision]

    public init(id: String, kind: String, actorKey: String, actorID: String?, decisions: [Decision]) {
        self.id = id
        self.kind = kind
        self.actorKey = actorKey
        self.actorID = actorID
        self.decisions = decisions
    }
}

/// A min-heap of time conditions, by time then incident.
struct TimerHeap {
    struct Timer {
        var at: Timestamp
        var index: Int
        var generation: Int
        var days: Int
        var quiet: Bool
    }

    private var items: [Timer] = []

    func peek() -> Timer? { items.first }

    private static func less(_ a: Timer, _ b: Timer) -> Bool {
        a.at != b.at ? a.at < b.at : a.index < b.index
    }

    mutating func push(_ timer: Timer) {
        items.append(timer)
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard Self.less(items[i], items[parent]) else { break }
            items.swapAt(i, parent)
            i = parent
        }
    }

    @discardableResult
    mutating func pop() -> Timer? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let top = items.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1
            let r = l + 1
            var smallest = i
            if l < items.count, Self.less(items[l], items[smallest]) { smallest = l }
            if r < items.count, Self.less(items[r], items[smallest]) { smallest = r }
            if smallest == i { break }
            items.swapAt(i, smallest)
            i = smallest
        }
        return top
    }
}

extension PolicyEngine {
    /// The findings of a checked activity as the escalation sees them: who
    /// they are about, when, and their rank in the activity.
    public func events(of activity: Activity, _ check: ActivityCheck) -> [FindingEvent] {
        let key = Self.actorKey(activity, actorID: check.actorID)
        return check.findings.enumerated().map { rank, finding in
            FindingEvent(
                fingerprint: finding.fingerprint, ruleID: finding.ruleID, severity: finding.severity,
                activityID: activity.id, at: activity.timestamp, actorKey: key, actorID: check.actorID, ordinal: rank)
        }
    }
}
