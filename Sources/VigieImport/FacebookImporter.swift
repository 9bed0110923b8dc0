import VigieModel
/// Facebook's "Download your information" export (JSON): posts
/// (`posts/your_posts_1.json`, or `your_facebook_activity/posts/…` in newer
/// exports), comments (`comments_and_reactions/comments.json`) and Messenger
/// threads. Every string is repaired from the `\u00XX` mis-encoding.
///
/// Posts and comments in groups (`groups/your_posts_in_groups.json`,
/// `group_posts_v2`; `your_comments_in_groups.json`, `group_comments_v2`) are
/// read too: the group's members see them (visibility `followers`, as the
/// export does not say whether a group is public).
///
/// Posts and comments carry no audience and no author id: posts are the
/// export owner's (author `Account(platform: .facebook, id: "owner")`, which
/// `vigie import --owner PERSON` makes that person's, and `--visibility` gives
/// the audience), a comment's author is the name the export gives.
struct FacebookImporter: FormatImporter {
    static let format = ExportFormat.facebook
    static let owner = Account(platform: .facebook, id: "owner")

    func run(files: [(entry: ExportEntry, kind: FileKind)], in container: any ExportContainer, session: ImportSession)
        throws
    {
        for file in files {
            try session.file(container.displayName(of: file.entry), kind: file.kind) {
                guard let document = document(file.entry, in: container, session: session, repairMojibake: true) else { return }
                switch file.kind {
                case .facebookPosts:
                    guard let offset = records(in: document, key: nil, session: session) else { return }
                    try session.forEachRecord(in: document, arrayAt: offset) { value, source throws(ImportIssue) in
                        try post(value, source: source)
                    }
                case .facebookComments:
                    guard let offset = records(in: document, key: "comments_v2", session: session) else { return }
                    try session.forEachRecord(in: document, arrayAt: offset) { value, source throws(ImportIssue) in
                        ownersComment(try comment(value, source: source), session: session)
                    }
                case .facebookGroupPosts:
                    guard let offset = records(in: document, key: "group_posts_v2", session: session) else { return }
                    try session.forEachRecord(in: document, arrayAt: offset) { value, source throws(ImportIssue) in
                        var activity = try post(value, source: source)
                        activity.id = "facebook:" + StableHash.hex("group-post", activity.id)
                        activity.visibility = .followers
                        return activity
                    }
                case .facebookGroupComments:
                    guard let offset = records(in: document, key: "group_comments_v2", session: session) else { return }
                    try session.forEachRecord(in: document, arrayAt: offset) { value, source throws(ImportIssue) in
                        var activity = ownersComment(try comment(value, source: source), session: session)
                        activity.id = "facebook:" + StableHash.hex("group-comment", activity.id)
                        activity.visibility = .followers
                        return activity
                    }
                case .facebookMessages:
                    try MessageThreadImporter(platform: .facebook).run(document, session: session)
                default:
                    return
                }
            }
        }
    }

    func post(_ post: JSONValue, source: RecordSource) throws(ImportIssue) -> Activity {
        guard post.isObject else { throw recordIssue(.invalidValue, "a post must be a JSON object") }
        let timestamp = try unixTime(post["timestamp"], field: "timestamp")
        let text = (post["data"]?.items ?? []).compactMap { $0["post"]?.string }.joined(separator: "\n")
        var links: [String] = []
        var attachments: [Attachment] = []
        var place: Place?
        for attachment in post["attachments"]?.items ?? [] {
            for data in attachment["data"]?.items ?? [] {
                if let url = data["external_context"]?["url"]?.string {
                    links.append(url)
                    attachments.append(Attachment(kind: .link, uri: url))
                }
                if let spot = data["place"] {
                    let coordinate = spot["coordinate"]
                    place = Place(
                        name: spot["name"]?.string, address: spot["address"]?.nonEmptyString,
                        location: GeoPoint(latitude: coordinate?["latitude"]?.double, longitude: coordinate?["longitude"]?.double))
                }
                if let media = data["media"] {
                    let uri = media["uri"]?.string
                    attachments.append(Attachment(
                        kind: Attachment.kind(mediaType: nil, uri: uri), uri: uri,
                        altText: media["description"]?.nonEmptyString, exif: metaExif(media)))
                }
            }
        }
        for link in TextEntities.links(in: text) where !links.contains(link) { links.append(link) }
        return Activity(
            id: "facebook:" + StableHash.hex("post", wholeSeconds(timestamp), text),
            kind: .post, platform: .facebook, author: FacebookImporter.owner, timestamp: timestamp,
            visibility: .unknown, text: text, title: post["title"]?.nonEmptyString,
            mentions: TextEntities.mentions(in: text), hashtags: TextEntities.hashtags(in: text), links: links,
            attachments: attachments, place: place, source: source)
    }

    /// "Your comments" are the export owner's own: with `--owner`, theirs
    /// (the session gives them the owner's account and actor).
    func ownersComment(_ activity: Activity, session: ImportSession) -> Activity {
        guard session.options.owner != nil else { return activity }
        var activity = activity
        activity.author = FacebookImporter.owner
        return activity
    }

    func comment(_ entry: JSONValue, source: RecordSource) throws(ImportIssue) -> Activity {
        guard entry.isObject else { throw recordIssue(.invalidValue, "a comment must be a JSON object") }
        let comment = (entry["data"]?.items ?? []).compactMap { $0["comment"] }.first
        let timestamp = try unixTime(comment?["timestamp"] ?? entry["timestamp"], field: "timestamp")
        guard let text = comment?["comment"]?.string else {
            throw recordIssue(.missingField, "missing field \"data[].comment.comment\"")
        }
        let author = comment?["author"]?.string.map { Account(platform: .facebook, displayName: $0) } ?? FacebookImporter.owner
        return Activity(
            id: "facebook:" + StableHash.hex("comment", wholeSeconds(timestamp), text),
            kind: .comment, platform: .facebook, author: author, timestamp: timestamp, visibility: .unknown,
            text: text, title: entry["title"]?.nonEmptyString, mentions: TextEntities.mentions(in: text),
            hashtags: TextEntities.hashtags(in: text), links: TextEntities.links(in: text), source: source)
    }
}
