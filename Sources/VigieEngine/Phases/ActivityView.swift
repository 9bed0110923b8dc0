import LuaHost
import VigieModel

/// How an activity looks to rules: a read-only `post` with snake_case
/// fields, the original `text` and the pre-folded `folded`, the resolved
/// `actor`, the time as seconds (`time`) with the local `hour` and
/// `weekday` (1 = Monday) precomputed. Built once per activity.
///
/// The one builder of a post: `vigie check`, the rules' examples, the
/// test files' `check { ... }` and the REPL all go through `write`, and
/// every post reaches the rules as a read-only view of host data.
enum ActivityView {
    /// The fields of a post, numbered as the engine's schema
    /// (`PolicyEngine.postSchema`) numbers them.
    enum Field: Int, CaseIterable {
        case id = 1, kind, platform, author, actor, time, timestamp, utcOffset, hour, minute, weekday, visibility,
            recipients, text, folded, language, contentWarning, sensitive, title, mentions, hashtags, links,
            attachments, place, replyTo, sharedURL, conversation

        var name: String {
            switch self {
            case .id: "id"
            case .kind: "kind"
            case .platform: "platform"
            case .author: "author"
            case .actor: "actor"
            case .time: "time"
            case .timestamp: "timestamp"
            case .utcOffset: "utc_offset"
            case .hour: "hour"
            case .minute: "minute"
            case .weekday: "weekday"
            case .visibility: "visibility"
            case .recipients: "recipients"
            case .text: "text"
            case .folded: "folded"
            case .language: "language"
            case .contentWarning: "content_warning"
            case .sensitive: "sensitive"
            case .title: "title"
            case .mentions: "mentions"
            case .hashtags: "hashtags"
            case .links: "links"
            case .attachments: "attachments"
            case .place: "place"
            case .replyTo: "reply_to"
            case .sharedURL: "shared_url"
            case .conversation: "conversation"
            }
        }
    }

    /// The names of the fields, in their order (the engine's schema).
    static let fieldNames = Field.allCases.map(\.name)

    /// The view written straight into its encoding as a lazy map of the
    /// engine's schema: Lua decodes a field when a rule first reads it.
    /// What the rules' examples hand to the dispatcher (`check` writes the
    /// same into the state's buffer, `PolicyEngine.callCheck`).
    static func packed(_ a: Activity, actor: Actor?, schema: LuaSchema) -> LuaPacked {
        LuaPacked.lazyMap(schema) { t in write(a, actor: actor, into: &t) }
    }

    /// The same view as a value (test files' `check`, whose post the host
    /// hands over as a read-only global rather than as an argument).
    static func value(_ a: Activity, actor: Actor?) -> LuaValue {
        var map = LuaTreeMap()
        write(a, actor: actor, into: &map)
        return .table(map.entries)
    }

    static func write<T: PostWriting>(_ a: Activity, actor: Actor?, into t: inout T) {
        t.set(.id, a.id)
        t.set(.kind, a.kind.rawValue)
        t.set(.platform, a.platform.rawValue)
        t.setMap(.author) { account(a.author, into: &$0) }
        if let actor {
            t.setMap(.actor) { at in
                at.set("id", actor.id)
                at.set("kind", actor.kind.rawValue)
                at.set("name", actor.name)
            }
        }
        let seconds = a.timestamp.secondsSince1970
        if seconds == seconds.rounded() { t.set(.time, Int(seconds)) } else { t.set(.time, seconds) }
        t.set(.timestamp, timestamp: a.timestamp)
        t.set(.utcOffset, Int(a.timestamp.utcOffset))
        let local = Int64((seconds + Double(a.timestamp.utcOffset)).rounded(.down))
        let day = local >= 0 ? local / 86400 : (local - 86399) / 86400
        let secondOfDay = local - day * 86400
        t.set(.hour, Int(secondOfDay / 3600))
        t.set(.minute, Int(secondOfDay / 60 % 60))
        t.set(.weekday, Int(((day % 7 + 7) % 7 + 3) % 7 + 1))
        t.set(.visibility, a.visibility.rawValue)
        if !a.recipients.isEmpty {
            t.setArray(.recipients) { list in
                for r in a.recipients { list.appendMap { account(r, into: &$0) } }
            }
        }
        t.set(.text, a.text)
        t.set(.folded, a.normalizedText)
        t.set(.language, a.language)
        t.set(.contentWarning, a.contentWarning)
        t.set(.sensitive, a.sensitive)
        t.set(.title, a.title)
        t.set(.mentions, strings: a.mentions)
        t.set(.hashtags, strings: a.hashtags)
        t.set(.links, strings: a.links)
        let attachments = a.attachments
        if attachments.isEmpty {
            t.set(.attachments, strings: [])  // the same empty list
        } else {
            writeAttachments(attachments, into: &t)
        }
        if let place = a.place {
            t.setMap(.place) { m in
                m.set("name", place.name)
                m.set("address", place.address)
                if let v = place.location { m.setMap("location") { point(v, into: &$0) } }
            }
        }
        if let r = a.replyTo {
            t.setMap(.replyTo) { m in
                m.set("activity", r.activityID)
                if let v = r.account { m.setMap("account") { account(v, into: &$0) } }
            }
        }
        t.set(.sharedURL, a.sharedURL)
        t.set(.conversation, a.conversationID)
    }

