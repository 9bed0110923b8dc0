import VigieModel
/// An X/Twitter archive: `data/tweets.js` (and `tweets-part1.js`…),
/// `data/account.js`, `data/direct-messages.js`. The files are JavaScript
/// (`window.YTD.tweets.part0 = [ … ]`): everything up to the first `[` is skipped.
///
/// The archive has no per-tweet visibility: tweets are marked public (they are,
/// unless the account is protected). Retweets (`RT @…`) become shares that keep
/// their text.
struct TwitterImporter: FormatImporter {
    static let format = ExportFormat.twitter

    func run(files: [(entry: ExportEntry, kind: FileKind)], in container: any ExportContainer, session: ImportSession)
        throws
    {
        var owner = Account(platform: .twitter)
        if let accountFile = files.first(where: { $0.kind == .twitterAccount }) {
            session.file(container.displayName(of: accountFile.entry), kind: accountFile.kind) {
                guard let document = document(accountFile.entry, in: container, session: session),
                    let offset = records(in: document, key: nil, from: TwitterImporter.prefixEnd(document), session: session)
                else { return }
                do throws(ImportError) {
                    let entries = try document.parseWhole(from: offset)
                    if let account = entries.items.first?["account"] {
                        owner = Account(
                            platform: .twitter, handle: account["username"]?.string, id: account["accountId"]?.text,
                            displayName: account["accountDisplayName"]?.string)
                    }
                } catch {
                    session.failed(error)
                }
            }
        }
        // Files come in reading order: tweets.js, tweets-part1.js, tweets-part2.js…
        for file in files where file.kind == .twitterTweets {
            try session.file(container.displayName(of: file.entry), kind: file.kind) {
                guard let document = document(file.entry, in: container, session: session),
                    let offset = records(in: document, key: nil, from: TwitterImporter.prefixEnd(document), session: session)
                else { return }
                try session.forEachRecord(in: document, arrayAt: offset) { value, source throws(ImportIssue) in
                    try tweet(from: value["tweet"] ?? value, owner: owner, source: source)
                }
            }
        }
        for file in files where file.kind == .twitterDirectMessages {
            try session.file(container.displayName(of: file.entry), kind: file.kind) {
                guard let document = document(file.entry, in: container, session: session),
                    let offset = records(in: document, key: nil, from: TwitterImporter.prefixEnd(document), session: session)
                else { return }
                try directMessages(in: document, arrayAt: offset, owner: owner, session: session)
            }
        }
    }

    /// The offset just after `window.YTD.<name>.partN =`.
    static func prefixEnd(_ document: JSONDocument) -> Int {
        document.bytes.firstIndex(of: UInt8(ascii: "=")).map { $0 + 1 } ?? 0
    }

    /// `Sat May 13 17:20:09 +0000 2023`.
    static func date(_ text: String) -> Timestamp? {
        let parts = text.split(separator: " ")
        guard parts.count == 6 else { return nil }
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        guard let month = months.firstIndex(of: String(parts[1])), let day = Int(parts[2]), parts[4].count == 5 else {
            return nil
        }
        let zone = parts[4]
        let iso = "\(parts[5])-\(month < 9 ? "0" : "")\(month + 1)-\(day < 10 ? "0" : "")\(day)T\(parts[3])"
            + "\(zone.prefix(3)):\(zone.suffix(2))"
        return Timestamp(iso8601: iso)
    }

