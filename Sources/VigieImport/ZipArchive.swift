import Foundation
import VigieModel
import ZIPFoundation

#if canImport(Glibc)
    import Glibc
#endif

/// A read-only reader of `.zip` archives, written for archives nobody
/// checked: every offset and size read from the file is bounds-checked,
/// every entry is read under limits, and nothing is ever extracted to disk.
///
/// - The central directory is read once (linear in its entries).
/// - The local file headers are walked as well, so that an archive whose
///   central directory is damaged, cut short or missing still gives the
///   entries its local headers describe; the damage is reported (`notes`,
///   `refusals`).
/// - Limits: the number of entries, the bytes all entries expand to, and
///   the expansion ratio of each entry (`ImportOptions`); entries whose data
///   overlap (a "non-recursive" zip bomb), encrypted entries, unknown
///   compression methods and paths that leave the archive (`../`, `/…`) are
///   refused with their reason.
/// - An entry's data is checked against its CRC-32 and declared size.
///
/// Deflate data is inflated by ZIPFoundation's `Data.decompress`, fed by a
/// provider that never returns a short chunk and fails once the entry's
/// data is used up: a damaged stream cannot make it read past the entry or
/// loop forever.
final class ZipArchive {
    struct Entry {
        var path: String
        var method: UInt16
        var flags: UInt16
        var crc32: UInt32
        var compressedSize: UInt64
        /// nil when only a local header with a data descriptor gave the entry.
        var uncompressedSize: UInt64?
        var localHeaderOffset: UInt64
        var isDirectory: Bool
        var isSymbolicLink: Bool
        /// Found in a local header only: the central directory does not list it.
        var fromLocalHeader: Bool
    }

    let path: String
    let size: UInt64
    let options: ImportOptions
    private let fd: Int32
    /// Entries that are files, in the archive's order, with a usable path.
    private(set) var entries: [Entry] = []
    /// Entries found but refused (a path out of the archive, encryption,
    /// overlapping data…), by path.
    private(set) var refusals: [(name: String, error: ImportError)] = []
    /// Damage that was worked around (a central directory that lists fewer
    /// entries than the archive holds…).
    private(set) var notes: [String] = []
    /// Central directory records parsed (one per entry: the tests check the
    /// reader stays linear).
    private(set) var directoryRecordsRead = 0
    /// Bytes expanded so far, all entries together.
    private var expanded: Int64 = 0

    /// The largest central directory read (200,000 entries take about 20 MiB).
    static let maxDirectoryBytes: UInt64 = 256 * 1024 * 1024

    private static let localSignature: UInt32 = 0x0403_4B50
    private static let centralSignature: UInt32 = 0x0201_4B50
    private static let endSignature: UInt32 = 0x0605_4B50
    private static let zip64EndSignature: UInt32 = 0x0606_4B50
    private static let zip64LocatorSignature: UInt32 = 0x0706_4B50
    private static let descriptorSignature: UInt32 = 0x0807_4B50

    init(path: String, options: ImportOptions) throws(ImportError) {
        self.path = path
        self.options = options
        do {
            fd = try SafeFile.openForReading(path)
        } catch {
            throw error.importError(path: path)
        }
        var info = stat()
        size = fstat(fd, &info) == 0 ? UInt64(Swift.max(0, info.st_size)) : 0
        do {
            try load()
        } catch {
            close(fd)
            throw error
        }
    }

    deinit { close(fd) }

    // MARK: Reading the file

    /// `count` bytes at `offset`, or fewer at the end of the file.
    private func bytes(at offset: UInt64, count: Int) -> [UInt8] {
        guard offset < size, count > 0 else { return [] }
        let want = Int(Swift.min(UInt64(count), size - offset))
        var buffer = [UInt8](repeating: 0, count: want)
        var filled = 0
        while filled < want {
            let n = buffer.withUnsafeMutableBytes { raw in
                pread(fd, raw.baseAddress! + filled, want - filled, off_t(offset) + off_t(filled))
            }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            filled += n
        }
        if filled < want { buffer.removeSubrange(filled...) }
        return buffer
    }

    private static func u16(_ b: [UInt8], _ at: Int) -> UInt16 {
        guard at + 2 <= b.count else { return 0 }
        return UInt16(b[at]) | UInt16(b[at + 1]) << 8
    }

