import Foundation
import VigieModel
import VigiePolicy
import VigieReport

/// The documents people read, compiled from a policy: the social-media usage
/// charter, the crisis cards, the consent register and awareness examples.
/// Every sentence comes from the policy (its declarations, their `title`,
/// `description`, `charter` and `advice` texts, their examples) and from the
/// profile; only the headings and the names of platforms, channels and
/// levels are Vigie's, in the policy's language.
///
/// Examples appear only in the policy's language (an example's own
/// `language`, else the language its words show); a rule's `flag` examples
/// are what to avoid, and only the `pass` examples its author marked
/// `good_practice = true` are shown as what to do.
public struct Charter: Codable, Hashable, Sendable {
    public var schema = "vigie.charter/1"
    public var language: String
    public var organisation: String
    /// The policy's name (an identifier), and its title when it has one.
    public var policy: String
    public var policyTitle: String?
    public var version: String

    public var purposes: [String]
    public var clientele: [String]
    public var platforms: [Platform]
    public var issues: [Issue]
    public var roles: [Role]
    public var channels: [Channel]
    public var threats: [Threat]
    public var principles: [Principle]
    /// The classification's own title and charter sentence.
    public var classification: Classification?
    public var levels: [Level]
    public var consents: [Consent]
    public var cards: [CrisisCard]
    public var quiz: [QuizItem]

    public struct Platform: Codable, Hashable, Sendable {
        /// The platform's name for people (`Facebook`, `site Web`).
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
        /// The accounts through which the person may speak (`Facebook : Éclat Net`).
        public var accounts: [String]
    }

    public struct Channel: Codable, Hashable, Sendable {
        /// The use, in words (`Service client`).
        public var use: String
        /// The platforms' names for people.
        public var platforms: [String]
        public var accounts: [String]
        public var note: String?
    }

    public struct Threat: Codable, Hashable, Sendable {
        public var id: String
        public var title: String
        public var text: String?
        /// Likelihood × impact, when the threat register gives it.
        public var score: Int?
        /// The level on Vigie's one risk scale (`low`, `moderate`, `high`, `critical`).
        public var level: String?
        /// The level's name in the charter's language.
        public var levelName: String?
    }

    /// A rule as a plain-language principle, with its own examples.
    public struct Principle: Codable, Hashable, Sendable {
        public var id: String
        public var title: String
        public var text: String
        public var severity: String
        /// Pass examples its author marked as good practice, in the charter's language.
        public var doExamples: [String]
        /// Flag examples, in the charter's language.
        public var dontExamples: [String]
        public var advice: String?
    }

    public struct Classification: Codable, Hashable, Sendable {
        public var title: String?
        /// The classification's sentence for the charter (`classification { charter = ... }`).
        public var text: String?
    }

    public struct Level: Codable, Hashable, Sendable {
        /// The level's name for people (`Confidentiel`).
        public var name: String
        /// The level as the policy declares it (`confidential`).
        public var id: String?
        /// The channels that may carry this level, by their names for people.
        public var channels: [String]
        /// The profile's assets of this level (their titles, not their markers).
        public var assets: [String]
    }

    /// An entry of the consent register.
    public struct Consent: Codable, Hashable, Sendable {
        public var name: String
        /// The first day the consent holds, written for people.
        public var date: String?
        /// What the person agreed to, in words.
        public var scope: String?
        /// Where: the platforms' names (empty: anywhere).
        public var platforms: [String]?
        /// For what: the uses (empty: any).
        public var uses: [String]?
        /// The last day it holds, written for people.
        public var until: String?
        /// The day it was withdrawn, written for people: the person may no longer be named.
        public var withdrawn: String?

        public init(
            name: String, date: String? = nil, scope: String? = nil, platforms: [String]? = nil, uses: [String]? = nil,
            until: String? = nil, withdrawn: String? = nil
        ) {
            self.name = name
            self.date = date
            self.scope = scope
            self.platforms = platforms
            self.uses = uses
            self.until = until
            self.withdrawn = withdrawn
        }
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
    /// A threat's likelihood and impact as the threat register computed
    /// them against the profile (`vigie analyze`), and whether it applies.
    public struct Assessment: Sendable {
        public var likelihood: Int
        public var impact: Int
        public var applies: Bool

        public init(likelihood: Int, impact: Int, applies: Bool = true) {
            self.likelihood = likelihood
            self.impact = impact
            self.applies = applies
        }
    }

