import Foundation
import LuaHost
import VigieToolkit

extension TextMatch {
    /// As Lua sees a match: `{ kind, text, start, stop, value, attributes }`
    /// (`stop` is the toolkit's `end`, a Lua keyword).
    var luaValue: LuaValue {
        ScalarMatch(kind: kind, text: text, start: start, stop: end, value: value,
                    category: attributes["category"], weight: attributes["weight"].flatMap(Double.init),
                    attributes: attributes).luaValue
    }
}

extension TextBindings {
    /// `pii.*`, `links.*`, `dates.*`.
    func registerDetectors(
        state: LuaState, environment env: LuaEnvironment,
        add: (String, @escaping (LuaArguments) throws -> [LuaValue]) throws(LuaError) -> Void
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
            try add(global) { [unowned self] args in
                let s = try self.preparedText(args, 1, luaName)
                return [.array(s.detections(global, detect).map(\.luaValue))]
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
            try add(global) { [unowned self] args in
                let s = try self.preparedText(args, 1, luaName)
                let reference = args.number(2).map { Date(timeIntervalSince1970: $0) }
                let zone = TimeZone(secondsFromGMT: args.integer(3) ?? 0) ?? TimeZone(secondsFromGMT: 0)!
                let key = "\(global) \(reference?.timeIntervalSince1970.description ?? "-") \(zone.secondsFromGMT())"
                return [.array(s.detections(key) { detect($0, reference, zone) }.map(\.luaValue))]
            }
        }
    }
}
