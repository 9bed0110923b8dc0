/// Keeps a Lua value alive in the registry for the host; releasing it lets
/// Lua collect the value (the release happens at the state's next
/// operation, never from `deinit` itself).
final class RegistryReference {
    weak var state: LuaState?
    let ref: Int32

    init(state: LuaState, ref: Int32) {
        self.state = state
        self.ref = ref
    }

    deinit { state?.pendingReleases.append(ref) }
}

/// A script environment: the table of globals a chunk sees.
public final class LuaEnvironment {
    let reference: RegistryReference
    var ref: Int32 { reference.ref }

    init(state: LuaState, ref: Int32) { reference = RegistryReference(state: state, ref: ref) }
}

/// A Lua function kept alive for the host (a compiled chunk, a rule's
/// `check`…).
public final class LuaFunction {
    let reference: RegistryReference
    var ref: Int32 { reference.ref }

    init(state: LuaState, ref: Int32) { reference = RegistryReference(state: state, ref: ref) }
}

/// A value encoded once for the C side, to hand the same value to many
/// calls cheaply (an event passed to every rule, say).
public struct LuaPacked: Sendable {
    let bytes: [UInt8]

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// Encodes `value`; tables become read-only views unless `readOnly` is
    /// false.
    public init(_ value: LuaValue, readOnly: Bool = true) throws(LuaError) {
        let buffer = ValueBuffer(capacity: 256)
        try buffer.append(value, readOnly: readOnly)
        bytes = Array(UnsafeBufferPointer(start: buffer.bytes, count: buffer.count))
    }

    /// Encodes an `Encodable` model as a read-only view.
    public init<T: Encodable>(encoding model: T) throws(LuaError) {
        try self.init(try LuaValueEncoder().encode(model), readOnly: true)
    }

    /// The size of the encoding, in bytes.
    public var byteCount: Int { bytes.count }

    func append(to buffer: ValueBuffer) {
        bytes.withUnsafeBytes { raw in
            buffer.reserve(raw.count)
            if let src = raw.baseAddress {
                (buffer.base + buffer.count).copyMemory(from: src, byteCount: raw.count)
            }
            buffer.advance(raw.count)
        }
    }
}