    /// Compiles the charter of a policy from what it declares and the
    /// organisation's profile (none: the sections that come from it are
    /// empty). With the threat register's `assessments`, threats that do not
    /// apply are left out and each threat shows its level; without them, the
    /// levels come from the threats' fixed scores.
    ///
    /// Examples are masked by `masker` (the reports' masking): an example of
    /// what not to post shows the shape of a phone number, not the number
    /// (`Masker(reveal: true, …)` keeps them whole).
    public init(
        declarations d: PolicyDeclarations, profile: OrganisationProfile?, assessments: [String: Assessment]? = nil,
        masker: Masker = Masker(reveal: false, detector: BasicPersonalDataDetector())
    ) {
        let fr = d.manifest.language.lowercased().hasPrefix("fr")
        let lang = fr ? "fr" : "en"
        let dates = DateStyle(language: lang, clock: LocalClock(profile: profile))
        language = lang
        organisation = profile?.organisation.name ?? d.manifest.texts.title ?? d.manifest.name
        policy = d.manifest.name
        policyTitle = d.manifest.texts.title
        version = d.manifest.version
        purposes = profile?.purposes ?? []
        clientele = profile?.clientele ?? []
        platforms = (profile?.platforms ?? []).map {
            Platform(platform: Self.capitalised(DisplayNames.platform($0.platform, language: lang)), strategy: $0.strategy)
        }
        issues = (profile?.securityIssues ?? []).map { Issue(title: $0.title, description: $0.description) }
        let separator = fr ? "\u{00A0}: " : ": "
        roles = (profile?.people ?? []).filter { $0.kind == .employee || $0.kind == .organisation }.map { person in
            Role(
                name: person.name,
                role: person.role ?? (person.kind == .organisation
                    ? (fr ? "compte de l'organisation" : "the organisation's account")
                    : (fr ? "membre de l'équipe" : "team member")),
                accounts: person.accounts.map { account in
                    let platform = DisplayNames.platform(account.platform, language: lang)
                    guard let who = account.handle ?? account.displayName else { return platform }
                    return platform + separator + who
                })
        }
        let useTitles = Dictionary((profile?.channels ?? []).map { ($0.use, $0.title ?? DisplayNames.use($0.use)) }) { a, _ in a }
        channels = (profile?.channels ?? []).map {
            Channel(
                use: useTitles[$0.use] ?? $0.use, platforms: $0.platforms.map { DisplayNames.platform($0, language: lang) },
                accounts: $0.accounts, note: $0.note)
        }
        let ruleTitles = Dictionary((d.rules + d.indicators).map { ($0.id, $0.texts.title ?? $0.id) }) { a, _ in a }
        threats = d.threats.compactMap { threat in
            var score: Int?
            if let assessments {
                guard let a = assessments[threat.id], a.applies else { return nil }
                score = a.likelihood * a.impact
            } else if let l = threat.likelihood, let i = threat.impact {
                score = l * i
            }
            let level = score.map { RiskLevel(score: $0) }
            return Threat(
                id: threat.id, title: threat.texts.title ?? threat.id, text: threat.texts.charter ?? threat.texts.description,
                score: score, level: level?.rawValue, levelName: level?.name(language: lang))
        }
        // Highest risk first, as the report's register.
        threats = threats.enumerated().sorted { a, b in
            let (sa, sb) = (a.element.score ?? 0, b.element.score ?? 0)
            return sa != sb ? sa > sb : a.offset < b.offset
        }.map(\.element)
        func inLanguage(_ example: RuleExample) -> Bool {
            (example.language ?? ExampleLanguage.guess(example.text) ?? lang).lowercased().hasPrefix(lang)
        }
        principles = d.rules.filter { !$0.disabled }.map { rule in
            let good = rule.passExamples.filter { $0.goodPractice && inLanguage($0) }.map(\.text)
            let bad = rule.flagExamples.filter { inLanguage($0) && !good.contains($0.text) }.map(\.text)
            return Principle(
                id: rule.id, title: rule.texts.title ?? rule.id,
                text: rule.texts.charter ?? rule.texts.description ?? rule.texts.title ?? rule.id,
                severity: rule.severity.rawValue, doExamples: good.map(masker.mask),
                // A text both to do and to avoid differs only by a context
                // (platform, date, author) the charter does not show.
                dontExamples: bad.map(masker.mask), advice: rule.advice)
        }
        if let c = d.classification {
            classification = c.texts.title == nil && c.texts.charter == nil
                ? nil : Classification(title: c.texts.title, text: c.texts.charter ?? c.texts.description)
            levels = c.levels.map { level in
                let allowedRank = c.levels.firstIndex(of: level) ?? 0
                // `*` is every channel not named: said last, in words.
                let keys = c.channels.filter { (_, max) in (c.levels.firstIndex(of: max) ?? -1) >= allowedRank }
                    .map(\.key).sorted { ($0 == "*" ? 1 : 0, $0) < ($1 == "*" ? 1 : 0, $1) }
                let assets = (profile?.assets ?? []).filter { Self.sameLevel($0.classification.rawValue, level) }.map(\.title)
                return Level(
                    name: DisplayNames.level(level, language: lang), id: level,
                    channels: keys.map { DisplayNames.channel($0, language: lang) }, assets: assets)
            }
        } else {
            classification = nil
            levels = []
        }
        consents = (profile?.people ?? []).compactMap { person in
            guard let c = person.consent else { return nil }
            return Consent(
                name: person.name, date: c.from.map(dates.day(iso:)), scope: c.scope,
                platforms: c.platforms.map { DisplayNames.platform($0, language: lang) },
                uses: c.uses.map { useTitles[$0] ?? DisplayNames.use($0) }, until: c.until.map(dates.day(iso:)),
                withdrawn: c.withdrawn.map(dates.day(iso:)))
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
                        condition = (fr ? "si cela continue\u{00A0}: " : "if it goes on: ") + names
                    } else if let time = step.timeCondition {
                        condition = time.quiet
                            ? (fr ? "après \(time.days) jours sans nouveau signalement" : "after \(time.days) days with no new finding")
                            : (fr ? "\(time.days) jours après l'étape précédente" : "\(time.days) days after the previous step")
                    }
                    return CrisisCard.Step(
                        id: step.id, title: step.title ?? step.id, condition: condition, advice: step.advice,
                        recordReasons: step.recordReasons, closes: step.closes)
                })
        }
        // Awareness: the rules' own examples in the charter's language — what
        // they flag, and what their authors hold up as good practice — in a
        // fixed mixed order.
        var problems: [QuizItem] = []
        var good: [QuizItem] = []
        for rule in d.rules where !rule.disabled {
            let why = rule.texts.charter ?? rule.texts.title ?? rule.id
            problems += rule.flagExamples.filter(inLanguage).prefix(1).map {
                QuizItem(text: masker.mask($0.text), isProblem: true, why: why)
            }
            good += rule.passExamples.filter { $0.goodPractice && inLanguage($0) }.prefix(1).map {
                QuizItem(text: masker.mask($0.text), isProblem: false, why: fr ? "Rien ici ne pose problème." : "Nothing here is a problem.")
            }
        }
        // Twelve at most, a third of them (when there are) posts that are fine.
        var seen = Set<String>()
        let keptGood = good.filter { seen.insert($0.text).inserted }.prefix(4)
        let keptProblems = problems.filter { seen.insert($0.text).inserted }.prefix(12 - keptGood.count)
        quiz = (Array(keptGood) + Array(keptProblems)).sorted { Self.order($0.text) < Self.order($1.text) }
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

    /// `site Web` → `Site Web`, at the start of a line.
    static func capitalised(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }

    /// The policy as people name it: its title, else its name.
    public var policyName: String { policyTitle ?? policy }
}

