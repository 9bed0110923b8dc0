import VigieModel
/// Limits and choices for an import. Every limit refuses what is over it with
/// a message that names the limit; nothing that expands is unbounded.
public struct ImportOptions: Sendable, Hashable {
    /// Whole-document files (JSON, X/Twitter `.js`, CSV) are read into memory to
    /// be parsed; above this size (256 MiB by default) they are refused with
    /// `ImportError.tooLarge` instead of exhausting memory. JSONL streams are
    /// read line by line and have no size limit of their own.
    public var maxDocumentBytes: Int64
    /// JSONL lines above this size are reported and skipped (4 MiB by default).
    public var maxLineBytes: Int
    /// How many issues the summary keeps as examples (all of them reach the
    /// `onIssue` callback).
    public var maxIssuesInSummary: Int
    /// The most entries a `.zip` may list (200,000 by default); a larger
    /// archive is refused as a whole.
    public var maxArchiveEntries: Int
    /// The most bytes the entries read from one `.zip` may expand to, all
    /// entries together (4 GiB by default); reading stops there and what is
    /// left is refused.
    public var maxExpandedBytes: Int64
    /// The most an entry of a `.zip` may expand relative to its compressed
    /// size (200 by default: text compresses 5 to 20 times; a zip bomb, a
    /// thousand times). Checked once an entry has expanded past 1 MiB.
    public var maxCompressionRatio: Int

    /// Whose export it is (`vigie import --owner`): the person of the profile
    /// whose activities the export's own posts and comments are. Without
    /// one, the exports that do not name their owner (Facebook, Instagram,
    /// LinkedIn) give them an author `id: "owner"`, the same for everyone.
    public var owner: ExportOwner?
    /// The audience of the owner's posts when the export does not say
    /// (Facebook, Instagram and LinkedIn exports never do): `--visibility`.
    public var visibility: Visibility?

    public static let defaultMaxDocumentBytes: Int64 = 256 * 1024 * 1024
    public static let defaultMaxArchiveEntries = 200_000
    public static let defaultMaxExpandedBytes: Int64 = 4 * 1024 * 1024 * 1024
    public static let defaultMaxCompressionRatio = 200
    /// Below this many expanded bytes an entry's ratio is not checked (small
    /// files of repeated bytes compress far better than 200:1 and are harmless).
    public static let ratioCheckThreshold: Int64 = 1024 * 1024

    public init(
        maxDocumentBytes: Int64 = ImportOptions.defaultMaxDocumentBytes,
        maxLineBytes: Int = ActivityStream.defaultMaxLineBytes,
        maxIssuesInSummary: Int = 50,
        maxArchiveEntries: Int = ImportOptions.defaultMaxArchiveEntries,
        maxExpandedBytes: Int64 = ImportOptions.defaultMaxExpandedBytes,
        maxCompressionRatio: Int = ImportOptions.defaultMaxCompressionRatio
    ) {
        self.maxDocumentBytes = maxDocumentBytes
        self.maxLineBytes = maxLineBytes
        self.maxIssuesInSummary = maxIssuesInSummary
        self.maxArchiveEntries = maxArchiveEntries
        self.maxExpandedBytes = maxExpandedBytes
        self.maxCompressionRatio = maxCompressionRatio
    }
}

/// The person an export belongs to: their id in the profile, their name
/// and accounts (from the profile), so that several people's exports of one
/// organisation are told apart.
public struct ExportOwner: Sendable, Hashable {
    public var actorID: String
    public var name: String?
    public var accounts: [Account]

    public init(actorID: String, name: String? = nil, accounts: [Account] = []) {
        self.actorID = actorID
        self.name = name
        self.accounts = accounts
    }

    /// The owner's account on a platform: the profile's, else one named
    /// after them (their name, else their id as the handle).
    public func account(on platform: Platform) -> Account {
        if let account = accounts.first(where: { $0.platform == platform }) { return account }
        return Account(platform: platform, handle: name == nil ? actorID : nil, displayName: name)
    }
}
