import VigieModel

/// Everything a report shows, filled by the engine after a run: the policy,
/// the client, the run, the threat register, the findings with what is needed
/// to display their activity, the incidents with their reaction plans, the
/// coverage of threats, and what was skipped.
///
/// A document holds personal data unmasked; renderers mask it unless told to
/// reveal it (`ReportOptions.reveal`).
public struct ReportDocument: Hashable, Codable, Sendable {
    public var policy: Policy
    /// The client organisation's name.
    public var client: String
    public var generatedAt: Timestamp
    public var run: Run?
    public var threats: [Threat]
    public var findings: [FindingEntry]
    public var incidents: [IncidentEntry]
    public var coverage: Coverage
    public var skipped: [SkippedItem]
    /// The organisation's IANA time zone (`America/Toronto`): every time the
    /// report shows is on its clock, the zone named once. Nil: UTC.
    public var timeZone: String?
    /// Readable names for the identifiers the report refers to.
    public var names: Names

    /// `coverage` defaults to what the threats' links say (`Coverage(threats:)`).
    public init(
        policy: Policy, client: String, generatedAt: Timestamp, run: Run? = nil, threats: [Threat] = [],
        findings: [FindingEntry] = [], incidents: [IncidentEntry] = [], coverage: Coverage? = nil,
        skipped: [SkippedItem] = [], timeZone: String? = nil, names: Names = Names()
    ) {
        self.policy = policy
        self.client = client
        self.generatedAt = generatedAt
        self.run = run
        self.threats = threats
        self.findings = findings
        self.incidents = incidents
        self.coverage = coverage ?? Coverage(threats: threats)
        self.skipped = skipped
        self.timeZone = timeZone
        self.names = names
    }

    /// The titles and names of what the report refers to by id: rules
    /// (coverage, findings), reactions (coverage) and people (by person,
    /// incidents). The report shows these; an id without one is humanised.
    public struct Names: Hashable, Codable, Sendable {
        public var rules: [String: String]
        public var reactions: [String: String]
        /// People and the organisation itself (`organisation`), by actor id.
        public var people: [String: String]

        public init(rules: [String: String] = [:], reactions: [String: String] = [:], people: [String: String] = [:]) {
            self.rules = rules
            self.reactions = reactions
            self.people = people
        }
    }

    /// The policy the run evaluated.
    public struct Policy: Hashable, Codable, Sendable {
        public var name: String
        public var version: String
        /// The policy's language (`fr`, `en`): the report's language unless the
        /// options choose another.
        public var language: String
        /// The policy's title (`policy { title = ... }`), shown instead of its name.
        public var title: String?

        public init(name: String, version: String, language: String, title: String? = nil) {
            self.name = name
            self.version = version
            self.language = language
            self.title = title
        }
    }

    /// The run the report is about.
    public struct Run: Hashable, Codable, Sendable {
        /// The case file's run id, as text (`"12"`).
        public var id: String?
        public var startedAt: Timestamp?
        public var finishedAt: Timestamp?
        /// The exports or streams evaluated.
        public var inputs: [String]
        /// Activities evaluated.
        public var activities: Int
        /// Records or activities skipped.
        public var skipped: Int
        /// The run the findings are compared with (`FindingEntry.isNew`); nil for a first run.
        public var baselineRunID: String?

        public init(
            id: String? = nil, startedAt: Timestamp? = nil, finishedAt: Timestamp? = nil, inputs: [String] = [],
            activities: Int = 0, skipped: Int = 0, baselineRunID: String? = nil
        ) {
            self.id = id
            self.startedAt = startedAt
            self.finishedAt = finishedAt
            self.inputs = inputs
            self.activities = activities
            self.skipped = skipped
            self.baselineRunID = baselineRunID
        }
    }

    /// One entry of the threat register: placed in the risk matrix by its
    /// likelihood and impact (1 to 5 each).
    public struct Threat: Hashable, Codable, Sendable, Identifiable {
        public var id: String
        public var title: String
        public var likelihood: Int
        public var impact: Int
        /// Likelihood × impact unless the policy says otherwise (1 to 25).
        public var score: Int
        /// Rules that mitigate the threat.
        public var mitigatedBy: [String]
        /// Reaction plans that answer it.
        public var answeredBy: [String]

