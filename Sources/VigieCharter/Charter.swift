import Foundation
import VigieModel
import VigiePolicy

/// The documents people read, compiled from a policy: the social-media usage
/// charter, the crisis cards, the consent register and awareness examples.
/// Every sentence comes from the policy (its declarations, their `title`,
/// `description`, `charter` and `advice` texts, their examples) and from the
/// profile; only the headings are Vigie's, in the policy's language.
public struct Charter: Codable, Hashable, Sendable {
    public var schema = "vigie.charter/1"
    public var language: String
    public var organisation: String
    public var policy: String
    public var version: String

    public var purposes: [String]
    public var clientele: [String]
    public var platforms: [Platform]
    public var issues: [Issue]
    public var roles: [Role]
    public var channels: [Channel]
    public var threats: [Threat]
    public var principles: [Principle]
    public var levels: [Level]
    public var consents: [Consent]
    public var cards: [CrisisCard]
    public var quiz: [QuizItem]

    public struct Platform: Codable, Hashable, Sendable {
        public var platform: String
        public var strategy: String
    }

    public struct Issue: Codable, Hashable, Sendable {
        public var title: String
        public var description: String?
    }

    public struct Role: Codable, Hashable, Sendable {
        public var name: String
        public var role: String
        /// The accounts through which the person may speak.
        public var accounts: [String]
    }

    public struct Channel: Codable, Hashable, Sendable {
        public var use: String
        public var platforms: [String]
        public var accounts: [String]
        public var note: String?
    }

    public struct Threat: Codable, Hashable, Sendable {
        public var id: String
        public var title: String
        public var text: String?
    }

    /// A rule as a plain-language principle, with its own examples.
    public struct Principle: Codable, Hashable, Sendable {
        public var id: String
        public var title: String
        public var text: String
        public var severity: String
        public var doExamples: [String]
        public var dontExamples: [String]
        public var advice: String?
    }

    public struct Level: Codable, Hashable, Sendable {
        public var name: String
        /// The channels (platform, visibility…) that may carry this level.
        public var channels: [String]
        /// The profile's assets of this level (their titles, not their markers).
        public var assets: [String]
    }

    public struct Consent: Codable, Hashable, Sendable {
        public var name: String
        public var date: String?
        public var scope: String?
    }

    public struct CrisisCard: Codable, Hashable, Sendable {
        public var id: String
        public var title: String
        public var trigger: String
        public var triggeredBy: [String]
        public var answers: [String]
        public var steps: [Step]

        public struct Step: Codable, Hashable, Sendable {
            public var id: String
            public var title: String
            public var condition: String?
            public var advice: String?
            public var recordReasons: Bool
            public var closes: Bool
        }
    }

    public struct QuizItem: Codable, Hashable, Sendable {
        public var text: String
        public var isProblem: Bool
        public var why: String
    }
}

