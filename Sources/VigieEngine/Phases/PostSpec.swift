import LuaHost
import VigieModel

/// A made-up post, as a rule's examples, a test file's `check { ... }`
/// and the REPL's `:check` describe it: a text, or a table of the fields
/// of `post` (`PostSpec.fields`). `activity` builds it into the model;
/// from there it takes the road of every activity of a check (the actor
/// resolved by the profile, `ActivityView`), so that a rule sees the same
/// post, read-only, everywhere.
///
/// Bad input is an error naming the field: an unknown field, a time that
/// is neither seconds nor ISO 8601 text, a kind or a visibility that does
/// not exist.
struct PostSpec {
    /// The fields a made-up post may give (the rest take defaults).
    static let fields = [
        "id", "text", "kind", "platform", "author", "handle", "actor", "time", "utc_offset", "visibility",
        "recipients", "language", "content_warning", "sensitive", "title", "mentions", "hashtags", "links",
        "attachments", "place", "reply_to", "shared_url", "conversation",
    ]
    /// The fields a rule's post has beside those: computed from `time` and
    /// `text`. A post as a rule sees it (`check(data[i])`, `check(post)`)
    /// carries them; they are taken as they come with the `time` they
    /// derive from, and refused alone (`hour = 3` would not set the time).
    static let derivedFields = ["timestamp", "hour", "minute", "weekday", "folded"]
    static let accountFields = ["platform", "handle", "id", "name", "url"]
    static let attachmentFields = ["kind", "uri", "media_type", "alt_text", "location", "taken_at", "device"]
    static let placeFields = ["name", "address", "location"]
    static let pointFields = ["lat", "lon"]
    static let replyFields = ["activity", "account"]

    /// 2026-01-05T10:00:00Z, a Monday.
    static let defaultTime = Timestamp(secondsSince1970: 1_767_607_200)

    /// Where the defaults differ: the id, the platform and the author's handle.
    struct Defaults {
        var id: String
        var platform: String
        var handle: String
        /// The time when the post gives none (seconds since 1970); nil: `defaultTime`.
        var time: Double? = nil
    }

    struct Problem: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    private let fields: [String: LuaValue]

    /// A text, or a table with a `text`.
    init(_ value: LuaValue) throws(Problem) {
        if case .string(let text) = value {
            fields = ["text": .string(text)]
            return
        }
        guard case .table(let table) = value else {
            throw Problem("a post is a text or a table { text = ..., platform = ..., actor = ... }, got a \(value.typeName)")
        }
        var given = try Self.fields(of: table, allowed: Self.fields + Self.derivedFields, what: "")
        for name in Self.derivedFields where given[name] != nil {
            guard given["time"] != nil || (name == "folded" && given["text"] != nil) else {
                throw Problem("\(name) is computed from \(name == "folded" ? "text" : "time"); give \(name == "folded" ? "text" : "time") instead")
            }
            given[name] = nil
        }
        fields = given
        guard fields["text"]?.stringValue != nil else {
            throw Problem("a post needs a text: { text = \"...\" }")
        }
    }

    init(text: String, platform: String? = nil) {
        var f: [String: LuaValue] = ["text": .string(text)]
        if let platform { f["platform"] = .string(platform) }
        fields = f
    }

    var text: String { fields["text"]?.stringValue ?? "" }

