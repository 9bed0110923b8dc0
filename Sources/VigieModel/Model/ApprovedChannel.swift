/// Where a given use is allowed to happen (customer service on the Facebook
/// page, quotes by e-mail only…): the filtering rules compare activities to it.
public struct ApprovedChannel: Hashable, Codable, Sendable {
    /// The use, as an identifier (`service-client`, `devis`).
    public var use: String
    /// The use in words for people (`Service à la clientèle`); nil: the
    /// identifier, humanised.
    public var title: String?
    public var platforms: [Platform]
    /// Handles of the accounts allowed for this use; empty means any of the
    /// organisation's accounts on those platforms.
    public var accounts: [String]
    public var note: String?

    public init(use: String, title: String? = nil, platforms: [Platform], accounts: [String] = [], note: String? = nil) {
        self.use = use
        self.title = title
        self.platforms = platforms
        self.accounts = accounts
        self.note = note
    }

    enum CodingKeys: String, CodingKey { case use, title, platforms, accounts, note }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            use: try c.decode(String.self, forKey: .use),
            title: try c.decodeIfPresent(String.self, forKey: .title),
            platforms: try c.decodeIfPresent([Platform].self, forKey: .platforms) ?? [],
            accounts: try c.decodeIfPresent([String].self, forKey: .accounts) ?? [],
            note: try c.decodeIfPresent(String.self, forKey: .note))
    }
}
