import Foundation

extension Detectors {
    /// Announcements that someone, or a home, will be away: "en vacances du
    /// 3 au 17 août", "on part deux semaines en Grèce", "la maison sera
    /// vide", "absent jusqu'au 20", "back on Monday", "out of office until
    /// August 20", "away for two weeks". One match per sentence, covering the
    /// sentence; attributes "cue" (the phrase that triggered it), "language",
    /// and "from"/"to" (ISO dates) when the sentence gives them and they can
    /// be resolved (see `dates(in:reference:timeZone:)`; a duration after a
    /// known start gives the end).
    ///
    /// Conservative by design (see docs/toolkit.md): a sentence counts when
    /// it has a cue and none of the markers of the past ("j'ai passé", "last
    /// week", "de retour de"…), of a generic calendar ("vacances
    /// scolaires", "school holidays"), of a negation, a question or a
    /// condition. Strong cues ("en vacances", "out of office", "la maison
    /// sera vide") are enough; weaker ones ("absent", "away", "en voyage")
    /// need a subject or a date or duration; verbs of departure ("on part",
    /// "we're leaving", "de retour") need a subject and a date, a duration or
    /// a destination.
    public static func absences(in text: String, reference: Date? = nil, timeZone: TimeZone = .current) -> [TextMatch] {
        absences(ScanText(text), reference: reference.map { CivilDate($0, timeZone: timeZone) })
    }

