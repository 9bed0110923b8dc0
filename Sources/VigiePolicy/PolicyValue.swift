import Foundation

/// A value a policy gives as data (a plugin parameter, its default): what a
/// Lua table can hold, functions excepted. Tables whose keys are exactly
/// `1...n` are arrays; an empty table is `.table([:])`.
public enum PolicyValue: Hashable, Sendable {
    case `nil`
    case boolean(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([PolicyValue])
    /// Keys are strings or numbers.
    case table([PolicyValue: PolicyValue])
}

extension PolicyValue {
    public var isNil: Bool { if case .nil = self { true } else { false } }

    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }

    public var boolValue: Bool? { if case .boolean(let b) = self { b } else { nil } }

    public var intValue: Int? {
        switch self {
        case .integer(let i): Int(exactly: i)
        case .number(let d): Int(exactly: d)
        default: nil
        }
    }

    public var doubleValue: Double? {
        switch self {
        case .integer(let i): Double(i)
        case .number(let d): d
        default: nil
        }
    }

    /// The elements of an array (an empty table counts as an empty array).
    public var arrayValue: [PolicyValue]? {
        switch self {
        case .array(let a): a
        case .table(let t) where t.isEmpty: []
        default: nil
        }
    }

    /// Field access on tables by string key (`.nil` for anything else).
    public subscript(key: String) -> PolicyValue {
        if case .table(let t) = self { return t[.string(key)] ?? .nil }
        return .nil
    }
}

extension PolicyValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .nil }
    public init(booleanLiteral value: Bool) { self = .boolean(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: PolicyValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, PolicyValue)...) {
        var t: [PolicyValue: PolicyValue] = [:]
        for (k, v) in elements { t[.string(k)] = v }
        self = .table(t)
    }
}

/// As JSON: tables are objects (numeric keys written as text), arrays
/// arrays, `nil` null.
extension PolicyValue: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .nil }
        else if let b = try? c.decode(Bool.self) { self = .boolean(b) }
        else if let i = try? c.decode(Int64.self) { self = .integer(i) }
        else if let d = try? c.decode(Double.self) { self = .number(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([PolicyValue].self) { self = .array(a) }
        else {
            let m = try c.decode([String: PolicyValue].self)
            var t: [PolicyValue: PolicyValue] = [:]
            for (k, v) in m { t[.string(k)] = v }
            self = .table(t)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .nil: try c.encodeNil()
        case .boolean(let b): try c.encode(b)
        case .integer(let i): try c.encode(i)
        case .number(let d): try c.encode(d)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .table(let t):
            var m: [String: PolicyValue] = [:]
            for (k, v) in t { m[k.stringValue ?? k.description] = v }
            try c.encode(m)
        }
    }
}

extension PolicyValue: CustomStringConvertible {
    /// A Lua literal on one line, keys in a stable order: `{ a = 1, b = { "x" } }`.
    public var description: String {
        var out = ""
        render(into: &out)
        return out
    }

    private func render(into out: inout String) {
        switch self {
        case .nil: out += "nil"
        case .boolean(let b): out += b ? "true" : "false"
        case .integer(let i): out += String(i)
        case .number(let d): out += Self.format(number: d)
        case .string(let s): out += Self.quoted(s)
        case .array(let a): Self.renderEntries(a.map { (nil, $0) }, into: &out)
        case .table(let t):
            Self.renderEntries(t.sorted { Self.keyOrder($0.key, $1.key) }.map { (Optional($0.key), $0.value) }, into: &out)
        }
    }

    private static func renderEntries(_ entries: [(PolicyValue?, PolicyValue)], into out: inout String) {
        guard !entries.isEmpty else {
            out += "{}"
            return
        }
        out += "{"
        for (n, (key, value)) in entries.enumerated() {
            out += n == 0 ? " " : ", "
            if let key {
                if case .string(let s) = key, isIdentifier(s) {
                    out += s
                } else {
                    out += "["
                    key.render(into: &out)
                    out += "]"
                }
                out += " = "
            }
            value.render(into: &out)
        }
        out += " }"
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
    static func keyOrder(_ a: PolicyValue, _ b: PolicyValue) -> Bool {
        switch (a, b) {
        case (.integer, .string), (.number, .string): return true
        case (.string, .integer), (.string, .number): return false
        case (.string(let x), .string(let y)): return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars)
        default:
            if let x = a.doubleValue, let y = b.doubleValue { return x < y }
            return a.typeOrder < b.typeOrder
        }
    }

    private var typeOrder: String {
        switch self {
        case .nil: "nil"
        case .boolean: "boolean"
        case .integer, .number: "number"
        case .string: "string"
        case .array, .table: "table"
        }
    }
}
