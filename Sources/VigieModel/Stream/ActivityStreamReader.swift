import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Reads a JSONL activity stream one line at a time, in constant memory: a
/// 64 KiB read buffer plus one line (at most `maxLineBytes`).
///
/// An activity keeps the `source` its line carries (the export it was first
/// imported from); a line without one gets this file and line.
///
/// A bad line (invalid JSON, invalid UTF-8, a missing field, another schema, a
/// line over the size cap) is reported as `.skipped` with its line number, and
/// reading goes on with the next line.
///
/// ```swift
/// let reader = try ActivityStreamReader(path: "activities.jsonl")
/// for record in reader {
///     switch record {
///     case .activity(let activity, _): handle(activity)
///     case .skipped(let issue): print(issue)   // "activities.jsonl:12: …"
///     }
/// }
/// ```
/// An I/O error while reading ends the sequence with a `.skipped` issue; use
/// `forEach(_:)` to have it thrown instead.
public struct ActivityStreamReader: Sequence {
    public enum Record: Sendable {
        case activity(Activity, line: Int)
        case skipped(ImportIssue)
    }

    public let path: String
    /// The name used in records' `source.file` and in issues (defaults to `path`).
    public let displayName: String
    public let maxLineBytes: Int

    public init(path: String, displayName: String? = nil, maxLineBytes: Int = ActivityStream.defaultMaxLineBytes)
        throws
    {
        // Opened once here to refuse at once what cannot be read (a missing
        // file, a named pipe, a device), without blocking.
        do {
            close(try SafeFile.openForReading(path))
        } catch {
            throw error.importError(path: displayName ?? path)
        }
        self.path = path
        self.displayName = displayName ?? path
        self.maxLineBytes = maxLineBytes
    }

    /// Calls `body` for each line, in order; throws on I/O errors or if `body` throws.
    public func forEach(_ body: (Record) throws -> Void) throws {
        let lines: LineReader
        do {
            lines = try LineReader(path: path, maxLineBytes: maxLineBytes)
        } catch {
            throw error.importError(path: displayName)
        }
        let decoder = ActivityLineDecoder(file: displayName, maxLineBytes: maxLineBytes)
        var index = 0
        while let line = try lines.next() {
            if let record = decoder.decode(line, index: index) {
                try body(record)
                index += 1
            }
        }
    }

    public func makeIterator() -> Iterator {
        Iterator(reader: self)
    }

    public struct Iterator: IteratorProtocol {
        private let reader: ActivityStreamReader
        private var lines: LineReader?
        private var failed = false
        private let decoder: ActivityLineDecoder
        private var index = 0

        init(reader: ActivityStreamReader) {
            self.reader = reader
            self.decoder = ActivityLineDecoder(file: reader.displayName, maxLineBytes: reader.maxLineBytes)
        }

        public mutating func next() -> Record? {
            guard !failed else { return nil }
            do {
                if lines == nil { lines = try LineReader(path: reader.path, maxLineBytes: reader.maxLineBytes) }
                while let line = try lines!.next() {
                    if let record = decoder.decode(line, index: index) {
                        index += 1
                        return record
                    }
                }
                return nil
            } catch {
                failed = true
                return .skipped(
                    ImportIssue(file: reader.displayName, reason: .truncated, detail: "read error: \(error.importError(path: reader.displayName).reason)"))
            }
        }
    }
}

/// Decodes a stream that arrives in chunks (an archive entry being
/// inflated), as `ActivityStreamReader` decodes a file: same records, same
/// issues, in bounded memory, with nothing written anywhere.
package struct ActivityStreamChunkDecoder {
    private var splitter: LineSplitter
    private let decoder: ActivityLineDecoder
    private var index = 0

    package init(displayName: String, maxLineBytes: Int) {
        splitter = LineSplitter(maxLineBytes: maxLineBytes)
        decoder = ActivityLineDecoder(file: displayName, maxLineBytes: maxLineBytes)
    }

    /// Decodes the lines `chunk` completes.
    package mutating func feed(_ chunk: UnsafeRawBufferPointer, _ body: (ActivityStreamReader.Record) throws -> Void) throws {
        var index = self.index
        defer { self.index = index }
        let decoder = self.decoder
        try splitter.feed(chunk) { line in
            if let record = decoder.decode(line, index: index) {
                index += 1
                try body(record)
            }
        }
    }

    /// Decodes the last line, when the data does not end with a line break.
    package mutating func finish(_ body: (ActivityStreamReader.Record) throws -> Void) throws {
        var index = self.index
        defer { self.index = index }
        let decoder = self.decoder
        try splitter.finish { line in
            if let record = decoder.decode(line, index: index) {
                index += 1
                try body(record)
            }
        }
    }
}

