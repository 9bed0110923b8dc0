/// A word, a number or a punctuation mark of a normalised text.
struct Token {
    enum Kind { case word, number, punct }
    var kind: Kind
    /// Range in the normalised text.
    var range: Range<Int>
    var text: String
    var number: Int { kind == .number ? Int(text) ?? -1 : -1 }
    var digits: Int { kind == .number ? text.count : 0 }
}

extension ScanText {
    /// Words (letters), numbers (digits) and single punctuation marks; spaces
    /// are dropped, line breaks kept as "\n" punctuation.
    func tokens(in range: Range<Int>? = nil) -> [Token] {
        let r = range ?? 0..<count
        var result: [Token] = []
        var i = r.lowerBound
        while i < r.upperBound {
            let c = s[i]
            if Scalar.isLetter(c) {
                let e = min(r.upperBound, run(from: i, while: Scalar.isLetter))
                result.append(Token(kind: .word, range: i..<e, text: string(i..<e)))
                i = e
            } else if Scalar.isDigit(c) {
                let e = min(r.upperBound, run(from: i, while: Scalar.isDigit))
                result.append(Token(kind: .number, range: i..<e, text: string(i..<e)))
                i = e
            } else if c == 0x0A || c == 0x0D {
                result.append(Token(kind: .punct, range: i..<(i + 1), text: "\n"))
                i += 1
            } else if Scalar.isSpace(c) {
                i += 1
            } else {
                result.append(Token(kind: .punct, range: i..<(i + 1), text: string(i..<(i + 1))))
                i += 1
            }
        }
        return result
    }
}

/// A date expression found among tokens.
struct FoundDate {
    /// Token indices.
    var tokens: Range<Int>
    var from: CivilDate?
    var to: CivilDate?
    var isRange: Bool
    var language: String?
    /// The three words before the expression ("jusqu au", "back on the"…), folded.
    var lead: String
    /// "week", "weekend" or "month" for periods ("la semaine prochaine"):
    /// the date is then the period's first day.
    var granularity: String? = nil
    /// Whether the text gave the year (or the date is relative): such a
    /// date is never moved to another year.
    var hasYear = false
}

/// Finds dates among tokens: absolute (`2026-08-03`, `17/08/2026`, `3 août`,
/// `August 3rd`), relative (`demain`, `lundi prochain`, `next Monday`) and
/// ranges (`du 3 au 17 août`, `August 3-17`).
struct DateScanner {
    let tokens: [Token]
    let reference: CivilDate?

