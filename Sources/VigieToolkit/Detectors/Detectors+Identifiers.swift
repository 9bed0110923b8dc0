extension Detectors {
    /// IBANs (ISO 13616) of the countries of the IBAN registry
    /// (Generated/IBANRegistry.swift: SWIFT's registry and the national IBANs
    /// of the franc zone, Maghreb and others), with or without spaces or
    /// hyphens (`FR76 3000 6000 0112 3456 7890 189`, `ES 58 0049 0290 …` with
    /// the upper-case country apart): the country's length,
    /// the country's BBAN structure (digits where it requires digits,
    /// letters where it requires letters) and mod 97 must all hold; an IBAN
    /// that fails one is not reported. Value: upper case, without spaces;
    /// attributes "country" and "checksum" = "valid".
    public static func ibans(in text: String) -> [TextMatch] { ibans(ScanText(text)) }

    /// French social-security numbers (NIR): 13 characters and a 2-digit key
    /// equal to 97 − (number mod 97), with 2A/2B for Corsica (counted as 19
    /// and 18), written together or with spaces, dots or hyphens
    /// (`1 85 05 78 006 084 36`). First digit 1, 2 (also 3, 4, 7, 8 for
    /// temporary numbers). A wrong key is not reported. Value: the 15
    /// characters; attributes "country" = "FR", "checksum" = "valid".
    public static func nirs(in text: String) -> [TextMatch] { nirs(ScanText(text)) }

    /// Canadian social insurance numbers: 9 digits grouped 3-3-3 with spaces
    /// or hyphens (`123 456 789`, `123-456-789`), or together after a cue
    /// ("NAS", "SIN", "assurance sociale", "social insurance"); the Luhn
    /// check must pass and the first digit is not 0 or 8. Value: the 9
    /// digits; attributes "country" = "CA", "checksum" = "valid".
    public static func sins(in text: String) -> [TextMatch] { sins(ScanText(text)) }

    static func ibans(_ t: ScanText) -> [TextMatch] { ibanScan(t, shapes: false).matches }

    /// One pass for the valid IBANs and, with `shapes`, the runs shaped like
    /// an IBAN (`ibanShape`), in normalised offsets.
    static func ibanScan(_ t: ScanText, shapes: Bool) -> (matches: [TextMatch], shapes: [Range<Int>]) {
        // Check digits follow the country code (in IBANs and their shapes).
        guard t.digitCount > 0 else { return ([], []) }
        var matches: [TextMatch] = []
        var found: [Range<Int>] = []
        let n = t.count
        var i = 0
        while i + 4 <= n {
            // Only two letters then a digit or a space can start one: skip the rest in a tight loop.
            i = t.s.withUnsafeBufferPointer { s in
                var k = i
                while k + 4 <= n {
                    if Scalar.isASCIILetter(s[k]) && Scalar.isASCIILetter(s[k + 1]) {
                        let c = s[k + 2]
                        let digits =
                            Scalar.isDigit(c) ? Scalar.isDigit(s[k + 3])
                            : c == 0x20 && k + 4 < n && Scalar.isDigit(s[k + 3]) && Scalar.isDigit(s[k + 4])
                        // At a word start (the full check is `isWord` below).
                        if digits && (k == 0 || !Scalar.isASCIILetter(s[k - 1])) { break }
                    }
                    k += 1
                }
                return k
            }
            guard i + 4 <= n else { break }
            var next = i + 1
            if !t.isWord(i - 1) {
                if let (m, end) = iban(t, at: i) {
                    matches.append(m)
                    next = end
                }
                // (Not skipped over: a valid IBAN may start inside a longer run.)
                if shapes, let r = ibanShape(t, at: i) { found.append(r) }
            }
            i = next
        }
        return (matches, found)
    }

    /// The valid IBAN at `i` (after a word boundary) and its end.
    private static func iban(_ t: ScanText, at i: Int) -> (TextMatch, Int)? {
        // "FR76…", or "ES 58…" with the country in upper case.
        guard (t.isDigit(i + 2) && t.isDigit(i + 3))
            || (t[i + 2] == 0x20 && t.isDigit(i + 3) && t.isDigit(i + 4) && t.isCapitalized(at: i)
                && t.isCapitalized(at: i + 1)),
            let spec = IBANRegistry.specs[IBANRegistry.key(t.s[i] | 0x20, t[i + 1] | 0x20)]
        else { return nil }
        var chars: [UInt32] = []
        var p = i
        var end = i
        var structured = true
        while chars.count < spec.length && p < t.count {
            let c = t.s[p]
            if Scalar.isDigit(c) || Scalar.isASCIILetter(c) {
                if chars.count >= 4 {
                    switch spec.bban[chars.count - 4] {
                    case 0x6E: structured = structured && Scalar.isDigit(c)
                    case 0x61: structured = structured && Scalar.isASCIILetter(c)
                    default: break
                    }
                }
                chars.append(c)
                p += 1
                end = p
            } else if (c == 0x20 || c == 0x2D) && (chars.count >= 4 || (chars.count == 2 && c == 0x20))
                && (t.isDigit(p + 1) || Scalar.isASCIILetter(t[p + 1]))
            {
                p += 1
            } else {
                break
            }
        }
        guard chars.count == spec.length, structured, !t.isWord(end), !mixedCase(t, i..<end) else { return nil }
        let value = String(String.UnicodeScalarView(chars.compactMap(Unicode.Scalar.init))).uppercased()
        guard ibanChecksumIsValid(value) else { return nil }
        let m = t.match("iban", i..<end, value: value, attributes: ["country": String(value.prefix(2)), "checksum": "valid"])
        return (m, end)
    }

    /// A run shaped like an IBAN at `i` (after a word boundary) whatever the
    /// country, length and check digits: two letters (upper case in the
    /// original) and two digits (or apart: `ES 58 0049 …`), then groups of
    /// four (or three) letters or digits (the last shorter) or one block, 15
    /// to 34 characters in all, at least half digits.
    private static func ibanShape(_ t: ScanText, at i: Int) -> Range<Int>? {
        guard (t.isDigit(i + 2) && t.isDigit(i + 3)) || (t[i + 2] == 0x20 && t.isDigit(i + 3) && t.isDigit(i + 4)),
            t.isCapitalized(at: i), t.isCapitalized(at: i + 1)
        else { return nil }
        var count = 0
        var digits = 0
        var p = i
        var end = i
        if t[i + 2] == 0x20 {
            guard t[i + 5] == 0x20, Scalar.isDigit(t[i + 6]) || Scalar.isASCIILetter(t[i + 6]) else { return nil }
            count = 4
            digits = 2
            p = i + 6
        }
        while p < t.count {
            let groupStart = p
            while Scalar.isDigit(t[p]) || Scalar.isASCIILetter(t[p]) {
                if Scalar.isDigit(t[p]) { digits += 1 }
                p += 1
            }
            let size = p - groupStart
            count += size
            end = p
            // Grouped by four (or three): go on after a separator.
            guard size == 4 || (size == 3 && count > 4), t[p] == 0x20 || t[p] == 0x2D,
                Scalar.isDigit(t[p + 1]) || Scalar.isASCIILetter(t[p + 1])
            else { break }
            p += 1
        }
        guard (15...34).contains(count), digits * 2 >= count, !t.isWord(end) else { return nil }
        return i..<end
    }

    /// Whether the letters of `range` mix upper and lower case in the
    /// original (`LV80 bANK …`: a mangled IBAN).
    private static func mixedCase(_ t: ScanText, _ range: Range<Int>) -> Bool {
        var upper = false
        var lower = false
        for k in range where Scalar.isASCIILetter(t.s[k]) {
            if t.isCapitalized(at: k) { upper = true } else { lower = true }
            if upper && lower { return true }
        }
        return false
    }

    /// ISO 13616 check of an IBAN without spaces (upper case): check digits
    /// from 02 to 98, and mod 97 gives 1.
    public static func ibanChecksumIsValid(_ iban: String) -> Bool {
        let scalars = Array(iban.unicodeScalars)
        guard scalars.count >= 5 else { return false }
        guard (48...57).contains(scalars[2].value), (48...57).contains(scalars[3].value),
            (2...98).contains(Int(scalars[2].value - 48) * 10 + Int(scalars[3].value - 48))
        else { return false }
        var remainder = 0
        for scalar in scalars[4...] + scalars[..<4] {
            let v = scalar.value
            if v >= 48 && v <= 57 {
                remainder = (remainder * 10 + Int(v - 48)) % 97
            } else if v >= 65 && v <= 90 {
                remainder = (remainder * 100 + Int(v - 55)) % 97
            } else {
                return false
            }
        }
        return remainder == 1
    }

    static func nirs(_ t: ScanText) -> [TextMatch] {
        guard t.digitCount > 0 else { return [] }
        var result: [TextMatch] = []
        var i = 0
        while i < t.count {
            // A NIR starts with a digit.
            i = t.nextDigit(from: i)
            guard i < t.count else { break }
            guard (0x31...0x34).contains(t.s[i]) || t.s[i] == 0x37 || t.s[i] == 0x38, !t.isWord(i - 1),
                !((t[i - 1] == 0x2E || t[i - 1] == 0x2D || t[i - 1] == 0x2C) && t.isDigit(i - 2))
            else {
                i += 1
                continue
            }
            var chars: [UInt32] = []
            var p = i
            var end = i
            while chars.count < 15 && p < t.count {
                let c = t.s[p]
                let corsica = chars.count == 6 && chars[5] == 0x32 && (c == 0x61 || c == 0x62)
                if Scalar.isDigit(c) || corsica {
                    chars.append(c)
                    p += 1
                    end = p
                } else if (c == 0x20 || c == 0x2E || c == 0x2D) && (t.isDigit(p + 1) || (chars.count == 6 && (t[p + 1] == 0x61 || t[p + 1] == 0x62))) {
                    p += 1
                } else {
                    break
                }
            }
            guard chars.count == 15, !t.isWord(end), let value = nirValue(chars) else {
                i += 1
                continue
            }
            result.append(t.match("nir", i..<end, value: value, attributes: ["country": "FR", "checksum": "valid"]))
            i = end
        }
        return result
    }

    /// The NIR in upper case if its key is right.
    static func nirValue(_ chars: [UInt32]) -> String? {
        let text = String(String.UnicodeScalarView(chars.compactMap(Unicode.Scalar.init))).uppercased()
        return nirKeyIsValid(text) ? text : nil
    }

    /// Checks the key of a 15-character NIR (digits, 2A or 2B in positions 6–7).
    public static func nirKeyIsValid(_ nir: String) -> Bool {
        let chars = Array(nir.uppercased().unicodeScalars)
        guard chars.count == 15 else { return false }
        var number = 0
        for (k, c) in chars[..<13].enumerated() {
            var d: Int
            if c.value >= 48 && c.value <= 57 {
                d = Int(c.value - 48)
            } else if k == 6 && chars[5] == "2" && (c == "A" || c == "B") {
                // 2A → 19, 2B → 18: rewrite the department's first digit too.
                d = c == "A" ? 9 : 8
                number = number - 2 + 1
            } else {
                return false
            }
            number = number * 10 + d
        }
        guard let key = Int(String(String.UnicodeScalarView(chars[13...]))) else { return false }
        return key == 97 - number % 97
    }

    static let sinCues: Set<String> = ["nas", "sin", "sociale", "social", "insurance", "assurance"]

    static func sins(_ t: ScanText) -> [TextMatch] {
        guard t.digitCount > 0 else { return [] }
        var result: [TextMatch] = []
        var i = 0
        while i < t.count {
            i = t.nextDigit(from: i)
            guard i < t.count else { break }
            guard t.isDigit(i), !t.isWord(i - 1), !((t[i - 1] == 0x2E || t[i - 1] == 0x2D || t[i - 1] == 0x2C) && t.isDigit(i - 2))
            else {
                i += 1
                continue
            }
            let first = t.run(from: i, while: Scalar.isDigit)
            var end: Int?
            if first - i == 3, t[first] == 0x20 || t[first] == 0x2D {
                let sep = t.s[first]
                let second = t.run(from: first + 1, while: Scalar.isDigit)
                if second - first - 1 == 3, t[second] == sep {
                    let third = t.run(from: second + 1, while: Scalar.isDigit)
                    if third - second - 1 == 3 { end = third }
                }
            } else if first - i == 9 && hasCue(t, before: i, in: sinCues, words: 5) {
                end = first
            }
            guard let e = end, !t.isWord(e), !((t[e] == 0x20 || t[e] == 0x2D || t[e] == 0x2E || t[e] == 0x2C) && t.isDigit(e + 1))
            else {
                i = first
                continue
            }
            let digits = (i..<e).filter { t.isDigit($0) }.map { Scalar.digit(t.s[$0]) }
            let after = t[t.skipSpaces(from: e)]
            let amount = after == 0x20AC || after == 0x24 || t.hasPrefix("euro", at: t.skipSpaces(from: e))
            guard digits[0] != 0 && digits[0] != 8, !amount, luhn(digits) else {
                i = e
                continue
            }
            let value = PhoneCandidate.string(digits)
            result.append(t.match("sin", i..<e, value: value, attributes: ["country": "CA", "checksum": "valid"]))
            i = e
        }
        return result
    }

    /// The Luhn check.
    public static func luhn(_ digits: [Int]) -> Bool {
        var sum = 0
        for (k, d) in digits.reversed().enumerated() {
            if k % 2 == 1 {
                let doubled = d * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += d
            }
        }
        return sum % 10 == 0
    }
}
