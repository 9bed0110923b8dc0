import LuaHost
import VigieModel

/// How an activity looks to rules: a read-only `post` with snake_case
/// fields, the original `text` and the pre-folded `folded`, the resolved
/// `actor`, the time as seconds (`time`) with the local `hour` and
/// `weekday` (1 = Monday) precomputed. Built once per activity.
enum ActivityView {
    /// The view written straight into its encoding with `LuaMapBuilder`
    /// (no `LuaValue` tree, no dictionary of keys): what `check` and the
    /// rules' examples hand to the dispatcher.
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
}
