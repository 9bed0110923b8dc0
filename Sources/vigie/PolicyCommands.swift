import ArgumentParser
import Foundation
import VigieEngine
import VigieModel
import VigiePolicy
import VigieRun

/// The options every command that loads a policy shares.
struct PolicyOptions: ParsableArguments {
    @Option(name: [.customShort("p"), .long], help: "The policy folder (holding policy.lua); default: the current folder.", completion: .directory)
    var policy: String = "."

    @Option(name: .customLong("plugins"), help: "A folder of plugins (repeatable); default: the Plugins folders above the policy, and $VIGIE_PLUGINS.", completion: .directory)
    var pluginPaths: [String] = []

    func validate() throws {
        try Self.checkPluginPaths(pluginPaths)
    }

    /// An empty --plugins (`--plugins ""`) names no folder: refused.
    static func checkPluginPaths(_ paths: [String]) throws {
        if paths.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw ValidationError("--plugins needs a folder's name; \"\" names none.")
        }
    }

    var location: PolicyLocation { PolicyLocation(folder: policy, given: pluginPaths) }

    /// Plugin folders: those given, $VIGIE_PLUGINS, then any `Plugins` folder
    /// in the policy folder or above it.
    func searchPaths() -> [String] { location.pluginPaths }

    static func searchPaths(policy: String, given: [String] = []) -> [String] {
        PolicyLocation.pluginSearchPaths(policy: policy, given: given)
    }

    /// Loads the policy, or exits 2 with its errors.
    func load() throws -> PolicyEngine { try location.load() }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Writes a value as pretty, stable JSON on standard output.
func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    FileHandle.standardOutput.write(try encoder.encode(value))
    FileHandle.standardOutput.write(Data("\n".utf8))
}

enum LintFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, sarif
}

struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Load a policy and report every error and warning with file:line.",
        discussion: """
            Loads the policy and its plugins, then checks what a consultant would
            otherwise find out in front of a client: declarations that do not load
            (every one of them, each at the line of its faulty field), links to
            threats, rules or incidents that are not declared (with the closest
            one), a threat's issues and assets the profile does not declare,
            threats that no rule mitigates or no reaction answers, rules and
            indicators whose own examples do not flag (or pass) as they say, rules
            that fail at run time on every post tried (their examples and made-up
            posts of every kind), scenarios whose escalation does not reach the
            expected steps, and a profile that answers none of the four questions.

            The problems go to standard output, then a summary line. With
            --format json or sarif, the same as a document for tools (an editor,
            code scanning in CI), also when the policy does not load.

            Examples:
              vigie lint -p Policies/entretien-menager
              cd Policies/entretien-menager && vigie lint
              vigie lint -p Policies/nordelia -o lint.sarif.json

            Exit codes: 0 clean, 1 warnings or errors, 2 the policy does not
            load.
            """
    )

    @OptionGroup var options: PolicyOptions

    @Option(help: "Output format: text, json or sarif (default: from --output's extension, else text).")
    var format: LintFormat?

    @OptionGroup var output: OutputOption

    func run() throws {
        let format = try output.resolve(format, fallback: .text)
        let (lint, engine) = try options.location.lintRun()
        let d = engine?.declarations
        let words = CLIWords(policyLanguage: d?.manifest.language)
        switch format {
        case .text:
            var text = lint.problems.map { Privacy.mask($0.description) + "\n" }.joined()
            if engine != nil {
                text += words.lintSummary(
                    file: lint.file, threats: d?.threats.count ?? 0, rules: d?.rules.count ?? 0,
                    indicators: d?.indicators.count ?? 0, reactions: d?.reactions.count ?? 0, examples: lint.examples,
                    scenarios: lint.scenarios, problems: lint.problems.count) + "\n"
            }
            if engine == nil && output.path == nil {
                // A policy that does not load: its errors, on standard error as every error.
                FileHandle.standardError.write(Data(text.utf8))
            } else {
                try output.write(text)
            }
        case .json:
            try output.write(Privacy.mask(try lint.json(counts: .init(engine: engine, lint: lint), loaded: engine != nil)))
        case .sarif:
            try output.write(Privacy.mask(try lint.sarif(version: Vigie.configuration.version)))
        }
        if engine == nil { throw ExitCode(2) }
        if !lint.problems.isEmpty { throw ExitCode(1) }
    }
}

struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "The threat register: each threat scored against the client's profile.",
        discussion: """
            Step 1 of the method: every threat of the policy, whether it applies to
            the organisation's profile and why, its likelihood × impact score, and
            the rules and reactions that cover it.

            Examples:
              vigie analyze --policy Policies/entretien-menager
              vigie analyze --policy Policies/entretien-menager --format json > register.json
            """
    )

    @OptionGroup var options: PolicyOptions

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        let engine = try options.load()
        let register: ThreatRegister
        do {
            register = try engine.analyse()
        } catch {
            throw CLIError.diagnostic(error.description)
        }
        if format == .json {
            try printJSON(register)
            return
        }
        let manifest = engine.declarations.manifest
        let words = CLIWords(policyLanguage: manifest.language)
        print(words.registerTitle(manifest.name, manifest.version))
        // The level's name on Vigie's one risk scale, as the reports and the charter write it.
        let width = RiskLevel.allCases.map { $0.name(language: words.language).count }.max() ?? 8
        for a in register.assessments {
            let mark = a.applies ? "" : words.doesNotApply(a.reason)
            print("\(String(a.score).leftPadded(2)) \(a.level.name(language: words.language).padded(width)) \(a.id)\(mark)")
            if let title = a.title { print("   \(title)") }
            let none = words.none
            print("   " + words.scores(
                likelihood: a.likelihood, impact: a.impact,
                rules: a.mitigatedBy.isEmpty ? none : a.mitigatedBy.joined(separator: ", "),
                reactions: a.answeredBy.isEmpty ? none : a.answeredBy.joined(separator: ", ")))
        }
        if !register.unmitigated.isEmpty { print(words.labelled(words.noRuleMitigates, register.unmitigated.joined(separator: ", "))) }
        if !register.unanswered.isEmpty { print(words.labelled(words.noReactionAnswers, register.unanswered.joined(separator: ", "))) }
    }
}

struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Replay a crisis scenario and show the decision at each step.",
        discussion: """
            Step 3 of the method: a scenario's timeline of posts goes through the
            rules and the reactions as if it were happening, and each step shows
            what was found and which escalation step the reaction reached.

            Examples:
              vigie simulate client-fache --policy Policies/entretien-menager
              vigie simulate --all --policy Policies/entretien-menager

            Exit codes: 0 every step reached its expected escalation, 1 otherwise.
            """
    )

    @OptionGroup var options: PolicyOptions

    @Argument(help: "The scenario's id.", completion: .custom(DynamicCompletion.scenarios))
    var scenario: String?

    @Flag(help: "Simulate every scenario of the policy.")
    var all = false

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        if scenario == nil && !all { throw ValidationError("Name a scenario, or give --all.") }
    }

    func run() throws {
        let engine = try options.load()
        let words = CLIWords(policyLanguage: engine.declarations.manifest.language)
        let ids = all ? engine.declarations.scenarios.map(\.id) : [scenario!]
        var failed = false
        var simulations: [Simulation] = []
        for id in ids {
            var simulation: Simulation
            do {
                simulation = try engine.simulate(scenarioID: id)
            } catch {
                throw CLIError.diagnostic(error.description)
            }
            // Scenario texts may hold personal data (a phone in a rehearsal): masked.
            for i in simulation.steps.indices { simulation.steps[i].text = Privacy.mask(simulation.steps[i].text) }
            simulations.append(simulation)
            if !simulation.passed { failed = true }
            guard format == .text else { continue }
            let dates = DateStyle(language: words.language, clock: LocalClock(profile: engine.profile))
            if id == ids.first { print(dates.zoneNote) }
            print("\(words.scenario) \(id)")
            for step in simulation.steps {
                let rules = step.findings.map(\.ruleID)
                print("  \(step.index). \(dates.date(step.at))  \(step.text)")
                print("     " + words.labelled(words.found, rules.isEmpty ? words.nothing : rules.joined(separator: ", ")))
                for decision in step.decisions {
                    print("     → \(decision.stepTitle ?? decision.stepID): \(decision.reason)")
                    if let advice = decision.advice { print("       \(advice)") }
                    for reason in decision.recordedReasons { print("       " + words.labelled(words.recorded, reason)) }
                }
                if let expected = step.expected {
                    print("     " + words.expectation(step.meetsExpectation == true, expected: expected, reached: step.stepAfter))
                }
                for failure in step.failures { print("     ! \(failure.description)") }
            }
        }
        if format == .json { try printJSON(simulations) }
        if failed { throw ExitCode(1) }
    }
}

extension String {
    fileprivate func padded(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
    fileprivate func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
