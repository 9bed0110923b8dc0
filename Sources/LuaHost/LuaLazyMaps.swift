internal import CLua
internal import CLuaShim
import Foundation

/// The field names of lazy read-only maps (`LuaLazyMapBuilder`), registered
/// once in a state: a map of this schema is handed over as its encoded
/// fields, and Lua decodes each field the first time a script reads it
/// (then keeps it, so that reading it again is a plain table lookup).
/// `pairs` and the host's readers see every field, as with any view.
///
/// Worth it for a table with many fields of which a script reads a few,
/// handed over once per call (an event to rules).
public final class LuaSchema: @unchecked Sendable {
    /// The schema's number in the state's encoding.
    let id: UInt16
    /// The field names, in order (field `i` is `names[i - 1]`).
    public let names: [String]

    init(id: UInt16, names: [String]) {
        self.id = id
        self.names = names
    }

    /// The number of `name` (1-based), if it is a field of the schema.
    public func field(_ name: String) -> Int? { names.firstIndex(of: name).map { $0 + 1 } }
}

extension LuaState {
    /// Registers the field names of lazy maps in this state.
    public func schema(_ names: [String]) throws(LuaError) -> LuaSchema {
        guard names.count < Int(UInt16.max) else {
            throw LuaError(kind: .host, message: "a schema has at most \(UInt16.max - 1) fields")
        }
        let copies: [UnsafeMutablePointer<CChar>?] = names.map { strdup($0) }
        defer { for c in copies { free(c) } }
        guard !copies.contains(where: { $0 == nil }) else {
            throw LuaError(kind: .host, message: "cannot register a schema (out of memory)")
        }
        let pointers: [UnsafePointer<CChar>?] = copies.map { UnsafePointer($0) }
        let lengths = names.map { $0.utf8.count }
        var id: Int32 = 0
        let status = pointers.withUnsafeBufferPointer { p in
            lengths.withUnsafeBufferPointer { l in
                vigie_register_schema(L, p.baseAddress, l.baseAddress, Int32(names.count), &id)
            }
        }
        guard status == LUA_OK, id > 0, id <= Int32(UInt16.max) else {
            throw LuaError(kind: .host, message: "cannot register a schema (out of memory)")
        }
        return LuaSchema(id: UInt16(id), names: names)
    }
}

/// Writes a lazy map: each field by its number in the schema, in any
/// order, each at most once (a field written twice keeps the last value).
/// Values are written as `LuaMapBuilder` writes them; nested tables are
/// ordinary read-only views.
///
/// Its setters are inlinable (the engine writes every post with them).
public struct LuaLazyMapBuilder {
    @usableFromInline let buffer: ValueBuffer
    /// Where the payload starts in the buffer (its field table first).
    @usableFromInline let payload: Int
    @usableFromInline let fields: Int

    /// Marks field `field` as starting here.
    @inlinable @inline(__always)
    func mark(_ field: Int) {
        precondition(field >= 1 && field <= fields, "field \(field) is not in the schema")
        buffer.patchU32(at: payload + 4 * field, UInt32(buffer.count - payload))
    }

    @inlinable
    public mutating func set(_ field: Int, _ value: String?) {
        guard let value else { return }
        mark(field)
        buffer.string(value)
    }

    /// A string of at most `capacity` UTF-8 bytes that `body` writes in
    /// place and whose length it returns.
    @inlinable
    public mutating func set(_ field: Int, capacity: Int, utf8 body: (UnsafeMutablePointer<UInt8>) -> Int) {
        mark(field)
        buffer.string(capacity: capacity, body)
    }

    @inlinable
    public mutating func set(_ field: Int, _ value: Int?) {
        guard let value else { return }
        mark(field)
        buffer.integer(Int64(value))
    }

    @inlinable
    public mutating func set(_ field: Int, _ value: Double?) {
        guard let value else { return }
        mark(field)
        buffer.number(value)
    }

    @inlinable
    public mutating func set(_ field: Int, _ value: Bool?) {
        guard let value else { return }
        mark(field)
        buffer.boolean(value)
    }

    /// An array of strings (a read-only view).
    @inlinable
    public mutating func set(_ field: Int, strings: [String]) {
        mark(field)
        buffer.beginArray(strings.count, readOnly: true)
        for s in strings { buffer.string(s) }
    }

    public mutating func setMap(_ field: Int, _ body: (inout LuaMapBuilder) throws -> Void) rethrows {
        mark(field)
        try LuaMapBuilder.write(into: buffer, readOnly: true, body)
    }

    public mutating func setArray(_ field: Int, _ body: (inout LuaArrayBuilder) throws -> Void) rethrows {
        mark(field)
        try LuaArrayBuilder.write(into: buffer, readOnly: true, body)
    }

