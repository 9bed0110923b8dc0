/// A growable byte buffer written through a raw pointer: each write is a
/// copy, with no generic `Array` path in between (the spill's records and
/// the JSON output write a few dozen pieces per finding).
final class ByteSink {
    private(set) var base: UnsafeMutableRawPointer
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 1 << 12) {
        self.capacity = max(16, capacity)
        base = .allocate(byteCount: self.capacity, alignment: 8)
    }

    deinit { base.deallocate() }

    /// What was written.
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    var isEmpty: Bool { count == 0 }

    func removeAll() { count = 0 }

    @inline(__always)
    func reserve(_ n: Int) {
        if count + n > capacity { grow(count + n) }
    }

    private func grow(_ needed: Int) {
        var fresh = capacity * 2
        while fresh < needed { fresh *= 2 }
        let storage = UnsafeMutableRawPointer.allocate(byteCount: fresh, alignment: 8)
        storage.copyMemory(from: base, byteCount: count)
        base.deallocate()
        base = storage
        capacity = fresh
    }

    @inline(__always)
    func append(_ b: UInt8) {
        reserve(1)
        base.storeBytes(of: b, toByteOffset: count, as: UInt8.self)
        count += 1
    }

    @inline(__always)
    func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count)
        (base + count).copyMemory(from: source, byteCount: bytes.count)
        count += bytes.count
    }

    @inline(__always)
    func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// The bytes of a literal.
    @inline(__always)
    func append(_ s: StaticString) {
        append(UnsafeRawBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    /// The UTF-8 bytes of a string.
    @inline(__always)
    func append(_ s: String) {
        // Native and small strings lend their bytes without a copy of the
        // string (`withUTF8` on a `var` copy retains and releases it).
        if s.utf8.withContiguousStorageIfAvailable({ append(UnsafeRawBufferPointer($0)) }) != nil { return }
        var s = s
        s.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    /// `bytes` between two `"`, with one check of the room they take.
    @inline(__always)
    func appendQuoted(_ bytes: UnsafeRawBufferPointer) {
        let n = bytes.count
        reserve(n + 2)
        base.storeBytes(of: 0x22, toByteOffset: count, as: UInt8.self)
        if n > 0, let source = bytes.baseAddress { (base + count + 1).copyMemory(from: source, byteCount: n) }
        base.storeBytes(of: 0x22, toByteOffset: count + n + 1, as: UInt8.self)
        count += n + 2
    }

    /// A length (8 bytes, little endian) then the bytes, with one check of
    /// the room they take.
    @inline(__always)
    func appendCounted(_ bytes: UnsafeRawBufferPointer) {
        let n = bytes.count
        reserve(n + 8)
        base.storeBytes(of: Int64(n).littleEndian, toByteOffset: count, as: Int64.self)
        if n > 0, let source = bytes.baseAddress { (base + count + 8).copyMemory(from: source, byteCount: n) }
        count += n + 8
    }

    @inline(__always)
    func int64(_ v: Int64) {
        reserve(8)
        base.storeBytes(of: v.littleEndian, toByteOffset: count, as: Int64.self)
        count += 8
    }

    /// Overwrites 4 bytes written before.
    func patchU32(at offset: Int, _ v: UInt32) {
        base.storeBytes(of: v.littleEndian, toByteOffset: offset, as: UInt32.self)
    }
}
