import VigieModel
/// What one file of an export holds, recognised by its content.
public enum FileKind: String, Codable, Sendable, CaseIterable {
    case mastodonOutbox, mastodonActor
    case twitterTweets, twitterAccount, twitterDirectMessages
    case facebookPosts, facebookComments, facebookMessages
    /// Posts and comments in Facebook groups (`groups/your_posts_in_groups.json`…).
    case facebookGroupPosts, facebookGroupComments
    case instagramPosts, instagramComments, instagramMessages
    case linkedinShares, linkedinComments
    case activityStream

    public var format: ExportFormat {
        switch self {
        case .mastodonOutbox, .mastodonActor: return .mastodon
        case .twitterTweets, .twitterAccount, .twitterDirectMessages: return .twitter
        case .facebookPosts, .facebookComments, .facebookMessages, .facebookGroupPosts, .facebookGroupComments:
            return .facebook
        case .instagramPosts, .instagramComments, .instagramMessages: return .instagram
        case .linkedinShares, .linkedinComments: return .linkedin
        case .activityStream: return .jsonl
        }
    }

    /// Whether the file holds activities (rather than account information).
    public var holdsActivities: Bool {
        self != .mastodonActor && self != .twitterAccount
    }

    /// How many bytes of a file the classifier looks at.
    static let sniffBytes = 64 * 1024

    /// Recognises a file from its first bytes (`head`) and, only to tell apart
    /// two formats with the same structure (Facebook and Instagram message
    /// threads), its path.
    static func classify(head: [UInt8], path: String) -> FileKind? {
        var start = 0
        if head.count >= 3, head[0] == 0xEF, head[1] == 0xBB, head[2] == 0xBF { start = 3 }
        let text = String(decoding: head[start...], as: UTF8.self)
        let trimmed = text.drop { $0.isWhitespace }
        let lowerPath = path.lowercased()
        func has(_ needle: String) -> Bool { text.contains(needle) }
        func hasKey(_ key: String) -> Bool { text.contains("\"\(key)\"") }

        // An empty stream is a stream with no record, not an unknown format.
        if trimmed.isEmpty, lowerPath.hasSuffix(".jsonl") || lowerPath.hasSuffix(".ndjson") { return .activityStream }
        if trimmed.hasPrefix("window.YTD.") {
            let name = trimmed.dropFirst("window.YTD.".count).prefix { $0 != "." && $0 != " " && $0 != "=" }
            switch name {
            case "tweets", "tweet": return .twitterTweets
            case "account": return .twitterAccount
            case "direct_messages": return .twitterDirectMessages
            default: return nil
            }
        }
        if let firstLine = trimmed.split(maxSplits: 1, whereSeparator: \.isNewline).first {
            let header = firstLine.trimmingCharacters(in: .whitespacesAndNewlines)
                .replacingOccurrences(of: "\"", with: "").lowercased()
            if header.hasPrefix("date,sharelink,sharecommentary") { return .linkedinShares }
            if header == "date,link,message" || header.hasPrefix("date,link,message,") { return .linkedinComments }
            if firstLine.hasPrefix("{"), firstLine.contains("\"schema\""), firstLine.contains("vigie.activity/") {
                return .activityStream
            }
        }
        guard trimmed.hasPrefix("{") || trimmed.hasPrefix("[") else { return nil }
        if hasKey("orderedItems") && (has("activitystreams") || hasKey("OrderedCollection")) { return .mastodonOutbox }
        if hasKey("preferredUsername") && hasKey("outbox") { return .mastodonActor }
        if hasKey("group_posts_v2") { return .facebookGroupPosts }
        if hasKey("group_comments_v2") { return .facebookGroupComments }
        if hasKey("comments_v2") { return .facebookComments }
        if hasKey("participants") && hasKey("sender_name") && hasKey("timestamp_ms") {
            return lowerPath.contains("instagram") || !(lowerPath.contains("facebook") || lowerPath.contains("messenger"))
                ? .instagramMessages : .facebookMessages
        }
        if hasKey("string_map_data") && (hasKey("media_list_data") || lowerPath.contains("comment")) {
            return .instagramComments
        }
        // Posts have `data[].post` or `attachments`; reaction files share the
        // `timestamp`/`data` shape with `data[].reaction` instead.
        if trimmed.hasPrefix("[") && hasKey("timestamp") && (hasKey("post") || hasKey("attachments"))
            && !hasKey("string_map_data")
        {
            return .facebookPosts
        }
        // Instagram posts have `creation_timestamp` and no `timestamp` (checked above).
        if trimmed.hasPrefix("[") && hasKey("creation_timestamp") && (hasKey("media") || hasKey("uri")) {
            return .instagramPosts
        }
        return nil
    }

    /// Files worth sniffing: text formats, not media.
    static func isCandidate(_ entry: ExportEntry, single: Bool) -> Bool {
        if single { return true }
        let name = entry.name.lowercased()
        return [".json", ".js", ".csv", ".jsonl", ".ndjson"].contains { name.hasSuffix($0) }
    }
}
