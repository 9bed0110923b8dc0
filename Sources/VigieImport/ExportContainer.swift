import Foundation
import VigieModel

#if canImport(Glibc)
    import Glibc
#endif

/// Where an export's files are: a folder, a `.zip` archive, or a single file.
protocol ExportContainer {
    /// What the user named (the path given on the command line).
    var location: String { get }
    /// The regular files found, in natural order.
    var entries: [ExportEntry] { get }
    /// What was found and cannot be read: special files, folders that cannot
    /// be listed, archive entries refused; each becomes a refused file.
    var refusals: [(name: String, error: ImportError)] { get }
    /// Damage worked around (an archive's damaged central directory): said
    /// in the summary; what it cost is in the files' outcomes.
    var notes: [String] { get }
    /// The name records and issues use for an entry.
    func displayName(of entry: ExportEntry) -> String
    /// The whole entry, refused above `limit` bytes.
    func read(_ entry: ExportEntry, limit: Int64) throws(ImportError) -> [UInt8]
    /// The first `count` bytes (fewer for a short file).
    func head(_ entry: ExportEntry, count: Int) throws(ImportError) -> [UInt8]
    /// The entry's bytes, in chunks, in bounded memory and without writing
    /// them anywhere. Throws `ImportError` or what `body` throws.
    func stream(_ entry: ExportEntry, _ body: (UnsafeRawBufferPointer) throws -> Void) throws
}

/// Opens the container that `path` designates. Nothing is opened in a way
/// that could block: a named pipe or a device is refused.
func openContainer(at path: String, options: ImportOptions) throws(ImportError) -> any ExportContainer {
    var info = stat()
    guard stat(path, &info) == 0 else {
        throw .unreadable(path: path, reason: SafeFile.reason(errno))
    }
    if info.st_mode & S_IFMT == S_IFDIR { return try DirectoryContainer(path: path) }
    if let kind = SafeFile.specialKind(info.st_mode) { throw .notARegularFile(path: path, kind: kind) }
    if ZipContainer.looksLikeZip(path: path) { return try ZipContainer(path: path, options: options) }
    return try SingleFileContainer(path: path, size: Int64(info.st_size))
}

/// Reads a file from disk, up to `limit` bytes.
func readFile(at path: String, display: String, limit: Int64) throws(ImportError) -> [UInt8] {
    let result: (bytes: [UInt8]?, size: Int64)
    do {
        result = try SafeFile.readAll(path, limit: limit)
    } catch {
        throw error.importError(path: display)
    }
    guard let bytes = result.bytes else { throw .tooLarge(path: display, size: result.size, limit: limit) }
    return bytes
}

/// The first `count` bytes of a file.
func headOfFile(at path: String, display: String, count: Int) throws(ImportError) -> [UInt8] {
    do {
        let fd = try SafeFile.openForReading(path)
        defer { close(fd) }
        return try SafeFile.readPrefix(fd, upTo: count)
    } catch {
        throw error.importError(path: display)
    }
}

/// Streams a file from disk in 64 KiB chunks.
func streamFile(at path: String, display: String, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
    let fd: Int32
    do {
        fd = try SafeFile.openForReading(path)
    } catch {
        throw error.importError(path: display)
    }
    defer { close(fd) }
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 {
            if errno == EINTR { continue }
            throw ImportError.unreadable(path: display, reason: SafeFile.reason(errno))
        }
        if n == 0 { return }
        try chunk.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
    }
}

/// Natural order: digit runs compare as numbers (`posts_2` before
/// `posts_10`), the rest byte by byte; deterministic and locale-free.
func naturalOrder(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8), y = Array(b.utf8)
    var i = 0, j = 0
    func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    while i < x.count && j < y.count {
        if isDigit(x[i]) && isDigit(y[j]) {
            var ie = i, je = j
            while ie < x.count && isDigit(x[ie]) { ie += 1 }
            while je < y.count && isDigit(y[je]) { je += 1 }
            // Compare without leading zeros: by length, then digit by digit.
            var si = i, sj = j
            while si < ie - 1 && x[si] == 0x30 { si += 1 }
            while sj < je - 1 && y[sj] == 0x30 { sj += 1 }
            if ie - si != je - sj { return ie - si < je - sj }
            for k in 0..<(ie - si) where x[si + k] != y[sj + k] { return x[si + k] < y[sj + k] }
            if ie - i != je - j { return ie - i < je - j }
            i = ie
            j = je
            continue
        }
        if x[i] != y[j] { return x[i] < y[j] }
        i += 1
        j += 1
    }
    return x.count - i < y.count - j
}

struct SingleFileContainer: ExportContainer {
    let location: String
    let entries: [ExportEntry]
    var refusals: [(name: String, error: ImportError)] { [] }
    var notes: [String] { [] }

    init(path: String, size: Int64) throws(ImportError) {
        location = path
        entries = [ExportEntry(path: (path as NSString).lastPathComponent, size: size)]
    }

