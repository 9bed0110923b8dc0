/// An account on a platform: who wrote an activity, who it was addressed to,
/// or one of the public identities of a person in the profile.
public struct Account: Hashable, Codable, Sendable {
    public var platform: Platform
    /// The handle as the platform writes it (`alice`, `@alice@mastodon.social`).
    public var handle: String?
    /// The platform's stable identifier (X account id, ActivityPub actor URL).
    public var id: String?
    /// The name shown on the profile; for Facebook and Instagram exports this is
    /// often the only identifier available.
    public var displayName: String?
    public var url: String?

    public init(
        platform: Platform, handle: String? = nil, id: String? = nil,
        displayName: String? = nil, url: String? = nil
    ) {
        self.platform = platform
        self.handle = handle
        self.id = id
        self.displayName = displayName
        self.url = url
    }

    /// Whether two references plausibly designate the same account: same platform
    /// and the same id, handle (case-insensitive, without a leading `@`) or URL.
    public func matches(_ other: Account) -> Bool {
        guard platform == other.platform else { return false }
        if let a = id, let b = other.id, !a.isEmpty { return a == b }
        if let a = Account.canonicalHandle(handle), let b = Account.canonicalHandle(other.handle) {
            return a == b
        }
        if let a = url, let b = other.url { return a == b }
        if let a = displayName, let b = other.displayName { return a == b }
        return false
    }

    static func canonicalHandle(_ handle: String?) -> String? {
        guard var h = handle?.lowercased(), !h.isEmpty else { return nil }
        if h.hasPrefix("@") { h.removeFirst() }
        return h
    }
}
