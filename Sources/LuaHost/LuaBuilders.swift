/// Writes a Lua table straight into the encoding handed to the C side,
/// without building `LuaValue`s first: the fast path for handing each event
/// to a rule. Counts are kept by the builder, so the encoding is always
/// well formed. `nil` values are left out, as Lua would.
public struct LuaMapBuilder {
    let buffer: ValueBuffer
    let readOnly: Bool
    fileprivate(set) var count: UInt32 = 0

    private mutating func key(_ key: String) {
        buffer.string(key)
        count += 1
    }

    public mutating func set(_ key: String, _ value: String?) {
        guard let value else { return }
        self.key(key)
        buffer.string(value)
    }

    public mutating func set(_ key: String, _ value: Int?) {
        guard let value else { return }
        self.key(key)
        buffer.integer(Int64(value))
    }

    public mutating func set(_ key: String, _ value: Double?) {
        guard let value else { return }
        self.key(key)
        buffer.number(value)
    }

    public mutating func set(_ key: String, _ value: Bool?) {
        guard let value else { return }
        self.key(key)
        buffer.boolean(value)
    }

    public mutating func set(_ key: String, _ value: LuaValue) throws(LuaError) {
        if value.isNil { return }
        self.key(key)
        try buffer.append(value, readOnly: readOnly, depth: 1)
    }

    /// A nested table under `key`.
    public mutating func setMap(_ key: String, _ body: (inout LuaMapBuilder) throws -> Void) rethrows {
        self.key(key)
        try LuaMapBuilder.write(into: buffer, readOnly: readOnly, body)
    }

    /// A nested array under `key`.
    public mutating func setArray(_ key: String, _ body: (inout LuaArrayBuilder) throws -> Void) rethrows {
        self.key(key)
        try LuaArrayBuilder.write(into: buffer, readOnly: readOnly, body)
    }

    /// An array of strings under `key`.
    public mutating func set(_ key: String, strings: [String]) {
        setArray(key) { array in
            for s in strings { array.append(s) }
        }
    }

    static func write(into buffer: ValueBuffer, readOnly: Bool, _ body: (inout LuaMapBuilder) throws -> Void) rethrows {
        buffer.beginMap(0, readOnly: readOnly)
        let countOffset = buffer.count - 4
        var map = LuaMapBuilder(buffer: buffer, readOnly: readOnly)
        try body(&map)
        buffer.patchU32(at: countOffset, map.count)
    }
}

/// The array counterpart of `LuaMapBuilder`.
public struct LuaArrayBuilder {
    let buffer: ValueBuffer
    let readOnly: Bool
    fileprivate(set) var count: UInt32 = 0

    public mutating func append(_ value: String) {
        buffer.string(value)
        count += 1
    }

    public mutating func append(_ value: Int) {
        buffer.integer(Int64(value))
        count += 1
    }

    public mutating func append(_ value: Double) {
        buffer.number(value)
        count += 1
    }

    public mutating func append(_ value: Bool) {
        buffer.boolean(value)
        count += 1
    }

    public mutating func append(_ value: LuaValue) throws(LuaError) {
        try buffer.append(value, readOnly: readOnly, depth: 1)
        count += 1
    }

    public mutating func appendMap(_ body: (inout LuaMapBuilder) throws -> Void) rethrows {
        try LuaMapBuilder.write(into: buffer, readOnly: readOnly, body)
        count += 1
    }

    public mutating func appendArray(_ body: (inout LuaArrayBuilder) throws -> Void) rethrows {
        try LuaArrayBuilder.write(into: buffer, readOnly: readOnly, body)
        count += 1
    }

    static func write(into buffer: ValueBuffer, readOnly: Bool, _ body: (inout LuaArrayBuilder) throws -> Void) rethrows {
        buffer.beginArray(0, readOnly: readOnly)
        let countOffset = buffer.count - 4
        var array = LuaArrayBuilder(buffer: buffer, readOnly: readOnly)
        try body(&array)
        buffer.patchU32(at: countOffset, array.count)
    }
}

extension LuaPacked {
    /// Builds a table directly in its encoded form.
    public static func map(readOnly: Bool = true, _ body: (inout LuaMapBuilder) throws -> Void) rethrows -> LuaPacked {
        let buffer = ValueBuffer(capacity: 512)
        try LuaMapBuilder.write(into: buffer, readOnly: readOnly, body)
        return LuaPacked(bytes: Array(UnsafeBufferPointer(start: buffer.bytes, count: buffer.count)))
    }
}

extension LuaState {
    /// Calls `function` with one table argument written by `body` straight
    /// into the state's own buffer: no intermediate value, no copy.
    @discardableResult
    public func call(
        _ function: LuaFunction, readOnly: Bool = true, buildingMap body: (inout LuaMapBuilder) throws -> Void
    ) throws -> [LuaValue] {
        buffer.reset()
        try LuaMapBuilder.write(into: buffer, readOnly: readOnly, body)
        return try callEncoded(function, count: 1)
    }
}
