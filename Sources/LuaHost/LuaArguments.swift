internal import CLua
internal import CLuaShim

/// The arguments of a Swift function called from Lua. Valid only during
/// the call. Reading never raises a Lua error and never runs a metamethod.
public struct LuaArguments {
    let L: OpaquePointer
    let limits: LuaLimits

    /// How many arguments were passed.
    public var count: Int { Int(lua_gettop(L)) }

    /// The argument at `index` (1-based), converted within the limits.
    public func value(_ index: Int) throws(LuaError) -> LuaValue {
        guard index >= 1, index <= count else { return .nil }
        var reader = ValueReader(L: L, limits: limits)
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        return try reader.read(Int32(index))
    }

    /// The argument as a string: strings as they are, numbers formatted as
    /// Lua would; `nil` for anything else.
    public func string(_ index: Int) -> String? {
        guard index >= 1, index <= count else { return nil }
        let i = Int32(index)
        switch lua_type(L, i) {
        case LUA_TSTRING: return LuaState.string(L, at: i)
        case LUA_TNUMBER:
            if vigie_isinteger(L, i) != 0 { return String(vigie_tointeger(L, i)) }
            return LuaValue.format(number: vigie_tonumber(L, i))
        default: return nil
        }
    }

    /// Calls `body` with the bytes of a string argument, without copying
    /// them (they are valid only inside `body`); nil if the argument is not
    /// a string (numbers are not converted).
    public func withStringBytes<R>(_ index: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R? {
        guard index >= 1, index <= count, lua_type(L, Int32(index)) == LUA_TSTRING else { return nil }
        var length = 0
        guard let p = lua_tolstring(L, Int32(index), &length) else { return nil }
        return try body(UnsafeRawBufferPointer(start: p, count: length))
    }

    /// The bytes of a string argument, without copying them: valid only
    /// during the call, and only while the argument stays on the stack.
    /// `nil` if the argument is not a string (numbers are not converted).
    public func stringBytes(_ index: Int) -> UnsafeRawBufferPointer? {
        guard index >= 1, index <= count, lua_type(L, Int32(index)) == LUA_TSTRING else { return nil }
        var length = 0
        guard let p = lua_tolstring(L, Int32(index), &length) else { return nil }
        return UnsafeRawBufferPointer(start: p, count: length)
    }

    /// The argument as an integer (a float with an exact integer value too).
    public func integer(_ index: Int) -> Int? {
        guard index >= 1, index <= count else { return nil }
        let i = Int32(index)
        guard lua_type(L, i) == LUA_TNUMBER else { return nil }
        if vigie_isinteger(L, i) != 0 { return Int(vigie_tointeger(L, i)) }
        return Int(exactly: vigie_tonumber(L, i))
    }

    /// The argument as a number.
    public func number(_ index: Int) -> Double? {
        guard index >= 1, index <= count, lua_type(L, Int32(index)) == LUA_TNUMBER else { return nil }
        return vigie_tonumber(L, Int32(index))
    }

    /// Where the calling script is: the chunk name (a file path as given to
    /// `load`) and line of the Lua function `level` levels up (1 = the
    /// direct caller). `nil` if there is no such Lua frame.
    public func location(level: Int = 1) -> (chunk: String, line: Int)? {
        var buffer = [CChar](repeating: 0, count: 1024)
        var line: Int32 = 0
        guard vigie_where(L, Int32(level), &buffer, buffer.count, &line) != 0 else { return nil }
        let chunk = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return (chunk, Int(line))
    }

    /// Lua's type name of the argument (`"no value"` past the end).
    public func typeName(_ index: Int) -> String {
        guard index >= 1, index <= count else { return "no value" }
        return String(cString: lua_typename(L, lua_type(L, Int32(index))))
    }
}

/// Writes values straight into the encoding the C side decodes, with no
/// `LuaValue` in between, counting them: the arguments of a call
/// (`LuaState.call(_:arguments:results:)`, tables read-only by default) and
/// the results of a Swift function registered with
/// `LuaState.register(_:in:writing:)` (plain, writable tables, as the
/// `[LuaValue]` results of `register` are).
public struct LuaValueWriter {
    let buffer: ValueBuffer
    /// Whether the tables written here reach Lua read-only.
    let tablesReadOnly: Bool
    /// How many values were written.
    public private(set) var count = 0

