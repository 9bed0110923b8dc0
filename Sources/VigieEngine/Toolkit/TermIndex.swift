import VigieModel

/// A word in folded text with its scalar offsets in the folded text.
struct FoldedToken {
    var text: String
    var start: Int
    var end: Int
}

enum Tokenizer {
    static func isWord(_ s: Unicode.Scalar) -> Bool {
        s.properties.isAlphabetic || s.properties.numericType != nil
    }

    /// Words (runs of letters and digits) of an already folded text.
    static func tokens(folded: String) -> [FoldedToken] {
        var out: [FoldedToken] = []
        var current = String.UnicodeScalarView()
        var start = 0
        var i = 0
        for s in folded.unicodeScalars {
            if isWord(s) {
                if current.isEmpty { start = i }
                current.append(s)
            } else if !current.isEmpty {
                out.append(FoldedToken(text: String(current), start: start, end: i))
                current = String.UnicodeScalarView()
            }
            i += 1
        }
        if !current.isEmpty { out.append(FoldedToken(text: String(current), start: start, end: i)) }
        return out
    }
}

/// A match of the text helpers, in Unicode-scalar offsets of the original
/// text (`stop` excluded).
struct ScalarMatch {
    var kind: String
    var text: String
    var start: Int
    var stop: Int
    var value: String?
    var category: String?
    var weight: Double?
    var attributes: [String: String] = [:]

    var luaValue: LuaValue {
        var t: [LuaValue: LuaValue] = [
            "kind": .string(kind), "text": .string(text), "start": .integer(Int64(start)), "stop": .integer(Int64(stop)),
        ]
        if let value { t["value"] = .string(value) }
        if let category { t["category"] = .string(category) }
        if let weight { t["weight"] = .number(weight) }
        if !attributes.isEmpty {
            var a: [LuaValue: LuaValue] = [:]
            for (k, v) in attributes { a[.string(k)] = .string(v) }
            t["attributes"] = .table(a)
        }
        return .table(t)
    }
}

import LuaHost

/// Folded multi-word terms indexed by their first word: matching costs one
/// dictionary look-up per word of the text, whatever the number of terms.
final class TermIndex {
    struct Term {
        var term: String
        var words: [String]
        var category: String?
        var weight: Double?
    }

    private var byFirstWord: [String: [Int]] = [:]
    private var terms: [Term] = []
    /// Terms that are not made of whole words (punctuation only…), matched as substrings.
    private var substrings: [Int] = []
    let wholeWords: Bool

    init(terms input: [(term: String, category: String?, weight: Double?)], wholeWords: Bool) {
        self.wholeWords = wholeWords
        for item in input {
            let folded = TextNormalizer.standard.fold(item.term)
            let words = Tokenizer.tokens(folded: folded).map(\.text)
            let index = terms.count
            terms.append(Term(term: item.term, words: words, category: item.category, weight: item.weight))
            if words.isEmpty || !wholeWords {
                substrings.append(index)
            } else {
                byFirstWord[words[0], default: []].append(index)
            }
        }
        // Longer terms first, so that "projet aurore" wins over "projet".
        for key in byFirstWord.keys {
            byFirstWord[key]!.sort { terms[$0].words.count > terms[$1].words.count }
        }
    }

    var count: Int { terms.count }

    func matches(in text: String, kind: String = "term") -> [ScalarMatch] {
        let normalized = TextNormalizer.standard.normalize(text)
        let tokens = Tokenizer.tokens(folded: normalized.text)
        var out: [ScalarMatch] = []
        let scalars = Array(text.unicodeScalars)
        func excerpt(_ r: Range<Int>) -> String {
            let lo = max(0, min(r.lowerBound, scalars.count)), hi = max(lo, min(r.upperBound, scalars.count))
            return String(String.UnicodeScalarView(scalars[lo..<hi]))
        }
        var i = 0
        while i < tokens.count {
            var matched = false
            if let candidates = byFirstWord[tokens[i].text] {
                for c in candidates {
                    let words = terms[c].words
                    guard i + words.count <= tokens.count else { continue }
                    var ok = true
                    for k in 1..<max(1, words.count) where tokens[i + k].text != words[k] {
                        ok = false
                        break
                    }
                    if ok {
                        let range = normalized.originalRange(for: tokens[i].start..<tokens[i + words.count - 1].end)
                        out.append(ScalarMatch(kind: kind, text: excerpt(range), start: range.lowerBound,
                                               stop: range.upperBound, value: terms[c].term,
                                               category: terms[c].category, weight: terms[c].weight))
                        i += words.count
                        matched = true
                        break
                    }
                }
            }
            if !matched { i += 1 }
        }
        for c in substrings {
            for range in normalized.originalRanges(of: terms[c].term, wholeWords: false) {
                out.append(ScalarMatch(kind: kind, text: excerpt(range), start: range.lowerBound, stop: range.upperBound,
                                       value: terms[c].term, category: terms[c].category, weight: terms[c].weight))
            }
        }
        if !substrings.isEmpty { out.sort { ($0.start, $0.stop) < ($1.start, $1.stop) } }
        return out
    }
}
