/// A social-media platform (or another channel such as a website).
///
/// An open set: the well-known platforms are constants, and a profile may name
/// any other platform as a plain string (`"tiktok"`).
public struct Platform: RawRepresentable, Hashable, Comparable, Codable, Sendable,
    ExpressibleByStringLiteral, CustomStringConvertible
{
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue.lowercased() }
    public init(_ rawValue: String) { self.init(rawValue: rawValue) }
    /// For text known to be lowercase already (`rawValue.lowercased() == rawValue`).
    init(lowercased rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.init(rawValue: value) }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
    public static func < (lhs: Platform, rhs: Platform) -> Bool { lhs.rawValue < rhs.rawValue }

    public static let mastodon: Platform = "mastodon"
    /// X, formerly Twitter.
    public static let twitter: Platform = "twitter"
    public static let facebook: Platform = "facebook"
    public static let instagram: Platform = "instagram"
    public static let linkedin: Platform = "linkedin"
    public static let website: Platform = "website"
}
