import LuaHost
import VigieModel
import VigiePolicy

// The shapes of what the prelude's `__vigie_export` and `__vigie_manifest`
// return, decoded strictly with `LuaValueDecoder`: a field the prelude
// always writes is required, and a missing or ill-typed one is an error
// naming the declaration's file:line, never a default. Optional fields are
// the ones the prelude leaves out when the policy does (a title, a
// `disabled` never set…).

struct LocationExport: Decodable {
    var file: String
    var line: Int

    var location: SourceLocation { SourceLocation(file: file, line: line) }
}

/// `policy { ... }` as exported (also read before the plugins load).
struct PolicyExport: Decodable {
    var name: String
    var version: String
    var language: String
    var title: String?
    var description: String?
    var charter: String?
    var file: String
    var line: Int
    /// plugin name → the parameters the policy gives it.
    var uses: [String: [String: LuaValue]]
    var serve: ServeExport?

    struct ServeExport: Decodable {
        var block: Severity
        var warn: Severity
    }

    var location: SourceLocation { SourceLocation(file: file, line: line) }
    var texts: DeclarationTexts { DeclarationTexts(title: title, description: description, charter: charter) }
}

struct ThreatExport: Decodable {
    var id: String
    var title: String?
    var description: String?
    var charter: String?
    var owner: String
    var at: LocationExport
    var actors: [String]
    var assets: [String]
    var channels: [String]
    var issues: [String]
    var likelihood: Int?
    var impact: Int?
}

struct ExampleExport: Decodable {
    var text: String
    var platform: String?
    var kind: String?
    var visibility: String?
    var actor: String?
    var language: String?
    var good_practice: Bool?

    var example: RuleExample {
        RuleExample(
            text: text, platform: platform, kind: kind, visibility: visibility, actor: actor, language: language,
            goodPractice: good_practice ?? false)
    }
}

struct ExamplesExport: Decodable {
    var flag: [ExampleExport]
    var pass: [ExampleExport]
}

struct RuleExport: Decodable {
    var id: String
    var title: String?
    var description: String?
    var charter: String?
    var owner: String
    var at: LocationExport
    var extended_at: LocationExport?
    var severity: Severity
    var mitigates: [String]
    var advice: String?
    var examples: ExamplesExport
    var platforms: [String]
    var kinds: [String]
    /// Absent unless `disable` or `extend { enabled = ... }` set it.
    var disabled: Bool?
}

struct IncidentExport: Decodable {
    var id: String
    var title: String?
    var description: String?
    var charter: String?
    var owner: String
    var at: LocationExport
    var opened_by: [String]
    var severity: Severity
    var disabled: Bool?
}

struct ConditionExport: Decodable {
    /// The rule or indicator ids; absent for a function or a count alone.
    var ids: [String]?
    /// The condition is a Lua function.
    var custom: Bool?
    /// A condition on time: days, counted from the latest finding (quiet) or from the step.
    var days: Int?
    var quiet: Bool?
    /// A condition on findings: `any` and `all` as declared, the number of
    /// posts, the least severity.
    var any_ids: [String]?
    var all_ids: [String]?
    var count: Int?
    var min_severity: String?

    /// The condition on findings, when it is declared as data (not a
    /// function, not a time, not absent).
    var findings: FindingCondition? {
        if custom == true || days != nil { return nil }
        return FindingCondition(
            any: any_ids, all: all_ids, count: count ?? 1, minSeverity: min_severity.flatMap(Severity.init(rawValue:)))
    }
}

struct StepExport: Decodable {
    var id: String
    var title: String?
    var advice: String?
    var when: ConditionExport?
    var record_reasons: Bool
    var close: Bool
    /// A text; a function of reasons is not exported.
    var reasons: String?
}

struct ReactionExport: Decodable {
    var id: String
    var title: String?
    var description: String?
    var charter: String?
    var owner: String
    var at: LocationExport
    var on: String
    var answers: [String]
    var steps: [StepExport]
    var disabled: Bool?
}

struct ScenarioActorExport: Decodable {
    var id: String
    var kind: ActorKind?
    var name: String?
    var handle: String?
}

struct ScenarioEventExport: Decodable {
    var at: String?
    var text: String
    var platform: String?
    var kind: String?
    var visibility: String?
    var expect: String?
    var note: String?
}