    static func writeAttachments<T: PostWriting>(_ attachments: [Attachment], into t: inout T) {
        t.setArray(.attachments) { list in
            for att in attachments {
                list.appendMap { m in
                    m.set("kind", att.kind.rawValue)
                    m.set("uri", att.uri)
                    m.set("media_type", att.mediaType)
                    m.set("alt_text", att.altText)
                    if let exif = att.exif {
                        if let p = exif.location { m.setMap("location") { point(p, into: &$0) } }
                        m.set("taken_at", exif.takenAt?.iso8601)
                        m.set("device", exif.device)
                    }
                }
            }
        }
    }

    static func account<T: LuaMapWriting>(_ a: Account, into m: inout T) {
        m.set("platform", a.platform.rawValue)
        m.set("handle", a.handle)
        m.set("id", a.id)
        m.set("name", a.displayName)
        m.set("url", a.url)
    }

    static func point<T: LuaMapWriting>(_ p: GeoPoint, into m: inout T) {
        m.set("lat", p.latitude)
        m.set("lon", p.longitude)
    }
}

/// What `ActivityView.write` writes a post into: the lazy map handed to
/// Lua (`LuaLazyMapBuilder`, fields by number) or a `LuaValue` tree
/// (`LuaTreeMap`, fields by name). Nested tables are `Nested`.
protocol PostWriting {
    associatedtype Nested: LuaMapWriting
    mutating func set(_ field: ActivityView.Field, _ value: String?)
    mutating func set(_ field: ActivityView.Field, _ value: Int?)
    mutating func set(_ field: ActivityView.Field, _ value: Double?)
    mutating func set(_ field: ActivityView.Field, _ value: Bool?)
    mutating func set(_ field: ActivityView.Field, strings: [String])
    /// The timestamp as ISO 8601 text.
    mutating func set(_ field: ActivityView.Field, timestamp: Timestamp)
    mutating func setMap(_ field: ActivityView.Field, _ body: (inout Nested) throws -> Void) rethrows
    mutating func setArray(_ field: ActivityView.Field, _ body: (inout Nested.ArrayWriter) throws -> Void) rethrows
}

extension LuaLazyMapBuilder: PostWriting {
    typealias Nested = LuaMapBuilder
    mutating func set(_ field: ActivityView.Field, _ value: String?) { set(field.rawValue, value) }
    mutating func set(_ field: ActivityView.Field, _ value: Int?) { set(field.rawValue, value) }
    mutating func set(_ field: ActivityView.Field, _ value: Double?) { set(field.rawValue, value) }
    mutating func set(_ field: ActivityView.Field, _ value: Bool?) { set(field.rawValue, value) }
    mutating func set(_ field: ActivityView.Field, strings: [String]) { set(field.rawValue, strings: strings) }
    mutating func set(_ field: ActivityView.Field, timestamp: Timestamp) {
        set(field.rawValue, capacity: Timestamp.maxISO8601Length) { timestamp.writeISO8601(into: $0) }
    }
    mutating func setMap(_ field: ActivityView.Field, _ body: (inout LuaMapBuilder) throws -> Void) rethrows {
        try setMap(field.rawValue, body)
    }
    mutating func setArray(_ field: ActivityView.Field, _ body: (inout LuaArrayBuilder) throws -> Void) rethrows {
        try setArray(field.rawValue, body)
    }
}