    init(buffer: ValueBuffer, tablesReadOnly: Bool) {
        self.buffer = buffer
        self.tablesReadOnly = tablesReadOnly
    }

    public mutating func value(_ v: LuaValue) throws(LuaError) {
        try buffer.append(v, readOnly: tablesReadOnly)
        count += 1
    }

    public mutating func string(_ s: String) {
        buffer.string(s)
        count += 1
    }

    public mutating func integer(_ i: Int) {
        buffer.integer(Int64(i))
        count += 1
    }

    public mutating func number(_ d: Double) {
        buffer.number(d)
        count += 1
    }

    public mutating func boolean(_ b: Bool) {
        buffer.boolean(b)
        count += 1
    }

    public mutating func nilValue() {
        buffer.nilValue()
        count += 1
    }

    /// A value encoded beforehand.
    public mutating func packed(_ value: LuaPacked) {
        value.append(to: buffer)
        count += 1
    }

    /// An array, its elements written by `body`.
    public mutating func array(_ body: (inout LuaArrayBuilder) throws -> Void) rethrows {
        try LuaArrayBuilder.write(into: buffer, readOnly: tablesReadOnly, body)
        count += 1
    }

    /// A table, its fields written by `body`; read-only or not as the
    /// writer's tables unless `readOnly` says.
    public mutating func map(readOnly: Bool? = nil, _ body: (inout LuaMapBuilder) throws -> Void) rethrows {
        try LuaMapBuilder.write(into: buffer, readOnly: readOnly ?? tablesReadOnly, body)
        count += 1
    }

    /// A read-only table of schema `schema`, its fields decoded when read.
    public mutating func lazyMap(_ schema: LuaSchema, _ body: (inout LuaLazyMapBuilder) throws -> Void) rethrows {
        try LuaLazyMapBuilder.write(into: buffer, schema: schema, body)
        count += 1
    }
}

/// The arguments of a call (`LuaState.call(_:arguments:results:)`).
public typealias LuaArgumentWriter = LuaValueWriter
/// The results of a registered Swift function (`LuaState.register(_:in:writing:)`).
public typealias LuaReturnWriter = LuaValueWriter

/// A registered Swift function and the buffer its results are encoded in.
final class FunctionBox {
    let limits: LuaLimits
    let body: (LuaArguments, inout LuaReturnWriter) throws -> Void
    let buffer = ValueBuffer(capacity: 256)

    init(limits: LuaLimits, body: @escaping (LuaArguments, inout LuaReturnWriter) throws -> Void) {
        self.limits = limits
        self.body = body
    }

    convenience init(limits: LuaLimits, body: @escaping (LuaArguments) throws -> [LuaValue]) {
        self.init(limits: limits) { args, out in
            for result in try body(args) { try out.value(result) }
        }
    }

    func invoke(
        _ L: OpaquePointer, _ out: UnsafeMutablePointer<UnsafePointer<UInt8>?>, _ outLength: UnsafeMutablePointer<Int>
    ) -> Int32 {
        buffer.reset()
        do {
            var writer = LuaReturnWriter(buffer: buffer, tablesReadOnly: false)
            try body(LuaArguments(L: L, limits: limits), &writer)
            out.pointee = buffer.bytes
            outLength.pointee = buffer.count
            return Int32(writer.count)
        } catch let error as LuaError {
            if let code = error.limit?.code { vigie_note_limit(vigie_control(L), code) }
            buffer.setRaw(error.message)
        } catch {
            buffer.setRaw(String(describing: error))
        }
        out.pointee = buffer.bytes
        outLength.pointee = buffer.count
        return -1
    }
}

/// The C entry of every Swift function: never lets a Swift error or a Lua
/// error cross the boundary (the C trampoline raises).
let swiftTrampoline: vigie_swift_fn = { L, context, out, outLength in
    guard let L, let context, let out, let outLength else { return -1 }
    let box = Unmanaged<FunctionBox>.fromOpaque(context).takeUnretainedValue()
    return box.invoke(L, out, outLength)
}
