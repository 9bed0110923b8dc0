/// One thing someone did on a platform: a post, a comment, a reply, a share or
/// a direct message. Every importer produces activities; rules read them.
///
/// Character offsets into `text` (the original text) and into `normalizedText`
/// count Unicode scalars; `TextNormalizer` maps one onto the other.
public struct Activity: Hashable, Codable, Sendable, Identifiable {
    /// The fields live in one shared box, copied on write: an activity
    /// passes from the reader through the importer to the engine, and a
    /// copy is then one reference, not two dozen. The properties' getters
    /// are inlinable: another module reading `activity.author.handle` loads
    /// that one field instead of copying the whole account.
    @usableFromInline var storage: Storage

    /// Its fields are read and written without the runtime's exclusivity
    /// checks (one per access otherwise): only a uniquely referenced box is
    /// ever written (`_modify` copies a shared one first).
    @usableFromInline final class Storage: @unchecked Sendable {
        @usableFromInline @exclusivity(unchecked) var id: String
        @usableFromInline @exclusivity(unchecked) var kind: ActivityKind
        @usableFromInline @exclusivity(unchecked) var platform: Platform
        @usableFromInline @exclusivity(unchecked) var author: Account
        @usableFromInline @exclusivity(unchecked) var actorID: String?
        @usableFromInline @exclusivity(unchecked) var timestamp: Timestamp
        @usableFromInline @exclusivity(unchecked) var visibility: Visibility
        @usableFromInline @exclusivity(unchecked) var recipients: [Account]
        @usableFromInline @exclusivity(unchecked) var text: String
        @usableFromInline @exclusivity(unchecked) var normalizedText: String
        @usableFromInline @exclusivity(unchecked) var language: String?
        @usableFromInline @exclusivity(unchecked) var contentWarning: String?
        @usableFromInline @exclusivity(unchecked) var sensitive: Bool
        @usableFromInline @exclusivity(unchecked) var title: String?
        @usableFromInline @exclusivity(unchecked) var mentions: [String]
        @usableFromInline @exclusivity(unchecked) var hashtags: [String]
        @usableFromInline @exclusivity(unchecked) var links: [String]
        @usableFromInline @exclusivity(unchecked) var attachments: [Attachment]
        @usableFromInline @exclusivity(unchecked) var place: Place?
        @usableFromInline @exclusivity(unchecked) var replyTo: ReplyTarget?
        @usableFromInline @exclusivity(unchecked) var sharedURL: String?
        @usableFromInline @exclusivity(unchecked) var conversationID: String?
        @usableFromInline @exclusivity(unchecked) var source: RecordSource

        init(
            id: String,
            kind: ActivityKind,
            platform: Platform,
            author: Account,
            actorID: String?,
            timestamp: Timestamp,
            visibility: Visibility,
            recipients: [Account],
            text: String,
            normalizedText: String,
            language: String?,
            contentWarning: String?,
            sensitive: Bool,
            title: String?,
            mentions: [String],
            hashtags: [String],
            links: [String],
            attachments: [Attachment],
            place: Place?,
            replyTo: ReplyTarget?,
            sharedURL: String?,
            conversationID: String?,
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
            self.normalizedText = normalizedText
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

        func copy() -> Storage {
            Storage(
                id: id,
                kind: kind,
                platform: platform,
                author: author,
                actorID: actorID,
                timestamp: timestamp,
                visibility: visibility,
                recipients: recipients,
                text: text,
                normalizedText: normalizedText,
                language: language,
                contentWarning: contentWarning,
                sensitive: sensitive,
                title: title,
                mentions: mentions,
                hashtags: hashtags,
                links: links,
                attachments: attachments,
                place: place,
                replyTo: replyTo,
                sharedURL: sharedURL,
                conversationID: conversationID,
                source: source)
        }
    }


