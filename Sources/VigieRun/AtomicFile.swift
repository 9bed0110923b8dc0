import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a file whole or not at all: to a temporary file in the same
/// folder, flushed to the disk (`fsync`), then renamed over the target; the
/// folder is flushed too, so that the rename survives a power cut. A process
/// that dies half-way leaves the old file (or none), never half a file.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String, permissions: mode_t = 0o644) throws(RunError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw RunError(.output, "cannot create the folder \(folder): \(error.localizedDescription)")
        }
        let temporary = folder + "/." + url.lastPathComponent + ".\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, permissions)
        guard fd >= 0 else { throw RunError(.output, "cannot write \(path): \(String(cString: strerror(errno)))") }
        var failure: Int32 = 0
        data.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else {
                    failure = errno
                    return
                }
                done += n
            }
        }
        if failure == 0, fsync(fd) != 0 { failure = errno }
        close(fd)
        guard failure == 0 else {
            unlink(temporary)
            let hint = failure == ENOSPC ? " (the disk is full)" : ""
            throw RunError(failure == ENOSPC ? .diskFull : .output, "cannot write \(path): \(String(cString: strerror(failure)))\(hint)")
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw RunError(.output, "cannot write \(path): \(String(cString: strerror(code)))")
        }
        let dir = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dir >= 0 {
            fsync(dir)
            close(dir)
        }
    }
}
