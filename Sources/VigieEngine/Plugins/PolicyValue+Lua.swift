import LuaHost
import VigiePolicy

extension PolicyValue {
    /// The value as data; nil if it holds a function, a coroutine or a
    /// userdata anywhere.
    init?(lua value: LuaValue) {
        switch value {
        case .nil: self = .nil
        case .boolean(let b): self = .boolean(b)
        case .integer(let i): self = .integer(i)
        case .number(let d): self = .number(d)
        case .string(let s): self = .string(s)
        case .opaque: return nil
        case .array(let a):
            var items: [PolicyValue] = []
            items.reserveCapacity(a.count)
            for item in a {
                guard let v = PolicyValue(lua: item) else { return nil }
                items.append(v)
            }
            self = .array(items)
        case .table(let t):
            var entries: [PolicyValue: PolicyValue] = [:]
            entries.reserveCapacity(t.count)
            for (key, item) in t {
                guard let k = PolicyValue(lua: key), let v = PolicyValue(lua: item) else { return nil }
                entries[k] = v
            }
            self = .table(entries)
        }
    }

    /// The value as Lua data.
    var luaValue: LuaValue {
        switch self {
        case .nil: .nil
        case .boolean(let b): .boolean(b)
        case .integer(let i): .integer(i)
        case .number(let d): .number(d)
        case .string(let s): .string(s)
        case .array(let a): .array(a.map(\.luaValue))
        case .table(let t):
            .table(Dictionary(uniqueKeysWithValues: t.map { ($0.key.luaValue, $0.value.luaValue) }))
        }
    }
}
