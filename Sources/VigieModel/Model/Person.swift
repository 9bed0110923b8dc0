/// A person the profile knows: an employee with a role, or a client, a former
/// client, a competitor, a public figure… with their public identities.
public struct Person: Hashable, Codable, Sendable, Identifiable {
    public var id: String
    public var name: String
    public var kind: ActorKind
    /// The role in the organisation (for employees).
    public var role: String?
    /// Public accounts and identities (pseudonyms included).
    public var accounts: [Account]
    /// The other names people use for the person: a first name alone, a
    /// usual nickname, the full name behind "M. Gagnon". Rules that look
    /// for the person in a text search these too (`org:names(person)`).
    public var otherNames: [String]
    /// The consent register's entry: to what, where and when the person
    /// agreed to be named publicly. Nil: no consent recorded.
    public var consent: Consent?

    /// Whether the person agreed to be named publicly at some time (a
    /// consent is recorded and not withdrawn); what the consent covers
    /// is in `consent`.
    public var consentToBeNamed: Bool { consent.map { $0.withdrawn == nil } ?? false }
    /// When the person agreed (ISO date).
    public var consentDate: String? { consent?.from }
    /// What the person agreed to, in words.
    public var consentScope: String? { consent?.scope }

    /// A consent to be named publicly (a client reference, a testimonial),
    /// as the register records it: where (platforms), for what (the uses
    /// of the profile's approved channels), from when, until when, and its
    /// withdrawal. Days are ISO dates (`2026-01-15`) on the organisation's
    /// clock, first and last day included.
    public struct Consent: Hashable, Codable, Sendable {
        /// The platforms where the person may be named; empty: any.
        public var platforms: [Platform]
        /// The uses (`ApprovedChannel.use`) the person may be named for;
        /// empty: any.
        public var uses: [String]
        /// The first day the consent holds.
        public var from: String?
        /// The last day it holds (its expiry).
        public var until: String?
        /// The day it was withdrawn: from that day on, it no longer holds.
        public var withdrawn: String?
        /// What the person agreed to, in their words or the register's.
        public var scope: String?

        public init(
            platforms: [Platform] = [], uses: [String] = [], from: String? = nil, until: String? = nil,
            withdrawn: String? = nil, scope: String? = nil
        ) {
            self.platforms = platforms
            self.uses = uses
            self.from = from
            self.until = until
            self.withdrawn = withdrawn
            self.scope = scope
        }

        enum CodingKeys: String, CodingKey { case platforms, uses, from, until, withdrawn, scope }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            func day(_ key: CodingKeys) throws -> String? {
                guard let text = try c.decodeIfPresent(String.self, forKey: key) else { return nil }
                guard DateStyle.isoDay(text) != nil else {
                    throw DecodingError.dataCorruptedError(
                        forKey: key, in: c,
                        debugDescription: "\(key.stringValue) is a day written YYYY-MM-DD (2026-01-15), got \(DiagnosticText.memberName(text))")
                }
                return text
            }
            self.init(
                platforms: try c.decodeIfPresent([Platform].self, forKey: .platforms) ?? [],
                uses: try c.decodeIfPresent([String].self, forKey: .uses) ?? [],
                from: try day(.from), until: try day(.until), withdrawn: try day(.withdrawn),
                scope: try c.decodeIfPresent(String.self, forKey: .scope))
            if let from, let until, until < from {
                throw DecodingError.dataCorruptedError(
                    forKey: .until, in: c, debugDescription: "the consent ends (\(until)) before it starts (\(from))")
            }
        }

