/// What changed for people between two versions of a charter.
public struct CharterDiff: Sendable {
    public var changes: [String]

    public init(old: Charter, new: Charter) {
        let fr = new.language != "en"
        var out: [String] = []
        func compare<T>(_ what: String, _ a: [T], _ b: [T], id: (T) -> String, title: (T) -> String, same: (T, T) -> Bool) {
            let oldByID = Dictionary(a.map { (id($0), $0) }) { x, _ in x }
            let newByID = Dictionary(b.map { (id($0), $0) }) { x, _ in x }
            for item in b where oldByID[id(item)] == nil {
                out.append((fr ? "Nouveau — \(what) : " : "New — \(what): ") + title(item))
            }
            for item in a where newByID[id(item)] == nil {
                out.append((fr ? "Retiré — \(what) : " : "Removed — \(what): ") + title(item))
            }
            for item in b {
                if let before = oldByID[id(item)], !same(before, item) {
                    out.append((fr ? "Modifié — \(what) : " : "Changed — \(what): ") + title(item))
                }
            }
        }
        compare(fr ? "principe" : "principle", old.principles, new.principles, id: \.id, title: \.title) { $0 == $1 }
        compare(fr ? "fiche de crise" : "crisis card", old.cards, new.cards, id: \.id, title: \.title) { $0 == $1 }
        compare(fr ? "niveau de classification" : "classification level", old.levels, new.levels, id: \.name, title: \.name) { $0 == $1 }
        compare(fr ? "consentement" : "consent", old.consents, new.consents, id: \.name, title: \.name) { $0 == $1 }
        compare(fr ? "canal approuvé" : "approved channel", old.channels, new.channels, id: \.use, title: \.use) { $0 == $1 }
        compare(fr ? "risque" : "risk", old.threats, new.threats, id: \.id, title: \.title) { $0 == $1 }
        changes = out
    }

    public func rendered(old: Charter, new: Charter) -> String {
        let fr = new.language != "en"
        var o = fr
            ? "Ce qui change pour l'équipe : \(new.policy) \(old.version) → \(new.version)\n"
            : "What changes for the team: \(new.policy) \(old.version) → \(new.version)\n"
        if changes.isEmpty { return o + (fr ? "Rien ne change.\n" : "Nothing changes.\n") }
        for c in changes { o += "- \(c)\n" }
        return o
    }
}
