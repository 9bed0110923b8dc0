import LuaHost
import VigieModel
import VigiePolicy

/// One event of a simulated timeline and what the policy made of it.
public struct SimulationStep: Hashable, Codable, Sendable {
    public var index: Int
    public var at: Timestamp
    public var text: String
    public var findings: [Finding]
    public var failures: [RuleFailure]
    public var decisions: [ReactionOutcome]
    /// The reaction step the actor's incident is at after this event (nil:
    /// no incident).
    public var stepAfter: String?
    public var expected: String?
    /// Whether `stepAfter` is what the scenario expected (nil: nothing expected).
    public var meetsExpectation: Bool? { expected.map { $0 == (stepAfter ?? "none") } }
}

/// A scenario replayed: the decision at each step.
public struct Simulation: Hashable, Codable, Sendable {
    public var scenarioID: String
    public var steps: [SimulationStep]
    /// The incidents at the end, with their history.
    public var incidents: [Incident]
    public var passed: Bool {
        steps.allSatisfy { step in
            step.meetsExpectation != false && step.failures.isEmpty && step.decisions.allSatisfy { $0.error == nil }
        }
    }
}

extension PolicyEngine {
    /// Replays a scenario declared in the policy.
    public func simulate(scenarioID: String) throws(PolicyError) -> Simulation {
        guard let scenario = declarations.scenario(scenarioID) else {
            let known = declarations.scenarios.map(\.id).joined(separator: ", ")
            throw PolicyError(.declaration, at: nil, "no scenario \"\(scenarioID)\"",
                              hint: known.isEmpty ? "declare one with scenario \"id\" { ... }" : "the scenarios are: \(known)")
        }
        return simulate(scenario)
    }

    /// Replays a timeline: each event is checked as an activity of the
    /// scenario's actor, its findings go through the escalation (time
    /// conditions due before it first), and the step reached is shown. Runs
    /// on fresh incidents and indicator history (reset again at the end).
    public func simulate(_ scenario: Scenario) -> Simulation {
        resetIndicators()
        defer { resetIndicators() }
        var escalation = Escalation(engine: self)
        let kind = scenario.actorKind ?? actorKind(scenario.actorID) ?? .client
        let actor = Actor(id: scenario.actorID, kind: kind, name: scenario.actorName)
        var steps: [SimulationStep] = []
        var time = Timestamp(iso8601: "2026-01-05T09:00:00Z")!
        withExtraActors([actor]) {
            for (i, event) in scenario.timeline.enumerated() {
                if let at = event.at, let t = Timestamp(iso8601: at) { time = t } else if i > 0 { time.secondsSince1970 += 3600 }
                let platform = Platform(event.platform ?? scenario.platform)
                let activity = Activity(
                    id: "scenario:\(scenario.id):\(i + 1)",
                    kind: event.kind.flatMap(ActivityKind.init(rawValue:)) ?? .comment, platform: platform,
                    author: Account(platform: platform, handle: scenario.actorHandle ?? scenario.actorID,
                                    displayName: scenario.actorName),
                    actorID: scenario.actorID, timestamp: time,
                    visibility: event.visibility.flatMap(Visibility.init(rawValue:)) ?? .public, text: event.text,
                    source: RecordSource(file: scenario.location?.file ?? "scenario", index: i, line: scenario.location?.line))
                let result = check(activity)
                let before = escalation.outcomes.count
                escalation.advance(to: time)
                escalation.observe(events(of: activity, result))
                let decisions = Array(escalation.outcomes[before...])
                let key = Self.actorKey(activity, actorID: result.actorID)
                let kind = scenario.reaction.flatMap { declarations.reaction($0)?.on }
                let incident = escalation.incidents.last { $0.actorKey == key && (kind == nil || $0.incident.kind == kind) }
                steps.append(SimulationStep(
                    index: i + 1, at: time, text: event.text, findings: result.findings, failures: result.failures,
                    decisions: decisions, stepAfter: incident?.incident.currentStep, expected: event.expect))
            }
        }
        return Simulation(scenarioID: scenario.id, steps: steps, incidents: escalation.incidents.map(\.incident))
    }

    private func actorKind(_ id: String) -> ActorKind? {
        profile?.people.first { $0.id == id }?.kind
    }
}
