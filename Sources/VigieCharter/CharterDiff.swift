/// What changed for people between two versions of a charter: what is new,
/// what was removed, and for what changed, each changed part with its old
/// and its new text.
public struct CharterDiff: Sendable {
    /// One change: a headline (`Modifié — principe : Titre`) and, for a
    /// change, the parts that differ.
    public struct Change: Hashable, Sendable {
        public var headline: String
        public var details: [Detail]
    }

    /// A part that changed: its name, the old text and the new one (empty: none).
    public struct Detail: Hashable, Sendable {
        public var part: String
        public var old: String
        public var new: String
    }

    public var entries: [Change]
    /// The headlines alone.
    public var changes: [String] { entries.map(\.headline) }

    public init(old: Charter, new: Charter) {
        let fr = new.language != "en"
        let colon = fr ? "\u{00A0}: " : ": "
        var out: [Change] = []
        /// `parts` names each part and writes it as text, for both versions.
        func compare<T>(
            _ what: String, _ a: [T], _ b: [T], id: (T) -> String, title: (T) -> String, parts: [(String, (T) -> String)]
        ) {
            let oldByID = Dictionary(a.map { (id($0), $0) }) { x, _ in x }
            let newByID = Dictionary(b.map { (id($0), $0) }) { x, _ in x }
            for item in b where oldByID[id(item)] == nil {
                out.append(Change(headline: (fr ? "Nouveau — " : "New — ") + what + colon + title(item), details: []))
            }
            for item in a where newByID[id(item)] == nil {
                out.append(Change(headline: (fr ? "Retiré — " : "Removed — ") + what + colon + title(item), details: []))
            }
            for item in b {
                guard let before = oldByID[id(item)] else { continue }
                let details = parts.compactMap { name, text -> Detail? in
                    let (x, y) = (text(before), text(item))
                    return x == y ? nil : Detail(part: name, old: x, new: y)
                }
                if !details.isEmpty {
                    out.append(Change(headline: (fr ? "Modifié — " : "Changed — ") + what + colon + title(item), details: details))
                }
            }
        }
        func list(_ items: [String]) -> String { items.joined(separator: fr ? " ; " : "; ") }
        compare(
            fr ? "principe" : "principle", old.principles, new.principles, id: \.id, title: \.title,
            parts: [
                (fr ? "intitulé" : "title", \.title), (fr ? "texte" : "text", \.text),
                (fr ? "gravité" : "severity", \.severity), (fr ? "à faire" : "do", { list($0.doExamples) }),
                (fr ? "à éviter" : "don't", { list($0.dontExamples) }), (fr ? "si cela arrive" : "if it happens", { $0.advice ?? "" }),
            ])
        compare(
            fr ? "fiche de crise" : "crisis card", old.cards, new.cards, id: \.id, title: \.title,
            parts: [
                (fr ? "intitulé" : "title", \.title), (fr ? "déclencheur" : "trigger", \.trigger),
                (fr ? "étapes" : "steps", { list($0.steps.map { s in s.title + (s.condition.map { " (\($0))" } ?? "") }) }),
                (fr ? "conseils" : "advice", { list($0.steps.compactMap(\.advice)) }),
            ])
        compare(
            fr ? "niveau de classification" : "classification level", old.levels, new.levels, id: { $0.id ?? $0.name },
            title: \.name,
            parts: [(fr ? "canaux" : "channels", { list($0.channels) }), (fr ? "exemples" : "examples", { list($0.assets) })])
        compare(
            fr ? "consentement" : "consent", old.consents, new.consents, id: \.name, title: \.name,
            parts: [
                (fr ? "depuis" : "from", { $0.date ?? "" }), (fr ? "jusqu'au" : "until", { $0.until ?? "" }),
                (fr ? "retiré le" : "withdrawn on", { $0.withdrawn ?? "" }), (fr ? "portée" : "scope", { $0.scope ?? "" }),
                (fr ? "plateformes" : "platforms", { list($0.platforms ?? []) }), (fr ? "usages" : "uses", { list($0.uses ?? []) }),
            ])
        compare(
            fr ? "canal approuvé" : "approved channel", old.channels, new.channels, id: \.use, title: \.use,
            parts: [
                (fr ? "plateformes" : "platforms", { list($0.platforms) }), (fr ? "comptes" : "accounts", { list($0.accounts) }),
                (fr ? "remarque" : "note", { $0.note ?? "" }),
            ])
        compare(
            fr ? "risque" : "risk", old.threats, new.threats, id: \.id, title: \.title,
            parts: [
                (fr ? "intitulé" : "title", \.title), (fr ? "texte" : "text", { $0.text ?? "" }),
                (fr ? "niveau" : "level", { $0.levelName ?? "" }),
            ])
        let oldClass = old.classification?.text ?? ""
        let newClass = new.classification?.text ?? ""
        if oldClass != newClass {
            out.append(Change(
                headline: (fr ? "Modifié — classification" : "Changed — classification"),
                details: [Detail(part: fr ? "texte" : "text", old: oldClass, new: newClass)]))
        }
        entries = out
    }

    public func rendered(old: Charter, new: Charter) -> String {
        let fr = new.language != "en"
        let colon = fr ? "\u{00A0}: " : ": "
        var o = fr
            ? "Ce qui change pour l'équipe\(colon)\(new.policyName) \(old.version) → \(new.version)\n"
            : "What changes for the team: \(new.policyName) \(old.version) → \(new.version)\n"
        if entries.isEmpty { return o + (fr ? "Rien ne change.\n" : "Nothing changes.\n") }
        let none = fr ? "(rien)" : "(nothing)"
        for c in entries {
            o += "- \(c.headline)\n"
            for d in c.details {
                o += "    \(d.part)\n"
                o += "      \(fr ? "avant" : "before")\(colon)\(d.old.isEmpty ? none : d.old)\n"
                o += "      \(fr ? "après" : "after")\(colon)\(d.new.isEmpty ? none : d.new)\n"
            }
        }
        return o
    }
}