        public init(
            id: String, title: String, likelihood: Int, impact: Int, score: Int? = nil, mitigatedBy: [String] = [],
            answeredBy: [String] = []
        ) {
            self.id = id
            self.title = title
            self.likelihood = likelihood
            self.impact = impact
            self.score = score ?? likelihood * impact
            self.mitigatedBy = mitigatedBy
            self.answeredBy = answeredBy
        }
    }

    /// A finding with what the report needs to show it.
    public struct FindingEntry: Hashable, Codable, Sendable, Identifiable {
        public var finding: Finding
        /// The rule's title, when the policy gives one.
        public var ruleTitle: String?
        public var activity: ActivityExcerpt
        /// The display name of `finding.actorID`.
        public var actorName: String?
        /// Not reported by the baseline run (and not accepted).
        public var isNew: Bool
        /// Set when the finding was accepted into the baseline.
        public var acceptance: Acceptance?
        /// What the rule or indicator said about this finding (`ctx:flag { note = ... }`).
        public var note: String?

        public var id: String { finding.fingerprint }

        public init(
            finding: Finding, ruleTitle: String? = nil, activity: ActivityExcerpt, actorName: String? = nil,
            isNew: Bool = false, acceptance: Acceptance? = nil, note: String? = nil
        ) {
            self.finding = finding
            self.ruleTitle = ruleTitle
            self.activity = activity
            self.actorName = actorName
            self.isNew = isNew
            self.acceptance = acceptance
            self.note = note
        }
    }

    /// Why and by whom a finding was accepted.
    public struct Acceptance: Hashable, Codable, Sendable {
        public var reason: String
        public var by: String

        public init(reason: String, by: String) {
            self.reason = reason
            self.by = by
        }
    }

    /// What is shown of the activity behind a finding. Evidence offsets (in
    /// Unicode scalars) point into `text`, which is the activity's original text.
    public struct ActivityExcerpt: Hashable, Codable, Sendable {
        public var text: String
        public var platform: Platform
        public var kind: ActivityKind?
        /// The author as the report shows it (a handle or a display name).
        public var author: String?
        public var timestamp: Timestamp?

        public init(
            text: String, platform: Platform, kind: ActivityKind? = nil, author: String? = nil,
            timestamp: Timestamp? = nil
        ) {
            self.text = text
            self.platform = platform
            self.kind = kind
            self.author = author
            self.timestamp = timestamp
        }

        /// Everything the report needs from an activity.
        public init(_ activity: Activity) {
            self.init(
                text: activity.text, platform: activity.platform, kind: activity.kind,
                author: activity.author.handle ?? activity.author.displayName, timestamp: activity.timestamp)
        }
    }

    /// An incident with its reaction plan.
    public struct IncidentEntry: Hashable, Codable, Sendable, Identifiable {
        public var incident: Incident
        /// The plan whose steps the incident follows.
        public var plan: ReactionPlan?
        /// A readable title for the incident kind.
        public var title: String?
        /// The display name of `incident.actorID`.
        public var actorName: String?

        public var id: String { incident.id }

        public init(incident: Incident, plan: ReactionPlan? = nil, title: String? = nil, actorName: String? = nil) {
            self.incident = incident
            self.plan = plan
            self.title = title
            self.actorName = actorName
        }

        /// The step after the current one, for an open incident with a plan.
        public var nextStep: ReactionStep? {
            guard incident.status == .open, let plan else { return nil }
            return plan.step(after: incident.currentStep)
        }
    }

    /// Which threats nothing addresses.
    public struct Coverage: Hashable, Codable, Sendable {
        /// Threats that no rule mitigates.
        public var threatsWithoutRule: [String]
        /// Threats that no reaction plan answers.
        public var threatsWithoutReaction: [String]

        public init(threatsWithoutRule: [String], threatsWithoutReaction: [String]) {
            self.threatsWithoutRule = threatsWithoutRule
            self.threatsWithoutReaction = threatsWithoutReaction
        }

        /// Computed from the threats' `mitigatedBy` and `answeredBy`.
        public init(threats: [Threat]) {
            self.init(
                threatsWithoutRule: threats.filter(\.mitigatedBy.isEmpty).map(\.id),
                threatsWithoutReaction: threats.filter(\.answeredBy.isEmpty).map(\.id))
        }
    }

    /// Something the run did not evaluate, and why.
    public struct SkippedItem: Hashable, Codable, Sendable {
        /// What was skipped: a file, a rule, a kind of record.
        public var item: String
        public var reason: String
        public var count: Int

        public init(item: String, reason: String, count: Int = 1) {
            self.item = item
            self.reason = reason
            self.count = count
        }
    }
}