    /// Cues that are enough on their own.
    static let strongAbsenceCues: [(String, String)] = [
        ("en vacances", "fr"), ("en conge", "fr"), ("en conges", "fr"), ("maison sera vide", "fr"),
        ("maison est vide", "fr"), ("maison vide", "fr"), ("chalet sera vide", "fr"),
        ("appartement sera vide", "fr"), ("appart sera vide", "fr"), ("logement sera vide", "fr"),
        ("maison sera inoccupee", "fr"), ("maison va etre vide", "fr"),
        ("maison restera vide", "fr"), ("maison va rester vide", "fr"), ("chalet va etre vide", "fr"), ("apartment will be empty", "en"), ("personne a la maison", "fr"),
        ("personne ne sera a la maison", "fr"), ("hors du bureau", "fr"), ("absent du bureau", "fr"),
        ("out of office", "en"), ("out of the office", "en"), ("on vacation", "en"), ("on holiday", "en"),
        ("on holidays", "en"), ("on leave", "en"), ("house will be empty", "en"), ("nobody home", "en"),
        ("nobody will be home", "en"), ("no one will be home", "en"), ("nobody at home", "en"),
        ("away from home", "en"), ("ooo", "en"), ("semaine de conge", "fr"), ("semaines de conge", "fr"),
        ("jours de conge", "fr"), ("prends des vacances", "fr"), ("prenons des vacances", "fr"),
        ("week off", "en"), ("weeks off", "en"), ("days off", "en"), ("taking time off", "en"),
    ]
    /// Cues that need a subject, a date or a duration.
    static let weakAbsenceCues: [(String, String)] = [
        ("absent", "fr"), ("absente", "fr"), ("absents", "fr"), ("absentes", "fr"), ("en voyage", "fr"),
        ("en deplacement", "fr"), ("pas a la maison", "fr"), ("loin de la maison", "fr"), ("away for", "en"),
        ("away until", "en"), ("away till", "en"), ("be away", "en"), ("not at home", "en"), ("travelling", "en"),
        ("traveling", "en"), ("out of town", "en"), ("absent", "en"),
    ]
    /// Departures and returns: need a subject and a date, duration or destination.
    static let departureCues: [(String, String)] = [
        ("on part", "fr"), ("je pars", "fr"), ("nous partons", "fr"), ("il part", "fr"), ("elle part", "fr"),
        ("ils partent", "fr"), ("elles partent", "fr"), ("on partira", "fr"), ("je partirai", "fr"),
        ("nous partirons", "fr"), ("vais partir", "fr"), ("va partir", "fr"), ("allons partir", "fr"),
        ("sera partis", "fr"), ("serons partis", "fr"), ("serai partie", "fr"), ("serai parti", "fr"),
        ("on s envole", "fr"), ("nous nous envolons", "fr"), ("je m envole", "fr"),
        ("on s en va", "fr"), ("je m en vais", "fr"), ("nous nous en allons", "fr"), ("on decolle", "fr"),
        ("je decolle", "fr"), ("on prend la route", "fr"), ("i m off", "en"), ("we re off", "en"),
        ("mes vacances", "fr"), ("nos vacances", "fr"), ("notre voyage", "fr"), ("leaving", "en"), ("off to", "en"),
        ("heading to", "en"), ("flying to", "en"), ("my vacation", "en"), ("our vacation", "en"), ("my holiday", "en"), ("our holiday", "en"), ("our trip", "en"),
    ]
    /// Returns: need a date ("de retour le 20", "back on Monday").
    static let returnCues: [(String, String)] = [
        ("de retour", "fr"), ("serai de retour", "fr"), ("retour prevu", "fr"), ("be back", "en"), ("back on", "en"),
        ("back in", "en"), ("back at work", "en"), ("back by", "en"),
    ]
    /// Stays elsewhere: need a destination and a date or duration ("je serai
    /// à Montréal la semaine prochaine").
    static let stayCues: [(String, String)] = [
        ("je serai a", "fr"), ("je serai au", "fr"), ("je serai en", "fr"), ("nous serons a", "fr"),
        ("nous serons au", "fr"), ("nous serons en", "fr"), ("on sera a", "fr"), ("on sera au", "fr"),
        ("on sera en", "fr"), ("i ll be in", "en"), ("we ll be in", "en"), ("i will be in", "en"),
        ("we will be in", "en"), ("i ll be at", "en"), ("we ll be at", "en"),
    ]
    /// Already gone: an absence only with an end ("est partie en Floride
    /// jusqu'au 20 mars"), otherwise a past trip.
    static let goneCues: [(String, String)] = [
        ("suis parti", "fr"), ("suis partie", "fr"), ("est parti", "fr"), ("est partie", "fr"),
        ("sommes partis", "fr"), ("sommes parties", "fr"), ("sont partis", "fr"), ("sont parties", "fr"),
        ("has left", "en"), ("have left", "en"), ("is away", "en"), ("are away", "en"),
    ]
    static let pastMarkers: [String] = [
        "j ai passe", "ai passe", "avons passe", "a passe", "avez passe", "ont passe", "etais", "etait", "etions",
        "etaient", "hier", "dernier", "derniere", "derniers", "dernieres", "il y a", "revenu", "revenue", "revenus",
        "rentre de", "rentree de", "rentres de", "de retour de", "etions partis", "avons profite", "ai profite", "had", "was", "were",
        "last week", "last year", "last month", "last summer", "last winter", "got back", "came back", "just back",
        "back from", "returned", "spent", "enjoyed", "ago",
    ]
    static let genericMarkers: [String] = [
        "vacances scolaires", "conges scolaires", "jours feries", "school holiday", "school holidays",
        "school break", "bank holiday", "public holiday", "vacances de la toussaint", "vacances de noel",
        "vacances d ete commencent", "les vacances commencent",
    ]
    static let negationMarkers: [String] = [
        "ne serai pas", "ne serons pas", "ne sera pas", "pas en vacances", "jamais en vacances", "ne pars pas",
        "ne partons pas", "not on vacation", "not away", "won t be away", "not going", "not leaving", "never",
        "jamais", "pas de vacances", "no vacation",
    ]
    static let conditionMarkers: [String] = ["si on", "si je", "si nous", "if i", "if we", "si jamais", "peut etre", "maybe"]
    static let subjects: [String] = [
        "je", "j", "on", "nous", "moi", "i", "we", "my", "our", "us", "mon", "ma", "mes", "notre", "nos", "il", "elle",
        "ils", "elles", "he", "she", "they", "maison", "house", "home", "famille", "family",
    ]
    static let durationUnits: [String: Int] = [
        "jour": 1, "jours": 1, "nuit": 1, "nuits": 1, "day": 1, "days": 1, "night": 1, "nights": 1, "semaine": 7,
        "semaines": 7, "week": 7, "weeks": 7, "mois": 30, "month": 30, "months": 30,
    ]
    static let numberWords: [String: Int] = [
        "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9,
        "dix": 10, "quinze": 15, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "ten": 10,
        "couple": 2, "quelques": 3, "few": 3,
    ]
    static let placeWords: Set<String> = [
        "chalet", "camping", "plage", "mer", "montagne", "campagne", "cottage", "beach", "lake", "lac", "chalets",
        "etranger", "abroad", "sud", "south", "ski",
    ]

