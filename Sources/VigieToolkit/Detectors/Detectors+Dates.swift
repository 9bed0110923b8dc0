import Foundation

extension Detectors {
    /// Dates in French and English: `2026-08-03`, `17/08/2026`, `17/08`,
    /// `3 août`, `1er janvier 2027`, `lundi 3 août`, `August 3rd`, `3rd of
    /// August`, `Aug. 3, 2026`, ranges (`du 3 au 17 août`, `August 3-17`,
    /// `from 3 to 17 August`), relative dates (`demain`, `après-demain`,
    /// `aujourd'hui`, `lundi prochain`, `ce lundi`, `tomorrow`, `next
    /// Monday`, `on Monday`), periods (`la semaine prochaine`, `next week`,
    /// `ce week-end`, `this weekend`, `le mois prochain`, `next month`: value
    /// = the period's first day, attribute "granularity") and a day alone
    /// after "jusqu'au" or "until the".
    ///
    /// Value: the ISO date when it can be resolved — always for a full date;
    /// with `reference` (the post's date) for the others: a day and month
    /// without a year take the occurrence nearest to the reference, a day
    /// alone the next occurrence. A range has its first day as value and
    /// attributes "from" and "to". Attribute "language" ("fr", "en") when the
    /// words tell; numeric dates are read day first (`03/08` is 3 August)
    /// unless the second number is above 12.
    public static func dates(in text: String, reference: Date? = nil, timeZone: TimeZone = .current) -> [TextMatch] {
        dates(ScanText(text), reference: reference, timeZone: timeZone)
    }

    static func dates(_ t: ScanText, reference: Date?, timeZone: TimeZone) -> [TextMatch] {
        let tokens = t.tokens()
        let scanner = DateScanner(tokens: tokens, reference: reference.map { CivilDate($0, timeZone: timeZone) })
        return scanner.scan().map { found in
            let range = tokens[found.tokens.lowerBound].range.lowerBound..<tokens[found.tokens.upperBound - 1].range.upperBound
            var attributes: [String: String] = [:]
            if let language = found.language { attributes["language"] = language }
            if let granularity = found.granularity { attributes["granularity"] = granularity }
            if found.isRange {
                if let from = found.from { attributes["from"] = from.iso }
                if let to = found.to { attributes["to"] = to.iso }
            }
            return t.match("date", range, value: found.from?.iso, attributes: attributes)
        }
    }
}
