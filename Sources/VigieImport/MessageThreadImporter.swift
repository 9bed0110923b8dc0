import VigieModel
/// A Meta message thread (`messages/inbox/<thread>/message_1.json`), as
/// Instagram and Facebook Messenger write it: `participants`, then
/// `messages[]{sender_name, timestamp_ms, content, share, photos}`.
struct MessageThreadImporter {
    let platform: Platform

    func run(_ document: JSONDocument, session: ImportSession) throws {
        guard let offset = document.arrayOffset(key: "messages") ?? damagedHeader(document, session) else {
            session.failed(.malformed(path: document.file, line: nil, detail: "expected a top-level \"messages\" array"))
            return
        }
        let participants = value(forKey: "participants", in: document)?.items.compactMap { $0["name"]?.string } ?? []
        let threadPath = value(forKey: "thread_path", in: document)?.string
        let conversation = threadPath ?? folderName(document.file)
        try session.forEachRecord(in: document, arrayAt: offset) { message, source throws(ImportIssue) in
            try self.message(message, participants: participants, conversation: conversation, source: source)
        }
    }

    /// The messages of a thread whose members before them are damaged.
    private func damagedHeader(_ document: JSONDocument, _ session: ImportSession) -> Int? {
        guard let offset = document.arrayOffsetBySearch(key: "messages") else { return nil }
        session.warn(ImportIssue(
            file: document.file, line: document.line(at: offset), reason: .invalidJSON,
            detail: "the thread is damaged before its \"messages\" array (participants may be missing); its messages are read all the same"))
        return offset
    }

    /// A small top-level member, parsed on its own.
    private func value(forKey key: String, in document: JSONDocument) -> JSONValue? {
        guard let start = document.arrayOffset(key: key) ?? stringOffset(key, document),
            let end = document.skipValue(from: start)
        else { return nil }
        return document.bytes.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(bytes: buffer, from: start, to: end, repairMojibake: document.repairMojibake)
            return try? parser.parseDocument()
        }
    }

    private func stringOffset(_ key: String, _ document: JSONDocument) -> Int? {
        guard let range = document.bytes.firstRange(of: Array("\"\(key)\"".utf8)),
            let colon = document.firstByte(from: range.upperBound), document.bytes[colon] == UInt8(ascii: ":")
        else { return nil }
        return document.firstByte(from: colon + 1)
    }

    /// The whole milliseconds of a time in 1990–2100, as text (for stable ids).
    private func wholeMilliseconds(_ timestamp: Timestamp) -> String {
        let ms = (timestamp.secondsSince1970 * 1000).rounded()
        guard ms.isFinite, abs(ms) < 1e17 else { return "0" }
        return String(Int64(ms))
    }

    private func folderName(_ file: String) -> String? {
        let parts = file.split(separator: "/")
        return parts.count >= 2 ? String(parts[parts.count - 2]) : nil
    }

    func message(_ message: JSONValue, participants: [String], conversation: String?, source: RecordSource)
        throws(ImportIssue) -> Activity
    {
        guard message.isObject else { throw recordIssue(.invalidValue, "a message must be a JSON object") }
        // Milliseconds by name; a thread that holds seconds (or microseconds) is read right too.
        let timestamp = try unixTime(message["timestamp_ms"], field: "timestamp_ms")
        let milliseconds = wholeMilliseconds(timestamp)
        let sender = message["sender_name"]?.string
        let text = message["content"]?.string ?? ""
        var attachments: [Attachment] = []
        for key in ["photos", "videos", "audio_files", "files"] {
            for media in message[key]?.items ?? [] {
                let uri = media["uri"]?.string
                attachments.append(Attachment(kind: Attachment.kind(mediaType: nil, uri: uri), uri: uri, exif: metaExif(media)))
            }
        }
        let shared = message["share"]?["link"]?.string
        return Activity(
            id: "\(platform.rawValue)-dm:" + StableHash.hex(conversation ?? source.file, milliseconds, sender ?? "", text),
            kind: .directMessage, platform: platform, author: Account(platform: platform, displayName: sender),
            timestamp: timestamp, visibility: .direct,
            recipients: participants.filter { $0 != sender }.map { Account(platform: platform, displayName: $0) },
            text: text, mentions: TextEntities.mentions(in: text), hashtags: TextEntities.hashtags(in: text),
            links: TextEntities.links(in: text) + (shared.map { [$0] } ?? []), attachments: attachments,
            sharedURL: shared, conversationID: conversation, source: source)
    }
}
