import Foundation

/// Reads a file line by line through a fixed-size buffer: memory stays bounded
/// by the buffer plus the longest accepted line, whatever the file size.
///
/// Lines end with `\n` (a `\r` before it is dropped). A line longer than
/// `maxLineBytes` is not kept: it is reported as `.tooLong` and skipped.
final class LineReader {
    enum Line {
        case text(number: Int, bytes: [UInt8])
        case tooLong(number: Int, length: Int)
    }

    static let chunkSize = 64 * 1024

    private let handle: FileHandle
    private let maxLineBytes: Int
    private var chunk: [UInt8]
    private var position = 0
    private var end = 0
    private var atEOF = false
    private var lineNumber = 0
    private var carry: [UInt8] = []

    init(path: String, maxLineBytes: Int) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        self.handle = handle
        self.maxLineBytes = maxLineBytes
        self.chunk = [UInt8](repeating: 0, count: LineReader.chunkSize)
    }

    deinit { try? handle.close() }

    private func refill() throws {
        position = 0
        end = 0
        let fd = handle.fileDescriptor
        let count = chunk.withUnsafeMutableBytes { buffer -> Int in
            while true {
                let n = read(fd, buffer.baseAddress, buffer.count)
                if n < 0 && errno == EINTR { continue }
                return n
            }
        }
        if count < 0 { throw CocoaError(.fileReadUnknown) }
        if count == 0 { atEOF = true }
        end = count
    }

    func next() throws -> Line? {
        carry.removeAll(keepingCapacity: carry.capacity <= 1 << 20)
        var length = 0
        var sawAnything = false
        while true {
            if position == end {
                if atEOF { break }
                try refill()
                if atEOF { break }
            }
            sawAnything = true
            let newline: Int? = chunk.withUnsafeBytes { buffer in
                let base = buffer.baseAddress! + position
                guard let hit = memchr(base, 0x0A, end - position) else { return nil }
                return UnsafeRawPointer(hit) - UnsafeRawPointer(buffer.baseAddress!)
            }
            let segmentEnd = newline ?? end
            let segmentLength = segmentEnd - position
            if length + segmentLength <= maxLineBytes {
                carry.append(contentsOf: chunk[position..<segmentEnd])
            }
            length += segmentLength
            if let newline {
                position = newline + 1
                return finishLine(length: length)
            }
            position = end
        }
        guard sawAnything, length > 0 || !carry.isEmpty else { return nil }
        return finishLine(length: length)
    }

    private func finishLine(length: Int) -> Line {
        lineNumber += 1
        if length > maxLineBytes { return .tooLong(number: lineNumber, length: length) }
        if carry.last == 0x0D { carry.removeLast() }
        return .text(number: lineNumber, bytes: carry)
    }
}
