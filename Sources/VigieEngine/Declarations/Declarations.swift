import LuaHost
import VigieModel

/// Who made a declaration: the policy itself or one of its plugins.
public enum DeclarationOwner: Hashable, Codable, Sendable, CustomStringConvertible {
    case policy
    case plugin(String)

    init(_ name: String) { self = name == "policy" ? .policy : .plugin(name) }

    public var description: String {
        switch self {
        case .policy: "policy"
        case .plugin(let name): "plugin \(name)"
        }
    }
}

/// The texts of a declaration the usage charter and the reports use, in
/// the policy's language.
public struct DeclarationTexts: Hashable, Codable, Sendable {
    public var title: String?
    public var description: String?
    /// The sentence for the usage charter (`charter = "..."`).
    public var charter: String?
}

/// `policy { name, version, language, uses, disable }`.
public struct PolicyManifest: Hashable, Codable, Sendable {
    public var name: String
    public var version: String
    /// `fr` or `en`: the language of titles, advice and reasons.
    public var language: String
    public var texts: DeclarationTexts
    public var location: SourceLocation
}

/// `threat "id" { ... }`: who could harm what, through which channel.
public struct ThreatDeclaration: Hashable, Codable, Sendable, Identifiable {
    public var id: String
    public var texts: DeclarationTexts
    public var owner: DeclarationOwner
    public var location: SourceLocation
    public var actors: [String]
    public var assets: [String]
    public var channels: [String]
    /// Security issues of the profile (question 4) the threat belongs to.
    public var issues: [String]
    /// Fixed scores (1–5); nil when a function of the profile computes them.
    public var likelihood: Int?
    public var impact: Int?
}

/// An example a rule must flag or pass (`examples = { flag = {...}, pass = {...} }`).
public struct RuleExample: Hashable, Codable, Sendable {
    public var text: String
    public var platform: String?
    public var kind: String?
    public var visibility: String?
    /// The actor id the example is written by (a person of the profile).
    public var actor: String?

    public init(text: String, platform: String? = nil, kind: String? = nil, visibility: String? = nil, actor: String? = nil) {
        self.text = text
        self.platform = platform
        self.kind = kind
        self.visibility = visibility
        self.actor = actor
    }
}

/// `rule "id" { ... }` or `indicator "id" { ... }`.
public struct RuleDeclaration: Hashable, Codable, Sendable, Identifiable {
    public var id: String
    /// An indicator observes an actor's history; a rule one activity.
    public var isIndicator: Bool
    public var texts: DeclarationTexts
    public var owner: DeclarationOwner
    public var location: SourceLocation
    /// Where a policy changed it with `extend`, if it did.
    public var extendedAt: SourceLocation?
    public var severity: Severity
    public var mitigates: [String]
    public var advice: String?
    public var flagExamples: [RuleExample]
    public var passExamples: [RuleExample]
    public var platforms: [String]
    public var kinds: [String]
    /// Switched off by `disable` or `extend "id" { enabled = false }`.
    public var disabled: Bool
}

/// `incident "id" { opened_by = {...} }`.
public struct IncidentDeclaration: Hashable, Codable, Sendable, Identifiable {
    public var id: String
    public var texts: DeclarationTexts
    public var owner: DeclarationOwner
    public var location: SourceLocation
    public var openedBy: [String]
    public var severity: Severity
    public var disabled: Bool
}

/// One step of a reaction's escalation.
public struct ReactionStepDeclaration: Hashable, Codable, Sendable, Identifiable {
    public var id: String
    public var title: String?
    public var advice: String?
    /// The rule or indicator ids the condition looks for (empty for a
    /// function condition or none).
    public var whenIDs: [String]
    /// The condition is a Lua function.
    public var customCondition: Bool
    public var recordReasons: Bool
    public var reasons: String?
    public var closes: Bool
    /// A condition on time rather than findings: `{ quiet_days = N }` (N days
    /// with no new finding about the person) or `{ after_days = N }` (N days
    /// after the step before was reached).
    public var timeCondition: TimeCondition? = nil
}

/// A step's condition on time.
public struct TimeCondition: Hashable, Codable, Sendable {
    public var days: Int
    /// Counted from the latest finding (or the step, if later) rather than from the step.
    public var quiet: Bool

    public init(days: Int, quiet: Bool) {
        self.days = days
        self.quiet = quiet
    }
}

/// `reaction "id" { on = incident, answers = threats, steps = {...} }`.
public struct ReactionDeclaration: Hashable, Codable, Sendable, Identifiable {
    public var id: String
    public var texts: DeclarationTexts
    public var owner: DeclarationOwner
    public var location: SourceLocation
    public var on: String
    public var answers: [String]
    public var steps: [ReactionStepDeclaration]
    public var disabled: Bool

