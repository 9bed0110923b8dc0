extension Detectors {
    /// E-mail addresses, plain (`prenom.nom@exemple.fr`) or obfuscated
    /// (`prenom [at] exemple [dot] fr`, `prenom (arobase) exemple.fr`,
    /// `prenom at exemple dot com`, `prenom @ exemple . fr`). Value: the
    /// address, lower-cased; attribute "obfuscated" = "true" for the second kind.
    ///
    /// Fediverse handles (`@nom@instance.social`) are not addresses and are
    /// skipped. Obfuscated forms need a known top-level domain; the bare word
    /// "at" counts only when the dots are spelt out too.
    public static func emails(in text: String) -> [TextMatch] { emails(ScanText(text)) }

    static func emails(_ t: ScanText) -> [TextMatch] {
        var result: [TextMatch] = []
        var i = 0
        var lastEnd = 0
        let s = t.s
        while i < s.count {
            // Only "@", an opening bracket, or "ar…"/"at" can start a sign:
            // skip the other scalars in a tight loop.
            i = s.withUnsafeBufferPointer { s in
                var k = i
                while k < s.count {
                    let c = s[k]
                    if c == 0x40 || isOpener(c) || (c == 0x61 && k + 1 < s.count && (s[k + 1] == 0x72 || s[k + 1] == 0x74)) {
                        break
                    }
                    k += 1
                }
                return k
            }
            guard i < s.count else { break }
            guard let at = atSign(t, i) else {
                i += 1
                continue
            }
            // The local part, before the sign (and its spaces).
            var localEnd = at.start
            if at.obfuscated {
                while localEnd > lastEnd && t.isSpace(localEnd - 1) && at.start - localEnd < 2 { localEnd -= 1 }
            }
            var localStart = localEnd
            while localStart > lastEnd && isLocalScalar(t.s[localStart - 1]) { localStart -= 1 }
            while localStart < localEnd && (t.s[localStart] == 0x2E || t.s[localStart] == 0x2D) { localStart += 1 }
            let precededByAt = t[localStart - 1] == 0x40
            guard localStart < localEnd, !precededByAt,
                let domain = emailDomain(t, from: at.end, spelledDots: at.obfuscated, requireSpelled: at.bareWord)
            else {
                i = at.end
                continue
            }
            let obfuscated = at.obfuscated || domain.obfuscated
            if obfuscated && !knownTopLevelDomains.contains(domain.labels.last!) {
                i = at.end
                continue
            }
            let local = t.string(localStart..<localEnd)
            let value = local + "@" + domain.labels.joined(separator: ".")
            var m = t.match("email", localStart..<domain.end, value: value)
            if obfuscated {
                m.attributes["obfuscated"] = "true"
            } else {
                // Keep the original letters of the local part (accents) but lower-case them.
                m.value = m.text.lowercased()
            }
            result.append(m)
            lastEnd = domain.end
            i = domain.end
        }
        return result
    }

    private static func isLocalScalar(_ c: UInt32) -> Bool {
        Scalar.isWord(c) || c == 0x2E || c == 0x2D || c == 0x2B || c == 0x25
    }

    private struct AtSign {
        var start: Int
        var end: Int
        var obfuscated: Bool
        /// The unbracketed word "at", which needs spelt-out dots.
        var bareWord: Bool
    }

    @inline(__always) private static func isOpener(_ c: UInt32) -> Bool { c == 0x5B || c == 0x28 || c == 0x7B || c == 0x3C }
    @inline(__always) private static func isCloser(_ c: UInt32) -> Bool { c == 0x5D || c == 0x29 || c == 0x7D || c == 0x3E }
    private static let atWords = ["arobase", "arobas", "at", "@"]
    private static let dotWords = ["dot", "point", "pt", "."]

    /// An "@" or one of its spelt-out forms at `i`.
    private static func atSign(_ t: ScanText, _ i: Int) -> AtSign? {
        let c = t.s[i]
        // Fast exit: only "@", an opening bracket, or "a" after a space can start one.
        guard c == 0x40 || isOpener(c) || (c == 0x61 && t.isSpace(i - 1)) else { return nil }
        if c == 0x40 {
            // "nom @ exemple.fr"
            let spaced = t.isSpace(i - 1) && t.isSpace(i + 1)
            return AtSign(start: i, end: spaced ? t.skipSpaces(from: i + 1, limit: 2) : i + 1, obfuscated: spaced, bareWord: false)
        }
        if let (word, end) = bracketedWord(t, i, words: atWords) {
            _ = word
            return AtSign(start: i, end: t.skipSpaces(from: end, limit: 2), obfuscated: true, bareWord: false)
        }
        // " arobase " or " at " between spaces.
        if t.isSpace(i - 1) {
            for word in ["arobase", "arobas", "at"] where t.hasPrefix(word, at: i) {
                let e = i + word.count
                if t.isSpace(e) && t.isWord(t.skipSpaces(from: e, limit: 2)) {
                    return AtSign(start: i, end: t.skipSpaces(from: e, limit: 2), obfuscated: true, bareWord: word == "at")
                }
            }
        }
        return nil
    }

    /// `[word]`, `(word)`, `{word}`, `<word>` with optional inner spaces.
    private static func bracketedWord(_ t: ScanText, _ i: Int, words: [String]) -> (String, Int)? {
        guard isOpener(t[i]) else { return nil }
        let k = t.skipSpaces(from: i + 1, limit: 2)
        for word in words where t.hasPrefix(word, at: k) {
            let e = t.skipSpaces(from: k + word.unicodeScalars.count, limit: 2)
            if isCloser(t[e]) { return (word, e + 1) }
        }
        return nil
    }

    private struct Domain {
        var labels: [String]
        var end: Int
        var obfuscated: Bool
    }

    /// `label(.label)+` from `i`, where a dot may be spelt out when `spelledDots`.
    private static func emailDomain(_ t: ScanText, from i: Int, spelledDots: Bool, requireSpelled: Bool) -> Domain? {
        var labels: [String] = []
        var p = i
        var end = i
        var obfuscated = false
        while true {
            let labelEnd = t.run(from: p) { Scalar.isDigit($0) || ($0 >= 97 && $0 <= 122) || $0 == 0x2D }
            guard labelEnd > p else { break }
            labels.append(t.string(p..<labelEnd))
            end = labelEnd
            // A separator.
            if t[labelEnd] == 0x2E && Scalar.isWord(t[labelEnd + 1]) {
                p = labelEnd + 1
                continue
            }
            guard spelledDots else { break }
            let k = t.skipSpaces(from: labelEnd, limit: 2)
            if let (_, e) = bracketedWord(t, k, words: dotWords) {
                p = t.skipSpaces(from: e, limit: 2)
                obfuscated = true
                continue
            }
            if k > labelEnd {
                var next: Int?
                for word in ["dot", "point", "."] where t.hasPrefix(word, at: k) {
                    let e = k + word.count
                    if t.isSpace(e) || word == "." { next = t.skipSpaces(from: e, limit: 2) }
                }
                if let next, Scalar.isASCIILetter(t[next]) {
                    p = next
                    obfuscated = true
                    continue
                }
            }
            break
        }
        while let last = labels.last, last.hasSuffix("-") || last.isEmpty { labels.removeLast() }
        guard labels.count >= 2, let tld = labels.last, tld.count >= 2, tld.unicodeScalars.allSatisfy({ Scalar.isASCIILetter($0.value) })
        else { return nil }
        if requireSpelled && !obfuscated { return nil }
        guard !Scalar.isWord(t[end]) else { return nil }
        return Domain(labels: labels, end: end, obfuscated: obfuscated)
    }

    /// Top-level domains accepted for obfuscated addresses: those of the
    /// Public Suffix List.
    static let knownTopLevelDomains: Set<String> = PublicSuffixes.topLevelDomains
}