    private static func u32(_ b: [UInt8], _ at: Int) -> UInt32 {
        guard at + 4 <= b.count else { return 0 }
        return UInt32(b[at]) | UInt32(b[at + 1]) << 8 | UInt32(b[at + 2]) << 16 | UInt32(b[at + 3]) << 24
    }

    private static func u64(_ b: [UInt8], _ at: Int) -> UInt64 {
        guard at + 8 <= b.count else { return 0 }
        return UInt64(u32(b, at)) | UInt64(u32(b, at + 4)) << 32
    }

    // MARK: The directory

    private struct End {
        var entries: UInt64
        var directoryOffset: UInt64
        var directorySize: UInt64
        var offset: UInt64
    }

    /// The end of central directory record (and its ZIP64 form), searched
    /// backwards through the last 64 KiB + 22 bytes.
    private func findEnd() -> End? {
        let window = UInt64(Swift.min(size, 65_535 + 22))
        guard window >= 22 else { return nil }
        let base = size - window
        let tail = bytes(at: base, count: Int(window))
        var j = tail.count - 22
        while j >= 0 {
            if ZipArchive.u32(tail, j) == ZipArchive.endSignature {
                let commentLength = Int(ZipArchive.u16(tail, j + 20))
                if j + 22 + commentLength <= tail.count {
                    var end = End(
                        entries: UInt64(ZipArchive.u16(tail, j + 10)), directoryOffset: UInt64(ZipArchive.u32(tail, j + 16)),
                        directorySize: UInt64(ZipArchive.u32(tail, j + 12)), offset: base + UInt64(j))
                    // ZIP64: the locator sits just before the record.
                    if end.entries == 0xFFFF || end.directoryOffset == 0xFFFF_FFFF || end.directorySize == 0xFFFF_FFFF,
                        end.offset >= 20
                    {
                        let locator = bytes(at: end.offset - 20, count: 20)
                        if ZipArchive.u32(locator, 0) == ZipArchive.zip64LocatorSignature {
                            let record = bytes(at: ZipArchive.u64(locator, 8), count: 56)
                            if ZipArchive.u32(record, 0) == ZipArchive.zip64EndSignature {
                                end.entries = ZipArchive.u64(record, 32)
                                end.directorySize = ZipArchive.u64(record, 40)
                                end.directoryOffset = ZipArchive.u64(record, 48)
                            }
                        }
                    }
                    return end
                }
            }
            j -= 1
        }
        return nil
    }

    private func load() throws(ImportError) {
        var listed: [Entry] = []
        var expectedEntries: UInt64?
        var directoryStart = size
        if let end = findEnd() {
            expectedEntries = end.entries
            guard end.entries <= UInt64(options.maxArchiveEntries) else {
                throw .limitExceeded(
                    path: path,
                    detail: "the archive lists \(end.entries) entries, over the limit of \(options.maxArchiveEntries) (ImportOptions.maxArchiveEntries)")
            }
            if end.directoryOffset <= end.offset {
                directoryStart = end.directoryOffset
                let available = end.offset - end.directoryOffset
                guard Swift.min(end.directorySize, available) <= ZipArchive.maxDirectoryBytes else {
                    throw .limitExceeded(
                        path: path, detail: "the archive's central directory is over \(ZipArchive.maxDirectoryBytes) bytes; not read")
                }
                listed = readDirectory(
                    at: end.directoryOffset, size: Swift.min(end.directorySize, available), expected: Int(end.entries))
            }
            if UInt64(listed.count) < end.entries {
                notes.append(
                    "\(DiagnosticText.escaped(path)): damaged archive: its central directory lists \(end.entries) entries but only \(listed.count) could be read; the others are looked for in their local headers")
            }
        } else {
            notes.append(
                "\(DiagnosticText.escaped(path)): damaged archive: the end of its central directory is missing (truncated download?); entries are looked for in their local headers")
        }
        let found = walkLocalHeaders(listed: listed, stop: directoryStart)
        if !found.isEmpty {
            notes.append(
                "\(DiagnosticText.escaped(path)): \(found.count) entr\(found.count == 1 ? "y is" : "ies are") read from local headers that the central directory does not list")
        }
        if expectedEntries == nil && found.isEmpty && listed.isEmpty {
            throw .damagedArchive(path: path, detail: "no central directory and no readable entry; it is not a readable .zip")
        }
        let all = listed + found
        guard all.count <= options.maxArchiveEntries else {
            throw .limitExceeded(
                path: path,
                detail: "the archive holds more than \(options.maxArchiveEntries) entries (ImportOptions.maxArchiveEntries)")
        }
        refuseOverlaps(all)
    }

