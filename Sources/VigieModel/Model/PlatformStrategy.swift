/// How the organisation uses one platform (question 3 of the needs analysis),
/// with the accounts it holds there.
public struct PlatformStrategy: Hashable, Codable, Sendable {
    public var platform: Platform
    /// What the platform is for, in the client's words ("Bouche à oreille et publicité").
    public var strategy: String
    /// Purposes served on this platform, when they differ from the general ones.
    public var purposes: [String]
    /// The organisation's own accounts on the platform.
    public var accounts: [Account]

    public init(platform: Platform, strategy: String, purposes: [String] = [], accounts: [Account] = []) {
        self.platform = platform
        self.strategy = strategy
        self.purposes = purposes
        self.accounts = accounts
    }

    enum CodingKeys: String, CodingKey { case platform, strategy, purposes, accounts }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let platform = try c.decode(Platform.self, forKey: .platform)
        self.init(
            platform: platform,
            strategy: try c.decode(String.self, forKey: .strategy),
            purposes: try c.decodeIfPresent([String].self, forKey: .purposes) ?? [],
            accounts: try c.decodeIfPresent([ProfileAccount].self, forKey: .accounts)?
                .map { $0.account(defaultPlatform: platform) } ?? []
        )
    }
}

/// An account as a profile writes it: the platform may be implied by the context.
struct ProfileAccount: Decodable {
    var platform: Platform?
    var handle: String?
    var id: String?
    var displayName: String?
    var url: String?

    func account(defaultPlatform: Platform?) -> Account {
        Account(
            platform: platform ?? defaultPlatform ?? Platform("unknown"), handle: handle, id: id,
            displayName: displayName, url: url)
    }
}