/// Which language an example is written in, from its words: a few of the
/// most frequent words of French and English, and French accents. Nil when
/// the words do not tell (a name, a number).
public enum ExampleLanguage {
    static let french: Set<String> = [
        "le", "la", "les", "des", "du", "de", "un", "une", "et", "est", "pour", "avec", "sur", "dans", "pas", "vous",
        "nous", "je", "j", "c", "qu", "que", "qui", "chez", "mon", "ma", "mes", "ce", "cette", "au", "aux", "en", "ne",
        "on", "il", "elle", "ils", "sont", "à", "ça", "votre", "vos", "notre", "nos", "merci", "bonjour", "très", "mais",
        "ou", "si", "tous", "leur", "leurs", "son", "sa", "ses", "demain", "aujourd", "hui", "ici",
    ]
    static let english: Set<String> = [
        "the", "an", "and", "is", "are", "for", "with", "on", "in", "not", "you", "we", "i", "my", "this", "that",
        "to", "of", "your", "our", "it", "be", "will", "at", "who", "what", "where", "when", "do", "does", "have", "has",
        "ll", "re", "thanks", "thank", "hi", "hello", "here", "today", "tomorrow", "their", "his", "her",
        "from", "by", "if", "or", "but", "all", "was",
    ]

    public static func guess(_ text: String) -> String? {
        var fr = 0
        var en = 0
        let lower = text.lowercased()
        for scalar in lower.unicodeScalars where "éèêëàâçîïôûùœ".unicodeScalars.contains(scalar) { fr += 1 }
        let words = lower.split { !($0.isLetter) }
        for word in words {
            if french.contains(String(word)) { fr += 1 }
            if english.contains(String(word)) { en += 1 }
        }
        if fr == en { return nil }
        return fr > en ? "fr" : "en"
    }
}
