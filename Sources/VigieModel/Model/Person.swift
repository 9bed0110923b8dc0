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
    /// Whether the person agreed to be named publicly (client references).
    public var consentToBeNamed: Bool
    /// The consent register: when the person agreed (ISO date) and to what
    /// (`"témoignage sur la page Facebook"`).
    public var consentDate: String?
    public var consentScope: String?

    public init(
        id: String, name: String, kind: ActorKind = .employee, role: String? = nil,
        accounts: [Account] = [], consentToBeNamed: Bool = false, consentDate: String? = nil,
        consentScope: String? = nil
    ) {
        self.consentDate = consentDate
        self.consentScope = consentScope
        self.id = id
        self.name = name
        self.kind = kind
        self.role = role
        self.accounts = accounts
        self.consentToBeNamed = consentToBeNamed
    }

    public var actor: Actor { Actor(id: id, kind: kind, name: name, accounts: accounts) }

    enum CodingKeys: String, CodingKey { case id, name, kind, role, accounts, consentToBeNamed, consentDate, consentScope }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id),
            name: try c.decode(String.self, forKey: .name),
            kind: try c.decodeIfPresent(ActorKind.self, forKey: .kind) ?? .employee,
            role: try c.decodeIfPresent(String.self, forKey: .role),
            accounts: try c.decodeIfPresent([ProfileAccount].self, forKey: .accounts)?
                .map { $0.account(defaultPlatform: nil) } ?? [],
            consentToBeNamed: try c.decodeIfPresent(Bool.self, forKey: .consentToBeNamed) ?? false,
            consentDate: try c.decodeIfPresent(String.self, forKey: .consentDate),
            consentScope: try c.decodeIfPresent(String.self, forKey: .consentScope)
        )
    }
}
