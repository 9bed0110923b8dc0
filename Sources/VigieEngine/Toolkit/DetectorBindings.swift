import LuaHost
import VigieToolkit

extension TextMatch {
    /// As Lua sees a match: `{ kind, text, start, stop, value, attributes }`
    /// (`stop` is the toolkit's `end`, a Lua keyword).
    var luaValue: LuaValue {
        ScalarMatch(kind: kind, text: text, start: start, stop: end, value: value,
                    category: attributes["category"], attributes: attributes).luaValue
    }
}

extension TextBindings {
    /// `pii.*`, `links.*` (and, when the toolkit has them, `dates.*`).
    func registerDetectors(
        state: LuaState, environment env: LuaEnvironment,
        add: (String, @escaping (LuaArguments) throws -> [LuaValue]) throws(LuaError) -> Void
    ) throws(LuaError) {
        let detectors: [(String, String, @Sendable (String) -> [TextMatch])] = [
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
            try add(global) { args in
                let s = try Self.text(args, 1, luaName)
                return [.array(detect(s).map(\.luaValue))]
            }
        }
    }
}
