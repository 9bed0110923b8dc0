internal import CLua
internal import CLuaShim

/// Converts Lua values on the stack to `LuaValue` without calling any API
/// that could raise or run a metamethod (raw access only), within the
/// depth, size and cycle limits.
struct ValueReader {
    let L: OpaquePointer
    let maxDepth: Int
    let maxValues: Int
    private var values = 0
    private var visiting: Set<Int> = []

    init(L: OpaquePointer, limits: LuaLimits) {
        self.L = L
        self.maxDepth = limits.resultDepth
        self.maxValues = limits.resultValues
    }

    /// Reads the value at `index`; the stack is left as it was on success.
    /// On error the caller resets the stack top.
    mutating func read(_ index: Int32, depth: Int = 0) throws(LuaError) -> LuaValue {
        let idx = lua_absindex(L, index)
        values += 1
        if values > maxValues {
            throw LuaError(kind: .limit(.resultSize), message: "result has more than \(maxValues) values")
        }
        switch lua_type(L, idx) {
        case LUA_TNIL, LUA_TNONE:
            return .nil
        case LUA_TBOOLEAN:
            return .boolean(lua_toboolean(L, idx) != 0)
        case LUA_TNUMBER:
            if vigie_isinteger(L, idx) != 0 { return .integer(Int64(vigie_tointeger(L, idx))) }
            return .number(vigie_tonumber(L, idx))
        case LUA_TSTRING:
            return .string(LuaState.string(L, at: idx))
        case LUA_TTABLE:
            return try readTable(idx, depth: depth)
        case LUA_TUSERDATA:
            if vigie_view_backing(L, idx) != 0 {
                let backing = lua_gettop(L)
                let value = try readTable(backing, depth: depth)
                vigie_pop(L, 1)
                return value
            }
            return .opaque("userdata")
        case LUA_TFUNCTION:
            return .opaque("function")
        case LUA_TTHREAD:
            return .opaque("thread")
        default:
            return .opaque(String(cString: lua_typename(L, lua_type(L, idx))))
        }
    }

    private mutating func readTable(_ idx: Int32, depth: Int) throws(LuaError) -> LuaValue {
        guard depth < maxDepth else {
            throw LuaError(kind: .limit(.resultDepth), message: "result nested deeper than \(maxDepth) levels")
        }
        let identity = Int(bitPattern: lua_topointer(L, idx))
        guard !visiting.contains(identity) else {
            throw LuaError(kind: .limit(.resultCycle), message: "result contains a table that contains itself")
        }
        guard lua_checkstack(L, 4) != 0 else {
            throw LuaError(kind: .limit(.resultDepth), message: "result nested too deeply for the Lua stack")
        }
        visiting.insert(identity)
        defer { visiting.remove(identity) }

        var entries: [(LuaValue, LuaValue)] = []
        var maxIndex: Int64 = 0
        var allPositiveIntegers = true
        lua_pushnil(L)
        while lua_next(L, idx) != 0 {
            // The keys only the host makes (a lazy view's own) are not data.
            if lua_type(L, -2) == LUA_TLIGHTUSERDATA {
                vigie_pop(L, 1)
                continue
            }
            let key = try read(-2, depth: depth + 1)
            let value = try read(-1, depth: depth + 1)
            vigie_pop(L, 1)
            if case .integer(let i) = key, i >= 1 {
                maxIndex = max(maxIndex, i)
            } else {
                allPositiveIntegers = false
            }
            entries.append((key, value))
        }
        if allPositiveIntegers && maxIndex == Int64(entries.count) && !entries.isEmpty {
            var array = [LuaValue](repeating: .nil, count: entries.count)
            for (key, value) in entries {
                if case .integer(let i) = key { array[Int(i) - 1] = value }
            }
            return .array(array)
        }
        var table: [LuaValue: LuaValue] = [:]
        table.reserveCapacity(entries.count)
        for (key, value) in entries { table[key] = value }
        return .table(table)
    }
}
