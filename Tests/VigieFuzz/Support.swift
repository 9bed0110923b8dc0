import Foundation
import ZIPFoundation

/// A small deterministic generator (SplitMix64): the same seed gives the
/// same cases on every machine.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound`.
    public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(Swift.max(1, bound))) }

    public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// Personal data planted in the generated exports: none of it may come back
/// in clear in any message Vigie prints about them.
public enum Planted {
    public static let phone = "06 12 34 56 78"
    public static let email = "jeanne.tremblay@exemple.fr"
    public static let sin = "046 454 286"
    public static let values = [phone, email, sin]

    /// The forms that count as "in clear": as written, and the digits alone.
    public static let forms = [phone, email, sin, "0612345678", "046454286", "jeanne.tremblay", "exemple.fr"]

    /// The planted values found in `text`.
    public static func leaks(in text: String) -> [String] {
        forms.filter { text.contains($0) }
    }
}

/// Builds `.zip` archives byte by byte, so that tests can make exactly the
/// archive they need: normal ones, zip bombs, damaged or truncated ones.
public enum ZipWriter {
    public struct Entry {
        public var name: String
        public var data: [UInt8]
        public var deflate: Bool
        /// Overrides of what the headers declare (a lying archive).
        public var declaredSize: UInt32?
        public var declaredCRC: UInt32?
        /// Sizes and CRC after the data (a streaming writer), not in the local header.
        public var descriptor: Descriptor?

        public enum Descriptor: Sendable { case short, zip64 }

        public init(_ name: String, _ data: [UInt8], deflate: Bool = true, declaredSize: UInt32? = nil, declaredCRC: UInt32? = nil) {
            self.name = name
            self.data = data
            self.deflate = deflate
            self.declaredSize = declaredSize
            self.declaredCRC = declaredCRC
        }

        public init(_ name: String, _ text: String, deflate: Bool = true) {
            self.init(name, Array(text.utf8), deflate: deflate)
        }
    }

    /// An archive and where its parts are.
    public struct Layout {
        public var bytes: [UInt8]
        public var localHeaderOffsets: [Int]
        public var centralDirectoryOffset: Int
        /// Offsets of each central directory record.
        public var directoryRecordOffsets: [Int]
    }

    public static func crc32(_ data: [UInt8]) -> UInt32 {
        Data(data).crc32(checksum: 0)
    }

    /// Raw deflate (what a `.zip` stores).
    public static func deflate(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        let source = Data(data)
        _ = try? Data.compress(
            size: Int64(source.count), bufferSize: 1 << 16,
            provider: { position, size in
                let start = Int(position)
                return source.subdata(in: start..<Swift.min(source.count, start + size))
            },
            consumer: { out.append(contentsOf: $0) })
        return out
    }

    private static func le16(_ v: Int, _ out: inout [UInt8]) {
        out.append(UInt8(v & 0xFF))
        out.append(UInt8((v >> 8) & 0xFF))
    }

    private static func le32(_ v: UInt32, _ out: inout [UInt8]) {
        for k in 0..<4 { out.append(UInt8((v >> (8 * UInt32(k))) & 0xFF)) }
    }

    public static func archive(_ entries: [Entry]) -> Layout {
        var out: [UInt8] = []
        var locals: [Int] = []
        var central: [[UInt8]] = []
        for entry in entries {
            let name = Array(entry.name.utf8)
            let stored = entry.deflate ? deflate(entry.data) : entry.data
            let crc = entry.declaredCRC ?? crc32(entry.data)
            let size = entry.declaredSize ?? UInt32(truncatingIfNeeded: entry.data.count)
            let method = entry.deflate ? 8 : 0
            locals.append(out.count)
            let offset = UInt32(out.count)
            let flags = entry.descriptor == nil ? 0x0800 : 0x0808
            le32(0x0403_4B50, &out)
            le16(20, &out); le16(flags, &out); le16(method, &out); le16(0, &out); le16(0x21, &out)
            if entry.descriptor == nil {
                le32(crc, &out); le32(UInt32(stored.count), &out); le32(size, &out)
            } else {
                le32(0, &out); le32(0, &out); le32(0, &out)
            }
            le16(name.count, &out); le16(0, &out)
            out += name
            out += stored
            switch entry.descriptor {
            case .short?:
                le32(0x0807_4B50, &out); le32(crc, &out); le32(UInt32(stored.count), &out); le32(size, &out)
            case .zip64?:
                le32(0x0807_4B50, &out); le32(crc, &out)
                le32(UInt32(stored.count), &out); le32(0, &out); le32(size, &out); le32(0, &out)
            case nil:
                break
            }
            var record: [UInt8] = []
            le32(0x0201_4B50, &record)
            le16(0x031E, &record); le16(20, &record); le16(flags, &record); le16(method, &record); le16(0, &record); le16(0x21, &record)
            le32(crc, &record); le32(UInt32(stored.count), &record); le32(size, &record)
            le16(name.count, &record); le16(0, &record); le16(0, &record); le16(0, &record); le16(0, &record)
            le32(0o100644 << 16, &record); le32(offset, &record)
            record += name
            central.append(record)
        }
        let directoryOffset = out.count
        var recordOffsets: [Int] = []
        for record in central {
            recordOffsets.append(out.count)
            out += record
        }
        let directorySize = out.count - directoryOffset
        le32(0x0605_4B50, &out)
        le16(0, &out); le16(0, &out); le16(entries.count, &out); le16(entries.count, &out)
        le32(UInt32(directorySize), &out); le32(UInt32(directoryOffset), &out); le16(0, &out)
        return Layout(bytes: out, localHeaderOffsets: locals, centralDirectoryOffset: directoryOffset, directoryRecordOffsets: recordOffsets)
    }
}

/// Writes files for a case in a fresh temporary folder.
public struct Scratch {
    public let url: URL

    public init(prefix: String = "vigie-fuzz") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    @discardableResult
    public func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
        return file.path
    }

    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String { try write(name, Array(text.utf8)) }

    /// A named pipe (nobody writes to it: opening it for reading would block).
    @discardableResult
    public func fifo(_ name: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard mkfifo(file.path, 0o644) == 0 else { throw CocoaError(.fileWriteUnknown) }
        return file.path
    }

    public func cleanup() {
        // Folders made unreadable by a case are made readable again first.
        if let walker = FileManager.default.enumerator(atPath: url.path) {
            while let relative = walker.nextObject() as? String {
                chmod(url.appendingPathComponent(relative).path, 0o755)
            }
        }
        try? FileManager.default.removeItem(at: url)
    }
}
