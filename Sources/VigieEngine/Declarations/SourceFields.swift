import Foundation
import LuaHost

/// Finds the line of a field inside a declaration, so that a mistake
/// points at the faulty field (`severity = "grave"` three lines below
/// `rule "x" {`) rather than at the declaration's first line.
///
/// Lua does not date the fields of a table constructor, so the source is
/// read: from the declaration's line, the first `{` opens the spec; the
/// field is a `name =` at the spec's own level (not inside a nested
/// table). Strings, long strings and comments are skipped. With a
/// `needle`, the line of that text inside the field's value (an example's
/// text, a step's id) is given when it is there.
final class SourceFields {
    /// Sources known without reading a file (the policy given as text).
    private var texts: [String: [Substring]] = [:]

    init(known: [String: String] = [:]) {
        for (file, text) in known { texts[file] = Self.split(text) }
    }

    func remember(_ file: String, source: String) {
        texts[file] = Self.split(source)
    }

    private static func split(_ text: String) -> [Substring] {
        text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    private func lines(of file: String) -> [Substring]? {
        if let known = texts[file] { return known }
        guard texts.count < 256, let data = FileManager.default.contents(atPath: file),
            let text = String(data: data, encoding: .utf8)
        else { return nil }
        let split = Self.split(text)
        texts[file] = split
        return split
    }

    /// The line (1-based) of `field` in the declaration starting on `line`
    /// of `file`, or of `needle` within that field's value; nil when it is
    /// not found.
    func line(of field: String, needle: String? = nil, in file: String, declaredAt line: Int) -> Int? {
        find(field, needle: needle, in: file, declaredAt: line)?.line
    }

    /// The line of `field` (or of `needle` inside it), and whether the
    /// needle was found there.
    func find(_ field: String, needle: String?, in file: String, declaredAt line: Int) -> (line: Int, foundNeedle: Bool)? {
        guard let lines = lines(of: file), line >= 1, line <= lines.count else { return nil }
        var scanner = Scanner(lines: lines, line: line - 1)
        var depth = 0
        var fieldLine: Int?
        while let token = scanner.next() {
            // The spec's table opens on the declaration's line or the next
            // one; otherwise the spec is not written there (a variable).
            if depth == 0, token.line > line { return nil }
            switch token.kind {
            case .open:
                depth += 1
            case .close:
                depth -= 1
                if depth <= 0 { return fieldLine.map { ($0, false) } }
            case .name(let name):
                if fieldLine == nil, depth == 1, name == field, scanner.followedByAssignment() {
                    fieldLine = token.line + 1
                    if needle == nil { return (token.line + 1, false) }
                }
            case .string(let content):
                if fieldLine != nil, let needle, content.contains(needle) { return (token.line + 1, true) }
            case .separator:
                // The field's value ended (at the spec's level) without the needle.
                if let found = fieldLine, depth == 1 { return (found, false) }
            }
        }
        return fieldLine.map { ($0, false) }
    }

    /// A small Lua tokenizer: braces, names, strings, commas; the rest skipped.
    struct Scanner {
        enum Kind: Equatable {
            case open, close, separator
            case name(String)
            case string(String)
        }

        struct Token {
            var kind: Kind
            var line: Int
        }

        let lines: [Substring]
        var line: Int
        var bytes: [UInt8]
        var index = 0
        /// Lines scanned at most (a declaration is never longer).
        var budget = 5000

        init(lines: [Substring], line: Int) {
            self.lines = lines
            self.line = line
            bytes = Array(lines[line].utf8)
        }

        private mutating func nextLine() -> Bool {
            line += 1
            budget -= 1
            guard line < lines.count, budget > 0 else { return false }
            bytes = Array(lines[line].utf8)
            index = 0
            return true
        }

        /// Whether the rest of the current line, after spaces, is `=` (not `==`).
        func followedByAssignment() -> Bool {
            var i = index
            while i < bytes.count, bytes[i] == 32 || bytes[i] == 9 { i += 1 }
            guard i < bytes.count, bytes[i] == UInt8(ascii: "=") else { return false }
            return i + 1 >= bytes.count || bytes[i + 1] != UInt8(ascii: "=")
        }

        /// The level of a long bracket at `i` (`[[` → 0, `[==[` → 2), or nil.
        private func longBracket(at i: Int) -> Int? {
            guard i < bytes.count, bytes[i] == UInt8(ascii: "[") else { return nil }
            var j = i + 1
            var level = 0
            while j < bytes.count, bytes[j] == UInt8(ascii: "=") {
                level += 1
                j += 1
            }
            return j < bytes.count && bytes[j] == UInt8(ascii: "[") ? level : nil
        }

        /// Skips to the end of a long bracket of `level`; returns its content.
        private mutating func skipLong(level: Int) -> String {
            let close = [UInt8(ascii: "]")] + Array(repeating: UInt8(ascii: "="), count: level) + [UInt8(ascii: "]")]
            var content: [UInt8] = []
            while true {
                while index < bytes.count {
                    if bytes[index] == close[0], index + close.count <= bytes.count,
                        Array(bytes[index..<(index + close.count)]) == close
                    {
                        index += close.count
                        return String(decoding: content, as: UTF8.self)
                    }
                    content.append(bytes[index])
                    index += 1
                }
                content.append(10)
                guard nextLine() else { return String(decoding: content, as: UTF8.self) }
            }
        }

        mutating func next() -> Token? {
            while true {
                if index >= bytes.count {
                    guard nextLine() else { return nil }
                    continue
                }
                let c = bytes[index]
                switch c {
                case UInt8(ascii: "{"):
                    index += 1
                    return Token(kind: .open, line: line)
                case UInt8(ascii: "}"):
                    index += 1
                    return Token(kind: .close, line: line)
                case UInt8(ascii: ","), UInt8(ascii: ";"):
                    index += 1
                    return Token(kind: .separator, line: line)
                case UInt8(ascii: "-") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "-"):
                    index += 2
                    if let level = longBracket(at: index) {
                        index += level + 2
                        _ = skipLong(level: level)
                    } else {
                        index = bytes.count
                    }
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    let start = line
                    index += 1
                    var content: [UInt8] = []
                    while index < bytes.count, bytes[index] != c {
                        if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count {
                            content.append(bytes[index + 1])
                            index += 2
                            continue
                        }
                        content.append(bytes[index])
                        index += 1
                    }
                    index += 1
                    return Token(kind: .string(String(decoding: content, as: UTF8.self)), line: start)
                case UInt8(ascii: "["):
                    if let level = longBracket(at: index) {
                        let start = line
                        index += level + 2
                        return Token(kind: .string(skipLong(level: level)), line: start)
                    }
                    index += 1
                default:
                    if c == UInt8(ascii: "_") || (c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "z")) {
                        let start = index
                        while index < bytes.count,
                            bytes[index] == UInt8(ascii: "_")
                                || (bytes[index] | 0x20 >= UInt8(ascii: "a") && bytes[index] | 0x20 <= UInt8(ascii: "z"))
                                || (bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9"))
                        {
                            index += 1
                        }
                        return Token(kind: .name(String(decoding: bytes[start..<index], as: UTF8.self)), line: line)
                    }
                    index += 1
                }
            }
        }
    }

    /// `__vigie_fn_src_field(file, line, field, needle)`: what
    /// `vigie/declarations.lua` asks to point a mistake at its field.
    func register(in state: LuaState, environment env: LuaEnvironment) throws(LuaError) -> [String] {
        try state.register("__vigie_fn_src_field", in: env) { [unowned self] args in
            guard let file = args.string(1), let line = args.integer(2), let field = args.string(3) else { return [.nil] }
            let needle = args.string(4)
            return [self.line(of: field, needle: needle, in: file, declaredAt: line).map { .integer(Int64($0)) } ?? .nil]
        }
        return ["__vigie_fn_src_field"]
    }
}
