/// Hashtags, mentions and links found in plain text, for the exports that do
/// not list them (Facebook, Instagram, LinkedIn).
public enum TextEntities {
    /// `#word` preceded by the text's start or a non-word character; without the `#`.
    public static func hashtags(in text: String) -> [String] {
        // No `#` byte, no hashtag (no other character is canonically
        // equivalent to `#`): most texts skip the walk over their characters.
        guard utf8Contains(text, 0x23) else { return [] }
        return tokens(after: "#", in: text, extra: [])
    }

    /// `@handle` (and `@handle@instance`) as written, with the `@`.
    public static func mentions(in text: String) -> [String] {
        tokens(after: "@", in: text, extra: [".", "@", "-"]).map { "@" + $0 }
    }

    /// `http://` and `https://` links, up to the next space, without trailing
    /// punctuation (`.`, `,`, `)`, `»`…).
    public static func links(in text: String) -> [String] {
        var result: [String] = []
        var rest = text[...]
        while let start = rest.range(of: "http") {
            let tail = rest[start.lowerBound...]
            guard tail.hasPrefix("http://") || tail.hasPrefix("https://") else {
                rest = rest[start.upperBound...]
                continue
            }
            var end = tail.firstIndex(where: { $0.isWhitespace || $0 == "<" || $0 == "\"" || $0 == "»" }) ?? tail.endIndex
            while end > tail.startIndex, let last = tail[..<end].last, ".,;:!?)]'’".contains(last) {
                end = tail.index(before: end)
            }
            let link = String(tail[..<end])
            if link.count > 8 { result.append(link) }
            rest = tail[end...]
            if end == tail.startIndex { rest = rest.dropFirst() }
        }
        return result
    }

    private static func isWord(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }

    private static func tokens(after marker: Character, in text: String, extra: Set<Character>) -> [String] {
        var result: [String] = []
        var previous: Character?
        var current: String?
        func finish() {
            if var token = current {
                while let last = token.last, extra.contains(last) { token.removeLast() }
                if !token.isEmpty { result.append(token) }
            }
            current = nil
        }
        for c in text {
            if current != nil {
                if isWord(c) || extra.contains(c) {
                    current!.append(c)
                    previous = c
                    continue
                }
                finish()
            }
            if c == marker, previous.map({ !isWord($0) && $0 != "&" && !extra.contains($0) }) ?? true {
                current = ""
            }
            previous = c
        }
        finish()
        return result
    }
}
