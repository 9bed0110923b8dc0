import Foundation

/// Decodes `Decodable` types from a `LuaValue`, strictly: a value that is
/// missing, of the wrong type or not one of an enum's cases is an error
/// naming where it is (`rules[3].severity`) and what was there, never a
/// default.
///
/// - Strings, booleans, integers (a float with an exact integer value
///   too), numbers; `nil` is "nothing" and decodes only as an optional.
/// - Lists from arrays (an empty table is an empty list); structs and
///   `[String: T]` from tables with string keys; other keys are an error.
/// - Enums that are `CaseIterable` with `String` raw values report their
///   cases: `expected one of info, low, medium, high, critical, got "hgih"`.
/// - `LuaValue` itself decodes as it is (for fields that hold any value).
/// - What `LuaValueEncoder` writes as text reads back: `Date` from ISO 8601,
///   `URL` from its string, `Data` from Base64; `Decimal` from a number.
///
/// Indices in paths are Lua's, from 1.
public struct LuaValueDecoder {
    public init() {}

    public func decode<T: Decodable>(_ type: T.Type = T.self, from value: LuaValue) throws(LuaDecodingError) -> T {
        do {
            return try DecodingNode(value: value, path: []).unbox(T.self)
        } catch let error as LuaDecodingError {
            throw error
        } catch {
            throw LuaDecodingError(.invalidValue, at: [], expected: "\(T.self)", found: "\(error)")
        }
    }
}

/// One step of a path into a Lua value.
public enum LuaPathComponent: Sendable, Hashable, CustomStringConvertible {
    /// A string key.
    case field(String)
    /// An element of a list (1-based) or an integer key.
    case index(Int)

    public var description: String {
        switch self {
        case .field(let name): LuaValue.isIdentifier(name) ? name : "[\(LuaValue.quoted(name))]"
        case .index(let i): "[\(i)]"
        }
    }
}

/// A value that does not have the shape a `Decodable` type expects.
///
/// `description` reads `rules[3].severity: expected one of info, low,
/// medium, high, critical, got "hgih"`.
public struct LuaDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Problem: Sendable, Hashable {
        /// Nothing (`nil`, or no such key) where a value is required.
        case missing
        /// A value of another type.
        case wrongType
        /// A value of the right type that is not allowed: not one of an
        /// enum's cases, an integer out of range, a key that is not a string.
        case invalidValue
    }

    public var problem: Problem
    /// Where the value is, from the root of the decoded value.
    public var path: [LuaPathComponent]
    /// What was expected: `a string`, `a list`, `one of a, b`…
    public var expected: String
    /// What was there: `nothing`, `3`, `"text"`, `a table`…
    public var found: String

    public init(_ problem: Problem, at path: [LuaPathComponent], expected: String, found: String) {
        self.problem = problem
        self.path = path
        self.expected = expected
        self.found = found
    }

    /// `rules[3].severity`; empty for the root.
    public var pathDescription: String {
        var out = ""
        for (n, component) in path.enumerated() {
            if case .field(let name) = component, LuaValue.isIdentifier(name), n > 0 { out += "." }
            out += component.description
        }
        return out
    }

    public var description: String {
        let problem = "expected \(expected), got \(found)"
        return path.isEmpty ? problem : "\(pathDescription): \(problem)"
    }
}

// MARK: - Internals

/// How a found value is named in errors.
func describeFound(_ value: LuaValue) -> String {
    switch value {
    case .nil: return "nothing"
    case .boolean(let b): return b ? "true" : "false"
    case .integer(let i): return String(i)
    case .number(let d): return LuaValue.format(number: d)
    case .string(let s):
        let scalars = s.unicodeScalars
        guard scalars.count > 60 else { return LuaValue.quoted(s) }
        return LuaValue.quoted(String(String.UnicodeScalarView(scalars.prefix(60)))) + "…"
    case .array, .table: return "a table"
    case .opaque(let t): return "a \(t)"
    }
}

struct LuaPathKey: CodingKey {
    let component: LuaPathComponent

    init(_ component: LuaPathComponent) { self.component = component }
    init?(stringValue: String) { component = .field(stringValue) }
    init?(intValue: Int) { component = .index(intValue) }

    var stringValue: String {
        switch component {
        case .field(let s): s
        case .index(let i): String(i)
        }
    }

    var intValue: Int? {
        if case .index(let i) = component { return i }
        return nil
    }
}

extension LuaPathComponent {
    /// The component a coding key names: an integer key when it has an
    /// integer value spelled the same, else a field.
    init(_ key: any CodingKey) {
        if let path = key as? LuaPathKey {
            self = path.component
        } else if let i = key.intValue, key.stringValue == String(i) {
            self = .index(i)
        } else {
            self = .field(key.stringValue)
        }
    }
}

/// `[String: T]`: decoded from a table whose keys are all strings.
protocol LuaStringKeyedDictionary {
    static func decodeTable(_ node: DecodingNode) throws -> Self
}