    /// The model's plan, for reports and the case file.
    public var plan: ReactionPlan {
        ReactionPlan(
            id: id, on: on,
            steps: steps.map {
                ReactionStep(
                    id: $0.id, condition: $0.whenIDs.isEmpty ? nil : $0.whenIDs.joined(separator: "|"),
                    advice: $0.advice, recordReasons: $0.recordReasons)
            })
    }
}

/// One event of a scenario's timeline.
public struct ScenarioEvent: Hashable, Codable, Sendable {
    /// ISO 8601; nil = one hour after the previous event.
    public var at: String?
    public var text: String
    public var platform: String?
    public var kind: String?
    public var visibility: String?
    /// The reaction step expected after this event (`dialogue`…), if any.
    public var expect: String?
    public var note: String?

    public init(at: String? = nil, text: String, platform: String? = nil, kind: String? = nil,
                visibility: String? = nil, expect: String? = nil, note: String? = nil) {
        self.at = at
        self.text = text
        self.platform = platform
        self.kind = kind
        self.visibility = visibility
        self.expect = expect
        self.note = note
    }
}

/// `scenario "id" { actor, platform, timeline }`: a crisis rehearsed in advance.
public struct Scenario: Hashable, Codable, Sendable, Identifiable {
    public var id: String
    public var texts: DeclarationTexts
    public var location: SourceLocation?
    public var actorID: String
    public var actorKind: ActorKind?
    public var actorName: String?
    public var actorHandle: String?
    public var platform: String
    public var timeline: [ScenarioEvent]
    /// The reaction whose step the events' `expect` name (when the actor has
    /// several incidents); nil: the actor's latest incident.
    public var reaction: String?

    public init(id: String, title: String? = nil, actorID: String, actorKind: ActorKind? = nil,
                actorName: String? = nil, actorHandle: String? = nil, platform: String = "facebook",
                timeline: [ScenarioEvent], reaction: String? = nil, location: SourceLocation? = nil) {
        self.reaction = reaction
        self.id = id
        self.texts = DeclarationTexts(title: title)
        self.location = location
        self.actorID = actorID
        self.actorKind = actorKind
        self.actorName = actorName
        self.actorHandle = actorHandle
        self.platform = platform
        self.timeline = timeline
    }
}

/// `classification { levels, markers, channels }`.
public struct ClassificationDeclaration: Hashable, Codable, Sendable {
    /// From the least to the most sensitive.
    public var levels: [String]
    /// Marker terms per level.
    public var markers: [String: [String]]
    /// The highest level each channel may carry (platform, visibility, kind, `*`).
    public var channels: [String: String]
    public var texts: DeclarationTexts
    public var location: SourceLocation
}

/// Everything a policy declares, its plugins' declarations included.
public struct PolicyDeclarations: Hashable, Codable, Sendable {
    public var manifest: PolicyManifest
    public var plugins: [PluginManifest]
    public var threats: [ThreatDeclaration]
    public var rules: [RuleDeclaration]
    public var indicators: [RuleDeclaration]
    public var incidents: [IncidentDeclaration]
    public var reactions: [ReactionDeclaration]
    public var scenarios: [Scenario]
    public var classification: ClassificationDeclaration?

    public func threat(_ id: String) -> ThreatDeclaration? { threats.first { $0.id == id } }
    public func rule(_ id: String) -> RuleDeclaration? { (rules + indicators).first { $0.id == id } }
    public func reaction(_ id: String) -> ReactionDeclaration? { reactions.first { $0.id == id } }
    public func scenario(_ id: String) -> Scenario? { scenarios.first { $0.id == id } }
}

// MARK: - Reading the Lua export

extension LuaValue {
    var strings: [String] { (arrayValue ?? []).compactMap(\.stringValue) }
    var optionalString: String? { stringValue }
    var tableOrEmpty: [LuaValue: LuaValue] { tableValue ?? [:] }
}

enum DeclarationReader {
    static func location(_ v: LuaValue) -> SourceLocation {
        SourceLocation(file: v["file"].stringValue ?? "?", line: v["line"].intValue ?? 0)
    }

    static func texts(_ v: LuaValue) -> DeclarationTexts {
        DeclarationTexts(title: v["title"].stringValue, description: v["description"].stringValue,
                         charter: v["charter"].stringValue)
    }