extension Charter {
    /// Compiles the charter of a policy from what it declares and the
    /// organisation's profile (none: the sections that come from it are
    /// empty).
    public init(declarations d: PolicyDeclarations, profile: OrganisationProfile?) {
        let fr = d.manifest.language != "en"
        language = fr ? "fr" : "en"
        organisation = profile?.organisation.name ?? d.manifest.texts.title ?? d.manifest.name
        policy = d.manifest.name
        version = d.manifest.version
        purposes = profile?.purposes ?? []
        clientele = profile?.clientele ?? []
        platforms = (profile?.platforms ?? []).map { Platform(platform: $0.platform.rawValue, strategy: $0.strategy) }
        issues = (profile?.securityIssues ?? []).map { Issue(title: $0.title, description: $0.description) }
        roles = (profile?.people ?? []).filter { $0.kind == .employee || $0.kind == .organisation }.map { person in
            Role(
                name: person.name, role: person.role ?? (fr ? "membre de l'équipe" : "team member"),
                accounts: person.accounts.map { account in
                    "\(account.platform.rawValue)" + (account.handle.map { " \($0)" } ?? account.displayName.map { " \($0)" } ?? "")
                })
        }
        channels = (profile?.channels ?? []).map {
            Channel(use: $0.use, platforms: $0.platforms.map(\.rawValue), accounts: $0.accounts, note: $0.note)
        }
        let ruleTitles = Dictionary((d.rules + d.indicators).map { ($0.id, $0.texts.title ?? $0.id) }) { a, _ in a }
        threats = d.threats.map {
            Threat(id: $0.id, title: $0.texts.title ?? $0.id, text: $0.texts.charter ?? $0.texts.description)
        }
        principles = d.rules.filter { !$0.disabled }.map { rule in
            Principle(
                id: rule.id, title: rule.texts.title ?? rule.id,
                text: rule.texts.charter ?? rule.texts.description ?? rule.texts.title ?? rule.id,
                severity: rule.severity.rawValue,
                doExamples: rule.passExamples.map(\.text), dontExamples: rule.flagExamples.map(\.text),
                advice: rule.advice)
        }
        if let c = d.classification {
            levels = c.levels.map { level in
                let allowedRank = c.levels.firstIndex(of: level) ?? 0
                let channels = c.channels.filter { (_, max) in (c.levels.firstIndex(of: max) ?? -1) >= allowedRank }
                    .map(\.key).sorted()
                let assets = (profile?.assets ?? []).filter { Self.sameLevel($0.classification.rawValue, level) }.map(\.title)
                return Level(name: level, channels: channels, assets: assets)
            }
        } else {
            levels = []
        }
        consents = (profile?.people ?? []).filter(\.consentToBeNamed).map {
            Consent(name: $0.name, date: $0.consentDate, scope: $0.consentScope)
        }
        let incidentByID = Dictionary(d.incidents.map { ($0.id, $0) }) { a, _ in a }
        let threatTitles = Dictionary(d.threats.map { ($0.id, $0.texts.title ?? $0.id) }) { a, _ in a }
        cards = d.reactions.filter { !$0.disabled }.map { reaction in
            let incident = incidentByID[reaction.on]
            return CrisisCard(
                id: reaction.id, title: reaction.texts.title ?? reaction.id,
                trigger: incident?.texts.title ?? reaction.on,
                triggeredBy: (incident?.openedBy ?? []).map { ruleTitles[$0] ?? $0 },
                answers: reaction.answers.map { threatTitles[$0] ?? $0 },
                steps: reaction.steps.map { step in
                    var condition: String?
                    if step.customCondition {
                        condition = fr ? "selon l'appréciation prévue par la politique" : "as the policy decides"
                    } else if !step.whenIDs.isEmpty {
                        let names = step.whenIDs.map { ruleTitles[$0] ?? $0 }.joined(separator: fr ? " ou " : " or ")
                        condition = (fr ? "si cela continue : " : "if it goes on: ") + names
                    }
                    return CrisisCard.Step(
                        id: step.id, title: step.title ?? step.id, condition: condition, advice: step.advice,
                        recordReasons: step.recordReasons, closes: step.closes)
                })
        }
        // Awareness: the rules' own examples, in a fixed mixed order.
        var items: [QuizItem] = []
        for rule in d.rules where !rule.disabled {
            let why = rule.texts.charter ?? rule.texts.title ?? rule.id
            items += rule.flagExamples.prefix(1).map { QuizItem(text: $0.text, isProblem: true, why: why) }
            items += rule.passExamples.prefix(1).map {
                QuizItem(text: $0.text, isProblem: false, why: fr ? "Rien ici ne pose problème." : "Nothing here is a problem.")
            }
        }
        var seen = Set<String>()
        quiz = items.filter { seen.insert($0.text).inserted }
            .sorted { Self.order($0.text) < Self.order($1.text) }
            .prefix(12).map { $0 }
    }

    static func order(_ text: String) -> UInt64 {
        var h = StableHash()
        h.combine(text)
        return h.value
    }

    static func sameLevel(_ asset: String, _ level: String) -> Bool {
        let aliases = ["internal": ["internal", "interne"], "confidential": ["confidential", "confidentiel"],
                       "secret": ["secret"], "public": ["public"]]
        return (aliases[asset] ?? [asset]).contains(level)
    }
}
