extension Detectors {
    /// `http://` and `https://` links and links starting with `www.`, up to
    /// the next space or quote, without trailing punctuation (a closing
    /// parenthesis stays when the link opened one). A link without a scheme
    /// needs a host that ends in a public suffix with a label other than
    /// `www` before it (`www.exemple.co.il`, not `www.exemple` nor `www.microsoft`). Kind "url"; value: the
    /// link as written; attribute "domain": its host, lower-cased, without
    /// `www.`.
    public static func links(in text: String) -> [TextMatch] { links(ScanText(text)) }

    /// Domain names: bare ones (`exemple.fr`, `boutique.exemple.qc.ca`,
    /// `example.co.il`, `t.co`) that end in a suffix of the Public Suffix List
    /// (Generated/PublicSuffixes.swift, ICANN section) with at least one label
    /// before it, and the hosts of links (the match covers the host inside
    /// the link). Not a public suffix alone (`co.uk`, `www.microsoft`: `www`
    /// is no registrable label), not a capitalised last
    /// label (`fini.Moi`: a sentence without its space), not the domain of an
    /// e-mail address. Value: lower-cased, without `www.`.
    public static func domains(in text: String) -> [TextMatch] { domains(ScanText(text)) }

    static func links(_ t: ScanText) -> [TextMatch] {
        linkSpans(t).map { span in
            t.match("url", span.range, attributes: ["domain": span.domain])
        }.map { m in
            var m = m
            m.value = m.text
            return m
        }
    }

    struct LinkSpan {
        var range: Range<Int>
        var host: Range<Int>
        var domain: String
    }

    private static let linkStoppers: Set<UInt32> = [0x3C, 0x3E, 0x22, 0xAB, 0xBB, 0x201C, 0x201D, 0x2026, 0x60]

    static func linkSpans(_ t: ScanText) -> [LinkSpan] {
        var result: [LinkSpan] = []
        var i = 0
        while i < t.count {
            var hostStart: Int?
            if t.s[i] == 0x68, !t.isWord(i - 1) {
                if t.hasPrefix("https://", at: i) { hostStart = i + 8 } else if t.hasPrefix("http://", at: i) { hostStart = i + 7 }
            } else if t.s[i] == 0x77, !t.isWord(i - 1), t[i - 1] != 0x2E, t[i - 1] != 0x2F, t.hasPrefix("www.", at: i) {
                hostStart = i
            }
            guard let hs = hostStart else {
                i += 1
                continue
            }
            var e = hs
            var parens = 0
            while e < t.count {
                let c = t.s[e]
                if Scalar.isSpace(c) || linkStoppers.contains(c) { break }
                if c == 0x28 { parens += 1 }
                if c == 0x29 { parens -= 1 }
                e += 1
            }
            // Trailing punctuation.
            while e > hs {
                let c = t.s[e - 1]
                if [0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x27, 0x5D].contains(c) {
                    e -= 1
                } else if c == 0x29 && parens < 0 {
                    parens += 1
                    e -= 1
                } else {
                    break
                }
            }
            var he = hs
            while he < e && (t.isWord(he) || t.s[he] == 0x2E || t.s[he] == 0x2D) { he += 1 }
            var host = t.string(hs..<he)
            while host.hasSuffix(".") { host.removeLast() }
            let schemeless = hs == i
            guard host.contains(".") || host == "localhost", e > hs,
                !schemeless || registrableDomain(host.split(separator: ".").map(String.init)) != nil
            else {
                i = max(i + 1, e)
                continue
            }
            var domain = host
            if domain.hasPrefix("www.") { domain.removeFirst(4) }
            result.append(LinkSpan(range: i..<e, host: hs..<(hs + host.unicodeScalars.count), domain: domain))
            i = e
        }
        return result
    }

    static func domains(_ t: ScanText) -> [TextMatch] {
        let spans = linkSpans(t)
        var result: [TextMatch] = spans.map { span in
            t.match("domain", span.host, value: span.domain)
        }
        let emailOriginal = emails(t).map { $0.start..<$0.end }
        var i = 0
        while i < t.count {
            guard t.isWord(i), !t.isWord(i - 1), ![0x2E, 0x40, 0x2F, 0x3A, 0x2D, 0x5F].contains(t[i - 1]),
                !spans.contains(where: { $0.range.contains(i) })
            else {
                i += 1
                continue
            }
            var labels: [Range<Int>] = []
            var p = i
            while true {
                let e = t.run(from: p) { Scalar.isDigit($0) || ($0 >= 97 && $0 <= 122) || $0 == 0x2D }
                guard e > p else { break }
                labels.append(p..<e)
                if t[e] == 0x2E && (t.isDigit(e + 1) || Scalar.isASCIILetter(t[e + 1])) {
                    p = e + 1
                } else {
                    break
                }
            }
            let end = labels.last?.upperBound ?? i + 1
            guard labels.count >= 2, !t.isWord(end), t[end] != 0x40,
                PublicSuffixes.topLevelDomains.contains(t.string(labels.last!)),
                !labels.contains(where: { t.s[$0.lowerBound] == 0x2D || t.s[$0.upperBound - 1] == 0x2D }),
                !capitalizedWord(t, labels.last!),
                registrableDomain(labels.map { t.string($0) }) != nil
            else {
                i = max(i + 1, t.run(from: i, while: Scalar.isWord))
                continue
            }
            var value = t.string(i..<end)
            if value.hasPrefix("www.") { value.removeFirst(4) }
            let m = t.match("domain", i..<end, value: value)
            if !emailOriginal.contains(where: { $0.lowerBound < m.end && m.start < $0.upperBound }) {
                result.append(m)
            }
            i = end
        }
        return sortedUnique(result)
    }

    /// The label before the public suffix and the suffix (`example.co.il`),
    /// or nil when the name is a public suffix itself or its top-level label
    /// is not in the list.
    static func registrableDomain(_ labels: [String]) -> String? {
        guard labels.count >= 2, !labels.contains(where: \.isEmpty),
            let suffix = PublicSuffixes.suffixLength(of: labels), suffix < labels.count,
            labels[labels.count - suffix - 1] != "www"
        else { return nil }
        return labels.suffix(suffix + 1).joined(separator: ".")
    }

    /// Whether the label at `range` is written as a capitalised word ("Moi").
    private static func capitalizedWord(_ t: ScanText, _ range: Range<Int>) -> Bool {
        guard range.count > 1, t.isCapitalized(at: range.lowerBound) else { return false }
        return range.dropFirst().contains { t.isLetter($0) && !t.isCapitalized(at: $0) }
    }
}
