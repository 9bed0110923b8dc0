/// What an activity answers: another activity, an account, or both.
public struct ReplyTarget: Hashable, Codable, Sendable {
    /// The platform's identifier or URL of the activity replied to.
    public var activityID: String?
    /// The account replied to, when the export names it.
    public var account: Account?

    public init(activityID: String? = nil, account: Account? = nil) {
        self.activityID = activityID
        self.account = account
    }
}
