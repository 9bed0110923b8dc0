/// The built-in vocabularies behind `vocab(name)`.
enum Vocabularies {
    static let names = ["venting", "insult", "intimidation", "threat"]

    static func terms(_ name: String) -> [(String, String?, Double?)]? {
        let list: [String]
        switch name {
        case "venting":
            list = ["je suis furieux", "je suis furieuse", "ras le bol", "j'en ai marre", "scandaleux", "honteux",
                    "inadmissible", "arnaque", "fed up", "outrageous", "disgraceful", "rip-off", "never again", "plus jamais"]
        case "insult":
            list = ["incompetent", "incompétente", "nul", "nulle", "minable", "idiot", "imbécile", "crétin",
                    "stupid", "idiot", "moron", "useless", "pathetic"]
        case "intimidation":
            list = ["vous allez le regretter", "tu vas le regretter", "je sais où vous habitez", "je sais où tu habites",
                    "fais attention", "faites attention", "you will regret", "i know where you live", "watch your back"]
        case "threat":
            list = ["je vais vous détruire", "je vais te détruire", "je vais porter plainte", "je vais tout casser",
                    "je vais vous ruiner", "i will destroy you", "i will ruin you", "i will sue you"]
        default:
            return nil
        }
        return list.map { ($0, name, nil) }
    }
}
