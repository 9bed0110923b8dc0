import Foundation
import LuaHost
import VigieEngine
import VigieModel
import VigiePolicy

/// A problem `vigie lint` reports: where, how serious, what.
public struct LintProblem: Hashable, Codable, Sendable, CustomStringConvertible {
    public enum Severity: String, Hashable, Codable, Sendable { case error, warning }

    /// What kind of check found it (SARIF's rule id: `vigie-lint/<category>`).
    public enum Category: String, Hashable, Codable, Sendable, CaseIterable {
        /// The policy does not load (a malformed declaration, a broken link…).
        case load
        /// A warning of the engine (a plugin's manifest, a threat's issues…).
        case declaration
        /// A threat that no rule mitigates or no reaction answers.
        case coverage
        /// A rule's or an indicator's example that does not flag (or pass) as it says.
        case example
        /// A rule that fails at run time.
        case ruleFailure = "rule-failure"
        /// A scenario whose escalation does not reach its steps.
        case scenario
        /// The organisation profile.
        case profile

        public var summary: String {
            switch self {
            case .load: "The policy does not load"
            case .declaration: "A declaration to check"
            case .coverage: "A threat left uncovered"
            case .example: "An example that does not do what it says"
            case .ruleFailure: "A rule that fails at run time"
            case .scenario: "A scenario that does not reach its steps"
            case .profile: "The organisation profile"
            }
        }
    }

    public var severity: Severity
    public var category: Category
    public var location: SourceLocation?
    public var message: String
    public var hint: String?

    public init(_ severity: Severity, _ category: Category, at location: SourceLocation?, _ message: String, hint: String? = nil) {
        self.severity = severity
        self.category = category
        self.location = location
        self.message = message
        self.hint = hint
    }

    /// `file:line: error: message` (and the hint on its own line).
    public var description: String {
        var text = (location.map { "\($0): " } ?? "") + "\(severity.rawValue): \(message)"
        if let hint { text += "\n  hint: " + hint }
        return text
    }
}

/// What `vigie lint` finds in a policy: every mistake that stops it from
/// loading (all of them, not the first), and once it loads the engine's
/// warnings, threats no rule mitigates or no reaction answers, rules whose
/// own examples do not flag (or pass) as they say, rules that fail at run
/// time on every post tried (their examples and a few made-up posts of
/// every kind), scenarios whose escalation does not reach the expected
/// steps, and a profile that answers none of the method's four questions.
public struct PolicyLint: Sendable {
    public var problems: [LintProblem] = []
    /// How many examples and scenarios were run.
    public var examples = 0
    public var scenarios = 0
    /// The policy file.
    public var file: String

    public var errors: Int { problems.filter { $0.severity == .error }.count }
    public var warnings: Int { problems.filter { $0.severity == .warning }.count }

    /// Loads the policy at `location` and lints it: the lint and the engine,
    /// or the lint of a policy that does not load (its errors) and nil.
    public static func run(_ location: PolicyLocation, limits: LuaLimits = .default) throws(RunError) -> (PolicyLint, PolicyEngine?) {
        guard FileManager.default.fileExists(atPath: location.policyFile) else {
            throw RunError(
                .missingInput, "\(location.policyFile): no policy here; give the policy folder with --policy DIR (it holds policy.lua)")
        }
        do {
            let engine = try PolicyEngine(policyDirectory: location.folder, pluginPaths: location.pluginPaths, limits: limits)
            return (PolicyLint(engine: engine, profileFile: Self.profileFile(in: location.folder)), engine)
        } catch {
            var lint = PolicyLint(file: location.policyFile)
            lint.problems = error.all.map { LintProblem(.error, .load, at: $0.location, $0.message, hint: $0.hint) }
            return (lint, nil)
        }
    }

    static func profileFile(in folder: String) -> String? {
        ["profile.yaml", "profile.yml", "profile.json"].map { (folder as NSString).appendingPathComponent($0) }
            .first { FileManager.default.fileExists(atPath: $0) }
    }

    init(file: String) {
        self.file = file
    }

