import VigieModel
/// LinkedIn's export: `Shares.csv` (`Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility`)
/// and `Comments.csv` (`Date,Link,Message`). Columns are found by name.
///
/// After CSV parsing, each line of a text is still wrapped in literal `"`
/// characters: `LinkedInImporter.unwrap` removes them.
struct LinkedInImporter: FormatImporter {
    static let format = ExportFormat.linkedin
    static let owner = Account(platform: .linkedin, id: "owner")

    func run(files: [(entry: ExportEntry, kind: FileKind)], in container: any ExportContainer, session: ImportSession)
        throws
    {
        for file in files where file.kind == .linkedinShares || file.kind == .linkedinComments {
            let name = container.displayName(of: file.entry)
            try session.file(name, kind: file.kind) {
                let bytes: [UInt8]
                do throws(ImportError) {
                    bytes = try container.read(file.entry, limit: session.options.maxDocumentBytes)
                    session.usedFile()
                } catch {
                    session.failed(error)
                    return
                }
                var header: [String]?
                var index = 0
                do {
                    try CSVParser(bytes: bytes, file: name).forEachRow({ row in
                        guard let columns = header else {
                            guard case .success(let fields) = row.result else {
                                session.failed(.malformed(path: name, line: row.line, detail: "unreadable CSV header"))
                                throw UnreadableHeader()
                            }
                            header = fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                            return
                        }
                        let source = RecordSource(file: name, index: index, line: row.line)
                        index += 1
                        try session.record(file: name, index: source.index, line: row.line) { () throws(ImportIssue) in
                            let fields = try row.result.get()
                            guard fields.count == columns.count else {
                                throw ImportIssue(
                                    file: name, line: row.line, reason: .brokenCSVRow,
                                    detail: "broken CSV row: \(fields.count) fields where the header has \(columns.count)")
                            }
                            let row = Dictionary(zip(columns, fields), uniquingKeysWith: { first, _ in first })
                            return file.kind == .linkedinShares ? try share(row, source: source) : try comment(row, source: source)
                        }
                    }, lost: { lost in
                        session.lost(lost.estimatedRows, ImportIssue(
                            file: name, line: lost.line, record: index, reason: .brokenCSVRow, detail: lost.detail))
                        index += lost.estimatedRows
                    })
                } catch is UnreadableHeader {
                    return
                }
            }
        }
    }

    private struct UnreadableHeader: Error {}

    /// Removes the literal `"` that wraps each line of a LinkedIn text (and
    /// turns CRLF line breaks into LF).
    static func unwrap(_ text: String) -> String {
        let text = text.replacingOccurrences(of: "\r\n", with: "\n")
        guard text.contains("\"") else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            var line = line
            if line.count >= 2, line.hasPrefix("\""), line.hasSuffix("\"") { line = line.dropFirst().dropLast() }
            return line
        }.joined(separator: "\n")
    }

    /// `2023-05-13 17:20:09`, in UTC.
    static func date(_ row: [String: String]) throws(ImportIssue) -> Timestamp {
        guard let text = row["date"], !text.isEmpty else { throw recordIssue(.missingField, "missing field \"Date\"") }
        return try isoTime(text.trimmingCharacters(in: .whitespaces), field: "Date", example: "2023-05-13 17:20:09")
    }

    static func visibility(_ value: String?) -> Visibility {
        switch value?.uppercased() {
        case "PUBLIC", "ANYONE": return .public
        case "MEMBER_NETWORK", "CONNECTIONS", "CONNECTIONS_ONLY": return .connections
        case "LOGGED_IN", "LOGGED_IN_MEMBERS": return .followers
        default: return .unknown
        }
    }

    func share(_ row: [String: String], source: RecordSource) throws(ImportIssue) -> Activity {
        let timestamp = try LinkedInImporter.date(row)
        let text = LinkedInImporter.unwrap(row["sharecommentary"] ?? "")
        let shared = row["sharedurl"].flatMap { $0.isEmpty ? nil : $0 }
        let media = row["mediaurl"].flatMap { $0.isEmpty ? nil : $0 }
        var links = TextEntities.links(in: text)
        if let shared, !links.contains(shared) { links.append(shared) }
        let link = row["sharelink"].flatMap { $0.isEmpty ? nil : $0 }
        return Activity(
            id: "linkedin:" + (link ?? StableHash.hex("share", timestamp.iso8601, text)),
            kind: text.isEmpty && shared != nil ? .share : .post, platform: .linkedin, author: LinkedInImporter.owner,
            timestamp: timestamp, visibility: LinkedInImporter.visibility(row["visibility"]), text: text,
            mentions: TextEntities.mentions(in: text), hashtags: TextEntities.hashtags(in: text), links: links,
            attachments: media.map { [Attachment(kind: Attachment.kind(mediaType: nil, uri: $0), uri: $0)] } ?? [],
            sharedURL: shared, source: source)
    }

    func comment(_ row: [String: String], source: RecordSource) throws(ImportIssue) -> Activity {
        let timestamp = try LinkedInImporter.date(row)
        let text = LinkedInImporter.unwrap(row["message"] ?? "")
        let link = row["link"].flatMap { $0.isEmpty ? nil : $0 }
        return Activity(
            id: "linkedin:" + StableHash.hex("comment", timestamp.iso8601, link ?? "", text),
            kind: .comment, platform: .linkedin, author: LinkedInImporter.owner, timestamp: timestamp,
            visibility: .unknown, text: text, mentions: TextEntities.mentions(in: text),
            hashtags: TextEntities.hashtags(in: text), links: TextEntities.links(in: text),
            replyTo: link.map { ReplyTarget(activityID: $0) }, source: source)
    }
}