    static func write(into buffer: ValueBuffer, schema: LuaSchema, _ body: (inout LuaLazyMapBuilder) throws -> Void)
        rethrows
    {
        buffer.tag(UInt8(ascii: "L"))
        buffer.u16(schema.id)
        let lengthAt = buffer.count
        buffer.u32(0)
        let payload = buffer.count
        buffer.u32(UInt32(schema.names.count))
        buffer.zeros(4 * schema.names.count)
        var map = LuaLazyMapBuilder(buffer: buffer, payload: payload, fields: schema.names.count)
        try body(&map)
        buffer.patchU32(at: lengthAt, UInt32(buffer.count - payload))
    }
}

extension LuaPacked {
    /// A lazy read-only map of `schema`, encoded for the state that
    /// registered the schema.
    public static func lazyMap(_ schema: LuaSchema, _ body: (inout LuaLazyMapBuilder) throws -> Void) rethrows
        -> LuaPacked
    {
        let buffer = ValueBuffer(capacity: 512)
        try LuaLazyMapBuilder.write(into: buffer, schema: schema, body)
        return LuaPacked(bytes: Array(UnsafeBufferPointer(start: buffer.bytes, count: buffer.count)))
    }
}

/// The results of a call, read where they are on the Lua stack, without
/// converting them to `LuaValue`s; valid only inside the closure given to
/// `LuaState.call(_:arguments:results:)`. Reading never raises a Lua error
/// and never runs a metamethod.
public struct LuaResults {
    let L: OpaquePointer
    /// The stack index below the first result.
    let base: Int32
    let limits: LuaLimits
    /// How many values the function returned.
    public let count: Int

    /// Result `i` (1-based) as an integer (a float with an exact integer
    /// value too), if it is one.
    public func integer(_ i: Int) -> Int? {
        guard i >= 1, i <= count else { return nil }
        let index = base + Int32(i)
        guard lua_type(L, index) == LUA_TNUMBER else { return nil }
        if vigie_isinteger(L, index) != 0 { return Int(vigie_tointeger(L, index)) }
        return Int(exactly: vigie_tonumber(L, index))
    }

    /// Result `i` as a table read in place, if it is a table.
    public func table(_ i: Int) -> LuaRawTable? {
        guard i >= 1, i <= count, lua_type(L, base + Int32(i)) == LUA_TTABLE else { return nil }
        return LuaRawTable(L: L, index: base + Int32(i))
    }

    /// Result `i` converted within the limits (`nil` past the end).
    public func value(_ i: Int) throws(LuaError) -> LuaValue {
        guard i >= 1, i <= count else { return .nil }
        var reader = ValueReader(L: L, limits: limits)
        return try reader.read(base + Int32(i))
    }
}

/// A Lua table read in place by index (raw access, no metamethod).
public struct LuaRawTable {
    let L: OpaquePointer
    let index: Int32

    /// A value of the table that is not a table.
    public enum Scalar: Equatable {
        case `nil`, boolean(Bool), integer(Int), number(Double), string(String), other
    }

    @inline(__always)
    private func read<R>(_ k: Int, _ body: (Int32, lua_Integer, Double, UnsafePointer<CChar>?, Int) -> R) -> R {
        var i: lua_Integer = 0
        var d: Double = 0
        var s: UnsafePointer<CChar>?
        var length = 0
        let kind = vigie_rawgeti_scalar(L, index, lua_Integer(k), &i, &d, &s, &length)
        return body(kind, i, d, s, length)
    }

    /// `t[k]` if it is an integer.
    public func integer(_ k: Int) -> Int? {
        read(k) { kind, i, _, _, _ in kind == Int32(VIGIE_RAW_INTEGER) ? Int(i) : nil }
    }

    /// `t[k]` if it is a string.
    public func string(_ k: Int) -> String? {
        read(k) { kind, _, _, s, length in
            guard kind == Int32(VIGIE_RAW_STRING), let s else { return nil }
            return String(decoding: UnsafeRawBufferPointer(start: s, count: length), as: UTF8.self)
        }
    }

    /// `t[k]` as it is.
    public func scalar(_ k: Int) -> Scalar {
        read(k) { kind, i, d, s, length in
            switch kind {
            case Int32(VIGIE_RAW_NIL): return .nil
            case Int32(VIGIE_RAW_FALSE): return .boolean(false)
            case Int32(VIGIE_RAW_TRUE): return .boolean(true)
            case Int32(VIGIE_RAW_INTEGER): return .integer(Int(i))
            case Int32(VIGIE_RAW_NUMBER): return .number(d)
            case Int32(VIGIE_RAW_STRING):
                guard let s else { return .other }
                return .string(String(decoding: UnsafeRawBufferPointer(start: s, count: length), as: UTF8.self))
            default: return .other
            }
        }
    }
}