    func displayName(of entry: ExportEntry) -> String { location }

    func read(_ entry: ExportEntry, limit: Int64) throws(ImportError) -> [UInt8] {
        try readFile(at: location, display: location, limit: limit)
    }

    func head(_ entry: ExportEntry, count: Int) throws(ImportError) -> [UInt8] {
        try headOfFile(at: location, display: location, count: count)
    }

    func stream(_ entry: ExportEntry, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        try streamFile(at: location, display: location, body)
    }
}

/// A folder, walked with `lstat`: regular files are entries; a folder that
/// cannot be listed, a named pipe, a device, a socket or a broken link is a
/// refusal with its reason (never silently skipped, never opened). Symbolic
/// links to files are followed; links to folders too, once each (a loop is
/// refused).
struct DirectoryContainer: ExportContainer {
    let location: String
    let entries: [ExportEntry]
    let refusals: [(name: String, error: ImportError)]
    var notes: [String] { [] }

    /// Folders deeper than this are refused (a loop the link check missed).
    static let maxDepth = 64

    init(path: String) throws(ImportError) {
        location = path
        var found: [ExportEntry] = []
        var refused: [(name: String, error: ImportError)] = []
        var visited: Set<[UInt64]> = []
        var root = stat()
        guard stat(path, &root) == 0 else { throw .unreadable(path: path, reason: SafeFile.reason(errno)) }
        visited.insert([UInt64(root.st_dev), UInt64(root.st_ino)])
        guard let names = DirectoryContainer.list(path) else {
            throw .unreadable(path: path, reason: "cannot list the folder: \(SafeFile.reason(errno))")
        }
        var pending: [(relative: String, names: [String], depth: Int)] = [("", names, 0)]
        while let (relative, names, depth) = pending.popLast() {
            for name in names {
                let rel = relative.isEmpty ? name : relative + "/" + name
                let full = (path as NSString).appendingPathComponent(rel)
                var info = stat()
                guard lstat(full, &info) == 0 else {
                    refused.append((full, .unreadable(path: full, reason: SafeFile.reason(errno))))
                    continue
                }
                if info.st_mode & S_IFMT == S_IFLNK {
                    guard stat(full, &info) == 0 else {
                        refused.append((full, .unreadable(path: full, reason: "a symbolic link whose target cannot be read (\(SafeFile.reason(errno)))")))
                        continue
                    }
                }
                switch info.st_mode & S_IFMT {
                case S_IFREG:
                    found.append(ExportEntry(path: rel, size: Int64(info.st_size)))
                case S_IFDIR:
                    guard visited.insert([UInt64(info.st_dev), UInt64(info.st_ino)]).inserted else {
                        refused.append((full, .unreadable(path: full, reason: "a link back to a folder already read (a loop)")))
                        continue
                    }
                    guard depth < DirectoryContainer.maxDepth else {
                        refused.append((full, .limitExceeded(path: full, detail: "folders nested more than \(DirectoryContainer.maxDepth) deep are not read")))
                        continue
                    }
                    guard let children = DirectoryContainer.list(full) else {
                        refused.append((full, .unreadable(path: full, reason: "cannot list the folder: \(SafeFile.reason(errno))")))
                        continue
                    }
                    pending.append((rel, children, depth + 1))
                default:
                    refused.append((full, .notARegularFile(path: full, kind: SafeFile.specialKind(info.st_mode) ?? "a special file")))
                }
            }
        }
        entries = found.sorted { naturalOrder($0.path, $1.path) }
        refusals = refused.sorted { naturalOrder($0.name, $1.name) }
    }

    /// The names in a folder, or nil (with `errno` set) when it cannot be listed.
    private static func list(_ path: String) -> [String]? {
        guard let dir = opendir(path) else { return nil }
        defer { closedir(dir) }
        var names: [String] = []
        while true {
            errno = 0
            guard let entry = readdir(dir) else {
                if errno != 0 { return nil }
                break
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw -> String in
                let bytes = raw.bindMemory(to: UInt8.self)
                let length = bytes.firstIndex(of: 0) ?? bytes.count
                return String(decoding: bytes[0..<length], as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    private func fullPath(_ entry: ExportEntry) -> String {
        (location as NSString).appendingPathComponent(entry.path)
    }

    func displayName(of entry: ExportEntry) -> String { fullPath(entry) }

    func read(_ entry: ExportEntry, limit: Int64) throws(ImportError) -> [UInt8] {
        try readFile(at: fullPath(entry), display: displayName(of: entry), limit: limit)
    }

    func head(_ entry: ExportEntry, count: Int) throws(ImportError) -> [UInt8] {
        try headOfFile(at: fullPath(entry), display: displayName(of: entry), count: count)
    }

    func stream(_ entry: ExportEntry, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        try streamFile(at: fullPath(entry), display: displayName(of: entry), body)
    }
}
