/// What the user is completing, worked out from the text before the cursor.
public enum ReplCompletionRequest: Equatable, Sendable {
    /// A Lua name: `path` are the fields before it (`string.fo` → path
    /// `["string"]`, prefix `"fo"`); `method` when it follows a colon.
    case lua(path: [String], prefix: String, method: Bool)
    /// A meta-command's name after `:` (without the colon).
    case metaCommand(prefix: String)
    /// A meta-command's argument (`:load sc` → command `load`, prefix `sc`).
    case metaArgument(command: String, prefix: String)
    /// Inside a string literal: `rule_named("pas-de` → prefix `pas-de`.
    /// The policy engine completes rule and threat ids here.
    case stringLiteral(prefix: String)

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
        if let open = ReplCompletionRequest.openString(in: currentLine) {
            self = .stringLiteral(prefix: open)
            return
        }
        // The trailing run of name characters, dots and colons.
        let scalars = Array(currentLine.unicodeScalars)
        var start = scalars.count
        while start > 0, ReplCompletionRequest.isNameScalar(scalars[start - 1]) || scalars[start - 1] == "."
            || scalars[start - 1] == ":"
        {
            start -= 1
        }
        if start > 0 {
            // Inside a string, or after a number: nothing to complete.
            let before = scalars[start - 1]
            if before == "\"" || before == "'" { return nil }
        }
        let word = String(String.UnicodeScalarView(scalars[start...]))
        if let first = word.unicodeScalars.first, ("0"..."9").contains(first) { return nil }
        var parts = word.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var method = false
        var last = parts.removeLast()
        if let colon = last.firstIndex(of: ":") {
            parts.append(String(last[..<colon]))
            last = String(last[last.index(after: colon)...])
            method = true
        }
        guard !parts.contains(where: { $0.isEmpty || $0.contains(":") }), !last.contains(":") else { return nil }
        self = .lua(path: parts, prefix: last, method: method)
    }

    /// The text the candidates replace (what is before the cursor).
    public var word: String {
        switch self {
        case .lua(let path, let prefix, let method):
            guard !path.isEmpty else { return prefix }
            let head = path.dropLast().map { $0 + "." }.joined() + path[path.count - 1]
            return head + (method ? ":" : ".") + prefix
        case .metaCommand(let prefix): return ":" + prefix
        case .metaArgument(_, let prefix): return prefix
        case .stringLiteral(let prefix): return prefix
        }
    }

    /// The text of a short string left open at the end of `line`, if any.
    static func openString(in line: String) -> String? {
        var quote: Character?
        var start = line.startIndex
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
                start = line.index(after: index)
            } else if c == "-", line[index...].hasPrefix("--") {
                return nil  // a comment
            }
            index = line.index(after: index)
        }
        return quote == nil ? nil : String(line[start...])
    }

    static func isNameScalar(_ s: Unicode.Scalar) -> Bool {
        s == "_" || (s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s)))
    }
}