    /// The activity the post describes.
    func activity(_ defaults: Defaults) throws(Problem) -> Activity {
        let platform = Platform(try string("platform") ?? defaults.platform)
        let actor = try actorID()
        var author = Account(platform: platform, handle: try string("handle") ?? actor ?? defaults.handle)
        if let given = fields["author"] {
            author = try Self.account(given, what: "author", platform: platform)
            if author.handle == nil, author.id == nil, author.displayName == nil {
                author.handle = try string("handle") ?? actor ?? defaults.handle
            }
        }
        var timestamp = defaults.time.map { Timestamp(secondsSince1970: $0) } ?? Self.defaultTime
        if let time = fields["time"] {
            timestamp = try Self.timestamp(time, what: "time")
        }
        if let offset = fields["utc_offset"] {
            guard let seconds = offset.intValue else {
                throw Problem("utc_offset must be a whole number of seconds (-18000 for UTC-5), got \(offset)")
            }
            timestamp.utcOffset = seconds
        }
        var activity = Activity(
            id: try string("id") ?? defaults.id, kind: try kind(), platform: platform, author: author, actorID: actor,
            timestamp: timestamp, visibility: try visibility(), text: text,
            source: RecordSource(file: "example", index: 0))
        activity.recipients = try list("recipients") { v, what throws(Problem) in try Self.account(v, what: what, platform: platform) }
        activity.language = try string("language")
        activity.contentWarning = try string("content_warning")
        if let sensitive = fields["sensitive"] {
            guard let b = sensitive.boolValue else { throw Problem("sensitive must be true or false, got \(sensitive)") }
            activity.sensitive = b
        }
        activity.title = try string("title")
        activity.mentions = try strings("mentions")
        // Without hashtags, those of the text (as a stream's posts get them).
        activity.hashtags = fields["hashtags"] == nil ? TextEntities.hashtags(in: text) : try strings("hashtags")
        activity.links = try strings("links")
        activity.attachments = try list("attachments") { v, what throws(Problem) in try Self.attachment(v, what: what) }
        if let place = fields["place"] { activity.place = try Self.place(place, what: "place") }
        if let reply = fields["reply_to"] {
            guard case .table(let t) = reply else { throw Problem("reply_to must be a table { activity = ..., account = ... }") }
            let f = try Self.fields(of: t, allowed: Self.replyFields, what: "reply_to.")
            activity.replyTo = ReplyTarget(
                activityID: try Self.string(f["activity"], what: "reply_to.activity"),
                account: try f["account"].map { v throws(Problem) in try Self.account(v, what: "reply_to.account", platform: platform) })
        }
        activity.sharedURL = try string("shared_url")
        activity.conversationID = try string("conversation")
        return activity
    }

    // MARK: - Fields

