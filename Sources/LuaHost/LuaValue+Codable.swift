/// `LuaValue` as JSON-like data: tables become objects (keys as strings),
/// arrays arrays, opaque values null. `LuaValueDecoder` hands a `LuaValue`
/// field over as it is.
extension LuaValue: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .nil }
        else if let b = try? c.decode(Bool.self) { self = .boolean(b) }
        else if let i = try? c.decode(Int64.self) { self = .integer(i) }
        else if let d = try? c.decode(Double.self) { self = .number(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([LuaValue].self) { self = .array(a) }
        else {
            let m = try c.decode([String: LuaValue].self)
            var t: [LuaValue: LuaValue] = [:]
            for (k, v) in m { t[.string(k)] = v }
            self = .table(t)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .nil, .opaque: try c.encodeNil()
        case .boolean(let b): try c.encode(b)
        case .integer(let i): try c.encode(i)
        case .number(let d): try c.encode(d)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .table(let t):
            var m: [String: LuaValue] = [:]
            for (k, v) in t { m[k.stringValue ?? "\(k)"] = v }
            try c.encode(m)
        }
    }
}