    /// Parses the central directory; stops at the first damaged record.
    private func readDirectory(at offset: UInt64, size directorySize: UInt64, expected: Int) -> [Entry] {
        // The directory is read at once (bounded by the file's size).
        let directory = bytes(at: offset, count: Int(Swift.min(directorySize, size)))
        var entries: [Entry] = []
        entries.reserveCapacity(Swift.min(expected, 1 << 16))
        var j = 0
        while entries.count < expected, j + 46 <= directory.count,
            ZipArchive.u32(directory, j) == ZipArchive.centralSignature
        {
            directoryRecordsRead += 1
            let madeBy = ZipArchive.u16(directory, j + 4)
            let flags = ZipArchive.u16(directory, j + 8)
            let method = ZipArchive.u16(directory, j + 10)
            let crc = ZipArchive.u32(directory, j + 16)
            var compressed = UInt64(ZipArchive.u32(directory, j + 20))
            var uncompressed = UInt64(ZipArchive.u32(directory, j + 24))
            let nameLength = Int(ZipArchive.u16(directory, j + 28))
            let extraLength = Int(ZipArchive.u16(directory, j + 30))
            let commentLength = Int(ZipArchive.u16(directory, j + 32))
            let external = ZipArchive.u32(directory, j + 38)
            var local = UInt64(ZipArchive.u32(directory, j + 42))
            let nameStart = j + 46
            let next = nameStart + nameLength + extraLength + commentLength
            guard next <= directory.count else { break }
            let nameBytes = Array(directory[nameStart..<(nameStart + nameLength)])
            // ZIP64 sizes and offset, in this order, for the fields at their maximum.
            var e = nameStart + nameLength
            let extraEnd = e + extraLength
            while e + 4 <= extraEnd {
                let id = ZipArchive.u16(directory, e)
                let length = Int(ZipArchive.u16(directory, e + 2))
                if id == 0x0001 {
                    var f = e + 4
                    if uncompressed == 0xFFFF_FFFF, f + 8 <= e + 4 + length { uncompressed = ZipArchive.u64(directory, f); f += 8 }
                    if compressed == 0xFFFF_FFFF, f + 8 <= e + 4 + length { compressed = ZipArchive.u64(directory, f); f += 8 }
                    if local == 0xFFFF_FFFF, f + 8 <= e + 4 + length { local = ZipArchive.u64(directory, f) }
                }
                e += 4 + length
            }
            let unixMode = madeBy >> 8 == 3 ? UInt16(truncatingIfNeeded: external >> 16) : 0
            entries.append(Entry(
                path: ZipArchive.name(nameBytes, utf8: flags & 0x0800 != 0), method: method, flags: flags, crc32: crc,
                compressedSize: compressed, uncompressedSize: uncompressed, localHeaderOffset: local,
                isDirectory: nameBytes.last == UInt8(ascii: "/"), isSymbolicLink: unixMode & 0xF000 == 0xA000,
                fromLocalHeader: false))
            j = next
        }
        return entries
    }