    private static func fields(of table: [LuaValue: LuaValue], allowed: [String], what: String) throws(Problem)
        -> [String: LuaValue]
    {
        var out: [String: LuaValue] = [:]
        for (key, value) in table {
            guard let name = key.stringValue, allowed.contains(name) else {
                throw Problem("\(what.isEmpty ? "" : what)unknown field \(key.stringValue.map { "\"\($0)\"" } ?? key.description); the fields are \(allowed.filter { !derivedFields.contains($0) }.sorted().joined(separator: ", "))")
            }
            out[name] = value
        }
        return out
    }

    private func string(_ name: String) throws(Problem) -> String? {
        try Self.string(fields[name], what: name)
    }

    /// `actor = "id"`, or the actor of a post as rules see it (`{ id = ..., kind = ... }`).
    private func actorID() throws(Problem) -> String? {
        if case .table(let t) = fields["actor"] {
            guard let id = t[.string("id")]?.stringValue else { throw Problem("actor must be an id, or a table with an id") }
            return id
        }
        return try string("actor")
    }

    private static func string(_ value: LuaValue?, what: String) throws(Problem) -> String? {
        guard let value, !value.isNil else { return nil }
        guard let s = value.stringValue else { throw Problem("\(what) must be a text, got \(value)") }
        return s
    }

    private func strings(_ name: String) throws(Problem) -> [String] {
        try list(name) { v, what throws(Problem) in
            guard let s = v.stringValue else { throw Problem("\(what) must be a text, got \(v)") }
            return s
        }
    }

    private func list<T>(_ name: String, _ element: (LuaValue, String) throws(Problem) -> T) throws(Problem) -> [T] {
        guard let value = fields[name] else { return [] }
        guard let items = value.arrayValue else { throw Problem("\(name) must be a list { ... }, got \(value)") }
        var out: [T] = []
        for (i, item) in items.enumerated() { out.append(try element(item, "\(name)[\(i + 1)]")) }
        return out
    }

    private func kind() throws(Problem) -> ActivityKind {
        guard let text = try string("kind") else { return .post }
        guard let kind = ActivityKind(rawValue: text) else {
            throw Problem("kind \"\(text)\" is not a kind of activity; the kinds are \(ActivityKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return kind
    }

    private func visibility() throws(Problem) -> Visibility {
        guard let text = try string("visibility") else { return .public }
        guard let v = Visibility(rawValue: text) else {
            throw Problem("visibility \"\(text)\" does not exist; the visibilities are \(Visibility.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return v
    }

    /// Seconds since 1970, or ISO 8601 text (`2026-03-01T22:00:00-05:00`),
    /// whose offset becomes the post's `utc_offset`.
    private static func timestamp(_ value: LuaValue, what: String) throws(Problem) -> Timestamp {
        if let seconds = value.doubleValue, seconds.isFinite { return Timestamp(secondsSince1970: seconds) }
        if let text = value.stringValue, let t = Timestamp(iso8601: text) { return t }
        throw Problem("\(what) must be seconds since 1970 or an ISO 8601 text such as \"2026-03-01T22:00:00-05:00\", got \(value)")
    }

    private static func account(_ value: LuaValue, what: String, platform: Platform) throws(Problem) -> Account {
        if let handle = value.stringValue { return Account(platform: platform, handle: handle) }
        guard case .table(let t) = value else { throw Problem("\(what) must be a handle or a table { handle = ..., name = ... }") }
        let f = try fields(of: t, allowed: accountFields, what: what + ".")
        return Account(
            platform: try string(f["platform"], what: what + ".platform").map { Platform($0) } ?? platform,
            handle: try string(f["handle"], what: what + ".handle"), id: try string(f["id"], what: what + ".id"),
            displayName: try string(f["name"], what: what + ".name"), url: try string(f["url"], what: what + ".url"))
    }

    private static func point(_ value: LuaValue, what: String) throws(Problem) -> GeoPoint {
        guard case .table(let t) = value else { throw Problem("\(what) must be a table { lat = ..., lon = ... }") }
        let f = try fields(of: t, allowed: pointFields, what: what + ".")
        guard let lat = f["lat"]?.doubleValue, let lon = f["lon"]?.doubleValue, abs(lat) <= 90, abs(lon) <= 180 else {
            throw Problem("\(what) needs lat (-90 to 90) and lon (-180 to 180) in degrees")
        }
        return GeoPoint(latitude: lat, longitude: lon)
    }

    private static func attachment(_ value: LuaValue, what: String) throws(Problem) -> Attachment {
        guard case .table(let t) = value else { throw Problem("\(what) must be a table { kind = \"image\", uri = ... }") }
        let f = try fields(of: t, allowed: attachmentFields, what: what + ".")
        let uri = try string(f["uri"], what: what + ".uri")
        let mediaType = try string(f["media_type"], what: what + ".media_type")
        var kind = Attachment.kind(mediaType: mediaType, uri: uri)
        if let k = try string(f["kind"], what: what + ".kind") {
            guard let given = Attachment.Kind(rawValue: k) else {
                throw Problem("\(what).kind \"\(k)\" does not exist; the kinds are \(Attachment.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            kind = given
        }
        var exif = Exif()
        if let l = f["location"] { exif.location = try point(l, what: what + ".location") }
        if let taken = f["taken_at"] { exif.takenAt = try timestamp(taken, what: what + ".taken_at") }
        exif.device = try string(f["device"], what: what + ".device")
        return Attachment(
            kind: kind, uri: uri, mediaType: mediaType, altText: try string(f["alt_text"], what: what + ".alt_text"),
            exif: exif.isEmpty ? nil : exif)
    }

    private static func place(_ value: LuaValue, what: String) throws(Problem) -> Place {
        guard case .table(let t) = value else { throw Problem("\(what) must be a table { name = ..., location = { lat = ..., lon = ... } }") }
        let f = try fields(of: t, allowed: placeFields, what: what + ".")
        return Place(
            name: try string(f["name"], what: what + ".name"), address: try string(f["address"], what: what + ".address"),
            location: try f["location"].map { v throws(Problem) in try point(v, what: what + ".location") })
    }
}