    static let frenchMonths: [String: Int] = [
        "janvier": 1, "janv": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4, "avr": 4, "mai": 5,
        "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
    ]
    static let englishMonths: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "april": 4, "apr": 4, "may": 5, "june": 6,
        "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "october": 10,
        "november": 11, "december": 12,
    ]
    static let sharedMonths: [String: Int] = ["sept": 9, "oct": 10, "nov": 11, "dec": 12]
    /// Month abbreviations, which may take a dot ("janv.", "Aug.").
    static let abbreviations: Set<String> = [
        "janv", "fevr", "fev", "avr", "juil", "sept", "oct", "nov", "dec", "jan", "feb", "apr", "jun", "jul", "aug", "sep",
    ]
    static let frenchWeekdays: [String: Int] = [
        "lundi": 1, "mardi": 2, "mercredi": 3, "jeudi": 4, "vendredi": 5, "samedi": 6, "dimanche": 7,
    ]
    static let englishWeekdays: [String: Int] = [
        "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
    ]
    static let ordinalSuffixes: Set<String> = ["er", "re", "e", "eme", "st", "nd", "rd", "th"]

    func word(_ k: Int) -> String? { k >= 0 && k < tokens.count && tokens[k].kind == .word ? tokens[k].text : nil }
    func punct(_ k: Int) -> String? { k >= 0 && k < tokens.count && tokens[k].kind == .punct ? tokens[k].text : nil }
    func number(_ k: Int) -> Token? { k >= 0 && k < tokens.count && tokens[k].kind == .number ? tokens[k] : nil }
    /// Whether tokens k-1 and k touch (no space between).
    func adjacent(_ k: Int) -> Bool {
        k > 0 && k < tokens.count && tokens[k - 1].range.upperBound == tokens[k].range.lowerBound
    }

    func month(_ k: Int) -> (Int, String?)? {
        guard let w = word(k) else { return nil }
        if let m = DateScanner.frenchMonths[w] { return (m, "fr") }
        if let m = DateScanner.englishMonths[w] { return (m, "en") }
        if let m = DateScanner.sharedMonths[w] { return (m, nil) }
        return nil
    }

    func weekday(_ k: Int) -> (Int, String)? {
        guard let w = word(k) else { return nil }
        if let d = DateScanner.frenchWeekdays[w] { return (d, "fr") }
        if let d = DateScanner.englishWeekdays[w] { return (d, "en") }
        return nil
    }

    /// The lead word before token k (apostrophes skipped: "jusqu'au" → "au",
    /// with "jusqu" before it).
    func lead(before k: Int, count: Int = 2) -> String {
        var words: [String] = []
        var j = k - 1
        while j >= 0 && words.count < count {
            if let w = word(j) {
                words.insert(w, at: 0)
            } else if punct(j) != "'" {
                break
            }
            j -= 1
        }
        return words.joined(separator: " ")
    }

    /// A day, month and maybe year: `3 août [2026]`, `1er janvier`, `3rd of
    /// August`, `August 3rd[, 2026]`, with an optional weekday before.
    /// `dayOnly` also accepts a bare day number (for ranges).
    struct Loose {
        var day: Int
        var month: Int?
        var year: Int?
        var end: Int
        var language: String?
        var numeric = false
    }

    func loose(at start: Int, dayOnly: Bool) -> Loose? {
        var k = start
        var language: String?
        if let (_, lang) = weekday(k), number(k + 1) != nil || month(k + 1) != nil || punct(k + 1) == "," {
            language = lang
            k += 1
            if punct(k) == "," { k += 1 }
        }
        // Numeric: ISO, d/m/y.
        if let n = numeric(at: k) { return n }
        if let d = number(k), d.digits <= 2, (1...31).contains(d.number) {
            var e = k + 1
            if let w = word(e), adjacent(e), DateScanner.ordinalSuffixes.contains(w) {
                if w == "st" || w == "nd" || w == "rd" || w == "th" { language = "en" }
                e += 1
            }
            var m = e
            if word(m) == "of" { m += 1 }
            if let (month, lang) = month(m) {
                var end = m + 1
                if punct(end) == ".", adjacent(end), DateScanner.abbreviations.contains(word(m) ?? "") { end += 1 }
                var year: Int?
                var y = end
                if punct(y) == "," { y += 1 }
                if let yt = number(y), yt.digits == 4, (1900...2200).contains(yt.number) {
                    year = yt.number
                    end = y + 1
                }
                return Loose(day: d.number, month: month, year: year, end: end, language: language ?? lang)
            }
            if dayOnly && !(punct(e) == ":" || word(e) == "h" || word(e) == "heures" || word(e) == "h00") {
                return Loose(day: d.number, month: nil, year: nil, end: e, language: language)
            }
            return nil
        }
        if let (month, lang) = month(k) {
            var e = k + 1
            if punct(e) == ".", adjacent(e), DateScanner.abbreviations.contains(word(k) ?? "") { e += 1 }
            guard let d = number(e), d.digits <= 2, (1...31).contains(d.number) else { return nil }
            // "mai 2026" is not "mai 20".
            e += 1
            if let w = word(e), adjacent(e), DateScanner.ordinalSuffixes.contains(w) { e += 1 }
            var year: Int?
            var y = e
            if punct(y) == "," { y += 1 }
            if let yt = number(y), yt.digits == 4, (1900...2200).contains(yt.number) {
                year = yt.number
                e = y + 1
            }
            return Loose(day: d.number, month: month, year: year, end: e, language: language ?? lang ?? "en")
        }
        return nil
    }

    /// `2026-08-03`, `17/08/2026`, `17/08/26`, `17.08.2026`, `17-08-2026`,
    /// `17/08` (two-digit parts, or after "le", "du", "au", "on"…).
    func numeric(at k: Int) -> Loose? {
        guard let a = number(k), let s1 = punct(k + 1), adjacent(k + 1), let b = number(k + 2), adjacent(k + 2) else {
            return nil
        }
        if a.digits == 4, s1 == "-", punct(k + 3) == "-", adjacent(k + 3), let c = number(k + 4), adjacent(k + 4),
            c.digits <= 2, b.digits <= 2,
            CivilDate.isValid(year: a.number, month: b.number, day: c.number)
        {
            if number(k + 6) != nil && adjacent(k + 5) && adjacent(k + 6) && punct(k + 5) != nil { return nil }
            return Loose(day: c.number, month: b.number, year: a.number, end: k + 5, language: nil, numeric: true)
        }
        guard ["/", ".", "-"].contains(s1), a.digits <= 2, b.digits <= 2 else { return nil }
        var year: Int?
        var end = k + 3
        if punct(k + 3) == s1, adjacent(k + 3), let c = number(k + 4), adjacent(k + 4), c.digits == 2 || c.digits == 4 {
            year = c.digits == 2 ? 2000 + c.number : c.number
            end = k + 5
        }
        // Part of a longer sequence ("1/2/3/4", "12.5.3").
        if punct(end) != nil, adjacent(end), number(end + 1) != nil, adjacent(end + 1) { return nil }
        if year == nil {
            guard s1 == "/" else { return nil }
            let cue = ["le", "du", "au", "on", "until", "till", "from", "des", "depuis", "avant", "apres", "before", "after", "by", "jusqu au"]
            guard (a.digits == 2 && b.digits == 2) || cue.contains(lead(before: k)) || cue.contains(word(k - 1) ?? "") else {
                return nil
            }
        }
        var day = a.number
        var month = b.number
        var language: String?
        if month > 12 && day <= 12 {
            swap(&day, &month)
            language = "en"
        }
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        if let y = year, !CivilDate.isValid(year: y, month: month, day: day) { return nil }
        return Loose(day: day, month: month, year: year, end: end, language: language, numeric: true)
    }

    func resolve(_ l: Loose) -> CivilDate? {
        guard let month = l.month else {
            guard let ref = reference else { return nil }
            // A day alone: this month, or the next one if it has passed.
            if l.day >= ref.day, CivilDate.isValid(year: ref.year, month: ref.month, day: l.day) {
                return CivilDate(year: ref.year, month: ref.month, day: l.day)
            }
            let next = ref.month == 12 ? CivilDate(year: ref.year + 1, month: 1, day: 1) : CivilDate(year: ref.year, month: ref.month + 1, day: 1)
            return CivilDate.isValid(year: next.year, month: next.month, day: l.day)
                ? CivilDate(year: next.year, month: next.month, day: l.day) : nil
        }
        if let year = l.year {
            return CivilDate.isValid(year: year, month: month, day: l.day) ? CivilDate(year: year, month: month, day: l.day) : nil
        }
        guard let ref = reference else { return nil }
        return CivilDate.nearest(month: month, day: l.day, to: ref)
    }

    /// The words a date expression can start with.
    static let triggers: Set<String> = {
        var words: Set<String> = [
            "le", "la", "the", "ce", "this", "next", "demain", "apres", "aujourd", "tomorrow", "today", "tonight",
            "day", "du", "from", "entre", "between",
        ]
        words.formUnion(monthPrefixes.keys)
        words.formUnion(frenchMonths.keys)
        words.formUnion(englishMonths.keys)
        words.formUnion(sharedMonths.keys)
        words.formUnion(frenchWeekdays.keys)
        words.formUnion(englishWeekdays.keys)
        return words
    }()

    static let rangeStarts: Set<String> = ["du", "from", "entre", "between"]
    static let rangeLinks: Set<String> = ["au", "to", "until", "till", "through", "thru", "et", "and", "-", "a"]

    /// Every date expression, left to right, without overlaps.
    func scan() -> [FoundDate] {
        var result: [FoundDate] = []
        var k = 0
        while k < tokens.count {
            let token = tokens[k]
            // Only numbers and a few words can start a date.
            guard token.kind == .number || (token.kind == .word && DateScanner.triggers.contains(token.text)) else {
                k += 1
                continue
            }
            if let found = range(at: k) ?? single(at: k) ?? relative(at: k) {
                result.append(found)
                k = found.tokens.upperBound
            } else {
                k += 1
            }
        }
        return result
    }

    func range(at start: Int) -> FoundDate? {
        var k = start
        if let w = word(k), DateScanner.rangeStarts.contains(w) { k += 1 }
        if word(k) == "le" || word(k) == "the" { k += 1 }
        guard let first = loose(at: k, dayOnly: true), !first.numeric || first.month != nil else { return nil }
        var j = first.end
        var linkWords: [String] = []
        while linkWords.count < 2, let w = word(j) ?? punct(j), DateScanner.rangeLinks.contains(w) || w == "jusqu" || w == "'" || w == "le" || w == "the" {
            linkWords.append(w)
            j += 1
        }
        guard !linkWords.isEmpty, let second = loose(at: j, dayOnly: true) else { return nil }
        guard first.month != nil || second.month != nil else {
            // "du 3 au 10": days of this month (or the next), French only.
            guard word(start) == "du", linkWords == ["au"], first.day < second.day, first.language == nil,
                second.end == j + 1, !(word(j + 1).map { DateScanner.ordinalSuffixes.contains($0) || $0 == "h" } ?? false)
            else { return nil }
            let from = resolve(first)
            let to = from.flatMap { f in
                CivilDate.isValid(year: f.year, month: f.month, day: second.day)
                    ? CivilDate(year: f.year, month: f.month, day: second.day) : nil
            }
            return FoundDate(tokens: start..<second.end, from: from, to: to, isRange: true, language: "fr", lead: lead(before: start, count: 3))
        }
        // "et"/"and" only after "entre"/"between".
        if (linkWords.contains("et") || linkWords.contains("and")) && !["entre", "between"].contains(word(start) ?? "") { return nil }
        // A bare "-" between two full dates is fine; between numbers it must touch them ("3-17 août").
        if linkWords == ["-"] && first.month == nil && !(adjacent(first.end) && adjacent(first.end + 1)) { return nil }
        var a = first
        var b = second
        if a.month == nil { a.month = b.month }
        if b.month == nil { b.month = a.month }
        if a.year == nil { a.year = b.year }
        let from = resolve(a)
        var to: CivilDate?
        if let from, let m = b.month {
            var year = b.year ?? from.year
            if b.year == nil && CivilDate.isValid(year: year, month: m, day: b.day) && CivilDate(year: year, month: m, day: b.day) < from {
                year += 1
            }
            to = CivilDate.isValid(year: year, month: m, day: b.day) ? CivilDate(year: year, month: m, day: b.day) : nil
        }
        let language = a.language ?? b.language ?? (["du", "au", "entre"].contains(where: { linkWords.contains($0) || word(start) == $0 }) ? "fr" : linkWords.contains("to") ? "en" : nil)
        var found = FoundDate(tokens: start..<second.end, from: from, to: to, isRange: true, language: language, lead: lead(before: start, count: 3))
        found.hasYear = a.year != nil
        return found
    }

    func single(at k: Int) -> FoundDate? {
        guard let l = loose(at: k, dayOnly: false) else {
            // A day alone after "jusqu'au", "until the", "till the".
            let lead = self.lead(before: k)
            let ordinal = word(k + 1).map { ["st", "nd", "rd", "th"].contains($0) } ?? false
            if ["jusqu au", "until the", "till the", "until", "au", "retour le", "back on", "on the"].contains(lead),
                lead != "au" || self.lead(before: k - 1).hasPrefix("jusqu"),
                lead != "on the" || ordinal,
                let l = loose(at: k, dayOnly: true), l.month == nil
            {
                let language = lead.hasPrefix("jusqu") || lead == "au" || lead == "retour le" ? "fr" : "en"
                return FoundDate(tokens: k..<l.end, from: resolve(l), to: nil, isRange: false, language: language, lead: self.lead(before: k, count: 3))
            }
            return nil
        }
        var found = FoundDate(tokens: k..<l.end, from: resolve(l), to: nil, isRange: false, language: l.language, lead: lead(before: k, count: 3))
        found.hasYear = l.year != nil
        return found
    }

    func relative(at k: Int) -> FoundDate? {
        let ref = reference
        func found(_ end: Int, _ days: Int?, _ language: String) -> FoundDate {
            let date = days.flatMap { d in ref.map { $0.adding(days: d) } }
            return FoundDate(tokens: k..<end, from: date, to: nil, isRange: false, language: language, lead: lead(before: k, count: 3))
        }
        if let period = period(at: k) { return period }
        switch word(k) {
        case "demain": return found(k + 1, 1, "fr")
        case "apres" where punct(k + 1) == "-" && word(k + 2) == "demain": return found(k + 3, 2, "fr")
        case "aujourd" where punct(k + 1) == "'" && word(k + 2) == "hui": return found(k + 3, 0, "fr")
        case "tomorrow": return found(k + 1, 1, "en")
        case "today", "tonight": return found(k + 1, 0, "en")
        case "day" where word(k + 1) == "after" && word(k + 2) == "tomorrow": return found(k + 3, 2, "en")
        case "ce" where weekday(k + 1) != nil && word(k + 2) != "prochain":
            return weekdayDate(k, end: k + 2, weekday: weekday(k + 1)!.0, strict: false, language: "fr")
        case "this" where weekday(k + 1) != nil:
            return weekdayDate(k, end: k + 2, weekday: weekday(k + 1)!.0, strict: false, language: "en")
        case "next" where weekday(k + 1) != nil:
            return weekdayDate(k, end: k + 2, weekday: weekday(k + 1)!.0, strict: true, language: "en")
        default: break
        }
        if let (day, language) = weekday(k) {
            if word(k + 1) == "prochain" || word(k + 1) == "prochaine" {
                return weekdayDate(k, end: k + 2, weekday: day, strict: true, language: "fr")
            }
            let lead = self.lead(before: k)
            let cues: Set<String> = ["on", "from", "until", "till", "by", "retour", "a", "jusqu a", "d ici", "des", "avant", "before", "after", "apres"]
            if cues.contains(lead) || cues.contains(word(k - 1) ?? "") {
                return weekdayDate(k, end: k + 1, weekday: day, strict: false, language: language)
            }
        }
        return nil
    }

    /// "la semaine prochaine", "next week", "ce week-end", "this weekend",
    /// "le mois prochain", "next month".
    func period(at k: Int) -> FoundDate? {
        if let found = monthOnly(at: k) { return found }
        var j = k
        var unit: String?
        var language = "fr"
        if ["la", "le"].contains(word(j)) { j += 1 }
        if word(j) == "semaine" && word(j + 1) == "prochaine" {
            unit = "week"
            j += 2
        } else if word(j) == "mois" && word(j + 1) == "prochain" {
            unit = "month"
            j += 2
        } else if word(k) == "next" && ["week", "month"].contains(word(k + 1)) {
            unit = word(k + 1)
            j = k + 2
            language = "en"
        } else if ["ce", "this"].contains(word(k)) && word(k + 1) == "weekend" {
            unit = "weekend"
            j = k + 2
            language = word(k) == "ce" ? "fr" : "en"
        } else if word(k) == "ce" && word(k + 1) == "week" && punct(k + 2) == "-" && word(k + 3) == "end" {
            unit = "weekend"
            j = k + 4
        }
        guard let unit else { return nil }
        var date: CivilDate?
        if let ref = reference {
            switch unit {
            case "week": date = ref.adding(days: (8 - ref.weekday) % 7 == 0 ? 7 : (8 - ref.weekday) % 7)
            case "weekend": date = ref.adding(days: 6 - ref.weekday)  // Saturday (yesterday on a Sunday)
            default: date = ref.month == 12 ? CivilDate(year: ref.year + 1, month: 1, day: 1) : CivilDate(year: ref.year, month: ref.month + 1, day: 1)
            }
        }
        var found = FoundDate(tokens: k..<j, from: date, to: nil, isRange: false, language: language, lead: lead(before: k, count: 3))
        found.granularity = unit
        return found
    }

    static let monthPrefixes: [String: String] = [
        "en": "fr", "fin": "fr", "debut": "fr", "mi": "fr", "courant": "fr", "in": "en", "early": "en", "late": "en",
        "mid": "en",
    ]

    /// A month without a day: "en août", "jusqu'en mars", "fin août", "mi-août",
    /// "in August", "late August 2027". Value: the first day (the 15th after
    /// "mi"/"mid", the last day after "fin"/"late"); granularity "month".
    func monthOnly(at k: Int) -> FoundDate? {
        guard let prefix = word(k), let prefixLanguage = DateScanner.monthPrefixes[prefix] else { return nil }
        var m = k + 1
        if punct(m) == "-" { m += 1 }
        guard let (month, monthLanguage) = month(m) else { return nil }
        var end = m + 1
        var year: Int?
        if let y = number(end), y.digits == 4, (1900...2200).contains(y.number) {
            year = y.number
            end += 1
        } else if number(end) != nil {
            return nil  // "en août 3" is not a month alone; the day scanner reads it
        }
        var date: CivilDate?
        let resolvedYear = year ?? reference.flatMap { CivilDate.nearest(month: month, day: 15, to: $0)?.year }
        if let y = resolvedYear {
            let day: Int
            switch prefix {
            case "mi", "mid": day = 15
            case "fin", "late": day = CivilDate.daysIn(year: y, month: month)
            default: day = 1
            }
            date = CivilDate(year: y, month: month, day: day)
        }
        var found = FoundDate(tokens: k..<end, from: date, to: nil, isRange: false,
                              language: monthLanguage ?? prefixLanguage, lead: lead(before: k, count: 3))
        found.granularity = "month"
        found.hasYear = year != nil
        return found
    }

    func weekdayDate(_ k: Int, end: Int, weekday: Int, strict: Bool, language: String) -> FoundDate {
        var date: CivilDate?
        if let ref = reference {
            var delta = (weekday - ref.weekday + 7) % 7
            if delta == 0 && strict { delta = 7 }
            if delta == 0 && !strict && language == "en" { delta = 7 }
            date = ref.adding(days: delta)
        }
        return FoundDate(tokens: k..<end, from: date, to: nil, isRange: false, language: language, lead: lead(before: k, count: 3))
    }
}
