import LuaHost
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
        // Sized for every field up front (no growth while filling it).
        var t = [LuaValue: LuaValue](minimumCapacity: 8)
        t["kind"] = .string(kind)
        t["text"] = .string(text)
        t["start"] = .integer(Int64(start))
        t["stop"] = .integer(Int64(stop))
        if let value { t["value"] = .string(value) }
        if let category { t["category"] = .string(category) }
        if let weight { t["weight"] = .number(weight) }
        if !attributes.isEmpty {
            var a = [LuaValue: LuaValue](minimumCapacity: attributes.count)
            for (k, v) in attributes { a[.string(k)] = .string(v) }
            t["attributes"] = .table(a)
        }
        return .table(t)
    }
}

