import Foundation

extension LuaValue: CustomStringConvertible {
    /// A readable, Lua-like rendering with keys in a stable order.
    public var description: String { rendered(indent: nil) }

    /// Renders the value; with `indent`, tables span several lines.
    public func rendered(indent: String? = "  ", maxDepth: Int = 16) -> String {
        var out = ""
        render(into: &out, indent: indent, level: 0, maxDepth: maxDepth)
        return out
    }

    private func render(into out: inout String, indent: String?, level: Int, maxDepth: Int) {
        switch self {
        case .nil: out += "nil"
        case .boolean(let b): out += b ? "true" : "false"
        case .integer(let i): out += String(i)
        case .number(let d): out += LuaValue.format(number: d)
        case .string(let s): out += LuaValue.quoted(s)
        case .opaque(let t): out += "<\(t)>"
        case .array(let a):
            renderEntries(a.map { (nil, $0) }, into: &out, indent: indent, level: level, maxDepth: maxDepth)
        case .table(let t):
            let entries = t.sorted { LuaValue.keyOrder($0.key, $1.key) }.map { (Optional($0.key), $0.value) }
            renderEntries(entries, into: &out, indent: indent, level: level, maxDepth: maxDepth)
        }
    }

    private func renderEntries(
        _ entries: [(LuaValue?, LuaValue)], into out: inout String, indent: String?, level: Int, maxDepth: Int
    ) {
        if entries.isEmpty {
            out += "{}"
            return
        }
        if level >= maxDepth {
            out += "{...}"
            return
        }
        out += "{"
        for (n, (key, value)) in entries.enumerated() {
            if let indent {
                out += "\n" + String(repeating: indent, count: level + 1)
            } else {
                out += n == 0 ? " " : ", "
            }
            if let key {
                if case .string(let s) = key, LuaValue.isIdentifier(s) {
                    out += s
                } else {
                    out += "["
                    key.render(into: &out, indent: nil, level: level + 1, maxDepth: maxDepth)
                    out += "]"
                }
                out += " = "
            }
            value.render(into: &out, indent: indent, level: level + 1, maxDepth: maxDepth)
            if indent != nil { out += "," }
        }
        if let indent {
            out += "\n" + String(repeating: indent, count: level) + "}"
        } else {
            out += " }"
        }
    }

    static func format(number d: Double) -> String {
        if d.isNaN { return d.sign == .minus ? "-nan" : "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        if d == d.rounded(), abs(d) < 1e16 { return String(format: "%.1f", d) }
        return String(format: "%.14g", d)
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7f {
                    out += "\\" + String(scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic)
        else { return false }
        let keywords: Set<String> = [
            "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in",
            "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while",
        ]
        return !keywords.contains(s)
            && s.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }

    /// Numbers first (by value), then strings (by code points), then the rest.
    static func keyOrder(_ a: LuaValue, _ b: LuaValue) -> Bool {
        switch (a, b) {
        case (.integer, .string), (.number, .string): return true
        case (.string, .integer), (.string, .number): return false
        case (.string(let x), .string(let y)): return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars)
        default:
            if let x = a.doubleValue, let y = b.doubleValue { return x < y }
            return a.typeName < b.typeName
        }
    }
}