extension LuaTreeMap: PostWriting {
    typealias Nested = LuaTreeMap
    mutating func set(_ field: ActivityView.Field, _ value: String?) { set(field.name, value) }
    mutating func set(_ field: ActivityView.Field, _ value: Int?) { set(field.name, value) }
    mutating func set(_ field: ActivityView.Field, _ value: Double?) { set(field.name, value) }
    mutating func set(_ field: ActivityView.Field, _ value: Bool?) { set(field.name, value) }
    mutating func set(_ field: ActivityView.Field, strings: [String]) { set(field.name, strings: strings) }
    mutating func set(_ field: ActivityView.Field, timestamp: Timestamp) { set(field.name, timestamp.iso8601) }
    mutating func setMap(_ field: ActivityView.Field, _ body: (inout LuaTreeMap) throws -> Void) rethrows {
        try setMap(field.name, body)
    }
    mutating func setArray(_ field: ActivityView.Field, _ body: (inout LuaTreeArray) throws -> Void) rethrows {
        try setArray(field.name, body)
    }
}

/// What the nested tables of a post are written into: the encoding
/// handed to Lua (`LuaMapBuilder`) or a `LuaValue` tree (`LuaTreeMap`).
protocol LuaMapWriting {
    associatedtype ArrayWriter: LuaArrayWriting where ArrayWriter.MapWriter == Self
    mutating func set(_ key: String, _ value: String?)
    mutating func set(_ key: String, _ value: Int?)
    mutating func set(_ key: String, _ value: Double?)
    mutating func set(_ key: String, _ value: Bool?)
    mutating func set(_ key: String, strings: [String])
    mutating func setMap(_ key: String, _ body: (inout Self) throws -> Void) rethrows
    mutating func setArray(_ key: String, _ body: (inout ArrayWriter) throws -> Void) rethrows
}

protocol LuaArrayWriting {
    associatedtype MapWriter: LuaMapWriting
    mutating func appendMap(_ body: (inout MapWriter) throws -> Void) rethrows
}

extension LuaMapBuilder: LuaMapWriting {
    typealias ArrayWriter = LuaArrayBuilder
}

extension LuaArrayBuilder: LuaArrayWriting {
    typealias MapWriter = LuaMapBuilder
}

/// A table written as a `LuaValue` tree (`nil` values left out, as the
/// encoding does).
struct LuaTreeMap: LuaMapWriting {
    var entries: [LuaValue: LuaValue] = [:]

    mutating func set(_ key: String, _ value: String?) { if let value { entries[.string(key)] = .string(value) } }
    mutating func set(_ key: String, _ value: Int?) { if let value { entries[.string(key)] = .integer(Int64(value)) } }
    mutating func set(_ key: String, _ value: Double?) { if let value { entries[.string(key)] = .number(value) } }
    mutating func set(_ key: String, _ value: Bool?) { if let value { entries[.string(key)] = .boolean(value) } }
    mutating func set(_ key: String, strings: [String]) { entries[.string(key)] = .array(strings.map { .string($0) }) }

    mutating func setMap(_ key: String, _ body: (inout LuaTreeMap) throws -> Void) rethrows {
        var map = LuaTreeMap()
        try body(&map)
        entries[.string(key)] = .table(map.entries)
    }

    mutating func setArray(_ key: String, _ body: (inout LuaTreeArray) throws -> Void) rethrows {
        var array = LuaTreeArray()
        try body(&array)
        entries[.string(key)] = .array(array.items)
    }
}

struct LuaTreeArray: LuaArrayWriting {
    var items: [LuaValue] = []

    mutating func appendMap(_ body: (inout LuaTreeMap) throws -> Void) rethrows {
        var map = LuaTreeMap()
        try body(&map)
        items.append(.table(map.entries))
    }
}
