import Foundation

/// Writes activities as a JSONL stream, one `vigie.activity/1` line each,
/// through a 64 KiB buffer.
public final class ActivityStreamWriter {
    private let handle: FileHandle
    private let ownsHandle: Bool
    private let encoder: JSONEncoder
    private var buffer = Data()
    private let flushThreshold = 64 * 1024
    public private(set) var count = 0

    /// Creates (or truncates) the file at `path`. The file is opened in
    /// place, never replaced: a path such as `/dev/null` or a named pipe stays
    /// what it is.
    public convenience init(path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ImportError.unwritable(path: path) }
        self.init(handle: FileHandle(fileDescriptor: fd, closeOnDealloc: true), ownsHandle: true)
    }

    /// Writes to an open handle (`FileHandle.standardOutput`); the caller closes it.
    public convenience init(fileHandle: FileHandle) {
        self.init(handle: fileHandle, ownsHandle: false)
    }

    private init(handle: FileHandle, ownsHandle: Bool) {
        self.handle = handle
        self.ownsHandle = ownsHandle
        self.encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        buffer.reserveCapacity(flushThreshold * 2)
    }

    deinit {
        try? flush()
        if ownsHandle { try? handle.close() }
    }

    private static let prefix = Data("{\"schema\":\"\(ActivityStream.schema)\",".utf8)

    /// Writes one line: the schema member first, then the activity's members in
    /// sorted order, so that the same activity always gives the same line.
    public func write(_ activity: Activity) throws {
        let object = try encoder.encode(activity)
        buffer.append(ActivityStreamWriter.prefix)
        buffer.append(object.dropFirst())  // the activity's own "{"
        buffer.append(0x0A)
        count += 1
        if buffer.count >= flushThreshold { try flush() }
    }

    public func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, and closes the file if the writer opened it.
    public func close() throws {
        try flush()
        if ownsHandle { try handle.close() }
    }
}