    public init(engine: PolicyEngine, profileFile: String? = nil) {
        file = engine.policyFile
        let d = engine.declarations
        // The threats left uncovered are said below, in lint's words.
        for warning in engine.warnings
        where !warning.message.hasPrefix("no rule mitigates threat") && !warning.message.hasPrefix("no reaction answers threat") {
            problems.append(LintProblem(.warning, .declaration, at: warning.location, warning.message))
        }
        let coverage = engine.coverage
        func location(_ threat: String) -> SourceLocation? {
            d.threats.first { $0.id == threat }?.location ?? SourceLocation(file: engine.policyFile, line: 0)
        }
        for threat in coverage.unmitigated {
            problems.append(LintProblem(.warning, .coverage, at: location(threat), "threat \"\(threat)\" has no rule that mitigates it"))
        }
        for threat in coverage.unanswered {
            problems.append(LintProblem(.warning, .coverage, at: location(threat), "threat \"\(threat)\" has no reaction that answers it"))
        }
        if let profile = engine.profile, profile.purposes.isEmpty, profile.clientele.isEmpty, profile.platforms.isEmpty,
            profile.securityIssues.isEmpty
        {
            problems.append(LintProblem(
                .warning, .profile, at: SourceLocation(file: profileFile ?? engine.policyFile, line: 1),
                "the profile answers none of the four questions (purposes, clientele, platforms, securityIssues)",
                hint: "answer them: what the social media are for, which clientele, which strategy per platform, which security issues (docs/profile-schema.md)"))
        }
        let results = engine.runExamples()
        examples = results.count
        for example in results where !example.passed {
            let verb = example.expected == .flag ? "should flag" : "should pass"
            let detail = example.failure.map { " (the rule failed: \($0.message))" } ?? ""
            problems.append(LintProblem(
                .error, .example, at: example.location,
                "rule \"\(example.ruleID)\": example \(verb) but did not\(detail): \"\(example.text)\""))
        }
        problems += Self.runtimeFailures(engine, examples: results)
        for scenario in d.scenarios {
            scenarios += 1
            let at = scenario.location ?? SourceLocation(file: engine.policyFile, line: 0)
            let simulation: Simulation
            do {
                simulation = try engine.simulate(scenarioID: scenario.id)
            } catch {
                problems += error.all.map { LintProblem(.error, .scenario, at: $0.location, $0.message, hint: $0.hint) }
                continue
            }
            for step in simulation.steps {
                for decision in step.decisions {
                    guard let error = decision.error else { continue }
                    problems.append(LintProblem(
                        .error, .scenario, at: at,
                        "scenario \"\(scenario.id)\", step \(step.index): the condition of reaction step \"\(decision.stepID)\" failed: \(error)"))
                }
            }
            for step in simulation.steps where step.meetsExpectation == false {
                problems.append(LintProblem(
                    .error, .scenario, at: at,
                    "scenario \"\(scenario.id)\", step \(step.index): expected \"\(step.expected ?? "")\", reached \"\(step.stepAfter ?? "none")\""))
            }
        }
    }

    /// Made-up posts of every kind, platform and author a rule may meet:
    /// a rule that fails on all of them and on its examples is broken for
    /// every post (a field name mistyped); one that fails on some only is
    /// worth a look.
    static let trialPosts: [(String, Activity)] = {
        func post(_ n: Int, _ kind: ActivityKind, _ platform: Platform, actor: String?, visibility: Visibility, text: String,
                  hour: Int, attachments: [Attachment] = [], place: Place? = nil, recipients: [Account] = []) -> (String, Activity) {
            var a = Activity(
                id: "lint:\(n)", kind: kind, platform: platform, author: Account(platform: platform, handle: "lint-\(n)", displayName: "Lint \(n)"),
                actorID: actor, timestamp: Timestamp(secondsSince1970: 1_767_571_200 + Double(hour * 3600)),
                visibility: visibility, recipients: recipients, text: text,
                mentions: TextEntities.mentions(in: text), hashtags: TextEntities.hashtags(in: text), links: TextEntities.links(in: text),
                attachments: attachments, place: place, source: RecordSource(file: "lint", index: n))
            a.language = text.contains("the") ? "en" : "fr"
            let what = "a \(visibility.rawValue) \(kind.rawValue) on \(platform.rawValue) by \(actor.map { "a \($0)" } ?? "an unknown author")"
            return (what, a)
        }
        return [
            post(1, .post, .facebook, actor: "organisation", visibility: .public,
                 text: "Bonne semaine à tous nos clients ! #merci https://example.com/promo", hour: 10,
                 attachments: [Attachment(kind: .image, uri: "photo.jpg", mediaType: "image/jpeg", altText: "Une photo")],
                 place: Place(name: "Montréal", address: nil, location: GeoPoint(latitude: 45.5, longitude: -73.6))),
            post(2, .comment, .facebook, actor: "client", visibility: .public,
                 text: "Je ne suis pas content du service de mardi, appelez-moi au 514 555-0142.", hour: 23),
            post(3, .directMessage, .instagram, actor: "stranger", visibility: .direct, text: "Hi, what time is the house empty?",
                 hour: 3, recipients: [Account(platform: .instagram, handle: "organisation")]),
            post(4, .post, .twitter, actor: "employee", visibility: .public, text: "Off to the beach for the week @friend", hour: 16),
            post(5, .reply, .mastodon, actor: nil, visibility: .unlisted, text: "", hour: 7),
        ]
    }()

    static func runtimeFailures(_ engine: PolicyEngine, examples: [ExampleResult]) -> [LintProblem] {
        var problems: [LintProblem] = []
        let rules = engine.declarations.rules.filter { !$0.disabled }
        for rule in rules {
            let ownExamples = examples.filter { $0.ruleID == rule.id }
            var tried = ownExamples.count
            var failures = ownExamples.compactMap(\.failure).filter { !$0.message.hasPrefix("examples.") }
            var failedOn: [String] = []
            for (what, activity) in trialPosts {
                tried += 1
                let result = engine.checkPost(activity, ruleID: rule.id)
                if let failure = result.failures.first {
                    failures.append(failure)
                    failedOn.append(what)
                }
            }
            guard let first = failures.first else { continue }
            let at = first.location ?? rule.location
            if failures.count == tried {
                problems.append(LintProblem(
                    .error, .ruleFailure, at: at,
                    "rule \"\(rule.id)\" fails on every post tried (\(tried): its examples and \(trialPosts.count) made-up posts): \(first.message)",
                    hint: "a field of post or ctx mistyped? The post's fields are in docs/authoring-api.md"))
            } else if !failedOn.isEmpty {
                problems.append(LintProblem(
                    .warning, .ruleFailure, at: at,
                    "rule \"\(rule.id)\" fails on \(failedOn.count) of \(trialPosts.count) made-up posts (\(failedOn.joined(separator: "; "))): \(first.message)",
                    hint: "a field that some posts lack (attachments, place, actor…) is nil there"))
            }
        }
        return problems
    }
}
