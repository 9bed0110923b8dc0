import VigieModel
/// Instagram's export (JSON, same family and same `\u00XX` mis-encoding as
/// Facebook): posts (`content/posts_1.json`), comments
/// (`comments/post_comments_1.json`) and message threads.
///
/// Comment files key their fields in the export's language ("Comment",
/// "Commentaire"…), so they are read by structure: in `string_map_data`, the
/// first member holding a `value` is the comment, the next one holding a
/// `value` is the media owner, the first holding a `timestamp` is the time.
struct InstagramImporter: FormatImporter {
    static let format = ExportFormat.instagram
    static let owner = Account(platform: .instagram, id: "owner")

    func run(files: [(entry: ExportEntry, kind: FileKind)], in container: any ExportContainer, session: ImportSession)
        throws
    {
        for file in files {
            try session.file(container.displayName(of: file.entry), kind: file.kind) {
                guard let document = document(file.entry, in: container, session: session, repairMojibake: true) else { return }
                switch file.kind {
                case .instagramPosts:
                    guard let offset = records(in: document, key: nil, session: session) else { return }
                    try session.forEachRecord(in: document, arrayAt: offset) { value, source throws(ImportIssue) in
                        try post(value, source: source)
                    }
                case .instagramComments:
                    guard let offset = document.arrayOffset(key: "comments_media_comments")
                        ?? records(in: document, key: nil, session: session)
                    else { return }
                    try session.forEachRecord(in: document, arrayAt: offset) { value, source throws(ImportIssue) in
                        try comment(value, source: source)
                    }
                case .instagramMessages:
                    try MessageThreadImporter(platform: .instagram).run(document, session: session)
                default:
                    return
                }
            }
        }
    }

    func post(_ post: JSONValue, source: RecordSource) throws(ImportIssue) -> Activity {
        guard post.isObject else { throw recordIssue(.invalidValue, "a post must be a JSON object") }
        // A post with several media has `media[]`; a single one may be flat.
        let media = post["media"]?.items ?? [post]
        let timestamp = try unixTime(
            post["creation_timestamp"] ?? media.first?["creation_timestamp"], field: "creation_timestamp")
        let caption = post["title"]?.nonEmptyString ?? media.first?["title"]?.string ?? ""
        let attachments = media.compactMap { item -> Attachment? in
            guard let uri = item["uri"]?.string else { return nil }
            return Attachment(kind: Attachment.kind(mediaType: nil, uri: uri), uri: uri, exif: metaExif(item))
        }
        return Activity(
            id: "instagram:" + StableHash.hex("post", wholeSeconds(timestamp), caption,
                                              attachments.first?.uri ?? ""),
            kind: .post, platform: .instagram, author: InstagramImporter.owner, timestamp: timestamp,
            visibility: .unknown, text: caption, mentions: TextEntities.mentions(in: caption),
            hashtags: TextEntities.hashtags(in: caption), links: TextEntities.links(in: caption),
            attachments: attachments, source: source)
    }

    func comment(_ entry: JSONValue, source: RecordSource) throws(ImportIssue) -> Activity {
        guard let fields = entry["string_map_data"]?.members else {
            throw recordIssue(.missingField, "missing field \"string_map_data\"")
        }
        let values = fields.compactMap { $0.value["value"]?.string }
        guard let text = values.first else { throw recordIssue(.emptyRecord, "no comment text in \"string_map_data\"") }
        guard let time = fields.lazy.compactMap({ $0.value["timestamp"] }).first else {
            throw recordIssue(.missingField, "no time in \"string_map_data\"")
        }
        let timestamp = try unixTime(time, field: "timestamp")
        let mediaOwner = values.dropFirst().first
        return Activity(
            id: "instagram:" + StableHash.hex("comment", wholeSeconds(timestamp), text),
            kind: .comment, platform: .instagram, author: InstagramImporter.owner, timestamp: timestamp,
            visibility: .unknown, text: text, mentions: TextEntities.mentions(in: text),
            hashtags: TextEntities.hashtags(in: text), links: TextEntities.links(in: text),
            replyTo: mediaOwner.map { ReplyTarget(account: Account(platform: .instagram, handle: $0)) }, source: source)
    }
}
