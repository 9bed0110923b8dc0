/// Where a given use is allowed to happen (customer service on the Facebook
/// page, quotes by e-mail only…): the filtering rules compare activities to it.
public struct ApprovedChannel: Hashable, Codable, Sendable {
    /// The use, as an identifier (`service-client`, `devis`).
    public var use: String
    public var platforms: [Platform]
    /// Handles of the accounts allowed for this use; empty means any of the
    /// organisation's accounts on those platforms.
    public var accounts: [String]
    public var note: String?

    public init(use: String, platforms: [Platform], accounts: [String] = [], note: String? = nil) {
        self.use = use
        self.platforms = platforms
        self.accounts = accounts
        self.note = note
    }

    enum CodingKeys: String, CodingKey { case use, platforms, accounts, note }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            use: try c.decode(String.self, forKey: .use),
            platforms: try c.decodeIfPresent([Platform].self, forKey: .platforms) ?? [],
            accounts: try c.decodeIfPresent([String].self, forKey: .accounts) ?? [],
            note: try c.decodeIfPresent(String.self, forKey: .note))
    }
}
