import LuaHost
import VigieModel

/// How an activity looks to rules: a read-only `post` with snake_case
/// fields, the original `text` and the pre-folded `folded`, the resolved
/// `actor`, the time as seconds (`time`) with the local `hour` and
/// `weekday` (1 = Monday) precomputed. Built once per activity.
enum ActivityView {
    static func value(_ a: Activity, actor: Actor?) -> LuaValue {
        var t: [LuaValue: LuaValue] = [:]
        t["id"] = .string(a.id)
        t["kind"] = .string(a.kind.rawValue)
        t["platform"] = .string(a.platform.rawValue)
        t["author"] = account(a.author)
        if let actor {
            var at: [LuaValue: LuaValue] = ["id": .string(actor.id), "kind": .string(actor.kind.rawValue)]
            if let name = actor.name { at["name"] = .string(name) }
            t["actor"] = .table(at)
        }
        let seconds = a.timestamp.secondsSince1970
        t["time"] = seconds == seconds.rounded() ? .integer(Int64(seconds)) : .number(seconds)
        t["timestamp"] = .string(a.timestamp.iso8601)
        t["utc_offset"] = .integer(Int64(a.timestamp.utcOffset))
        let local = Int64((seconds + Double(a.timestamp.utcOffset)).rounded(.down))
        let day = local >= 0 ? local / 86400 : (local - 86399) / 86400
        let secondOfDay = local - day * 86400
        t["hour"] = .integer(secondOfDay / 3600)
        t["minute"] = .integer(secondOfDay / 60 % 60)
        // 1970-01-01 was a Thursday (4).
        t["weekday"] = .integer(((day % 7 + 7) % 7 + 3) % 7 + 1)
        t["visibility"] = .string(a.visibility.rawValue)
        if !a.recipients.isEmpty { t["recipients"] = .array(a.recipients.map(account)) }
        t["text"] = .string(a.text)
        t["folded"] = .string(a.normalizedText)
        if let v = a.language { t["language"] = .string(v) }
        if let v = a.contentWarning { t["content_warning"] = .string(v) }
        t["sensitive"] = .boolean(a.sensitive)
        if let v = a.title { t["title"] = .string(v) }
        t["mentions"] = .array(a.mentions.map { .string($0) })
        t["hashtags"] = .array(a.hashtags.map { .string($0) })
        t["links"] = .array(a.links.map { .string($0) })
        if !a.attachments.isEmpty {
            t["attachments"] = .array(a.attachments.map { att in
                var m: [LuaValue: LuaValue] = ["kind": .string(att.kind.rawValue)]
                if let v = att.uri { m["uri"] = .string(v) }
                if let v = att.mediaType { m["media_type"] = .string(v) }
                if let v = att.altText { m["alt_text"] = .string(v) }
                if let exif = att.exif {
                    if let p = exif.location { m["location"] = point(p) }
                    if let v = exif.takenAt { m["taken_at"] = .string(v.iso8601) }
                    if let v = exif.device { m["device"] = .string(v) }
                }
                return .table(m)
            })
        } else {
            t["attachments"] = .array([])
        }
        if let place = a.place {
            var m: [LuaValue: LuaValue] = [:]
            if let v = place.name { m["name"] = .string(v) }
            if let v = place.address { m["address"] = .string(v) }
            if let v = place.location { m["location"] = point(v) }
            t["place"] = .table(m)
        }
        if let r = a.replyTo {
            var m: [LuaValue: LuaValue] = [:]
            if let v = r.activityID { m["activity"] = .string(v) }
            if let v = r.account { m["account"] = account(v) }
            t["reply_to"] = .table(m)
        }
        if let v = a.sharedURL { t["shared_url"] = .string(v) }
        if let v = a.conversationID { t["conversation"] = .string(v) }
        return .table(t)
    }

    /// The same view written straight into its encoding with
    /// `LuaMapBuilder` (no `LuaValue` tree, no dictionary of keys): what
    /// `check` hands to the dispatcher for every activity.
    static func packed(_ a: Activity, actor: Actor?) -> LuaPacked {
        LuaPacked.map { t in
            t.set("id", a.id)
            t.set("kind", a.kind.rawValue)
            t.set("platform", a.platform.rawValue)
            t.setMap("author") { account(a.author, into: &$0) }
            if let actor {
                t.setMap("actor") { at in
                    at.set("id", actor.id)
                    at.set("kind", actor.kind.rawValue)
                    at.set("name", actor.name)
                }
            }
            let seconds = a.timestamp.secondsSince1970
            if seconds == seconds.rounded() { t.set("time", Int(seconds)) } else { t.set("time", seconds) }
            t.set("timestamp", a.timestamp.iso8601)
            t.set("utc_offset", Int(a.timestamp.utcOffset))
            let local = Int64((seconds + Double(a.timestamp.utcOffset)).rounded(.down))
            let day = local >= 0 ? local / 86400 : (local - 86399) / 86400
            let secondOfDay = local - day * 86400
            t.set("hour", Int(secondOfDay / 3600))
            t.set("minute", Int(secondOfDay / 60 % 60))
            t.set("weekday", Int(((day % 7 + 7) % 7 + 3) % 7 + 1))
            t.set("visibility", a.visibility.rawValue)
            if !a.recipients.isEmpty {
                t.setArray("recipients") { list in
                    for r in a.recipients { list.appendMap { account(r, into: &$0) } }
                }
            }
            t.set("text", a.text)
            t.set("folded", a.normalizedText)
            t.set("language", a.language)
            t.set("content_warning", a.contentWarning)
            t.set("sensitive", a.sensitive)
            t.set("title", a.title)
            t.set("mentions", strings: a.mentions)
            t.set("hashtags", strings: a.hashtags)
            t.set("links", strings: a.links)
            t.setArray("attachments") { list in
                for att in a.attachments {
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
            if let place = a.place {
                t.setMap("place") { m in
                    m.set("name", place.name)
                    m.set("address", place.address)
                    if let v = place.location { m.setMap("location") { point(v, into: &$0) } }
                }
            }
            if let r = a.replyTo {
                t.setMap("reply_to") { m in
                    m.set("activity", r.activityID)
                    if let v = r.account { m.setMap("account") { account(v, into: &$0) } }
                }
            }
            t.set("shared_url", a.sharedURL)
            t.set("conversation", a.conversationID)
        }
    }

    static func account(_ a: Account, into m: inout LuaMapBuilder) {
        m.set("platform", a.platform.rawValue)
        m.set("handle", a.handle)
        m.set("id", a.id)
        m.set("name", a.displayName)
        m.set("url", a.url)
    }

    static func point(_ p: GeoPoint, into m: inout LuaMapBuilder) {
        m.set("lat", p.latitude)
        m.set("lon", p.longitude)
    }

    static func account(_ a: Account) -> LuaValue {
        var m: [LuaValue: LuaValue] = ["platform": .string(a.platform.rawValue)]
        if let v = a.handle { m["handle"] = .string(v) }
        if let v = a.id { m["id"] = .string(v) }
        if let v = a.displayName { m["name"] = .string(v) }
        if let v = a.url { m["url"] = .string(v) }
        return .table(m)
    }

    static func point(_ p: GeoPoint) -> LuaValue {
        .table(["lat": .number(p.latitude), "lon": .number(p.longitude)])
    }
}
