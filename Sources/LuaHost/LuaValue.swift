/// A Lua value on the Swift side of the boundary.
///
/// Tables whose keys are exactly `1...n` come back as `.array`; any other
/// table as `.table`. Strings are UTF-8 (a Lua string that is not valid
/// UTF-8 is decoded with replacement characters). Functions, coroutines and
/// userdata cannot leave the sandbox: they come back as `.opaque(typeName)`.
public enum LuaValue: Sendable, Hashable {
    case `nil`
    case boolean(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([LuaValue])
    case table([LuaValue: LuaValue])
    case opaque(String)
}

extension LuaValue {
    /// Lua's name of the value's type (`"table"` for arrays too).
    public var typeName: String {
        switch self {
        case .nil: "nil"
        case .boolean: "boolean"
        case .integer, .number: "number"
        case .string: "string"
        case .array, .table: "table"
        case .opaque(let name): name
        }
    }

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
    public var arrayValue: [LuaValue]? {
        switch self {
        case .array(let a): a
        case .table(let t) where t.isEmpty: []
        default: nil
        }
    }

    /// The entries of a table; an array's entries are keyed by `.integer`.
    public var tableValue: [LuaValue: LuaValue]? {
        switch self {
        case .table(let t): t
        case .array(let a):
            Dictionary(uniqueKeysWithValues: a.enumerated().map { (LuaValue.integer(Int64($0.offset + 1)), $0.element) })
        default: nil
        }
    }

    /// Field access on tables by string key (`nil` for anything else).
    public subscript(key: String) -> LuaValue {
        if case .table(let t) = self { return t[.string(key)] ?? .nil }
        return .nil
    }

    /// Element access on arrays, 1-based as in Lua.
    public subscript(index: Int) -> LuaValue {
        switch self {
        case .array(let a): return index >= 1 && index <= a.count ? a[index - 1] : .nil
        case .table(let t): return t[.integer(Int64(index))] ?? .nil
        default: return .nil
        }
    }
}

extension LuaValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .nil }
    public init(booleanLiteral value: Bool) { self = .boolean(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: LuaValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, LuaValue)...) {
        var t: [LuaValue: LuaValue] = [:]
        for (k, v) in elements { t[.string(k)] = v }
        self = .table(t)
    }
}