struct ScenarioExport: Decodable {
    var id: String
    var title: String?
    var description: String?
    var at: LocationExport
    var actor: ScenarioActorExport
    var platform: String
    var timeline: [ScenarioEventExport]
    var reaction: String?
}

struct ClassificationExport: Decodable {
    var levels: [String]
    var markers: [String: [String]]
    var channels: [String: String]
    var title: String?
    var description: String?
    var charter: String?
    var file: String
    var line: Int
}

struct DeclarationsExport: Decodable {
    var policy: PolicyExport
    var threats: [ThreatExport]
    var rules: [RuleExport]
    var indicators: [RuleExport]
    var incidents: [IncidentExport]
    var reactions: [ReactionExport]
    var scenarios: [ScenarioExport]
    var classification: ClassificationExport?
}

/// A plugin parameter as `__vigie_manifest` gives it (`type` is `"?<lua
/// type>"` when the parameter is not a table).
struct ParameterExport: Decodable {
    var type: String?
    var `default`: LuaValue?
    var description: String?
    var values: [String]?
    var min: Double?
    var max: Double?
    var en: String?
}

/// `plugin { ... }` as `__vigie_manifest` gives it. Name and version are
/// checked by the engine, with hints for the plugin's author.
struct PluginManifestExport: Decodable {
    var name: String?
    var version: String?
    var title: String?
    var description: String?
    var charter: String?
    var provides: [String: [String]]
    var parameters: [String: ParameterExport]
    var file: String
    var line: Int

    var location: SourceLocation { SourceLocation(file: file, line: line) }
    var texts: DeclarationTexts { DeclarationTexts(title: title, description: description, charter: charter) }
}

enum DeclarationReader {
    /// Decodes `value` (a part of what the prelude exported); an error
    /// names the declaration it is in (its file:line, or `fallback`), and
    /// `subject` (`plugin "pii"`) when the value is one declaration.
    static func decode<T: Decodable>(
        _ type: T.Type, from value: LuaValue, fallback: SourceLocation, subject: String? = nil
    ) throws(PolicyError) -> T {
        do {
            return try LuaValueDecoder().decode(T.self, from: value)
        } catch {
            var failure = policyError(error, in: value, fallback: fallback)
            if let subject { failure.message = "\(subject): \(failure.message)" }
            throw failure
        }
    }

    /// Everything the policy and its plugins declare, from `__vigie_export`.
    static func read(_ export: LuaValue, plugins: [PluginManifest], fallback: SourceLocation) throws(PolicyError)
        -> PolicyDeclarations
    {
        let e = try decode(DeclarationsExport.self, from: export, fallback: fallback)
        let p = e.policy
        var manifest = PolicyManifest(name: p.name, version: p.version, language: p.language, texts: p.texts, location: p.location)
        manifest.serve = p.serve.map { ServeMapping(block: $0.block, warn: $0.warn) }
        let threats = e.threats.map { t in
            ThreatDeclaration(
                id: t.id, texts: DeclarationTexts(title: t.title, description: t.description, charter: t.charter),
                owner: DeclarationOwner(name: t.owner), location: t.at.location, actors: t.actors, assets: t.assets,
                channels: t.channels, issues: t.issues, likelihood: t.likelihood, impact: t.impact)
        }
        func rules(_ list: [RuleExport], indicator: Bool) -> [RuleDeclaration] {
            list.map { r in
                RuleDeclaration(
                    id: r.id, isIndicator: indicator,
                    texts: DeclarationTexts(title: r.title, description: r.description, charter: r.charter),
                    owner: DeclarationOwner(name: r.owner), location: r.at.location, extendedAt: r.extended_at?.location,
                    severity: r.severity, mitigates: r.mitigates, advice: r.advice,
                    flagExamples: r.examples.flag.map(\.example), passExamples: r.examples.pass.map(\.example),
                    platforms: r.platforms, kinds: r.kinds, disabled: r.disabled == true)
            }
        }
        let incidents = e.incidents.map { i in
            IncidentDeclaration(
                id: i.id, texts: DeclarationTexts(title: i.title, description: i.description, charter: i.charter),
                owner: DeclarationOwner(name: i.owner), location: i.at.location, openedBy: i.opened_by,
                severity: i.severity, disabled: i.disabled == true)
        }
        let reactions = e.reactions.map { r in
            ReactionDeclaration(
                id: r.id, texts: DeclarationTexts(title: r.title, description: r.description, charter: r.charter),
                owner: DeclarationOwner(name: r.owner), location: r.at.location, on: r.on, answers: r.answers,
                steps: r.steps.map { s in
                    ReactionStepDeclaration(
                        id: s.id, title: s.title, advice: s.advice, whenIDs: s.when?.ids ?? [],
                        customCondition: s.when?.custom == true, recordReasons: s.record_reasons, reasons: s.reasons,
                        closes: s.close,
                        timeCondition: s.when?.days.map { TimeCondition(days: $0, quiet: s.when?.quiet == true) },
                        findingCondition: s.when?.findings)
                },
                disabled: r.disabled == true)
        }
        let scenarios = e.scenarios.map { s in
            var scenario = Scenario(
                id: s.id, title: s.title, actorID: s.actor.id, actorKind: s.actor.kind, actorName: s.actor.name,
                actorHandle: s.actor.handle, platform: s.platform,
                timeline: s.timeline.map { e in
                    ScenarioEvent(
                        at: e.at, text: e.text, platform: e.platform, kind: e.kind, visibility: e.visibility,
                        expect: e.expect, note: e.note)
                },
                reaction: s.reaction, location: s.at.location)
            scenario.texts.description = s.description
            return scenario
        }
        let classification = e.classification.map { c in
            ClassificationDeclaration(
                levels: c.levels, markers: c.markers, channels: c.channels,
                texts: DeclarationTexts(title: c.title, description: c.description, charter: c.charter),
                location: SourceLocation(file: c.file, line: c.line))
        }
        return PolicyDeclarations(
            manifest: manifest, plugins: plugins, threats: threats, rules: rules(e.rules, indicator: false),
            indicators: rules(e.indicators, indicator: true), incidents: incidents, reactions: reactions,
            scenarios: scenarios, classification: classification)
    }

