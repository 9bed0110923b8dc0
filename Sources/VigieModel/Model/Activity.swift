/// One thing someone did on a platform: a post, a comment, a reply, a share or
/// a direct message. Every importer produces activities; rules read them.
///
/// Character offsets into `text` (the original text) and into `normalizedText`
/// count Unicode scalars; `TextNormalizer` maps one onto the other.
public struct Activity: Hashable, Codable, Sendable, Identifiable {
    /// Stable identifier: `platform:platform-id`, or a hash of the record when the
    /// export gives no identifier (Facebook, Instagram, LinkedIn comments).
    public var id: String
    public var kind: ActivityKind
    public var platform: Platform
    /// The account that wrote the activity.
    public var author: Account
    /// The profile's actor behind `author`, once resolved (importers leave it nil).
    public var actorID: String?
    public var timestamp: Timestamp
    public var visibility: Visibility
    /// Named recipients: the addressees of a direct message, the people a
    /// Mastodon post is addressed to.
    public var recipients: [Account]
    /// The original text as the author wrote it (HTML already turned into text
    /// for Mastodon, the mis-encoding already repaired for Facebook and Instagram,
    /// LinkedIn's quoting already removed). Evidence offsets point into it.
    public var text: String
    /// `TextNormalizer.standard.normalize(text)`: what keyword rules match on.
    public var normalizedText: String
    /// BCP 47 language code when the export states it (`fr`, `en`).
    public var language: String?
    /// Mastodon content warning (`summary`).
    public var contentWarning: String?
    public var sensitive: Bool
    /// The headline some exports add (Facebook: "Camille a commenté la publication de …").
    public var title: String?
    /// Mentioned accounts as written (`@alice`, `@alice@example.social`).
    public var mentions: [String]
    /// Hashtags without the `#`. A stream that omits them gets the text's
    /// (`TextEntities.hashtags`), as the importers of exports that do not list them.
    public var hashtags: [String]
    public var links: [String]
    public var attachments: [Attachment]
    public var place: Place?
    public var replyTo: ReplyTarget?
    /// For a share: the URL or identifier of what was shared.
    public var sharedURL: String?
    /// For a direct message: the conversation (thread) it belongs to.
    public var conversationID: String?
    public var source: RecordSource

    public init(
        id: String, kind: ActivityKind, platform: Platform, author: Account,
        actorID: String? = nil, timestamp: Timestamp, visibility: Visibility = .unknown,
        recipients: [Account] = [], text: String, normalizedText: String? = nil,
        language: String? = nil, contentWarning: String? = nil, sensitive: Bool = false,
        title: String? = nil, mentions: [String] = [], hashtags: [String] = [],
        links: [String] = [], attachments: [Attachment] = [], place: Place? = nil,
        replyTo: ReplyTarget? = nil, sharedURL: String? = nil, conversationID: String? = nil,
        source: RecordSource
    ) {
        self.id = id
        self.kind = kind
        self.platform = platform
        self.author = author
        self.actorID = actorID
        self.timestamp = timestamp
        self.visibility = visibility
        self.recipients = recipients
        self.text = text
        self.normalizedText = normalizedText ?? TextNormalizer.standard.fold(text)
        self.language = language
        self.contentWarning = contentWarning
        self.sensitive = sensitive
        self.title = title
        self.mentions = mentions
        self.hashtags = hashtags
        self.links = links
        self.attachments = attachments
        self.place = place
        self.replyTo = replyTo
        self.sharedURL = sharedURL
        self.conversationID = conversationID
        self.source = source
    }

    /// The normalised text with its map back to `text`, for rules that report
    /// evidence offsets.
    public func normalized(with normalizer: TextNormalizer = .standard) -> NormalizedText {
        normalizer.normalize(text)
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, platform, author, actorID, timestamp, visibility, recipients, text,
            normalizedText, language, contentWarning, sensitive, title, mentions, hashtags,
            links, attachments, place, replyTo, sharedURL, conversationID, source
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let text = try c.decodeIfPresent(String.self, forKey: .text) ?? ""
        self.init(
            id: try c.decode(String.self, forKey: .id),
            kind: try c.decode(ActivityKind.self, forKey: .kind),
            platform: try c.decode(Platform.self, forKey: .platform),
            author: try c.decode(Account.self, forKey: .author),
            actorID: try c.decodeIfPresent(String.self, forKey: .actorID),
            timestamp: try c.decode(Timestamp.self, forKey: .timestamp),
            visibility: try c.decodeIfPresent(Visibility.self, forKey: .visibility) ?? .unknown,
            recipients: try c.decodeIfPresent([Account].self, forKey: .recipients) ?? [],
            text: text,
            normalizedText: try c.decodeIfPresent(String.self, forKey: .normalizedText),
            language: try c.decodeIfPresent(String.self, forKey: .language),
            contentWarning: try c.decodeIfPresent(String.self, forKey: .contentWarning),
            sensitive: try c.decodeIfPresent(Bool.self, forKey: .sensitive) ?? false,
            title: try c.decodeIfPresent(String.self, forKey: .title),
            mentions: try c.decodeIfPresent([String].self, forKey: .mentions) ?? [],
            // A stream that omits them: the text's (as the importers find them).
            hashtags: try c.decodeIfPresent([String].self, forKey: .hashtags) ?? TextEntities.hashtags(in: text),
            links: try c.decodeIfPresent([String].self, forKey: .links) ?? [],
            attachments: try c.decodeIfPresent([Attachment].self, forKey: .attachments) ?? [],
            place: try c.decodeIfPresent(Place.self, forKey: .place),
            replyTo: try c.decodeIfPresent(ReplyTarget.self, forKey: .replyTo),
            sharedURL: try c.decodeIfPresent(String.self, forKey: .sharedURL),
            conversationID: try c.decodeIfPresent(String.self, forKey: .conversationID),
            source: try c.decodeIfPresent(RecordSource.self, forKey: .source)
                ?? RecordSource(file: "", index: 0)
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(kind, forKey: .kind)
        try c.encode(platform, forKey: .platform)
        try c.encode(author, forKey: .author)
        try c.encodeIfPresent(actorID, forKey: .actorID)
        try c.encode(timestamp, forKey: .timestamp)
        try c.encode(visibility, forKey: .visibility)
        if !recipients.isEmpty { try c.encode(recipients, forKey: .recipients) }
        try c.encode(text, forKey: .text)
        try c.encode(normalizedText, forKey: .normalizedText)
        try c.encodeIfPresent(language, forKey: .language)
        try c.encodeIfPresent(contentWarning, forKey: .contentWarning)
        if sensitive { try c.encode(sensitive, forKey: .sensitive) }
        try c.encodeIfPresent(title, forKey: .title)
        if !mentions.isEmpty { try c.encode(mentions, forKey: .mentions) }
        // Written when there are some, or when the text has a `#` that is
        // not one: an absent list is read back as the text's hashtags.
        if !hashtags.isEmpty || text.contains("#") { try c.encode(hashtags, forKey: .hashtags) }
        if !links.isEmpty { try c.encode(links, forKey: .links) }
        if !attachments.isEmpty { try c.encode(attachments, forKey: .attachments) }
        try c.encodeIfPresent(place, forKey: .place)
        try c.encodeIfPresent(replyTo, forKey: .replyTo)
        try c.encodeIfPresent(sharedURL, forKey: .sharedURL)
        try c.encodeIfPresent(conversationID, forKey: .conversationID)
        try c.encode(source, forKey: .source)
    }
}
