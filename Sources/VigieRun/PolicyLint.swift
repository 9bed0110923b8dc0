import VigieEngine

/// What `vigie lint` finds in a loaded policy: the engine's warnings,
/// threats no rule mitigates or no reaction answers, rules whose own
/// examples do not flag (or pass) as they say, and scenarios whose
/// escalation does not reach the expected steps. Each problem is a
/// diagnostic line (`file:line: warning: …` or `file:line: error: …`).
public struct PolicyLint: Sendable {
    public var problems: [String] = []
    /// How many examples and scenarios were run.
    public var examples = 0
    public var scenarios = 0

    public init(engine: PolicyEngine) {
        problems += engine.warnings.map(\.description)
        let d = engine.declarations
        let coverage = engine.coverage
        func location(_ threat: String) -> String {
            d.threats.first { $0.id == threat }?.location.description ?? engine.policyFile
        }
        for threat in coverage.unmitigated {
            problems.append("\(location(threat)): warning: threat \"\(threat)\" has no rule that mitigates it")
        }
        for threat in coverage.unanswered {
            problems.append("\(location(threat)): warning: threat \"\(threat)\" has no reaction that answers it")
        }
        let results = engine.runExamples()
        examples = results.count
        for example in results where !example.passed {
            let verb = example.expected == .flag ? "should flag" : "should pass"
            let detail = example.failure.map { " (the rule failed: \($0.message))" } ?? ""
            problems.append(
                "\(example.location): error: rule \"\(example.ruleID)\": example \(verb) but did not\(detail): \"\(example.text)\"")
        }
        for scenario in d.scenarios {
            scenarios += 1
            let simulation: Simulation
            do {
                simulation = try engine.simulate(scenarioID: scenario.id)
            } catch {
                problems.append(error.description)
                continue
            }
            for step in simulation.steps {
                for decision in step.decisions {
                    guard let error = decision.error else { continue }
                    problems.append(
                        "\(scenario.location.map { "\($0)" } ?? engine.policyFile): error: scenario \"\(scenario.id)\", step \(step.index): the condition of reaction step \"\(decision.stepID)\" failed: \(error)")
                }
            }
            for step in simulation.steps where step.meetsExpectation == false {
                problems.append(
                    "\(scenario.location.map { "\($0)" } ?? engine.policyFile): error: scenario \"\(scenario.id)\", step \(step.index): expected \"\(step.expected ?? "")\", reached \"\(step.stepAfter ?? "none")\"")
            }
        }
    }
}