    /// Words before a date that make it the end of the absence.
    static let endLeads: Set<String> = ["jusqu", "until", "till", "retour", "back", "avant", "before", "by"]

    /// Every cue and marker above in one automaton, by category.
    static let absenceMarkers: Lexicon = {
        var terms: [LexiconTerm] = []
        func add(_ list: [(String, String)], _ category: String) {
            terms += list.map { LexiconTerm(term: $0.0, category: category, language: $0.1) }
        }
        add(strongAbsenceCues, "strong")
        add(weakAbsenceCues, "weak")
        add(departureCues, "departure")
        add(returnCues, "return")
        add(stayCues, "stay")
        add(goneCues, "gone")
        add(pastMarkers.map { ($0, "") }, "past")
        add(genericMarkers.map { ($0, "") }, "generic")
        add(negationMarkers.map { ($0, "") }, "negation")
        add(conditionMarkers.map { ($0, "") }, "condition")
        add(subjects.map { ($0, "") }, "subject")
        return Lexicon(terms: terms)
    }()

    static func absences(_ t: ScanText, reference: CivilDate?) -> [TextMatch] {
        var result: [TextMatch] = []
        for sentence in sentences(t) {
            let tokens = t.tokens(in: sentence)
            let words = tokens.filter { $0.kind != .punct }.map(\.text)
            guard !words.isEmpty else { continue }
            let phrase = " " + words.joined(separator: " ") + " "
            if tokens.last?.text == "?" { continue }
            // One pass of the marker automaton over the sentence's words.
            var firstCue: [String: String] = [:]
            var subject = false
            let scalars = Array(phrase.unicodeScalars)
            var found: [(Int, Int)] = []  // (term, start), then sorted by start
            absenceMarkers.forEachMatch(in: phrase) { term, range in
                found.append((term, range.lowerBound))
                return true
            }
            for (term, start) in found.sorted(by: { $0.1 < $1.1 }) {
                let entry = absenceMarkers.terms[term]
                if entry.category == "subject" {
                    // Not the "il" of "s'il".
                    if !(start >= 3 && scalars[start - 2] == "s" && scalars[start - 3] == " ") { subject = true }
                } else if firstCue[entry.category] == nil {
                    firstCue[entry.category] = entry.term + "|" + (entry.language ?? "")
                }
            }
            if ["generic", "negation", "condition"].contains(where: { firstCue[$0] != nil }) { continue }
            func cue(_ category: String) -> (String, String)? {
                firstCue[category].map { entry in
                    let parts = entry.split(separator: "|", omittingEmptySubsequences: false)
                    return (String(parts[0]), String(parts[1]))
                }
            }
            let strong = cue("strong")
            let weak = cue("weak")
            let departure = cue("departure")
            let comeback = cue("return")
            let stay = cue("stay")
            let gone = cue("gone")
            let scanner = DateScanner(tokens: tokens, reference: reference)
            let dates = scanner.scan()
            let endDate = dates.contains { date in
                date.isRange || date.lead.split(separator: " ").contains { endLeads.contains(String($0)) }
            }
            // The past rules out the sentence, except someone gone until a given date.
            if cue("past") != nil && !(gone != nil && endDate) { continue }
            guard let cue = strong ?? weak ?? departure ?? comeback ?? stay ?? gone else { continue }
            let duration = durationDays(tokens, phrase: phrase)
            let destination = hasDestination(t, tokens)
            let accepted: Bool
            if strong != nil {
                accepted = true
            } else if weak != nil {
                accepted = subject || !dates.isEmpty || duration != nil
            } else if departure != nil && subject && (!dates.isEmpty || duration != nil || destination) {
                accepted = true
            } else if comeback != nil && !dates.isEmpty {
                accepted = true
            } else if stay != nil && destination && (!dates.isEmpty || duration != nil) {
                accepted = true
            } else {
                accepted = gone != nil && endDate
            }
            guard accepted else { continue }
            var attributes = ["cue": cue.0, "language": cue.1]
            var from: CivilDate?
            var to: CivilDate?
            for date in dates {
                if date.isRange {
                    var (a, b) = (date.from, date.to)
                    // A range without a year that has passed is next year's.
                    if let f = a, let ref = reference, !date.hasYear, f.dayNumber < ref.dayNumber - 3 {
                        a = CivilDate(year: f.year + 1, month: f.month, day: f.day)
                        b = b.map { CivilDate(year: $0.year + 1, month: $0.month, day: min($0.day, CivilDate.daysIn(year: $0.year + 1, month: $0.month))) }
                    }
                    from = from ?? a
                    to = b ?? to
                    continue
                }
                let lead = date.lead.split(separator: " ")
                let isEnd = lead.contains { endLeads.contains(String($0)) }
                // Announcements look ahead: a day and month without a year
                // that has passed is next year's (not after "depuis", "since").
                var value = date.from
                if let d = value, let ref = reference, !date.hasYear, date.granularity == nil || date.granularity == "month",
                    d.dayNumber < ref.dayNumber - 3, !lead.contains(where: { $0 == "depuis" || $0 == "since" })
                {
                    value = CivilDate(year: d.year + 1, month: d.month, day: min(d.day, CivilDate.daysIn(year: d.year + 1, month: d.month)))
                }
                // "jusqu'en mars": to the end of the month.
                if isEnd, date.granularity == "month", let d = value {
                    value = CivilDate(year: d.year, month: d.month, day: CivilDate.daysIn(year: d.year, month: d.month))
                }
                if isEnd || (from != nil && to == nil) {
                    to = to ?? value
                } else {
                    from = from ?? value
                }
            }
            if let d = duration {
                if let f = from, to == nil { to = f.adding(days: d) }
                if let e = to, from == nil { from = e.adding(days: -d) }
                attributes["duration-days"] = String(d)
            }
            if let from { attributes["from"] = from.iso }
            if let to { attributes["to"] = to.iso }
            let range = tokens.first!.range.lowerBound..<tokens.last!.range.upperBound
            result.append(t.match("absence", range, attributes: attributes))
        }
        return result
    }

