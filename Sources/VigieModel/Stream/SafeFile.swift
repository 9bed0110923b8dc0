#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Opening input files so that no read can block: a named pipe, a device or
/// a socket found in an export (or named on the command line) is refused
/// with its kind, never opened for reading in a blocking way.
///
/// The path is first examined with `stat` (no side effect on any kind of
/// file), then opened with `O_NONBLOCK | O_NOCTTY`, and the open descriptor
/// is checked again with `fstat` (the file may have been replaced between
/// the two).
package enum SafeFile {
    package enum Failure: Error, Hashable, Sendable {
        /// Not a regular file: "a named pipe", "a character device"…
        case notARegularFile(kind: String)
        /// A folder where a file was expected.
        case isAFolder
        /// The system's reason (`strerror`): "No such file or directory"…
        case system(reason: String, code: Int32)

        /// What an `ImportError` says about a failure of `path`.
        package func importError(path: String) -> ImportError {
            switch self {
            case .notARegularFile(let kind): .notARegularFile(path: path, kind: kind)
            case .isAFolder: .unreadable(path: path, reason: "it is a folder, not a file")
            case .system(let reason, _): .unreadable(path: path, reason: reason)
            }
        }
    }

    /// The kind of a file from its `st_mode`: nil for a regular file.
    package static func specialKind(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: "a folder"
        case S_IFIFO: "a named pipe (FIFO)"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        case S_IFLNK: "a symbolic link"
        default: "a special file"
        }
    }

    package static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: "no such file or folder"
        case EACCES, EPERM: "permission denied"
        case ELOOP: "too many levels of symbolic links"
        case ENAMETOOLONG: "the name is too long"
        case ENOTDIR: "a part of the path is not a folder"
        case EIO: "input/output error"
        default: String(cString: strerror(code))
        }
    }

    /// Opens a regular file for reading; the caller closes the descriptor.
    package static func openForReading(_ path: String) throws(Failure) -> Int32 {
        var info = stat()
        guard stat(path, &info) == 0 else { throw .system(reason: reason(errno), code: errno) }
        try check(info.st_mode)
        var fd: Int32
        repeat {
            fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        } while fd < 0 && errno == EINTR
        guard fd >= 0 else { throw .system(reason: reason(errno), code: errno) }
        guard fstat(fd, &info) == 0 else {
            let code = errno
            close(fd)
            throw .system(reason: reason(code), code: code)
        }
        do {
            try check(info.st_mode)
        } catch {
            close(fd)
            throw error
        }
        // A regular file never blocks; clear the flag all the same.
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
        return fd
    }

    private static func check(_ mode: mode_t) throws(Failure) {
        if mode & S_IFMT == S_IFDIR { throw .isAFolder }
        if let kind = specialKind(mode) { throw .notARegularFile(kind: kind) }
    }

    /// `read(2)` until `count` bytes or the end of the file.
    package static func readPrefix(_ fd: Int32, upTo count: Int) throws(Failure) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = bytes.withUnsafeMutableBytes { buffer in
                read(fd, buffer.baseAddress! + filled, count - filled)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw .system(reason: reason(errno), code: errno)
            }
            if n == 0 { break }
            filled += n
        }
        bytes.removeSubrange(filled...)
        return bytes
    }

    /// Reads a whole regular file, refusing it above `limit` bytes (then
    /// `nil`, with what was seen of its size).
    package static func readAll(_ path: String, limit: Int64) throws(Failure) -> (bytes: [UInt8]?, size: Int64) {
        let fd = try openForReading(path)
        defer { close(fd) }
        var info = stat()
        let declared = fstat(fd, &info) == 0 ? Int64(info.st_size) : 0
        if declared > limit { return (nil, declared) }
        // `limit + 1` bytes tell a file that grew past the limit.
        let want = Int(clamping: Swift.min(limit, Int64(Int.max - 1)) + 1)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Swift.min(want, Int(clamping: declared) + 1))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count < want {
            let n = chunk.withUnsafeMutableBytes { buffer in
                read(fd, buffer.baseAddress!, Swift.min(buffer.count, want - bytes.count))
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw .system(reason: reason(errno), code: errno)
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        if Int64(bytes.count) > limit { return (nil, Int64(bytes.count)) }
        return (bytes, Int64(bytes.count))
    }
}
