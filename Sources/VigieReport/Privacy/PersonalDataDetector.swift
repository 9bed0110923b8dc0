/// Finds personal data in free text: phone numbers, e-mail addresses, postal
/// addresses, identifiers (IBAN, NIR, SIN)… Ranges count Unicode scalars
/// from the start of `text`, end excluded, like `EvidenceSpan`.
///
/// The engine passes the text toolkit's detectors; `BasicPersonalDataDetector`
/// is the fallback that reports need no toolkit for.
public protocol PersonalDataDetector: Sendable {
    func spans(in text: String) -> [Range<Int>]
}

/// The fallback detector: e-mail addresses, and runs of at least nine digits
/// joined by spaces, dots, dashes, slashes or brackets (phone numbers, and most
/// identifiers: NIR, SIN, the digits of an IBAN). Dates (eight digits) are left alone.
public struct BasicPersonalDataDetector: PersonalDataDetector {
    /// The fewest digits a run needs to count as a number to mask.
    public var minimumDigits: Int

    public init(minimumDigits: Int = 9) {
        self.minimumDigits = minimumDigits
    }

    public func spans(in text: String) -> [Range<Int>] {
        let scalars = Array(text.unicodeScalars)
        return (emails(scalars) + digitRuns(scalars)).sorted { $0.lowerBound < $1.lowerBound }
    }

    func emails(_ s: [Unicode.Scalar]) -> [Range<Int>] {
        func local(_ c: Unicode.Scalar) -> Bool {
            c.properties.isAlphabetic || ("0"..."9").contains(c) || "._%+-'".unicodeScalars.contains(c)
        }
        func domain(_ c: Unicode.Scalar) -> Bool {
            c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "." || c == "-"
        }
        var found: [Range<Int>] = []
        var i = 0
        while i < s.count {
            guard s[i] == "@" else {
                i += 1
                continue
            }
            var from = i
            while from > 0, local(s[from - 1]) { from -= 1 }
            while from < i, !(s[from].properties.isAlphabetic || ("0"..."9").contains(s[from])) { from += 1 }
            var to = i + 1
            while to < s.count, domain(s[to]) { to += 1 }
            while to > i + 1, s[to - 1] == "." || s[to - 1] == "-" { to -= 1 }
            let host = String(String.UnicodeScalarView(s[(i + 1)..<to]))
            let labels = host.split(separator: ".")
            if from < i, labels.count >= 2, let tld = labels.last, tld.count >= 2 {
                found.append(from..<to)
                i = to
            } else {
                i += 1
            }
        }
        return found
    }

    func digitRuns(_ s: [Unicode.Scalar]) -> [Range<Int>] {
        func digit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }
        func separator(_ c: Unicode.Scalar) -> Bool {
            " .-/()\u{00A0}\u{202F}\u{2009}".unicodeScalars.contains(c)
        }
        var found: [Range<Int>] = []
        var i = 0
        while i < s.count {
            guard digit(s[i]) || ((s[i] == "+" || s[i] == "(") && i + 1 < s.count && digit(s[i + 1])) else {
                i += 1
                continue
            }
            // Not the tail of a word or a longer token (`A320123456`).
            if i > 0, s[i - 1].properties.isAlphabetic {
                while i < s.count, digit(s[i]) || s[i].properties.isAlphabetic { i += 1 }
                continue
            }
            let from = i
            var end = i
            var digits = 0
            var j = i
            if s[j] == "+" || s[j] == "(" { j += 1 }
            while j < s.count {
                if digit(s[j]) {
                    digits += 1
                    j += 1
                    end = j
                    if j < s.count, s[j] == ")" {
                        j += 1
                        end = j
                    }
                    continue
                }
                // At most two separators between digit groups (`) `, ` - `).
                var k = j
                while k < s.count, k - j < 3, separator(s[k]) { k += 1 }
                if k > j, k < s.count, digit(s[k]) || (s[k] == "(" && k + 1 < s.count && digit(s[k + 1])) {
                    j = s[k] == "(" ? k + 1 : k
                } else {
                    break
                }
            }
            if digits >= minimumDigits, end == s.count || !s[end].properties.isAlphabetic {
                found.append(from..<end)
            }
            i = max(end, i + 1)
        }
        return found
    }
}
