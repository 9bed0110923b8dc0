/// What Vigie knows about a client organisation: the answers to the needs
/// analysis (what each platform is for, the clientele sought, the strategy per
/// platform, the security issues of the work, the threats it reflects on), and
/// the people, information assets and approved channels the rules protect.
///
/// The method is that of the project's seed documents: the needs analysis of
/// `seeds/000` (step 1), the classification and filtering answers of
/// `seeds/002` ("Divulgation 2.0"). Profiles are written in YAML or JSON; the
/// schema is in `docs/profile-schema.md`, `ProfileLoader` reads them.
public struct OrganisationProfile: Hashable, Codable, Sendable {
    public static let schemaVersion = "vigie.profile/1"

    public struct Organisation: Hashable, Codable, Sendable {
        public var name: String
        public var sector: String?
        /// The language of the client's posts (`fr`), for the text helpers.
        public var language: String?
        public var description: String?
        /// The IANA time zone the organisation lives in (`America/Toronto`,
        /// `Europe/Paris`): rules see post times on its clock (`post.hour`),
        /// reports and charters show every time in it. Nil: UTC.
        public var timeZone: String?

        public init(
            name: String, sector: String? = nil, language: String? = nil, description: String? = nil,
            timeZone: String? = nil
        ) {
            self.name = name
            self.sector = sector
            self.language = language
            self.description = description
            self.timeZone = timeZone
        }

        enum CodingKeys: String, CodingKey { case name, sector, language, description, timeZone }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let zone = try c.decodeIfPresent(String.self, forKey: .timeZone)
            if let zone, LocalClock(identifier: zone) == nil {
                throw DecodingError.dataCorruptedError(
                    forKey: .timeZone, in: c,
                    debugDescription: "unknown time zone \(DiagnosticText.memberName(zone)); give an IANA name such as \"America/Toronto\" or \"Europe/Paris\"")
            }
            self.init(
                name: try c.decode(String.self, forKey: .name),
                sector: try c.decodeIfPresent(String.self, forKey: .sector),
                language: try c.decodeIfPresent(String.self, forKey: .language),
                description: try c.decodeIfPresent(String.self, forKey: .description), timeZone: zone)
        }
    }

    /// The organisation's clock (its time zone, else UTC).
    public var clock: LocalClock { LocalClock(profile: self) }

    public var schema: String
    public var organisation: Organisation
    /// Question 1: what the chosen social media are for.
    public var purposes: [String]
    /// Question 2: the clientele sought on social media.
    public var clientele: [String]
    /// Question 3: the strategy per platform, with the organisation's accounts.
    public var platforms: [PlatformStrategy]
    /// Question 4: the security issues that match the work.
    public var securityIssues: [SecurityIssue]
    /// The reflection that follows: concrete threats, in the client's words.
    public var concerns: [String]
    public var people: [Person]
    public var assets: [InformationAsset]
    public var channels: [ApprovedChannel]

    public init(
        organisation: Organisation, purposes: [String] = [], clientele: [String] = [],
        platforms: [PlatformStrategy] = [], securityIssues: [SecurityIssue] = [],
        concerns: [String] = [], people: [Person] = [], assets: [InformationAsset] = [],
        channels: [ApprovedChannel] = []
    ) {
        self.schema = OrganisationProfile.schemaVersion
        self.organisation = organisation
        self.purposes = purposes
        self.clientele = clientele
        self.platforms = platforms
        self.securityIssues = securityIssues
        self.concerns = concerns
        self.people = people
        self.assets = assets
        self.channels = channels
    }

    enum CodingKeys: String, CodingKey {
        case schema, organisation, purposes, clientele, platforms, securityIssues, concerns,
            people, assets, channels
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let schema = try c.decodeIfPresent(String.self, forKey: .schema) ?? OrganisationProfile.schemaVersion
        guard schema == OrganisationProfile.schemaVersion else {
            throw DecodingError.dataCorruptedError(
                forKey: .schema, in: c,
                debugDescription: "unsupported profile schema \(DiagnosticText.memberName(schema)); this Vigie reads \"\(OrganisationProfile.schemaVersion)\"")
        }
        self.init(
            organisation: try c.decode(Organisation.self, forKey: .organisation),
            purposes: try c.decodeIfPresent([String].self, forKey: .purposes) ?? [],
            clientele: try c.decodeIfPresent([String].self, forKey: .clientele) ?? [],
            platforms: try c.decodeIfPresent([PlatformStrategy].self, forKey: .platforms) ?? [],
            securityIssues: try c.decodeIfPresent([SecurityIssue].self, forKey: .securityIssues) ?? [],
            concerns: try c.decodeIfPresent([String].self, forKey: .concerns) ?? [],
            people: try c.decodeIfPresent([Person].self, forKey: .people) ?? [],
            assets: try c.decodeIfPresent([InformationAsset].self, forKey: .assets) ?? [],
            channels: try c.decodeIfPresent([ApprovedChannel].self, forKey: .channels) ?? [])
    }

    /// Whether the organisation declared a strategy for `platform`.
    public func uses(_ platform: Platform) -> Bool {
        platforms.contains { $0.platform == platform }
    }

    /// The organisation itself as an actor, owning the accounts of its strategies.
    public var organisationActor: Actor {
        Actor(id: "organisation", kind: .organisation, name: organisation.name,
              accounts: platforms.flatMap(\.accounts))
    }

    /// Every actor the profile declares: the organisation, then the people.
    public var actors: [Actor] { [organisationActor] + people.map(\.actor) }

    /// The declared actor that owns `account`, if any.
    public func actor(owning account: Account) -> Actor? {
        actors.first { $0.owns(account) }
    }
}
