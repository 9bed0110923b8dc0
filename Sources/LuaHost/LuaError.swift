/// An error from Lua or from the sandbox, with where it happened.
///
/// `description` reads like a compiler diagnostic:
/// `rules.lua:12: error: attempt to index a nil value (field 'text')`;
/// `diagnostic(source:)` adds the offending line and the traceback.
public struct LuaError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The chunk does not compile.
        case syntax
        /// The script raised an error.
        case runtime
        /// A limit stopped the script.
        case limit(LuaLimit)
        /// A value could not cross the boundary.
        case conversion
        /// The host itself failed (out of memory while handing a value over).
        case host
    }

    public var kind: Kind
    /// The message without its `chunk:line:` prefix.
    public var message: String
    /// The chunk name as the user knows it (a file path, `=stdin`…).
    public var chunk: String?
    public var line: Int?
    /// Lua's traceback, when the error came from running code.
    public var traceback: String?

    public init(kind: Kind, message: String, chunk: String? = nil, line: Int? = nil, traceback: String? = nil) {
        self.kind = kind
        self.message = message
        self.chunk = chunk
        self.line = line
        self.traceback = traceback
    }

    /// The limit that stopped the script, if any.
    public var limit: LuaLimit? {
        if case .limit(let l) = kind { return l }
        return nil
    }

    public var location: String? {
        guard let chunk else { return nil }
        if let line { return "\(chunk):\(line)" }
        return chunk
    }

    public var description: String {
        let label: String
        switch kind {
        case .syntax: label = "syntax error"
        case .limit(let l): label = "error (\(l.rawValue))"
        default: label = "error"
        }
        if let location { return "\(location): \(label): \(message)" }
        return "\(label): \(message)"
    }

    /// The diagnostic with the offending source line (when `source` is the
    /// chunk's text) and, if `includeTraceback`, Lua's traceback.
    public func diagnostic(source: String? = nil, includeTraceback: Bool = true) -> String {
        var out = description
        if let source, let line, line >= 1 {
            let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
            if line <= lines.count {
                let gutter = String(line)
                let pad = String(repeating: " ", count: gutter.count)
                let text = String(lines[line - 1]).map { $0 == "\t" ? "    " : String($0) }.joined()
                let indent = text.prefix { $0 == " " }.count
                let body = text.dropFirst(indent).reversed().drop { $0 == " " || $0 == "\r" }.count
                out += "\n\(pad) |\n\(gutter) | \(text)\n\(pad) | "
                    + String(repeating: " ", count: indent) + String(repeating: "^", count: max(1, body))
            }
        }
        if includeTraceback, let traceback, !traceback.isEmpty {
            out += "\n" + traceback
        }
        return out
    }

    static let tooDeep = LuaError(kind: .limit(.resultDepth), message: "value nested too deeply")
}

