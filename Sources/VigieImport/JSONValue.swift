import VigieModel
/// A parsed JSON value that keeps the order of object members (Instagram's
/// language-dependent keys are recognised by position and structure).
enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// A string, or a number written as a string (X/Twitter writes ids and
    /// counts as strings, other exports as numbers).
    var text: String? {
        switch self {
        case .string(let s): return s
        case .number(let n): return n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
        default: return nil
        }
    }

    /// A non-empty string, trimmed of surrounding whitespace is not applied.
    var nonEmptyString: String? {
        guard let s = string, !s.isEmpty else { return nil }
        return s
    }

    /// A number, or a decimal number written as a string; never infinite
    /// or NaN (`"inf"`, `"nan"`, hexadecimal are not numbers here).
    var double: Double? {
        switch self {
        case .number(let n):
            return n.isFinite ? n : nil
        case .string(let s):
            guard !s.isEmpty, s.utf8.count <= 64,
                s.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2D || $0 == 0x2B || $0 == 0x65 || $0 == 0x45 }),
                let n = Double(s), n.isFinite
            else { return nil }
            return n
        default:
            return nil
        }
    }

    var bool: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    var array: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The array, or an empty one when absent or of another type.
    var items: [JSONValue] { array ?? [] }

    var members: [(key: String, value: JSONValue)]? {
        if case .object(let m) = self { return m }
        return nil
    }

    var isObject: Bool { members != nil }
}
