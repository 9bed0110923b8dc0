import VigieModel
import Foundation

/// Where an export's files are: a folder, a `.zip` archive, or a single file.
protocol ExportContainer {
    /// What the user named (the path given on the command line).
    var location: String { get }
    var entries: [ExportEntry] { get }
    /// The name records and issues use for an entry.
    func displayName(of entry: ExportEntry) -> String
    /// The whole entry, refused above `limit` bytes.
    func read(_ entry: ExportEntry, limit: Int64) throws(ImportError) -> [UInt8]
    /// The first `count` bytes (fewer for a short file).
    func head(_ entry: ExportEntry, count: Int) throws(ImportError) -> [UInt8]
    /// A path on disk holding the entry's bytes, valid during `body`
    /// (archive entries are extracted to a temporary file in a streaming way).
    func withLocalFile<T>(_ entry: ExportEntry, _ body: (String) throws -> T) throws -> T
}

/// Opens the container that `path` designates.
func openContainer(at path: String) throws(ImportError) -> any ExportContainer {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw .unreadable(path: path, reason: "no such file or folder")
    }
    if isDirectory.boolValue { return try DirectoryContainer(path: path) }
    guard FileManager.default.isReadableFile(atPath: path) else {
        throw .unreadable(path: path, reason: "permission denied")
    }
    if ZipContainer.looksLikeZip(path: path) { return try ZipContainer(path: path) }
    return try SingleFileContainer(path: path)
}

/// Reads a file from disk, up to `limit` bytes.
func readFile(at path: String, display: String, size: Int64, limit: Int64) throws(ImportError) -> [UInt8] {
    guard size <= limit else { throw .tooLarge(path: display, size: size, limit: limit) }
    guard let handle = FileHandle(forReadingAtPath: path) else {
        throw .unreadable(path: display, reason: "cannot open the file")
    }
    defer { try? handle.close() }
    do {
        let data = try handle.read(upToCount: Int(limit) + 1) ?? Data()
        guard data.count <= limit else { throw ImportError.tooLarge(path: display, size: Int64(data.count), limit: limit) }
        return [UInt8](data)
    } catch let error as ImportError {
        throw error
    } catch {
        throw .unreadable(path: display, reason: error.localizedDescription)
    }
}

/// The first `count` bytes of a file.
func headOfFile(at path: String, display: String, count: Int) throws(ImportError) -> [UInt8] {
    guard let handle = FileHandle(forReadingAtPath: path) else {
        throw .unreadable(path: display, reason: "cannot open the file")
    }
    defer { try? handle.close() }
    do {
        return [UInt8](try handle.read(upToCount: count) ?? Data())
    } catch {
        throw .unreadable(path: display, reason: error.localizedDescription)
    }
}

func fileSize(at path: String) -> Int64 {
    ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
}

struct SingleFileContainer: ExportContainer {
    let location: String
    let entries: [ExportEntry]

    init(path: String) throws(ImportError) {
        location = path
        entries = [ExportEntry(path: (path as NSString).lastPathComponent, size: fileSize(at: path))]
    }

    func displayName(of entry: ExportEntry) -> String { location }

    func read(_ entry: ExportEntry, limit: Int64) throws(ImportError) -> [UInt8] {
        try readFile(at: location, display: location, size: entry.size, limit: limit)
    }

    func head(_ entry: ExportEntry, count: Int) throws(ImportError) -> [UInt8] {
        try headOfFile(at: location, display: location, count: count)
    }

    func withLocalFile<T>(_ entry: ExportEntry, _ body: (String) throws -> T) throws -> T {
        try body(location)
    }
}

struct DirectoryContainer: ExportContainer {
    let location: String
    let entries: [ExportEntry]

    init(path: String) throws(ImportError) {
        location = path
        guard let walker = FileManager.default.enumerator(atPath: path) else {
            throw .unreadable(path: path, reason: "cannot list the folder")
        }
        var found: [ExportEntry] = []
        while let relative = walker.nextObject() as? String {
            let full = (path as NSString).appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue
            else { continue }
            found.append(ExportEntry(path: relative, size: fileSize(at: full)))
        }
        entries = found.sorted { $0.path.localizedStandardCompare($1.path) == .orderedAscending }
    }

    private func fullPath(_ entry: ExportEntry) -> String {
        (location as NSString).appendingPathComponent(entry.path)
    }

    func displayName(of entry: ExportEntry) -> String { fullPath(entry) }

    func read(_ entry: ExportEntry, limit: Int64) throws(ImportError) -> [UInt8] {
        try readFile(at: fullPath(entry), display: displayName(of: entry), size: entry.size, limit: limit)
    }

    func head(_ entry: ExportEntry, count: Int) throws(ImportError) -> [UInt8] {
        try headOfFile(at: fullPath(entry), display: displayName(of: entry), count: count)
    }

    func withLocalFile<T>(_ entry: ExportEntry, _ body: (String) throws -> T) throws -> T {
        try body(fullPath(entry))
    }
}
