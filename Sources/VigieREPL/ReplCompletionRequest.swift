/// What the user is completing, worked out from the text before the cursor.
public enum ReplCompletionRequest: Equatable, Sendable {
    /// A Lua name: `path` are the fields before it (`string.fo` → path
    /// `["string"]`, prefix `"fo"`; `data[2].te` → `["data", "[2]"]`,
    /// an index in brackets); `method` when it follows a colon.
    case lua(path: [String], prefix: String, method: Bool)
    /// A meta-command's name after `:` (without the colon).
    case metaCommand(prefix: String)
    /// A meta-command's argument (`:load sc` → command `load`, prefix `sc`).
    case metaArgument(command: String, prefix: String)
    /// Inside a string literal: `extend "pas-de` → prefix `pas-de`, and
    /// `before` the line's text before the opening quote (`extend `), which
    /// says what is expected there (`vocab(` a vocabulary's name,
    /// `mitigates = {` a threat's id…). The policy engine completes here.
    case stringLiteral(prefix: String, before: String)

    /// Parses the text before the cursor (the whole entry so far).
    public init?(textBeforeCursor text: String) {
        let currentLine = text.split(separator: "\n", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        if !text.contains("\n"), currentLine.hasPrefix(":") {
            let body = currentLine.dropFirst()
            if let space = body.firstIndex(of: " ") {
                let name = String(body[..<space])
                let argument = body[body.index(after: space)...]
                let prefix = argument.split(separator: " ", omittingEmptySubsequences: false).last.map(String.init) ?? ""
                self = .metaArgument(command: name, prefix: prefix)
            } else {
                self = .metaCommand(prefix: String(body))
            }
            return
        }
        if let (open, before) = ReplCompletionRequest.openString(in: currentLine) {
            self = .stringLiteral(prefix: open, before: before)
            return
        }
        guard let (path, prefix, method) = ReplCompletionRequest.luaPath(endingLine: currentLine) else { return nil }
        self = .lua(path: path, prefix: prefix, method: method)
    }

    /// Reads `a.b[2].c:d` back from the end of the line: the path
    /// (`["a", "b", "[2]", "c"]`, an index written in brackets), the prefix
    /// of the name being typed (`d`) and whether it follows a colon.
    static func luaPath(endingLine line: String) -> (path: [String], prefix: String, method: Bool)? {
        let scalars = Array(line.unicodeScalars)
        var start = scalars.count
        while start > 0 {
            let s = scalars[start - 1]
            if isNameScalar(s) || s == "." || s == ":" {
                start -= 1
            } else if s == "]" {
                var open = start - 2
                while open >= 0, ("0"..."9").contains(scalars[open]) { open -= 1 }
                guard open >= 0, open < start - 2, scalars[open] == "[" else { break }
                start = open
            } else {
                break
            }
        }
        if start > 0, scalars[start - 1] == "\"" || scalars[start - 1] == "'" { return nil }
        let word = Array(scalars[start...])
        if let first = word.first, !isNameScalar(first) || ("0"..."9").contains(first) {
            if !word.isEmpty { return nil }
        }
        var path: [String] = []
        var current = ""
        var method = false
        var index = 0
        while index < word.count {
            let s = word[index]
            if method { guard isNameScalar(s) else { return nil } }
            switch s {
            case ".", ":":
                if current.isEmpty {
                    guard let last = path.last, last.hasPrefix("[") else { return nil }
                } else {
                    path.append(current)
                }
                current = ""
                method = s == ":"
            case "[":
                if !current.isEmpty { path.append(current) }
                guard !path.isEmpty else { return nil }
                var digits = ""
                index += 1
                while index < word.count, word[index] != "]" {
                    digits.unicodeScalars.append(word[index])
                    index += 1
                }
                path.append("[" + digits + "]")
                current = ""
                // After `]` only `.`, `:` or `[` may follow.
                if index + 1 < word.count, !(word[index + 1] == "." || word[index + 1] == ":" || word[index + 1] == "[") {
                    return nil
                }
                if index + 1 == word.count { return nil }
            default:
                current.unicodeScalars.append(s)
            }
            index += 1
        }
        return (path, current, method)
    }

    /// The text the candidates replace (what is before the cursor).
    public var word: String {
        switch self {
        case .lua(let path, let prefix, let method):
            guard let first = path.first else { return prefix }
            let head = path.dropFirst().reduce(first) { $1.hasPrefix("[") ? $0 + $1 : $0 + "." + $1 }
            return head + (method ? ":" : ".") + prefix
        case .metaCommand(let prefix): return ":" + prefix
        case .metaArgument(_, let prefix): return prefix
        case .stringLiteral(let prefix, _): return prefix
        }
    }

    /// The text of a short string left open at the end of `line`, if any,
    /// and the line's text before its opening quote.
    static func openString(in line: String) -> (String, String)? {
        var quote: Character?
        var start = line.startIndex
        var opening = line.startIndex
        var escaped = false
        var index = line.startIndex
        while index < line.endIndex {
            let c = line[index]
            if let q = quote {
                if escaped {
                    escaped = false
                } else if c == "\\" {
                    escaped = true
                } else if c == q {
                    quote = nil
                }
            } else if c == "\"" || c == "'" {
                quote = c
                opening = index
                start = line.index(after: index)
            } else if c == "-", line[index...].hasPrefix("--") {
                return nil  // a comment
            }
            index = line.index(after: index)
        }
        return quote == nil ? nil : (String(line[start...]), String(line[..<opening]))
    }

    static func isNameScalar(_ s: Unicode.Scalar) -> Bool {
        s == "_" || (s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s)))
    }
}