        /// Whether the consent holds on a day (`YYYY-MM-DD`).
        public func holds(on day: String) -> Bool {
            if let from, day < from { return false }
            if let until, day > until { return false }
            if let withdrawn, day >= withdrawn { return false }
            return true
        }
    }

    public init(
        id: String, name: String, kind: ActorKind = .employee, role: String? = nil,
        accounts: [Account] = [], otherNames: [String] = [], consent: Consent? = nil
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.role = role
        self.accounts = accounts
        self.otherNames = otherNames
        self.consent = consent
    }

    /// The older form of the consent register: a yes/no, a day and a text.
    public init(
        id: String, name: String, kind: ActorKind = .employee, role: String? = nil,
        accounts: [Account] = [], consentToBeNamed: Bool, consentDate: String? = nil, consentScope: String? = nil
    ) {
        self.init(
            id: id, name: name, kind: kind, role: role, accounts: accounts,
            consent: consentToBeNamed ? Consent(from: consentDate, scope: consentScope) : nil)
    }

    public var actor: Actor { Actor(id: id, kind: kind, name: name, accounts: accounts) }

    /// Every name to look for in a text: the name, the other names, and the
    /// name without a civility (`M. Gagnon` → `Gagnon`), each once.
    public var searchNames: [String] {
        var names = [name] + otherNames
        let civilities: Set<String> = ["m.", "mme", "mlle", "me", "dr", "dre", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr."]
        let words = name.split(separator: " ")
        if words.count >= 2, civilities.contains(words[0].lowercased()) {
            names.append(words.dropFirst().joined(separator: " "))
        }
        var seen = Set<String>()
        return names.filter { !$0.isEmpty && seen.insert($0.lowercased()).inserted }
    }

    enum CodingKeys: String, CodingKey {
        case id, name, kind, role, accounts, otherNames, consent, consentToBeNamed, consentDate, consentScope
        // Written for scripts (not read): every name to search.
        case searchNames
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        var consent = try c.decodeIfPresent(Consent.self, forKey: .consent)
        let legacy = try c.decodeIfPresent(Bool.self, forKey: .consentToBeNamed)
        let legacyDate = try c.decodeIfPresent(String.self, forKey: .consentDate)
        let legacyScope = try c.decodeIfPresent(String.self, forKey: .consentScope)
        // An encoded person carries both forms; they must agree.
        if let given = consent,
            legacy.map({ $0 != (given.withdrawn == nil) }) ?? false
                || legacyDate.map({ $0 != given.from }) ?? false || legacyScope.map({ $0 != given.scope }) ?? false
        {
            throw DecodingError.dataCorruptedError(
                forKey: .consentToBeNamed, in: c,
                debugDescription: "give the consent once: either consent { platforms, uses, from, until, withdrawn, scope } or the older consentToBeNamed, consentDate and consentScope")
        }
        if consent == nil, legacy == true {
            if let legacyDate, DateStyle.isoDay(legacyDate) == nil {
                throw DecodingError.dataCorruptedError(
                    forKey: .consentDate, in: c,
                    debugDescription: "consentDate is a day written YYYY-MM-DD (2026-01-15), got \(DiagnosticText.memberName(legacyDate))")
            }
            consent = Consent(from: legacyDate, scope: legacyScope)
        }
        self.init(
            id: try c.decode(String.self, forKey: .id),
            name: try c.decode(String.self, forKey: .name),
            kind: try c.decodeIfPresent(ActorKind.self, forKey: .kind) ?? .employee,
            role: try c.decodeIfPresent(String.self, forKey: .role),
            accounts: try c.decodeIfPresent([ProfileAccount].self, forKey: .accounts)?
                .map { $0.account(defaultPlatform: nil) } ?? [],
            otherNames: try c.decodeIfPresent([String].self, forKey: .otherNames) ?? [],
            consent: consent)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(kind, forKey: .kind)
        try c.encodeIfPresent(role, forKey: .role)
        try c.encode(accounts, forKey: .accounts)
        try c.encode(otherNames, forKey: .otherNames)
        try c.encodeIfPresent(consent, forKey: .consent)
        try c.encode(consentToBeNamed, forKey: .consentToBeNamed)
        try c.encodeIfPresent(consentDate, forKey: .consentDate)
        try c.encodeIfPresent(consentScope, forKey: .consentScope)
        try c.encode(searchNames, forKey: .searchNames)
    }
}