/// Turns one line of the stream into an activity or an issue.
///
/// A line first goes through `ActivityLineFastReader`, which reads the bytes
/// straight into an `Activity`; anything it does not take (unusual or invalid
/// lines) goes through `JSONDecoder`, which decodes it or says precisely what
/// is wrong.
struct ActivityLineDecoder {
    let file: String
    /// false: every line goes through `JSONDecoder` (tests and benchmarks compare both).
    let usesFastReader: Bool
    /// The cap the line reader applies (named in the issue of a longer line).
    let maxLineBytes: Int
    private let decoder = JSONDecoder()

    init(file: String, usesFastReader: Bool = true, maxLineBytes: Int = ActivityStream.defaultMaxLineBytes) {
        self.file = file
        self.usesFastReader = usesFastReader
        self.maxLineBytes = maxLineBytes
    }

    private struct Line: Decodable {
        var schema: String?
        var activity: Activity?

        enum CodingKeys: String, CodingKey { case schema }

        init(from decoder: any Decoder) throws {
            schema = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .schema)
            if schema == ActivityStream.schema { activity = try Activity(from: decoder) }
        }
    }

    /// nil for a blank line (not a record).
    func decode(_ line: LineSplitter.Line, index: Int) -> ActivityStreamReader.Record? {
        switch line {
        case .tooLong(let number, let length):
            return .skipped(
                ImportIssue(
                    file: file, line: number, record: index, reason: .lineTooLong,
                    detail: "line of \(length) bytes is over the \(maxLineBytes)-byte cap; skipped"))
        case .text(let number, let bytes):
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return nil }
            func issue(_ reason: ImportIssue.Reason, _ detail: String) -> ActivityStreamReader.Record {
                .skipped(ImportIssue(file: file, line: number, record: index, reason: reason, detail: detail))
            }
            func source(_ activity: inout Activity) {
                if activity.source.file.isEmpty {
                    activity.source = RecordSource(file: file, index: index, line: number)
                }
            }
            // A line the fast reader takes is valid UTF-8 (it checks it first),
            // and has no member of the model twice.
            if usesFastReader,
                var activity = bytes.withUnsafeBufferPointer({ ActivityLineFastReader.decode($0) })
            {
                source(&activity)
                return .activity(activity, line: number)
            }
            guard String(validating: bytes, as: UTF8.self) != nil else {
                return issue(.invalidUTF8, "the line is not valid UTF-8")
            }
            do {
                let decoded = try decoder.decode(Line.self, from: Data(bytes))
                guard let schema = decoded.schema else {
                    return issue(.unsupportedSchema, "no \"schema\" member; expected \"\(ActivityStream.schema)\"")
                }
                guard var activity = decoded.activity else {
                    return issue(
                        .unsupportedSchema,
                        "the schema (\(DiagnosticText.describe(text: schema))) is not \"\(ActivityStream.schema)\"")
                }
                // JSONDecoder keeps one of two members with the same name, silently.
                if let key = JSONDuplicateKeys.first(in: bytes) {
                    return issue(
                        .duplicateKey,
                        "the member \(DiagnosticText.memberName(key)) appears twice in one object; which value is meant is not known")
                }
                source(&activity)
                return .activity(activity, line: number)
            } catch let error as DecodingError {
                let (reason, detail) = error.vigieDescription
                return issue(reason, detail)
            } catch {
                return issue(.invalidJSON, "not a JSON object")
            }
        }
    }
}

/// For the `decode-bench` executable: decoding lines with or without the fast reader.
@_spi(Benchmarks) public enum ActivityLineDecoding {
    /// Decodes each line as the stream reader does, and returns the activities
    /// read (`fastReader: false` sends every line through `JSONDecoder`).
    public static func decode(_ lines: [[UInt8]], fastReader: Bool) -> [Activity] {
        let decoder = ActivityLineDecoder(file: "bench.jsonl", usesFastReader: fastReader)
        var activities: [Activity] = []
        activities.reserveCapacity(lines.count)
        for (index, bytes) in lines.enumerated() {
            if case .activity(let activity, _) = decoder.decode(.text(number: index + 1, bytes: bytes), index: index) {
                activities.append(activity)
            }
        }
        return activities
    }
}