extension Dictionary: LuaStringKeyedDictionary where Key == String, Value: Decodable {
    static func decodeTable(_ node: DecodingNode) throws -> Self {
        let entries = try node.tableEntries(expected: "a table")
        var out: [String: Value] = [:]
        out.reserveCapacity(entries.count)
        for (key, value) in entries.sorted(by: { LuaValue.keyOrder($0.key, $1.key) }) {
            guard case .string(let name) = key else {
                throw LuaDecodingError(
                    .invalidValue, at: node.path, expected: "a table with string keys", found: "the key \(describeFound(key))")
            }
            out[name] = try node.child(.field(name), value).unbox(Value.self)
        }
        return out
    }
}

/// The raw values of an enum with string raw values, for errors.
private func stringCases<E: CaseIterable & RawRepresentable>(_: E.Type) -> [String]? {
    guard E.RawValue.self == String.self else { return nil }
    return E.allCases.compactMap { $0.rawValue as? String }
}

/// A value being decoded and where it is.
struct DecodingNode: Decoder {
    let value: LuaValue
    let path: [LuaPathComponent]

    var codingPath: [any CodingKey] { path.map(LuaPathKey.init) }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func child(_ component: LuaPathComponent, _ value: LuaValue) -> DecodingNode {
        DecodingNode(value: value, path: path + [component])
    }

    func error(expected: String) -> LuaDecodingError {
        LuaDecodingError(value.isNil ? .missing : .wrongType, at: path, expected: expected, found: describeFound(value))
    }

    func tableEntries(expected: String) throws(LuaDecodingError) -> [LuaValue: LuaValue] {
        // An array is a table too (its keys are 1...n).
        guard let entries = value.tableValue else { throw error(expected: expected) }
        return entries
    }

    func listItems() throws(LuaDecodingError) -> [LuaValue] {
        guard let items = value.arrayValue else { throw error(expected: "a list") }
        return items
    }

    // MARK: Values

    func unbox<T: Decodable>(_ type: T.Type) throws -> T {
        switch type {
        case is LuaValue.Type: return value as! T
        case is String.Type: return try string() as! T
        case is Bool.Type: return try bool() as! T
        case is Double.Type: return try double() as! T
        case is Float.Type: return Float(try double()) as! T
        case is Int.Type: return try integer(Int.self) as! T
        case is Int64.Type: return try integer(Int64.self) as! T
        case is Int32.Type: return try integer(Int32.self) as! T
        case is Int16.Type: return try integer(Int16.self) as! T
        case is Int8.Type: return try integer(Int8.self) as! T
        case is UInt.Type: return try integer(UInt.self) as! T
        case is UInt64.Type: return try integer(UInt64.self) as! T
        case is UInt32.Type: return try integer(UInt32.self) as! T
        case is UInt16.Type: return try integer(UInt16.self) as! T
        case is UInt8.Type: return try integer(UInt8.self) as! T
        case is Date.Type:
            guard let date = ISO8601DateFormatter().date(from: try string()) else {
                throw LuaDecodingError(.invalidValue, at: path, expected: "an ISO 8601 date", found: describeFound(value))
            }
            return date as! T
        case is URL.Type:
            guard let url = URL(string: try string()) else {
                throw LuaDecodingError(.invalidValue, at: path, expected: "a URL", found: describeFound(value))
            }
            return url as! T
        case is Data.Type:
            guard let data = Data(base64Encoded: try string()) else {
                throw LuaDecodingError(.invalidValue, at: path, expected: "Base64 data", found: describeFound(value))
            }
            return data as! T
        case is Decimal.Type:
            if case .integer(let i) = value { return Decimal(i) as! T }
            return Decimal(try double()) as! T
        default: break
        }
        // A dynamic cast to a protocol costs a scan of every conformance
        // the process holds the first time a type meets it (tens of
        // millions of instructions over a policy's declarations): the
        // casts below are made only where they can succeed. A string value
        // may be an enum's raw value; another value decoded as an enum
        // fails, and the enum's message is made then.
        if case .string = value { try checkEnumCase(type) }
        if Self.isStringKeyedDictionary(type), let dictionary = type as? any LuaStringKeyedDictionary.Type {
            return try dictionary.decodeTable(self) as! T
        }
        do {
            return try T(from: self)
        } catch let error as LuaDecodingError {
            try checkEnumCase(type)
            throw error
        } catch let error as DecodingError {
            try checkEnumCase(type)
            throw converted(error, decoding: T.self)
        }
    }

    /// Throws when `type` is an enum with string raw values and the value
    /// is not one of them, naming them.
    private func checkEnumCase<T>(_ type: T.Type) throws(LuaDecodingError) {
        guard let enumType = type as? any (CaseIterable & RawRepresentable).Type, let cases = stringCases(enumType)
        else { return }
        let expected = "one of " + cases.joined(separator: ", ")
        guard case .string(let s) = value else { throw error(expected: expected) }
        guard cases.contains(s) else {
            throw LuaDecodingError(.invalidValue, at: path, expected: expected, found: describeFound(value))
        }
    }

    /// Whether `type` is `[String: V]`, told by its name (no conformance lookup).
    static func isStringKeyedDictionary<T>(_ type: T.Type) -> Bool {
        _typeName(type, qualified: true).hasPrefix("Swift.Dictionary<Swift.String, ")
    }

