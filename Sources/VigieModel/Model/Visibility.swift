/// Who can see an activity.
public enum Visibility: String, Codable, Sendable, CaseIterable {
    /// Anyone, and listed in public timelines.
    case `public`
    /// Anyone with the link, but kept out of public timelines (Mastodon).
    case unlisted
    /// The author's followers only.
    case followers
    /// The author's connections (LinkedIn `MEMBER_NETWORK`, `CONNECTIONS`).
    case connections
    /// Only the named recipients (direct messages).
    case direct
    /// The export does not say (Facebook, Instagram posts).
    case unknown
}
