import VigieModel
/// Mastodon's account export: `outbox.json` (ActivityStreams 2.0) and `actor.json`.
///
/// `Create` items become posts, replies or direct messages; `Announce` items
/// (boosts) become shares without text. Visibility comes from the addressing:
/// the public collection in `to` → public, in `cc` → unlisted, the author's
/// followers collection only → followers, named actors only → direct.
struct MastodonImporter: FormatImporter {
    static let format = ExportFormat.mastodon
    static let publicCollections: Set<String> = [
        "https://www.w3.org/ns/activitystreams#Public", "as:Public", "Public",
    ]

    func run(files: [(entry: ExportEntry, kind: FileKind)], in container: any ExportContainer, session: ImportSession)
        throws
    {
        var author = Account(platform: .mastodon)
        if let actorFile = files.first(where: { $0.kind == .mastodonActor }) {
            session.file(container.displayName(of: actorFile.entry), kind: actorFile.kind) {
                guard let document = document(actorFile.entry, in: container, session: session) else { return }
                do throws(ImportError) {
                    author = MastodonImporter.account(fromActor: try document.parseWhole())
                } catch {
                    session.failed(error)
                }
            }
        }
        for file in files where file.kind == .mastodonOutbox {
            try session.file(container.displayName(of: file.entry), kind: file.kind) {
                guard let document = document(file.entry, in: container, session: session),
                    let offset = records(in: document, key: "orderedItems", session: session)
                else { return }
                try session.forEachRecord(in: document, arrayAt: offset) { item, source throws(ImportIssue) in
                    try activity(from: item, author: author, source: source)
                }
            }
        }
    }

    static func account(fromActor actor: JSONValue) -> Account {
        let id = actor["id"]?.string
        var handle = actor["preferredUsername"]?.string
        if let user = handle, let id, let host = hostOf(id) { handle = "@\(user)@\(host)" }
        return Account(platform: .mastodon, handle: handle, id: id, displayName: actor["name"]?.string, url: actor["url"]?.string)
    }

    static func hostOf(_ url: String) -> String? {
        guard let scheme = url.range(of: "://") else { return nil }
        let rest = url[scheme.upperBound...]
        let host = rest.prefix { $0 != "/" && $0 != ":" }
        return host.isEmpty ? nil : String(host)
    }

    /// Visibility and named recipients from `to` and `cc`.
    static func visibility(to: [String], cc: [String]) -> (Visibility, [String]) {
        if to.contains(where: publicCollections.contains) { return (.public, []) }
        if cc.contains(where: publicCollections.contains) { return (.unlisted, []) }
        let named = (to + cc).filter { !$0.hasSuffix("/followers") }
        if (to + cc).contains(where: { $0.hasSuffix("/followers") }) { return (.followers, named) }
        return (.direct, named)
    }

    func activity(from item: JSONValue, author fallback: Account, source: RecordSource) throws(ImportIssue) -> Activity {
        guard item.isObject else { throw recordIssue(.invalidValue, "an outbox item must be a JSON object") }
        guard let type = item["type"]?.string else { throw recordIssue(.missingField, "missing field \"type\"") }
        var author = fallback
        if author.id == nil, let actor = item["actor"]?.string { author.id = actor }
        switch type {
        case "Announce":
            let (visibility, named) = MastodonImporter.visibility(
                to: item["to"]?.strings ?? [], cc: item["cc"]?.strings ?? [])
            guard let published = item["published"]?.string else {
                throw recordIssue(.missingField, "missing field \"published\"")
            }
            let timestamp = try isoTime(published, field: "published")
            let shared = item["object"]?.string ?? item["object"]?["id"]?.string
            return Activity(
                id: "mastodon:" + (item["id"]?.string ?? StableHash.hex(source.file, String(source.index))),
                kind: .share, platform: .mastodon, author: author, timestamp: timestamp, visibility: visibility,
                recipients: named.map { Account(platform: .mastodon, id: $0) }, text: "", sharedURL: shared,
                source: source)
        case "Create":
            guard let object = item["object"], object.isObject else {
                throw recordIssue(.unsupportedRecord, "a Create whose object is not embedded")
            }
            guard let published = object["published"]?.string ?? item["published"]?.string else {
                throw recordIssue(.missingField, "missing field \"published\"")
            }
            let timestamp = try isoTime(published, field: "published")
            let contentMap = object["contentMap"]?.members ?? []
            let html = object["content"]?.string ?? contentMap.first?.value.string ?? ""
            let (objectVisibility, objectNamed) = MastodonImporter.visibility(
                to: object["to"]?.strings ?? item["to"]?.strings ?? [], cc: object["cc"]?.strings ?? item["cc"]?.strings ?? [])
            var mentions: [String] = []
            var hashtags: [String] = []
            var handlesByURL: [String: String] = [:]
            for tag in object["tag"]?.items ?? [] {
                guard let name = tag["name"]?.string else { continue }
                switch tag["type"]?.string {
                case "Mention":
                    mentions.append(name)
                    if let href = tag["href"]?.string { handlesByURL[href] = name }
                case "Hashtag":
                    hashtags.append(name.hasPrefix("#") ? String(name.dropFirst()) : name)
                default: break
                }
            }
            let attachments = (object["attachment"]?.items ?? []).map { media in
                let mediaType = media["mediaType"]?.string
                let url = media["url"]?.string ?? media["url"]?["href"]?.string
                return Attachment(
                    kind: Attachment.kind(mediaType: mediaType, uri: url), uri: url, mediaType: mediaType,
                    altText: media["name"]?.nonEmptyString)
            }
            let inReplyTo = object["inReplyTo"]?.string
            let kind: ActivityKind = objectVisibility == .direct ? .directMessage : (inReplyTo != nil ? .reply : .post)
            let summary = object["summary"]?.nonEmptyString
            return Activity(
                id: "mastodon:" + (object["id"]?.string ?? item["id"]?.string ?? StableHash.hex(source.file, String(source.index))),
                kind: kind, platform: .mastodon, author: author, timestamp: timestamp, visibility: objectVisibility,
                recipients: objectNamed.map { Account(platform: .mastodon, handle: handlesByURL[$0], id: $0) },
                text: HTMLText.plainText(fromHTML: html), language: contentMap.first?.key,
                contentWarning: summary.map(HTMLText.plainText(fromHTML:)), sensitive: object["sensitive"]?.bool ?? false,
                mentions: mentions, hashtags: hashtags, links: HTMLText.links(inHTML: html), attachments: attachments,
                replyTo: inReplyTo.map { ReplyTarget(activityID: $0) }, conversationID: object["conversation"]?.string,
                source: source)
        default:
            throw recordIssue(.unsupportedRecord, "outbox item of type \(DiagnosticText.memberName(type)) is not imported")
        }
    }
}