    /// An entry name: UTF-8 when flagged or valid, else each byte as Latin-1.
    private static func name(_ bytes: [UInt8], utf8: Bool) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        return String(bytes.map { Character(Unicode.Scalar($0)) })
    }

    /// Walks the local headers from the first one to `stop` (the central
    /// directory), and returns the entries the directory does not list.
    /// Listed entries are skipped by their directory sizes; an unlisted one
    /// with a data descriptor is delimited by the next signature.
    private func walkLocalHeaders(listed: [Entry], stop: UInt64) -> [Entry] {
        var byOffset: [UInt64: Entry] = [:]
        for entry in listed where byOffset[entry.localHeaderOffset] == nil { byOffset[entry.localHeaderOffset] = entry }
        var found: [Entry] = []
        var offset = listed.map(\.localHeaderOffset).min() ?? 0
        if listed.isEmpty || bytes(at: offset, count: 4) != [0x50, 0x4B, 0x03, 0x04] {
            guard let first = nextSignature(from: 0, stop: stop) else { return [] }
            offset = first
        }
        var steps = 0
        while offset + 30 <= stop, steps <= options.maxArchiveEntries {
            steps += 1
            let header = bytes(at: offset, count: 30)
            guard ZipArchive.u32(header, 0) == ZipArchive.localSignature else {
                // Not a header where one should be: look for the next one.
                guard let next = nextSignature(from: offset + 1, stop: stop) else { break }
                offset = next
                continue
            }
            let flags = ZipArchive.u16(header, 6)
            let nameLength = UInt64(ZipArchive.u16(header, 26))
            let extraLength = UInt64(ZipArchive.u16(header, 28))
            let dataStart = offset + 30 + nameLength + extraLength
            if let entry = byOffset[offset] {
                // Sizes come from the file: added without overflow.
                var next = ZipArchive.sum(dataStart, entry.compressedSize)
                if flags & 0x0008 != 0 { next += descriptorLength(at: next, zip64: entry.compressedSize >= 0xFFFF_FFFF) }
                offset = next > offset ? next : offset + 1
                continue
            }
            // An entry the central directory does not list.
            let nameBytes = bytes(at: offset + 30, count: Int(nameLength))
            var compressed = UInt64(ZipArchive.u32(header, 18))
            var uncompressed: UInt64? = UInt64(ZipArchive.u32(header, 22))
            let method = ZipArchive.u16(header, 8)
            var crc = ZipArchive.u32(header, 14)
            var next: UInt64
            if flags & 0x0008 != 0 || compressed == 0xFFFF_FFFF {
                // Sizes in a data descriptor after the data: up to the next header.
                let end = nextSignature(from: dataStart, stop: stop) ?? stop
                next = end
                compressed = end > dataStart ? end - dataStart : 0
                uncompressed = nil
                // The data descriptor ends the data: signed or not, with 4- or
                // 8-byte sizes. The form whose compressed size fits is the one.
                for (length, signed, wide) in [(24, true, true), (16, true, false), (20, false, true), (12, false, false)]
                where end >= dataStart + UInt64(length) {
                    let tail = bytes(at: end - UInt64(length), count: length)
                    if signed && ZipArchive.u32(tail, 0) != ZipArchive.descriptorSignature { continue }
                    let base = signed ? 4 : 0
                    let size = wide ? ZipArchive.u64(tail, base + 4) : UInt64(ZipArchive.u32(tail, base + 4))
                    guard size == end - UInt64(length) - dataStart else { continue }
                    crc = ZipArchive.u32(tail, base)
                    compressed = size
                    uncompressed = wide ? ZipArchive.u64(tail, base + 12) : UInt64(ZipArchive.u32(tail, base + 8))
                    break
                }
            } else {
                next = dataStart + compressed
            }
            let isDirectory = nameBytes.last == UInt8(ascii: "/")
            if !nameBytes.isEmpty, dataStart <= stop {
                found.append(Entry(
                    path: ZipArchive.name(nameBytes, utf8: flags & 0x0800 != 0), method: method, flags: flags, crc32: crc,
                    compressedSize: compressed, uncompressedSize: uncompressed, localHeaderOffset: offset,
                    isDirectory: isDirectory, isSymbolicLink: false, fromLocalHeader: true))
            }
            offset = next > offset ? next : offset + 1
        }
        return found
    }

    /// `a + b`, saturated at the largest offset (sizes come from the file).
    static func sum(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let (value, overflow) = a.addingReportingOverflow(b)
        return overflow ? .max : value
    }

    /// The length of the data descriptor at `offset` (with or without its signature).
    private func descriptorLength(at offset: UInt64, zip64: Bool) -> UInt64 {
        let signed = ZipArchive.u32(bytes(at: offset, count: 4), 0) == ZipArchive.descriptorSignature
        return (signed ? 4 : 0) + (zip64 ? 20 : 12)
    }

    /// The offset of the next local header signature in `from..<stop`.
    private func nextSignature(from start: UInt64, stop: UInt64) -> UInt64? {
        var offset = start
        let chunk = 1 << 16
        while offset + 4 <= stop {
            let block = bytes(at: offset, count: Int(Swift.min(UInt64(chunk + 3), stop - offset)))
            if block.count < 4 { return nil }
            var j = 0
            while j + 4 <= block.count {
                if block[j] == 0x50, block[j + 1] == 0x4B, block[j + 2] == 0x03, block[j + 3] == 0x04 {
                    return offset + UInt64(j)
                }
                j += 1
            }
            offset += UInt64(chunk)
        }
        return nil
    }

    /// Keeps the file entries with a usable path; refuses the others with a reason.
    private func refuseOverlaps(_ all: [Entry]) {
        // Entries whose data overlap another's: several names for the same
        // bytes is how a small archive expands to terabytes.
        let sorted = all.filter { !$0.isDirectory }.sorted { $0.localHeaderOffset < $1.localHeaderOffset }
        var overlapping = Set<UInt64>()
        var reach: UInt64 = 0
        var previous: UInt64?
        for entry in sorted {
            if let previous, entry.localHeaderOffset < reach || entry.localHeaderOffset == previous {
                overlapping.insert(entry.localHeaderOffset)
            }
            previous = entry.localHeaderOffset
            let end = entry.localHeaderOffset &+ 30 &+ entry.compressedSize
            reach = Swift.max(reach, end < entry.localHeaderOffset ? UInt64.max : end)
        }
        for entry in all where !entry.isDirectory {
            let name = displayName(entry.path)
            if let reason = ZipArchive.unsafePath(entry.path) {
                refusals.append((name, .damagedArchive(path: name, detail: "an entry whose path \(reason) is not read")))
            } else if entry.isSymbolicLink {
                refusals.append((name, .notARegularFile(path: name, kind: "a symbolic link stored in the archive")))
            } else if overlapping.contains(entry.localHeaderOffset) {
                refusals.append((name, .limitExceeded(path: name, detail: "its data overlap another entry's (a zip bomb?); not read")))
            } else {
                entries.append(entry)
            }
        }
    }

    /// Why a path is not safe to name an entry by: it leaves the archive.
    static func unsafePath(_ path: String) -> String? {
        if path.hasPrefix("/") || path.hasPrefix("\\") { return "is absolute" }
        if path.utf8.contains(0) { return "holds a NUL byte" }
        let parts = path.split(whereSeparator: { $0 == "/" || $0 == "\\" })
        if parts.contains("..") { return "leaves the archive (..)" }
        if let first = parts.first, first.count == 2, first.hasSuffix(":") { return "names a drive" }
        return nil
    }

    func displayName(_ entryPath: String) -> String { path + "!/" + entryPath }

    // MARK: Reading an entry

    private struct Stop: Error {}

    /// Streams an entry's bytes to `body`, under the limits. `limit`: the
    /// most bytes wanted; `partial`: stop quietly at `limit` (a head), else
    /// refuse an entry that expands beyond it. Throws `ImportError` for
    /// damage and limits, or what `body` throws.
    func read(
        _ entry: Entry, limit: Int64, partial: Bool, _ body: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        let name = displayName(entry.path)
        if entry.flags & 0x0001 != 0 {
            throw ImportError.damagedArchive(path: name, detail: "the entry is encrypted; Vigie does not read encrypted entries")
        }
        guard entry.method == 0 || entry.method == 8 else {
            throw ImportError.damagedArchive(
                path: name, detail: "the entry uses compression method \(entry.method); only stored and deflated entries are read")
        }
        let header = bytes(at: entry.localHeaderOffset, count: 30)
        guard ZipArchive.u32(header, 0) == ZipArchive.localSignature else {
            throw ImportError.damagedArchive(path: name, detail: "the entry's local header is missing or damaged")
        }
        let dataStart = entry.localHeaderOffset + 30 + UInt64(ZipArchive.u16(header, 26)) + UInt64(ZipArchive.u16(header, 28))
        guard dataStart <= size, entry.compressedSize <= size - dataStart else {
            throw ImportError.damagedArchive(path: name, detail: "the entry's data run past the end of the archive (truncated?)")
        }
        let declared = entry.uncompressedSize
        if !partial {
            if let declared, declared > UInt64(limit) {
                throw ImportError.tooLarge(path: name, size: Int64(clamping: declared), limit: limit)
            }
            if let declared, Int64(clamping: declared) > ImportOptions.ratioCheckThreshold,
                declared / Swift.max(1, entry.compressedSize) > UInt64(options.maxCompressionRatio)
            {
                throw bomb(name, declared: true)
            }
        }
        var produced: Int64 = 0
        var checksum: UInt32 = 0
        let checkCRC = !partial
        func consume(_ chunk: UnsafeRawBufferPointer) throws {
            var chunk = chunk
            if partial, produced + Int64(chunk.count) > limit {
                chunk = UnsafeRawBufferPointer(rebasing: chunk[0..<Int(limit - produced)])
            }
            produced += Int64(chunk.count)
            expanded += Int64(chunk.count)
            if let declared, UInt64(produced) > declared {
                throw ImportError.damagedArchive(
                    path: name, detail: "the entry expands beyond its declared size of \(declared) bytes (damaged, or a zip bomb)")
            }
            if !partial, produced > limit {
                throw ImportError.tooLarge(path: name, size: produced, limit: limit)
            }
            if expanded > options.maxExpandedBytes {
                throw ImportError.limitExceeded(
                    path: name,
                    detail: "the archive's entries expand to more than \(options.maxExpandedBytes) bytes in all (ImportOptions.maxExpandedBytes); not read")
            }
            if produced > ImportOptions.ratioCheckThreshold,
                produced / Int64(clamping: Swift.max(1, entry.compressedSize)) > Int64(options.maxCompressionRatio)
            {
                throw bomb(name, declared: false)
            }
            if checkCRC, let base = chunk.baseAddress, chunk.count > 0 {
                checksum = Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: chunk.count, deallocator: .none)
                    .crc32(checksum: checksum)
            }
            if chunk.count > 0 { try body(chunk) }
            if partial, produced >= limit { throw Stop() }
        }
        do {
            if entry.method == 0 {
                var offset = dataStart
                var left = entry.compressedSize
                while left > 0 {
                    let chunk = bytes(at: offset, count: Int(Swift.min(left, 1 << 16)))
                    guard !chunk.isEmpty else { break }
                    try chunk.withUnsafeBytes { try consume($0) }
                    offset += UInt64(chunk.count)
                    left -= UInt64(chunk.count)
                }
            } else {
                try inflate(from: dataStart, compressedSize: entry.compressedSize, name: name) { data in
                    try data.withUnsafeBytes { try consume($0) }
                }
            }
        } catch is Stop {
            return
        }
        guard !partial else { return }
        if let declared, UInt64(produced) != declared {
            throw ImportError.damagedArchive(
                path: name, detail: "the entry holds \(produced) bytes where \(declared) are declared (damaged archive)")
        }
        if checksum != entry.crc32 {
            throw ImportError.damagedArchive(path: name, detail: "the entry's data do not match its checksum (damaged archive)")
        }
    }

    private func bomb(_ name: String, declared: Bool) -> ImportError {
        .limitExceeded(
            path: name,
            detail: "the entry \(declared ? "declares it expands" : "expands") more than \(options.maxCompressionRatio) times its compressed size (a zip bomb?); not read (ImportOptions.maxCompressionRatio)")
    }

    private struct Exhausted: Error {}

    /// Inflates raw deflate data. The provider always returns exactly the
    /// size asked (padded with zeros past the entry's data, which no valid
    /// stream reaches) and throws once the data and one padding chunk are
    /// used up: a stream that never ends cannot loop.
    private func inflate(from start: UInt64, compressedSize: UInt64, name: String, _ consumer: (Data) throws -> Void) throws {
        let bufferSize = 1 << 16
        var padded = false
        do {
            _ = try Data.decompress(
                size: Int64(clamping: compressedSize), bufferSize: bufferSize, skipCRC32: true,
                provider: { position, chunkSize in
                    let wanted = Swift.max(chunkSize, 1)
                    let offset = UInt64(clamping: position)
                    if offset >= compressedSize {
                        if padded { throw Exhausted() }
                        padded = true
                        return Data(count: wanted)
                    }
                    var chunk = self.bytes(at: start + offset, count: Int(Swift.min(UInt64(wanted), compressedSize - offset)))
                    if chunk.count < wanted {
                        if chunk.count < Int(Swift.min(UInt64(wanted), compressedSize - offset)) {
                            // The file ends before the entry's data.
                            throw Exhausted()
                        }
                        padded = true
                        chunk += [UInt8](repeating: 0, count: wanted - chunk.count)
                    }
                    return Data(chunk)
                },
                consumer: { data in
                    do {
                        try consumer(data)
                    } catch {
                        throw Passed(error: error)
                    }
                })
        } catch let passed as Passed {
            throw passed.error
        } catch is Exhausted {
            throw ImportError.damagedArchive(path: name, detail: "the entry's compressed data end too early (damaged or truncated archive)")
        } catch {
            // zlib's verdict (ZIPFoundation's `CompressionError`).
            throw ImportError.damagedArchive(path: name, detail: "the entry's compressed data are damaged")
        }
    }

    /// What the consumer threw, told apart from the inflater's errors.
    private struct Passed: Error {
        let error: any Error
    }
}