    // MARK: - Errors

    /// What the lists of the export hold, as the policy author says it.
    private static let kinds = [
        "threats": "threat", "rules": "rule", "indicators": "indicator", "incidents": "incident",
        "reactions": "reaction", "scenarios": "scenario",
    ]

    /// A decoding error as a declaration error: located at the innermost
    /// declaration around the bad value, and named as the author wrote it
    /// (`rule "no-phone": severity: expected one of …`).
    static func policyError(_ error: LuaDecodingError, in root: LuaValue, fallback: SourceLocation) -> PolicyError {
        var location = fallback
        var node = root
        var nodes: [LuaValue] = [root]
        for component in error.path {
            switch component {
            case .field(let name): node = node[name]
            case .index(let i): node = node[i]
            }
            nodes.append(node)
        }
        for candidate in nodes.reversed() {
            if let found = Self.location(of: candidate) {
                location = found
                break
            }
        }
        var subject: String?
        var rest = error.path
        if case .field(let list)? = error.path.first, let kind = kinds[list], error.path.count >= 2,
            case .index(let i) = error.path[1]
        {
            let id = root[list][i]["id"].stringValue
            subject = id.map { "\(kind) \"\($0)\"" } ?? "\(kind) #\(i)"
            rest = Array(error.path.dropFirst(2))
        } else if case .field(let name)? = error.path.first, name == "policy" || name == "classification" {
            subject = name
            rest = Array(error.path.dropFirst())
        }
        let detail = LuaDecodingError(error.problem, at: rest, expected: error.expected, found: error.found).description
        return PolicyError(.declaration, at: location, subject.map { "\($0): \(detail)" } ?? detail)
    }

    /// Where a declaration is: its `at = { file, line }`, or its own
    /// `file` and `line` (the policy, the classification, a manifest).
    private static func location(of value: LuaValue) -> SourceLocation? {
        for holder in [value["at"], value] {
            if let file = holder["file"].stringValue, let line = holder["line"].intValue {
                return SourceLocation(file: file, line: line)
            }
        }
        return nil
    }
}

/// The export's `policy` alone (read before the plugins load, for `uses`).
struct PolicyPartExport: Decodable {
    var policy: PolicyExport
}

extension LuaValue {
    /// The strings of a list the prelude made (the active rule ids).
    var strings: [String] { (arrayValue ?? []).compactMap(\.stringValue) }
}
