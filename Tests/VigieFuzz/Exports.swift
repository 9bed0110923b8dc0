import Foundation

/// Small exports of every format Vigie imports, written the way the
/// platforms write them (pretty-printed JSON, X's `window.YTD…` prefix,
/// LinkedIn's quoted CSV), with records the tests can vary one by one.
public enum SampleFormat: String, CaseIterable, Sendable {
    case mastodon, twitterTweets, twitterMessages, facebookPosts, facebookComments, instagramPosts
    case instagramComments, instagramMessages, messenger, linkedinShares, linkedinComments, jsonl

    /// Whether its times are Unix numbers (else ISO or X/LinkedIn text).
    public var numericTime: Bool {
        switch self {
        case .facebookPosts, .facebookComments, .instagramPosts, .instagramComments, .instagramMessages, .messenger: true
        default: false
        }
    }

    public var isCSV: Bool { self == .linkedinShares || self == .linkedinComments }
}

/// One generated export: its files (path → bytes) and the file that holds
/// the records.
public struct SampleExport {
    public var format: SampleFormat
    public var files: [(path: String, bytes: [UInt8])]
    public var recordsFile: String
    public var records: Int

    public var recordsBytes: [UInt8] {
        get { files.first { $0.path == recordsFile }!.bytes }
        set {
            let index = files.firstIndex { $0.path == recordsFile }!
            files[index].bytes = newValue
        }
    }
}

/// What to put in one record instead of a sound value.
public enum Special: Sendable {
    /// The time field's JSON (or CSV) text, as written: `1e30`, `"06 12 34 56 78"`, `[]`…
    case time(String)
    /// The record carries its time field twice, with two values.
    case duplicateKey
    /// The record's text field is an array nested `depth` deep.
    case deepNesting(Int)
    /// The text holds a backslash-escaped quote (LinkedIn writes them).
    case backslashQuote
}

public enum Samples {
    static let base = 1_700_000_000

    static func escapeJSON(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// The text of record `i`: French, with planted personal data.
    public static func text(_ i: Int) -> String {
        switch i % 4 {
        case 0: "Publication \(i) : appelez-moi au \(Planted.phone) pour un devis."
        case 1: "Message \(i), écrivez à \(Planted.email) — merci !"
        case 2: "Note \(i) : mon NAS est \(Planted.sin), ne le répétez pas."
        default: "Bonne semaine à toute l’équipe (\(i)) !"
        }
    }

    static func isoTime(_ i: Int) -> String {
        let date = Date(timeIntervalSince1970: TimeInterval(base + i * 3600))
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        return formatter.string(from: date)
    }

    static func twitterTime(_ i: Int) -> String {
        let date = Date(timeIntervalSince1970: TimeInterval(base + i * 3600))
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        formatter.dateFormat = "EEE MMM dd HH:mm:ss Z yyyy"
        return formatter.string(from: date)
    }

    static func linkedinTime(_ i: Int) -> String {
        let date = Date(timeIntervalSince1970: TimeInterval(base + i * 3600))
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date)
    }

    /// An export of `records` records; `special` replaces parts of some.
    /// Records are numbered from `first` (two exports with different
    /// `first` hold different activities).
    public static func export(_ format: SampleFormat, records: Int, first: Int = 0, special: [Int: Special] = [:]) -> SampleExport {
        var export = export(format, records: records, special: special, numbering: first)
        export.records = records
        return export
    }

