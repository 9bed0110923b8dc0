import Foundation
import LuaHost
import VigieToolkit

extension LuaMapBuilder {
    /// A match as Lua sees it: `{ kind, text, start, stop, value, category,
    /// weight, attributes }` (`stop` is the toolkit's `end`, a Lua keyword;
    /// category and weight come from the attributes).
    mutating func match(_ m: TextMatch) {
        set("kind", m.kind)
        set("text", m.text)
        set("start", m.start)
        set("stop", m.end)
        set("value", m.value)
        if !m.attributes.isEmpty {
            set("category", m.attributes["category"])
            set("weight", m.attributes["weight"].flatMap(Double.init))
            let attributes = m.attributes
            setMap("attributes") { a in
                for (k, v) in attributes { a.set(k, v) }
            }
        }
    }
}

extension LuaReturnWriter {
    /// An array of matches (an empty table when there are none).
    mutating func matches(_ matches: [TextMatch]) {
        array { a in
            for m in matches { a.appendMap { $0.match(m) } }
        }
    }
}

extension TextBindings {
    /// `pii.*`, `links.*`, `dates.*`.
    func registerDetectors(
        add: (String, @escaping (LuaArguments, inout LuaReturnWriter) throws -> Void) throws(LuaError) -> Void
    ) throws(LuaError) {
        let detectors: [(String, String, (PreparedText) -> [TextMatch])] = [
            ("pii_phones", "pii.phones", { Detectors.phones(in: $0) }),
            ("pii_emails", "pii.emails", { Detectors.emails(in: $0) }),
            ("pii_postal_codes", "pii.postal_codes", { Detectors.postalCodes(in: $0) }),
            ("pii_addresses", "pii.addresses", { Detectors.streetAddresses(in: $0) }),
            ("pii_ibans", "pii.ibans", { Detectors.ibans(in: $0) }),
            ("pii_nirs", "pii.nirs", { Detectors.nirs(in: $0) }),
            ("pii_sins", "pii.sins", { Detectors.sins(in: $0) }),
            ("pii_all", "pii.all", { Detectors.all(in: $0) }),
            ("links_urls", "links.urls", { Detectors.links(in: $0) }),
            ("links_domains", "links.domains", { Detectors.domains(in: $0) }),
        ]
        for (global, luaName, detect) in detectors {
            try add(global) { [unowned self] args, out in
                let s = try self.preparedText(args, 1, luaName)
                out.matches(detect(s))
            }
        }
        // dates.find(s, time, utc_offset) / dates.absences(s, time, utc_offset):
        // relative dates ("lundi prochain") resolve against `time` (seconds
        // since 1970) in the zone of `utc_offset` (seconds).
        let dated: [(String, String, (PreparedText, Date?, TimeZone) -> [TextMatch])] = [
            ("dates_find", "dates.find", { Detectors.dates(in: $0, reference: $1, timeZone: $2) }),
            ("dates_absences", "dates.absences", { Detectors.absences(in: $0, reference: $1, timeZone: $2) }),
        ]
        for (global, luaName, detect) in dated {
            try add(global) { [unowned self] args, out in
                let s = try self.preparedText(args, 1, luaName)
                let reference = args.number(2).map { Date(timeIntervalSince1970: $0) }
                // The zone is made only when the detections are not cached yet
                // (an offset TimeZone refuses, beyond ±18 h, stands for UTC).
                let offset = args.integer(3) ?? 0
                // The instant by its bits: an integer is written several
                // times faster than a Double's shortest decimal.
                let instant = reference.map { String($0.timeIntervalSince1970.bitPattern) } ?? "-"
                let key = "\(global) \(instant) \(offset)"
                out.matches(s.detections(key) {
                    detect($0, reference, TimeZone(secondsFromGMT: offset) ?? TimeZone(secondsFromGMT: 0)!)
                })
            }
        }
    }
}