    /// Sentence ranges: split at ".", "!", "?" followed by a space or the
    /// end, at line breaks and at ";".
    static func sentences(_ t: ScanText) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        var i = 0
        while i < t.count {
            let c = t.s[i]
            let end: Bool
            switch c {
            case 0x21, 0x3F, 0x3B: end = true
            case 0x2E: end = t.isSpace(i + 1) || i + 1 == t.count
            case 0x0A, 0x0D: end = true
            default: end = false
            }
            if end {
                // Keep runs of "!?" together.
                var e = i + 1
                while e < t.count && (t.s[e] == 0x21 || t.s[e] == 0x3F) { e += 1 }
                if e > start { result.append(start..<e) }
                start = e
                i = e
            } else {
                i += 1
            }
        }
        if start < t.count { result.append(start..<t.count) }
        return result
    }

    /// "deux semaines", "10 jours", "a week", "quinze jours" → days.
    static func durationDays(_ tokens: [Token], phrase: String) -> Int? {
        if phrase.contains(" quinze jours ") || phrase.contains(" quinzaine ") { return 14 }
        for k in 0..<max(0, tokens.count - 1) {
            let count: Int?
            if tokens[k].kind == .number, tokens[k].digits <= 3 {
                count = tokens[k].number
            } else if tokens[k].kind == .word {
                count = numberWords[tokens[k].text]
            } else {
                count = nil
            }
            var u = k + 1
            if tokens[u].text == "of", u + 1 < tokens.count { u += 1 }  // "a couple of weeks"
            if let count, tokens[u].kind == .word, let unit = durationUnits[tokens[u].text] {
                return count * unit
            }
        }
        return nil
    }

    /// "en Grèce", "au Québec", "to Paris", "au chalet", "à la plage".
    static func hasDestination(_ t: ScanText, _ tokens: [Token]) -> Bool {
        let prepositions: Set<String> = ["en", "au", "aux", "a", "to", "in", "pour", "vers", "at"]
        for k in 0..<max(0, tokens.count - 1) where tokens[k].kind == .word && prepositions.contains(tokens[k].text) {
            var j = k + 1
            if ["la", "le", "les", "l", "the"].contains(tokens[j].text) { j += 1 }
            if j < tokens.count, tokens[j].text == "'" { j += 1 }
            guard j < tokens.count, tokens[j].kind == .word else { continue }
            if placeWords.contains(tokens[j].text) || t.isCapitalized(at: tokens[j].range.lowerBound) { return true }
        }
        return false
    }
}
