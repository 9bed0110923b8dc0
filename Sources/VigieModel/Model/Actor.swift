/// Someone (or something) that acts on social media: the author of an
/// activity, the target of a finding, the subject of an incident.
public struct Actor: Hashable, Codable, Sendable, Identifiable {
    public var id: String
    public var kind: ActorKind
    public var name: String?
    public var accounts: [Account]

    public init(id: String, kind: ActorKind, name: String? = nil, accounts: [Account] = []) {
        self.id = id
        self.kind = kind
        self.name = name
        self.accounts = accounts
    }

    /// Whether one of this actor's accounts matches `account`.
    public func owns(_ account: Account) -> Bool {
        accounts.contains { $0.matches(account) }
    }
}