    private static func export(_ format: SampleFormat, records: Int, special: [Int: Special], numbering first: Int) -> SampleExport {
        let base = Samples.base + first * 3600
        func text(_ i: Int) -> String { Samples.text(i + first) }
        func isoTime(_ i: Int) -> String { Samples.isoTime(i + first) }
        func twitterTime(_ i: Int) -> String { Samples.twitterTime(i + first) }
        func linkedinTime(_ i: Int) -> String { Samples.linkedinTime(i + first) }
        func time(_ i: Int, numeric: String, text: String) -> String {
            if case .time(let literal)? = special[i] { return literal }
            return numeric.isEmpty ? "\"\(text)\"" : numeric
        }
        func body(_ i: Int) -> String {
            if case .deepNesting(let depth)? = special[i] {
                return String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            }
            return "\"\(escapeJSON(text(i)))\""
        }
        func dup(_ i: Int, _ key: String, _ value: String) -> String {
            if case .duplicateKey? = special[i] { return "\"\(key)\": \(value),\n      " }
            return ""
        }
        var elements: [String] = []
        switch format {
        case .mastodon:
            for i in 0..<records {
                let t = time(i, numeric: "", text: isoTime(i))
                elements.append("""
                    {
                      \(dup(i, "published", "\"2023-01-01T00:00:00Z\""))"id": "https://mastodon.example/users/a/statuses/\(i + first)/activity",
                      "type": "Create",
                      "actor": "https://mastodon.example/users/a",
                      "published": \(t),
                      "to": ["https://www.w3.org/ns/activitystreams#Public"],
                      "object": {"id": "https://mastodon.example/users/a/statuses/\(i + first)", "type": "Note", "published": \(t), "content": \(body(i))}
                    }
                    """)
            }
            let text = "{\n  \"@context\": \"https://www.w3.org/ns/activitystreams\",\n  \"type\": \"OrderedCollection\",\n  \"orderedItems\": [\n"
                + indent(elements) + "\n  ]\n}\n"
            return SampleExport(format: format, files: [("outbox.json", Array(text.utf8))], recordsFile: "outbox.json", records: records)
        case .twitterTweets:
            for i in 0..<records {
                elements.append("""
                    {
                      "tweet" : {
                        \(dup(i, "created_at", "\"Sat May 13 17:20:09 +0000 2023\""))"id_str" : "\(1_600_000_000_000 + i + first)",
                        "created_at" : \(time(i, numeric: "", text: twitterTime(i))),
                        "full_text" : \(body(i)),
                        "lang" : "fr"
                      }
                    }
                    """)
            }
            let text = "window.YTD.tweets.part0 = [\n" + indent(elements) + "\n]\n"
            return SampleExport(format: format, files: [("data/tweets.js", Array(text.utf8))], recordsFile: "data/tweets.js", records: records)
        case .twitterMessages:
            for i in 0..<records {
                elements.append("""
                    {
                      "dmConversation" : {
                        "conversationId" : "42-\(i)",
                        "messages" : [
                          {
                            "messageCreate" : {
                              \(dup(i, "createdAt", "\"2023-01-01T00:00:00.000Z\""))"recipientId" : "42",
                              "text" : \(body(i)),
                              "senderId" : "99",
                              "id" : "\(1_660_000_000_000 + i + first)",
                              "createdAt" : \(time(i, numeric: "", text: isoTime(i)))
                            }
                          }
                        ]
                      }
                    }
                    """)
            }
            let text = "window.YTD.direct_messages.part0 = [\n" + indent(elements) + "\n]\n"
            return SampleExport(
                format: format, files: [("data/direct-messages.js", Array(text.utf8))], recordsFile: "data/direct-messages.js",
                records: records)
        case .facebookPosts:
            for i in 0..<records {
                elements.append("""
                    {
                      \(dup(i, "timestamp", "1600000000"))"timestamp": \(time(i, numeric: "\(base + i * 3600)", text: "")),
                      "data": [{"post": \(body(i))}],
                      "title": "Page"
                    }
                    """)
            }
            let text = "[\n" + indent(elements) + "\n]\n"
            return SampleExport(
                format: format, files: [("posts/your_posts_1.json", Array(text.utf8))], recordsFile: "posts/your_posts_1.json",
                records: records)
        case .facebookComments:
            for i in 0..<records {
                elements.append("""
                    {
                      \(dup(i, "timestamp", "1600000000"))"timestamp": \(time(i, numeric: "\(base + i * 3600)", text: "")),
                      "data": [{"comment": {"comment": \(body(i)), "author": "Page"}}],
                      "title": "Page"
                    }
                    """)
            }
            let text = "{\n  \"comments_v2\": [\n" + indent(elements) + "\n  ]\n}\n"
            return SampleExport(
                format: format, files: [("comments_and_reactions/comments.json", Array(text.utf8))],
                recordsFile: "comments_and_reactions/comments.json", records: records)
        case .instagramPosts:
            for i in 0..<records {
                elements.append("""
                    {
                      "media": [
                        {
                          \(dup(i, "creation_timestamp", "1600000000"))"uri": "media/posts/\(i).jpg",
                          "creation_timestamp": \(time(i, numeric: "\(base + i * 3600)", text: "")),
                          "title": \(body(i))
                        }
                      ]
                    }
                    """)
            }
            let text = "[\n" + indent(elements) + "\n]\n"
            return SampleExport(
                format: format, files: [("content/posts_1.json", Array(text.utf8))], recordsFile: "content/posts_1.json",
                records: records)
        case .instagramComments:
            for i in 0..<records {
                elements.append("""
                    {
                      "media_list_data": [{"uri": ""}],
                      "string_map_data": {
                        \(dup(i, "Comment", "{\"value\": \"x\"}"))"Comment": {"value": \(body(i))},
                        "Media Owner": {"value": "julie.b"},
                        "Time": {"timestamp": \(time(i, numeric: "\(base + i * 3600)", text: ""))}
                      }
                    }
                    """)
            }
            let text = "[\n" + indent(elements) + "\n]\n"
            return SampleExport(
                format: format, files: [("comments/post_comments_1.json", Array(text.utf8))],
                recordsFile: "comments/post_comments_1.json", records: records)
        case .instagramMessages, .messenger:
            for i in 0..<records {
                elements.append("""
                    {
                      \(dup(i, "timestamp_ms", "1600000000000"))"sender_name": "Ami",
                      "timestamp_ms": \(time(i, numeric: "\((base + i * 3600) * 1000)", text: "")),
                      "content": \(body(i))
                    }
                    """)
            }
            let text = "{\n  \"participants\": [{\"name\": \"Ami\"}, {\"name\": \"Moi\"}],\n  \"messages\": [\n"
                + indent(elements) + "\n  ]\n}\n"
            let folder = format == .messenger ? "your_facebook_activity/messages/inbox/ami_1" : "your_instagram_activity/messages/inbox/ami_1"
            var files = [("\(folder)/message_1.json", Array(text.utf8))]
            if format == .messenger {
                // Beside Facebook files, a thread is Messenger's.
                files.append(("your_facebook_activity/posts/your_posts_1.json", Array("[{\"timestamp\": 1700000000, \"data\": [{\"post\": \"Bonjour\"}]}]".utf8)))
            }
            return SampleExport(format: format, files: files, recordsFile: "\(folder)/message_1.json", records: records)
        case .linkedinShares, .linkedinComments:
            var lines: [String] = []
            lines.append(format == .linkedinShares ? "Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility" : "Date,Link,Message")
            for i in 0..<records {
                var date = linkedinTime(i)
                if case .time(let literal)? = special[i] { date = literal }
                var message = "\"\"\"" + text(i).replacingOccurrences(of: "\"", with: "\"\"") + "\"\"\""
                if case .backslashQuote? = special[i] { message = "\"Il a dit \\\"bonjour\\\" et « \(text(i)) »\"" }
                if case .deepNesting? = special[i] { message = "\"" + String(repeating: "[", count: 1000) + "\"" }
                if format == .linkedinShares {
                    lines.append("\(csv(date)),https://www.linkedin.com/feed/update/urn:li:share:\(7000 + i + first),\(message),,,PUBLIC")
                } else {
                    lines.append("\(csv(date)),https://www.linkedin.com/feed/update/\(i + first),\(message)")
                }
            }
            let name = format == .linkedinShares ? "Shares.csv" : "Comments.csv"
            return SampleExport(format: format, files: [(name, Array((lines.joined(separator: "\r\n") + "\r\n").utf8))], recordsFile: name, records: records)
        case .jsonl:
            var lines: [String] = []
            for i in 0..<records {
                let t = time(i, numeric: "", text: isoTime(i))
                let extra: String
                if case .duplicateKey? = special[i] { extra = "\"timestamp\":\"2023-01-01T00:00:00Z\"," } else { extra = "" }
                lines.append(
                    "{\"schema\":\"vigie.activity/1\",\(extra)\"id\":\"sample:\(i + first)\",\"kind\":\"post\",\"platform\":\"mastodon\",\"author\":{\"platform\":\"mastodon\",\"handle\":\"@a@example\"},\"timestamp\":\(t),\"visibility\":\"public\",\"text\":\(body(i))}")
            }
            return SampleExport(
                format: format, files: [("activities.jsonl", Array((lines.joined(separator: "\n") + "\n").utf8))],
                recordsFile: "activities.jsonl", records: records)
        }
    }

    static func csv(_ field: String) -> String {
        field.contains(",") || field.contains("\"") || field.contains("\n")
            ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }

    /// Elements of a records array, indented as exports are.
    static func indent(_ elements: [String]) -> String {
        elements.map { element in
            element.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
        }.joined(separator: ",\n")
    }
}
