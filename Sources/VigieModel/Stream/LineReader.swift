#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Splits bytes fed in chunks into lines, in bounded memory: one line at
/// most `maxLineBytes` long is kept; a longer one is counted and reported
/// as `.tooLong`, never held.
///
/// Lines end with `\n` (a `\r` before it is dropped); the last line may
/// lack it. Used by `LineReader` (a file) and by importers that stream an
/// archive entry without writing it anywhere.
package struct LineSplitter {
    package enum Line {
        case text(number: Int, bytes: [UInt8])
        case tooLong(number: Int, length: Int)
    }

    package let maxLineBytes: Int
    private var carry: [UInt8] = []
    /// The length of the line being read (it may exceed what `carry` keeps).
    private var length = 0
    private var lineNumber = 0

    package init(maxLineBytes: Int) {
        self.maxLineBytes = Swift.max(0, maxLineBytes)
    }

    /// The number of the last line returned.
    package var linesSeen: Int { lineNumber }

    /// Splits `chunk`, calling `body` for each line it completes.
    package mutating func feed<E: Error>(_ chunk: UnsafeRawBufferPointer, _ body: (Line) throws(E) -> Void) throws(E) {
        guard let base = chunk.baseAddress, chunk.count > 0 else { return }
        var position = 0
        let end = chunk.count
        while position < end {
            let newline = memchr(base + position, 0x0A, end - position)
            let segmentEnd = newline.map { UnsafeRawPointer($0) - base } ?? end
            let segmentLength = segmentEnd - position
            if length + segmentLength <= maxLineBytes {
                carry.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[position..<segmentEnd]))
            }
            length += segmentLength
            guard newline != nil else { return }
            position = segmentEnd + 1
            try finishLine(body)
        }
    }

    /// The last line, when the data does not end with a line break.
    package mutating func finish<E: Error>(_ body: (Line) throws(E) -> Void) throws(E) {
        if length > 0 { try finishLine(body) }
    }

    /// Hands the line to `body`, then empties `carry`: a line `body` does
    /// not keep leaves `carry` the only owner of its buffer, which is then
    /// reused for the next line instead of being allocated again.
    private mutating func finishLine<E: Error>(_ body: (Line) throws(E) -> Void) throws(E) {
        lineNumber += 1
        defer {
            carry.removeAll(keepingCapacity: carry.capacity <= 1 << 20)
            length = 0
        }
        if length > maxLineBytes {
            try body(.tooLong(number: lineNumber, length: length))
            return
        }
        if carry.last == 0x0D { carry.removeLast() }
        try body(.text(number: lineNumber, bytes: carry))
    }
}

/// Reads a file line by line through a fixed-size buffer: memory stays bounded
/// by the buffer plus the longest accepted line, whatever the file size.
///
/// Lines end with `\n` (a `\r` before it is dropped). A line longer than
/// `maxLineBytes` is not kept: it is reported as `.tooLong` and skipped.
/// The file is opened with `SafeFile`: a named pipe or a device is refused,
/// never read.
final class LineReader {
    typealias Line = LineSplitter.Line

    static let chunkSize = 64 * 1024

    private let fd: Int32
    private var splitter: LineSplitter
    private var chunk: [UInt8]
    private var pending: [Line] = []
    private var pendingIndex = 0
    private var atEOF = false

    init(path: String, maxLineBytes: Int) throws(SafeFile.Failure) {
        fd = try SafeFile.openForReading(path)
        splitter = LineSplitter(maxLineBytes: maxLineBytes)
        chunk = [UInt8](repeating: 0, count: LineReader.chunkSize)
    }

    deinit { close(fd) }

    func next() throws(SafeFile.Failure) -> Line? {
        while true {
            if pendingIndex < pending.count {
                defer { pendingIndex += 1 }
                return pending[pendingIndex]
            }
            pending.removeAll(keepingCapacity: true)
            pendingIndex = 0
            if atEOF { return nil }
            let count = chunk.withUnsafeMutableBytes { buffer -> Int in
                while true {
                    let n = read(fd, buffer.baseAddress, buffer.count)
                    if n < 0 && errno == EINTR { continue }
                    return n
                }
            }
            if count < 0 { throw .system(reason: SafeFile.reason(errno), code: errno) }
            if count == 0 {
                atEOF = true
                splitter.finish { pending.append($0) }
                continue
            }
            chunk.withUnsafeBytes { buffer in
                splitter.feed(UnsafeRawBufferPointer(rebasing: buffer[0..<count])) { pending.append($0) }
            }
        }
    }
}