    /// Stable identifier: `platform:platform-id`, or a hash of the record when the
    /// export gives no identifier (Facebook, Instagram, LinkedIn comments).
    public var id: String {
        @inlinable get { storage.id }
        _modify {
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            yield &storage.id
        }
    }
    public var kind: ActivityKind {
        @inlinable get { storage.kind }
        _modify {
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            yield &storage.kind
        }
    }
    public var platform: Platform {
        @inlinable get { storage.platform }
        _modify {
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            yield &storage.platform
        }
    }
    /// The account that wrote the activity.
    public var author: Account {
        @inlinable get { storage.author }
        _modify {
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            yield &storage.author
        }
    }
    /// The profile's actor behind `author`, once resolved (importers leave it nil).
    public var actorID: String? {
        @inlinable get { storage.actorID }
        _modify {
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            yield &storage.actorID
        }
    }
    public var timestamp: Timestamp {
        @inlinable get { storage.timestamp }
        _modify {
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            yield &storage.timestamp
        }
    }
    public var visibility: Visibility {
        @inlinable get { storage.visibility }
        _modify {
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            yield &storage.visibility
        }
    }
    /// Named recipients: the addressees of a direct message, the people a
    /// Mastodon post is addressed to.
    public var recipients: [Account] {
        @inlinable get { storage.recipients }
        _modify {
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            yield &storage.recipients
        }
    }
    /// The original text as the author wrote it (HTML already turned into text
    /// for Mastodon, the mis-encoding already repaired for Facebook and Instagram,
    /// LinkedIn's quoting already removed). Evidence offsets point into it.
    public var text: String {
        @inlinable get { storage.text }
        _modify {
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            yield &storage.text
        }
    }
    /// `TextNormalizer.standard.normalize(text)`: what keyword rules match on.
    public var normalizedText: String {
        @inlinable get { storage.normalizedText }
        _modify {
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            yield &storage.normalizedText
        }
    }
    /// BCP 47 language code when the export states it (`fr`, `en`).
    public var language: String? {
        @inlinable get { storage.language }
        _modify {
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            yield &storage.language
        }
    }
    /// Mastodon content warning (`summary`).
    public var contentWarning: String? {
        @inlinable get { storage.contentWarning }
        _modify {
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            yield &storage.contentWarning
        }
    }
    public var sensitive: Bool {
        @inlinable get { storage.sensitive }
        _modify {
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            yield &storage.sensitive
        }
    }
    /// The headline some exports add (Facebook: "Camille a commenté la publication de …").
    public var title: String? {
        @inlinable get { storage.title }
        _modify {
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            yield &storage.title
        }
    }
    /// Mentioned accounts as written (`@alice`, `@alice@example.social`).
    public var mentions: [String] {
        @inlinable get { storage.mentions }
        _modify {
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            yield &storage.mentions
        }
    }
    /// Hashtags without the `#`. A stream that omits them gets the text's
    /// (`TextEntities.hashtags`), as the importers of exports that do not list them.
    public var hashtags: [String] {
        @inlinable get { storage.hashtags }
        _modify {
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            yield &storage.hashtags
        }
    }
    public var links: [String] {
        @inlinable get { storage.links }
        _modify {
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            yield &storage.links
        }
    }
    public var attachments: [Attachment] {
        @inlinable get { storage.attachments }
        _modify {
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            yield &storage.attachments
        }
    }
    public var place: Place? {
        @inlinable get { storage.place }
        _modify {
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            yield &storage.place
        }
    }
    public var replyTo: ReplyTarget? {
        @inlinable get { storage.replyTo }
        _modify {
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            yield &storage.replyTo
        }
    }
    /// For a share: the URL or identifier of what was shared.
    public var sharedURL: String? {
        @inlinable get { storage.sharedURL }
        _modify {
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            yield &storage.sharedURL
        }
    }
    /// For a direct message: the conversation (thread) it belongs to.
    public var conversationID: String? {
        @inlinable get { storage.conversationID }
        _modify {
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            yield &storage.conversationID
        }
    }
    public var source: RecordSource {
        @inlinable get { storage.source }
        _modify {
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            yield &storage.source
        }
    }

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
        storage = Storage(
            id: id, kind: kind, platform: platform, author: author, actorID: actorID, timestamp: timestamp,
            visibility: visibility, recipients: recipients, text: text,
            normalizedText: normalizedText ?? TextNormalizer.standard.fold(text), language: language,
            contentWarning: contentWarning, sensitive: sensitive, title: title, mentions: mentions,
            hashtags: hashtags, links: links, attachments: attachments, place: place, replyTo: replyTo,
            sharedURL: sharedURL, conversationID: conversationID, source: source)
    }

    public static func == (lhs: Activity, rhs: Activity) -> Bool {
        let l = lhs.storage, r = rhs.storage
        if l === r { return true }
        return l.id == r.id
            && l.kind == r.kind
            && l.platform == r.platform
            && l.author == r.author
            && l.actorID == r.actorID
            && l.timestamp == r.timestamp
            && l.visibility == r.visibility
            && l.recipients == r.recipients
            && l.text == r.text
            && l.normalizedText == r.normalizedText
            && l.language == r.language
            && l.contentWarning == r.contentWarning
            && l.sensitive == r.sensitive
            && l.title == r.title
            && l.mentions == r.mentions
            && l.hashtags == r.hashtags
            && l.links == r.links
            && l.attachments == r.attachments
            && l.place == r.place
            && l.replyTo == r.replyTo
            && l.sharedURL == r.sharedURL
            && l.conversationID == r.conversationID
            && l.source == r.source
    }

    public func hash(into hasher: inout Hasher) {
        let s = storage
        hasher.combine(s.id)
        hasher.combine(s.kind)
        hasher.combine(s.platform)
        hasher.combine(s.author)
        hasher.combine(s.actorID)
        hasher.combine(s.timestamp)
        hasher.combine(s.visibility)
        hasher.combine(s.recipients)
        hasher.combine(s.text)
        hasher.combine(s.normalizedText)
        hasher.combine(s.language)
        hasher.combine(s.contentWarning)
        hasher.combine(s.sensitive)
        hasher.combine(s.title)
        hasher.combine(s.mentions)
        hasher.combine(s.hashtags)
        hasher.combine(s.links)
        hasher.combine(s.attachments)
        hasher.combine(s.place)
        hasher.combine(s.replyTo)
        hasher.combine(s.sharedURL)
        hasher.combine(s.conversationID)
        hasher.combine(s.source)
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
