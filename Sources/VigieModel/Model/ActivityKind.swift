/// What kind of activity a record is.
public enum ActivityKind: String, Codable, Sendable, CaseIterable {
    case post
    case comment
    case reply
    /// A boost, retweet or reshare: `Activity.sharedURL` names what was shared.
    case share
    case directMessage = "direct-message"
}