    func tweet(from tweet: JSONValue, owner: Account, source: RecordSource) throws(ImportIssue) -> Activity {
        guard tweet.isObject else { throw recordIssue(.invalidValue, "a tweet must be a JSON object") }
        guard let id = tweet["id_str"]?.text ?? tweet["id"]?.text else {
            throw recordIssue(.missingField, "missing field \"id_str\"")
        }
        guard let created = tweet["created_at"]?.string else {
            throw recordIssue(.missingField, "missing field \"created_at\"")
        }
        guard let timestamp = TwitterImporter.date(created) else {
            throw recordIssue(
                .invalidValue,
                "\"created_at\" is not a date like \"Sat May 13 17:20:09 +0000 2023\" (\(DiagnosticText.describe(text: created)))")
        }
        guard timestamp.isPlausible else {
            throw recordIssue(.implausibleTime, "\"created_at\" is not a time between 1990 and 2100")
        }
        let text = HTMLText.decodeEntities(tweet["full_text"]?.string ?? tweet["text"]?.string ?? "")
        let entities = tweet["entities"]
        let media = (tweet["extended_entities"] ?? entities)?["media"]?.items ?? []
        let attachments = media.map { item -> Attachment in
            let kind: Attachment.Kind
            switch item["type"]?.string {
            case "photo": kind = .image
            case "video", "animated_gif": kind = .video
            default: kind = .other
            }
            return Attachment(kind: kind, uri: item["media_url_https"]?.string ?? item["media_url"]?.string,
                              altText: item["ext_alt_text"]?.nonEmptyString)
        }
        var place: Place?
        if let point = tweet["coordinates"]?["coordinates"]?.items, point.count == 2 {
            place = Place(location: GeoPoint(latitude: point[1].double, longitude: point[0].double))
        } else if let point = tweet["geo"]?["coordinates"]?.items, point.count == 2 {
            place = Place(location: GeoPoint(latitude: point[0].double, longitude: point[1].double))
        }
        if let name = tweet["place"]?["full_name"]?.string { place = Place(name: name, location: place?.location) }
        let replyID = tweet["in_reply_to_status_id_str"]?.text
        let replyHandle = tweet["in_reply_to_screen_name"]?.string
        var reply: ReplyTarget?
        if replyID != nil || replyHandle != nil {
            reply = ReplyTarget(activityID: replyID.map { "twitter:" + $0 },
                                account: replyHandle.map { Account(platform: .twitter, handle: $0) })
        }
        let kind: ActivityKind = text.hasPrefix("RT @") ? .share : (reply != nil ? .reply : .post)
        let language = tweet["lang"]?.string.flatMap { $0 == "und" || $0.isEmpty ? nil : $0 }
        return Activity(
            id: "twitter:" + id, kind: kind, platform: .twitter, author: owner, timestamp: timestamp,
            visibility: .public, text: text, language: language,
            mentions: (entities?["user_mentions"]?.items ?? []).compactMap { $0["screen_name"]?.string.map { "@" + $0 } },
            hashtags: (entities?["hashtags"]?.items ?? []).compactMap { $0["text"]?.string },
            links: (entities?["urls"]?.items ?? []).compactMap { $0["expanded_url"]?.string ?? $0["url"]?.string },
            attachments: attachments, place: place, replyTo: reply, source: source)
    }

    /// Each message of each conversation is one record.
    func directMessages(in document: JSONDocument, arrayAt offset: Int, owner: Account, session: ImportSession) throws {
        var messageIndex = 0
        try document.forEachElement(ofArrayAt: offset) { event throws in
            switch event {
            case .lost(let count, let issue):
                session.lost(count, issue)
                messageIndex += count
            case .problem(let issue, let losesInput):
                session.warn(issue, losesInput: losesInput)
            case .element(let element):
                switch element.result {
                case .failure(var issue):
                    issue.record = messageIndex
                    issue.detail += " (a whole conversation is lost)"
                    session.read()
                    session.skipped(issue)
                    messageIndex += 1
                case .success(let value):
                    let conversation = value["dmConversation"] ?? value
                    let conversationID = conversation["conversationId"]?.text
                    for message in conversation["messages"]?.items ?? [] {
                        // Reactions and conversation events are not messages: not records.
                        guard let create = message["messageCreate"] else { continue }
                        let source = RecordSource(file: document.file, index: messageIndex, line: element.line)
                        messageIndex += 1
                        try session.record(file: document.file, index: source.index, line: source.line) { () throws(ImportIssue) in
                            try directMessage(create, conversationID: conversationID, owner: owner, source: source)
                        }
                    }
                }
            }
        }
    }

    func directMessage(_ message: JSONValue, conversationID: String?, owner: Account, source: RecordSource)
        throws(ImportIssue) -> Activity
    {
        guard let created = message["createdAt"]?.string else {
            throw recordIssue(.missingField, "missing field \"createdAt\"")
        }
        let timestamp = try isoTime(created, field: "createdAt")
        let sender = message["senderId"]?.text
        let recipient = message["recipientId"]?.text
        let author = sender != nil && sender == owner.id ? owner : Account(platform: .twitter, id: sender)
        let to = recipient != nil && recipient == owner.id ? owner : Account(platform: .twitter, id: recipient)
        let text = HTMLText.decodeEntities(message["text"]?.string ?? "")
        return Activity(
            id: "twitter-dm:" + (message["id"]?.text ?? StableHash.hex(source.file, String(source.index))),
            kind: .directMessage, platform: .twitter, author: author, timestamp: timestamp, visibility: .direct,
            recipients: [to], text: text,
            links: (message["urls"]?.items ?? []).compactMap { $0["expanded"]?.string ?? $0["url"]?.string },
            attachments: (message["mediaUrls"]?.items ?? []).compactMap { url in
                url.string.map { Attachment(kind: Attachment.kind(mediaType: nil, uri: $0), uri: $0) }
            },
            conversationID: conversationID, source: source)
    }
}