    static func read(_ export: LuaValue, plugins: [PluginManifest]) -> PolicyDeclarations {
        let p = export["policy"]
        let manifest = PolicyManifest(
            name: p["name"].stringValue ?? "?", version: p["version"].stringValue ?? "0.0.0",
            language: p["language"].stringValue ?? "fr", texts: texts(p), location: location(p))
        let threats = (export["threats"].arrayValue ?? []).map { t in
            ThreatDeclaration(
                id: t["id"].stringValue ?? "?", texts: texts(t), owner: DeclarationOwner(t["owner"].stringValue ?? "policy"),
                location: location(t["at"]), actors: t["actors"].strings, assets: t["assets"].strings,
                channels: t["channels"].strings, issues: t["issues"].strings,
                likelihood: t["likelihood"].intValue, impact: t["impact"].intValue)
        }
        func rules(_ key: String, indicator: Bool) -> [RuleDeclaration] {
            (export[key].arrayValue ?? []).map { r in
                func examples(_ k: String) -> [RuleExample] {
                    (r["examples"][k].arrayValue ?? []).map {
                        RuleExample(text: $0["text"].stringValue ?? "", platform: $0["platform"].stringValue,
                                    kind: $0["kind"].stringValue, visibility: $0["visibility"].stringValue,
                                    actor: $0["actor"].stringValue)
                    }
                }
                return RuleDeclaration(
                    id: r["id"].stringValue ?? "?", isIndicator: indicator, texts: texts(r),
                    owner: DeclarationOwner(r["owner"].stringValue ?? "policy"), location: location(r["at"]),
                    extendedAt: r["extended_at"].isNil ? nil : location(r["extended_at"]),
                    severity: Severity(rawValue: r["severity"].stringValue ?? "") ?? .medium,
                    mitigates: r["mitigates"].strings, advice: r["advice"].stringValue,
                    flagExamples: examples("flag"), passExamples: examples("pass"),
                    platforms: r["platforms"].strings, kinds: r["kinds"].strings,
                    disabled: r["disabled"].boolValue ?? false)
            }
        }
        let incidents = (export["incidents"].arrayValue ?? []).map { i in
            IncidentDeclaration(
                id: i["id"].stringValue ?? "?", texts: texts(i), owner: DeclarationOwner(i["owner"].stringValue ?? "policy"),
                location: location(i["at"]), openedBy: i["opened_by"].strings,
                severity: Severity(rawValue: i["severity"].stringValue ?? "") ?? .medium,
                disabled: i["disabled"].boolValue ?? false)
        }
        let reactions = (export["reactions"].arrayValue ?? []).map { r in
            ReactionDeclaration(
                id: r["id"].stringValue ?? "?", texts: texts(r), owner: DeclarationOwner(r["owner"].stringValue ?? "policy"),
                location: location(r["at"]), on: r["on"].stringValue ?? "", answers: r["answers"].strings,
                steps: (r["steps"].arrayValue ?? []).map { s in
                    ReactionStepDeclaration(
                        id: s["id"].stringValue ?? "?", title: s["title"].stringValue, advice: s["advice"].stringValue,
                        whenIDs: s["when"]["ids"].strings, customCondition: s["when"]["custom"].boolValue ?? false,
                        recordReasons: s["record_reasons"].boolValue ?? false, reasons: s["reasons"].stringValue,
                        closes: s["close"].boolValue ?? false)
                },
                disabled: r["disabled"].boolValue ?? false)
        }
        let scenarios = (export["scenarios"].arrayValue ?? []).map { s in
            Scenario(
                id: s["id"].stringValue ?? "?", title: s["title"].stringValue, actorID: s["actor"]["id"].stringValue ?? "?",
                actorKind: s["actor"]["kind"].stringValue.flatMap(ActorKind.init(rawValue:)),
                actorName: s["actor"]["name"].stringValue, actorHandle: s["actor"]["handle"].stringValue,
                platform: s["platform"].stringValue ?? "facebook",
                timeline: (s["timeline"].arrayValue ?? []).map { e in
                    ScenarioEvent(
                        at: e["at"].stringValue, text: e["text"].stringValue ?? "", platform: e["platform"].stringValue,
                        kind: e["kind"].stringValue, visibility: e["visibility"].stringValue,
                        expect: e["expect"].stringValue, note: e["note"].stringValue)
                },
                reaction: s["reaction"].stringValue,
                location: location(s["at"]))
        }
        var classification: ClassificationDeclaration?
        let c = export["classification"]
        if !c.isNil {
            var markers: [String: [String]] = [:]
            for (k, v) in c["markers"].tableOrEmpty { if let k = k.stringValue { markers[k] = v.strings } }
            var channels: [String: String] = [:]
            for (k, v) in c["channels"].tableOrEmpty {
                if let k = k.stringValue, let v = v.stringValue { channels[k] = v }
            }
            classification = ClassificationDeclaration(
                levels: c["levels"].strings, markers: markers, channels: channels, texts: texts(c), location: location(c))
        }
        return PolicyDeclarations(
            manifest: manifest, plugins: plugins, threats: threats, rules: rules("rules", indicator: false),
            indicators: rules("indicators", indicator: true), incidents: incidents, reactions: reactions,
            scenarios: scenarios, classification: classification)
    }
}
