/// A growable byte buffer in the encoding the C shim decodes
/// (see `vigie_shim.h`). Its memory is stable between writes, so the C side
/// may read it after a Swift callback returns.
///
/// Its small writers are inlinable: the lazy map builder's setters, called
/// from the engine for every field of every post, are inlined there.
@usableFromInline
final class ValueBuffer {
    // Accessed without the runtime's exclusivity checks (one per write
    // otherwise): no access to them overlaps another.
    @usableFromInline @exclusivity(unchecked) var base: UnsafeMutableRawPointer
    @usableFromInline @exclusivity(unchecked) var count = 0
    @usableFromInline @exclusivity(unchecked) var capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = capacity
        base = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
    }

    deinit { base.deallocate() }

    func reset() { count = 0 }

    var bytes: UnsafePointer<UInt8> { UnsafePointer(base.assumingMemoryBound(to: UInt8.self)) }

    @inlinable @inline(__always)
    func reserve(_ n: Int) {
        if count + n <= capacity { return }
        grow(n)
    }

    @usableFromInline
    func grow(_ n: Int) {
        var newCapacity = capacity * 2
        while newCapacity < count + n { newCapacity *= 2 }
        let fresh = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 8)
        fresh.copyMemory(from: base, byteCount: count)
        base.deallocate()
        base = fresh
        capacity = newCapacity
    }

    @inlinable @inline(__always)
    func tag(_ t: UInt8) {
        reserve(1)
        base.storeBytes(of: t, toByteOffset: count, as: UInt8.self)
        count += 1
    }

    @inlinable @inline(__always)
    func u32(_ v: UInt32) {
        reserve(4)
        base.storeBytes(of: v.littleEndian, toByteOffset: count, as: UInt32.self)
        count += 4
    }

    @inlinable @inline(__always)
    func u16(_ v: UInt16) {
        reserve(2)
        base.storeBytes(of: v.littleEndian, toByteOffset: count, as: UInt16.self)
        count += 2
    }

    /// `n` zero bytes.
    func zeros(_ n: Int) {
        reserve(n)
        (base + count).initializeMemory(as: UInt8.self, repeating: 0, count: n)
        count += n
    }

    @inlinable @inline(__always)
    func integer(_ v: Int64) {
        tag(UInt8(ascii: "i"))
        reserve(8)
        base.storeBytes(of: v.littleEndian, toByteOffset: count, as: Int64.self)
        count += 8
    }

    @inlinable @inline(__always)
    func number(_ v: Double) {
        tag(UInt8(ascii: "d"))
        reserve(8)
        base.storeBytes(of: v.bitPattern.littleEndian, toByteOffset: count, as: UInt64.self)
        count += 8
    }

    @inlinable
    func string(_ s: String) {
        // Native and small strings hand their bytes over without a copy of
        // the string (`withUTF8` on a `var` copy retains and releases it).
        if s.utf8.withContiguousStorageIfAvailable({ string(utf8: $0) }) != nil { return }
        var s = s
        s.withUTF8 { string(utf8: $0) }
    }

    /// A string of these UTF-8 bytes.
    @inlinable
    func string(utf8: UnsafeBufferPointer<UInt8>) {
        let n = utf8.count
        reserve(5 + n)
        base.storeBytes(of: UInt8(ascii: "s"), toByteOffset: count, as: UInt8.self)
        base.storeBytes(of: UInt32(n).littleEndian, toByteOffset: count + 1, as: UInt32.self)
        if n > 0, let src = utf8.baseAddress {
            Self.copy(to: base + count + 5, from: UnsafeRawPointer(src), n)
        }
        count += 5 + n
    }

    /// Copies `n` bytes; short runs (most keys and values of a post) with
    /// two overlapping loads and stores instead of a call of memcpy.
    @inlinable @inline(__always)
    static func copy(to dst: UnsafeMutableRawPointer, from src: UnsafeRawPointer, _ n: Int) {
        if n >= 8 && n <= 16 {
            dst.storeBytes(of: src.loadUnaligned(as: UInt64.self), as: UInt64.self)
            dst.storeBytes(of: src.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self), toByteOffset: n - 8, as: UInt64.self)
        } else if n >= 4 && n < 8 {
            dst.storeBytes(of: src.loadUnaligned(as: UInt32.self), as: UInt32.self)
            dst.storeBytes(of: src.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self), toByteOffset: n - 4, as: UInt32.self)
        } else if n < 4 {
            for k in 0..<n { dst.storeBytes(of: src.load(fromByteOffset: k, as: UInt8.self), toByteOffset: k, as: UInt8.self) }
        } else {
            dst.copyMemory(from: src, byteCount: n)
        }
    }

    /// A string of at most `capacity` bytes that `body` writes and whose
    /// length it returns.
    @inlinable
    func string(capacity: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        reserve(5 + capacity)
        base.storeBytes(of: UInt8(ascii: "s"), toByteOffset: count, as: UInt8.self)
        let n = body((base + count + 5).assumingMemoryBound(to: UInt8.self))
        base.storeBytes(of: UInt32(n).littleEndian, toByteOffset: count + 1, as: UInt32.self)
        count += 5 + n
    }

    @inlinable
    func boolean(_ b: Bool) { tag(b ? UInt8(ascii: "t") : UInt8(ascii: "f")) }

    func nilValue() { tag(UInt8(ascii: "n")) }

    /// Starts an array (or, with `readOnly`, an array view) of `n` elements.
    @inlinable @inline(__always)
    func beginArray(_ n: Int, readOnly: Bool) {
        tag(readOnly ? UInt8(ascii: "A") : UInt8(ascii: "a"))
        u32(UInt32(n))
    }

    /// Starts a map (or a read-only map view) of `n` key/value pairs.
    @inlinable @inline(__always)
    func beginMap(_ n: Int, readOnly: Bool) {
        tag(readOnly ? UInt8(ascii: "M") : UInt8(ascii: "m"))
        u32(UInt32(n))
    }

    /// Appends a value; `depth` guards against values nested beyond what the
    /// C decoder accepts.
    func append(_ value: LuaValue, readOnly: Bool, depth: Int = 0) throws(LuaError) {
        switch value {
        case .nil: nilValue()
        case .boolean(let b): boolean(b)
        case .integer(let i): integer(i)
        case .number(let d): number(d)
        case .string(let s): string(s)
        case .opaque(let t):
            throw LuaError(kind: .conversion, message: "a \(t) cannot be handed to Lua")
        case .array(let a):
            guard depth < LuaLimits.maxDecodeDepth else { throw LuaError.tooDeep }
            beginArray(a.count, readOnly: readOnly)
            for v in a { try append(v, readOnly: readOnly, depth: depth + 1) }
        case .table(let t):
            guard depth < LuaLimits.maxDecodeDepth else { throw LuaError.tooDeep }
            beginMap(t.count, readOnly: readOnly)
            for (k, v) in t {
                try append(k, readOnly: false, depth: depth + 1)
                try append(v, readOnly: readOnly, depth: depth + 1)
            }
        }
    }
}

extension ValueBuffer {
    /// Replaces the content by the UTF-8 bytes of `text`, untagged (used for
    /// error messages handed to the trampoline).
    func setRaw(_ text: String) {
        reset()
        var text = text
        text.withUTF8 { utf8 in
            reserve(utf8.count)
            if let src = utf8.baseAddress { base.copyMemory(from: src, byteCount: utf8.count) }
            count = utf8.count
        }
    }
}

extension ValueBuffer {
    func advance(_ n: Int) { count += n }
}

extension ValueBuffer {
    /// Overwrites the u32 written at `offset` (a container's count).
    @inlinable
    func patchU32(at offset: Int, _ v: UInt32) {
        base.storeBytes(of: v.littleEndian, toByteOffset: offset, as: UInt32.self)
    }
}