    func string() throws(LuaDecodingError) -> String {
        guard case .string(let s) = value else { throw error(expected: "a string") }
        return s
    }

    func bool() throws(LuaDecodingError) -> Bool {
        guard case .boolean(let b) = value else { throw error(expected: "a boolean") }
        return b
    }

    func double() throws(LuaDecodingError) -> Double {
        switch value {
        case .integer(let i): return Double(i)
        case .number(let d): return d
        default: throw error(expected: "a number")
        }
    }

    func integer<I: FixedWidthInteger>(_: I.Type) throws(LuaDecodingError) -> I {
        let whole: Int64
        switch value {
        case .integer(let i): whole = i
        case .number(let d):
            guard let i = Int64(exactly: d) else { throw error(expected: "an integer") }
            whole = i
        default: throw error(expected: "an integer")
        }
        guard let result = I(exactly: whole) else {
            throw LuaDecodingError(
                .invalidValue, at: path, expected: "an integer from \(I.min) to \(I.max)", found: describeFound(value))
        }
        return result
    }

    /// A `DecodingError` from a type's own `init(from:)`, as a decoding error.
    func converted<T>(_ error: DecodingError, decoding _: T.Type) -> LuaDecodingError {
        switch error {
        case .typeMismatch(let type, let context):
            return LuaDecodingError(
                .wrongType, at: context.codingPath.map(LuaPathComponent.init), expected: "\(type)", found: describeFound(value))
        case .valueNotFound(let type, let context):
            return LuaDecodingError(
                .missing, at: context.codingPath.map(LuaPathComponent.init), expected: "\(type)", found: "nothing")
        case .keyNotFound(let key, let context):
            return LuaDecodingError(
                .missing, at: (context.codingPath + [key]).map(LuaPathComponent.init), expected: "a value", found: "nothing")
        case .dataCorrupted(let context):
            return LuaDecodingError(
                .invalidValue, at: context.codingPath.map(LuaPathComponent.init),
                expected: context.debugDescription.isEmpty ? "a valid \(T.self)" : context.debugDescription,
                found: describeFound(value))
        @unknown default:
            return LuaDecodingError(.invalidValue, at: path, expected: "a valid \(T.self)", found: describeFound(value))
        }
    }

    // MARK: Decoder

    func container<Key: CodingKey>(keyedBy _: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(KeyedNode<Key>(node: self, entries: try tableEntries(expected: "a table")))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        UnkeyedNode(node: self, items: try listItems())
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleNode(node: self) }
}

struct KeyedNode<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let node: DecodingNode
    let entries: [LuaValue: LuaValue]

    var codingPath: [any CodingKey] { node.codingPath }

    var allKeys: [Key] {
        entries.keys.sorted(by: LuaValue.keyOrder).compactMap { key in
            switch key {
            case .string(let s): Key(stringValue: s)
            case .integer(let i): Int(exactly: i).flatMap { Key(intValue: $0) ?? Key(stringValue: String($0)) }
            default: nil
            }
        }
    }

    func lookup(_ key: Key) -> LuaValue {
        if let v = entries[.string(key.stringValue)] { return v }
        if let i = key.intValue, let v = entries[.integer(Int64(i))] { return v }
        return .nil
    }

    func child(_ key: Key) -> DecodingNode { node.child(LuaPathComponent(key), lookup(key)) }

    func contains(_ key: Key) -> Bool { !lookup(key).isNil }
    func decodeNil(forKey key: Key) throws -> Bool { lookup(key).isNil }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try child(key).unbox(T.self) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try child(key).string() }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try child(key).bool() }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try child(key).integer(Int.self) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try child(key).double() }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try child(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try child(key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { node.child(.field("super"), entries[.string("super")] ?? .nil) }
    func superDecoder(forKey key: Key) throws -> any Decoder { child(key) }
}

struct UnkeyedNode: UnkeyedDecodingContainer {
    let node: DecodingNode
    let items: [LuaValue]
    private(set) var currentIndex = 0

    init(node: DecodingNode, items: [LuaValue]) {
        self.node = node
        self.items = items
    }

    var codingPath: [any CodingKey] { node.codingPath }
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    /// The next element (its path is its 1-based index).
    private mutating func next() -> DecodingNode {
        let value = currentIndex < items.count ? items[currentIndex] : .nil
        currentIndex += 1
        return node.child(.index(currentIndex), value)
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, items[currentIndex].isNil else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().unbox(T.self) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }

    mutating func superDecoder() throws -> any Decoder { next() }
}

struct SingleNode: SingleValueDecodingContainer {
    let node: DecodingNode

    var codingPath: [any CodingKey] { node.codingPath }

    func decodeNil() -> Bool { node.value.isNil }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try node.unbox(T.self) }
    func decode(_ type: String.Type) throws -> String { try node.string() }
    func decode(_ type: Bool.Type) throws -> Bool { try node.bool() }
    func decode(_ type: Int.Type) throws -> Int { try node.integer(Int.self) }
    func decode(_ type: Double.Type) throws -> Double { try node.double() }
}
