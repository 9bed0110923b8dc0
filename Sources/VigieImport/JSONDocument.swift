import VigieModel
/// A whole JSON (or X/Twitter `.js`) file in memory, read record by record.
///
/// Records are the elements of one array: the top-level array, or the array
/// under a top-level key (`orderedItems`, `comments_v2`, `messages`). Each
/// element is located structurally first (brackets and strings only), then
/// parsed on its own: an invalid element is reported and the next one is
/// read; a file cut short yields every complete element, then one issue for
/// the truncated one.
struct JSONDocument {
    struct Element {
        var index: Int
        var line: Int
        var result: Result<JSONValue, ImportIssue>
    }

    let bytes: [UInt8]
    let file: String
    let repairMojibake: Bool

    init(bytes: [UInt8], file: String, repairMojibake: Bool = false) {
        self.bytes = bytes
        self.file = file
        self.repairMojibake = repairMojibake
    }

    /// Line (one-based) of a byte offset.
    func line(at offset: Int) -> Int {
        var line = 1
        for k in 0..<min(offset, bytes.count) where bytes[k] == 0x0A { line += 1 }
        return line
    }

    /// Parses the whole document as one value.
    func parseWhole(from start: Int = 0) throws(ImportError) -> JSONValue {
        let result: Result<JSONValue, JSONParser.Failure> = bytes.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(bytes: buffer, from: start, to: buffer.count, repairMojibake: repairMojibake)
            do throws(JSONParser.Failure) {
                return .success(try parser.parseDocument())
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let value): return value
        case .failure(let failure):
            throw .malformed(path: file, line: line(at: failure.offset), detail: "invalid JSON: \(failure.message)")
        }
    }

    /// The offset of the first non-whitespace byte at or after `start`.
    func firstByte(from start: Int = 0) -> Int? {
        var k = start
        // A UTF-8 byte order mark.
        if k == 0, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { k = 3 }
        while k < bytes.count {
            let b = bytes[k]
            if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { k += 1 } else { return k }
        }
        return nil
    }

    /// The offset of the `[` of the array of records: the top-level array when
    /// `key` is nil, else the array value of that top-level member.
    func arrayOffset(key: String?, from start: Int = 0) -> Int? {
        guard let first = firstByte(from: start) else { return nil }
        guard let key else { return bytes[first] == UInt8(ascii: "[") ? first : nil }
        guard bytes[first] == UInt8(ascii: "{") else { return nil }
        var k = first + 1
        while let at = firstByte(from: k), bytes[at] == UInt8(ascii: "\"") {
            guard let keyEnd = skipValue(from: at) else { return nil }
            let name = bytes.withUnsafeBufferPointer { buffer -> String? in
                var parser = JSONParser(bytes: buffer, from: at, to: keyEnd, repairMojibake: false)
                return try? parser.parseString()
            }
            guard let colon = firstByte(from: keyEnd), bytes[colon] == UInt8(ascii: ":"),
                let valueStart = firstByte(from: colon + 1)
            else { return nil }
            if name == key { return bytes[valueStart] == UInt8(ascii: "[") ? valueStart : nil }
            guard let valueEnd = skipValue(from: valueStart), let next = firstByte(from: valueEnd),
                bytes[next] == UInt8(ascii: ",")
            else { return nil }
            k = next + 1
        }
        return nil
    }

    /// The `[` of the array under `key`, found by searching the text for
    /// `"key" : [` — for a document whose structure before its records is
    /// damaged (a broken quote in a header member).
    func arrayOffsetBySearch(key: String) -> Int? {
        let needle = Array("\"\(key)\"".utf8)
        var from = 0
        while from < bytes.count, let range = bytes[from...].firstRange(of: needle) {
            if let colon = firstByte(from: range.upperBound), bytes[colon] == UInt8(ascii: ":"),
                let open = firstByte(from: colon + 1), bytes[open] == UInt8(ascii: "[")
            {
                return open
            }
            from = range.upperBound
        }
        return nil
    }

    /// The end of the value starting at `start`, found by matching brackets and
    /// strings only; nil if the data ends first.
    func skipValue(from start: Int) -> Int? {
        var k = start
        var depth = 0
        var inString = false
        while k < bytes.count {
            let b = bytes[k]
            if inString {
                if b == 0x5C {
                    k += 2
                    continue
                }
                if b == 0x22 {
                    inString = false
                    if depth == 0 { return k + 1 }
                }
                k += 1
                continue
            }
            switch b {
            case 0x22: inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 { return k }
                depth -= 1
                if depth == 0 { return k + 1 }
            case UInt8(ascii: ","), 0x20, 0x0A, 0x0D, 0x09:
                if depth == 0 { return k }
            default: break
            }
            k += 1
        }
        return depth == 0 && !inString && k > start ? k : nil
    }

    /// What walking the records of a document meets.
    enum Event {
        /// One record, parsed or with the issue that skips it.
        case element(Element)
        /// Records that could not be read one by one (after damage), with
        /// the issue that says where.
        case lost(count: Int, issue: ImportIssue)
        /// A problem that is not one record's: an array that never closes
        /// (`losesInput`: records may be missing), text between records.
        case problem(ImportIssue, losesInput: Bool)
    }

    /// Calls `body` for each element of the array at `arrayStart`, in order.
    /// Throws only what `body` throws.
    ///
    /// Each element is parsed on its own, and its parse stops at the first
    /// byte that is not valid JSON. After a damaged element (a broken quote,
    /// a missing brace), reading resumes at the next element: in a
    /// pretty-printed file (elements starting a line at the first element's
    /// indentation, as exports are written) the next line that starts an
    /// element there; in a compact file, the next `},{` from which an element
    /// parses. Elements passed over on the way are counted as lost; when no
    /// element follows, the rest of the file is. Each element is parsed once
    /// and the search only moves forward: linear time.
    func forEachElement<E: Error>(ofArrayAt arrayStart: Int, _ body: (Event) throws(E) -> Void) throws(E) {
        let n = bytes.count
        var k = arrayStart + 1
        var index = 0
        var lineCursor = 0
        var currentLine = 1
        func lineOf(_ offset: Int) -> Int {
            while lineCursor < offset && lineCursor < n {
                if bytes[lineCursor] == 0x0A { currentLine += 1 }
                lineCursor += 1
            }
            return currentLine
        }
        // The layout of elements, from the first one: its opening byte, and
        // its column when it starts a line (nil: a compact file).
        var opening: UInt8?
        var column: Int?
        while true {
            guard let start = firstByte(from: k) else {
                try body(.problem(ImportIssue(
                    file: file, line: lineOf(n), reason: .truncated,
                    detail: index == 0
                        ? "the file ends before the end of the array"
                        : "the file ends before the end of the array (truncated export?)"), losesInput: true))
                return
            }
            if bytes[start] == UInt8(ascii: "]") { return }
            if opening == nil {
                opening = bytes[start]
                column = columnIfLineStart(start)
            }
            let line = lineOf(start)
            let parsed: Result<(JSONValue, Int), JSONParser.Failure> = bytes.withUnsafeBufferPointer { buffer in
                var parser = JSONParser(bytes: buffer, from: start, to: n, repairMojibake: repairMojibake)
                do throws(JSONParser.Failure) {
                    let value = try parser.parseValue()
                    return .success((value, parser.position))
                } catch {
                    return .failure(error)
                }
            }
            switch parsed {
            case .success(let (value, end)):
                try body(.element(Element(index: index, line: line, result: .success(value))))
                index += 1
                guard let next = firstByte(from: end) else {
                    try body(.problem(ImportIssue(
                        file: file, line: lineOf(n), reason: .truncated,
                        detail: "the file ends before the end of the array (truncated export?)"), losesInput: true))
                    return
                }
                switch bytes[next] {
                case UInt8(ascii: ","):
                    k = next + 1
                case UInt8(ascii: "]"):
                    return
                case UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "\""):
                    // A comma missing between two elements: nothing is lost.
                    try body(.problem(ImportIssue(
                        file: file, line: lineOf(next), reason: .invalidJSON,
                        detail: "a comma is missing before this record"), losesInput: false))
                    k = next
                default:
                    // Text between elements: resume at the next element.
                    let issue = ImportIssue(
                        file: file, line: lineOf(next), reason: .invalidJSON,
                        detail: "unexpected text between records")
                    try body(.problem(issue, losesInput: true))
                    let resume = findResume(after: next, opening: opening!, column: column)
                    try reportPassed(resume, damage: issue, index: &index, lineOf: lineOf, body)
                    guard let start = resume.start else { return }
                    k = start
                }
            case .failure(let failure):
                // Where reading resumes decides what the damage was: a record
                // that runs to the end of the file with nothing after it is a
                // file cut short.
                let resume = findResume(after: start, opening: opening!, column: column)
                let truncated = resume.start == nil && resume.passed.isEmpty
                    && (failure.isTruncation || skipValue(from: start) == nil)
                let issue: ImportIssue
                if truncated {
                    issue = ImportIssue(
                        file: file, line: line, record: index, reason: .truncated,
                        detail: "the file ends in the middle of this record (truncated export?)")
                } else {
                    var errorLine = line
                    let stop = Swift.min(failure.offset, n)
                    if stop > start {
                        for j in start..<stop where bytes[j] == 0x0A { errorLine += 1 }
                    }
                    let detail: String
                    switch failure.kind {
                    case .invalidUTF8: detail = "invalid UTF-8 in a string"
                    case .duplicateKey: detail = failure.message + "; which value is meant is not known"
                    case .numberOutOfRange, .syntax:
                        detail = failure.isTruncation ? "invalid JSON: the record never ends" : "invalid JSON: \(failure.message)"
                    }
                    issue = ImportIssue(
                        file: file, line: line, record: index, reason: failure.isTruncation ? .invalidJSON : failure.reason,
                        detail: errorLine == line ? detail : detail + " (line \(errorLine))")
                }
                try body(.element(Element(index: index, line: line, result: .failure(issue))))
                index += 1
                try reportPassed(resume, damage: issue, index: &index, lineOf: lineOf, body)
                guard let next = resume.start else { return }
                k = next
            }
        }
    }

    /// The column of `offset` when only spaces and tabs precede it on its line.
    private func columnIfLineStart(_ offset: Int) -> Int? {
        var j = offset
        while j > 0 {
            let b = bytes[j - 1]
            if b == 0x0A { return offset - j }
            if b != 0x20 && b != 0x09 { return nil }
            j -= 1
        }
        return offset
    }

    /// The previous byte before `offset` that is not white space.
    private func previousByte(before offset: Int) -> (byte: UInt8, at: Int)? {
        var j = offset - 1
        while j >= 0 {
            let b = bytes[j]
            if b != 0x20 && b != 0x0A && b != 0x0D && b != 0x09 { return (b, j) }
            j -= 1
        }
        return nil
    }

    /// Where reading resumes after damage at `damage`: the start of the next
    /// element (nil: none follows), and the candidates passed over on the way
    /// (elements that could not be read one by one).
    private func findResume(after damage: Int, opening: UInt8, column: Int?) -> (start: Int?, passed: [Int]) {
        let n = bytes.count
        var passed: [Int] = []
        var j = damage + 1
        while j < n {
            let candidate: Int?
            if let column, column > 0 {
                // Pretty-printed: the next line starting with the opening byte at the column.
                guard let newline = bytes[j...].firstIndex(of: 0x0A) else { break }
                j = newline + 1
                var c = j
                while c < n, c - j < column, bytes[c] == 0x20 || bytes[c] == 0x09 { c += 1 }
                candidate = c - j == column && c < n && bytes[c] == opening ? c : nil
            } else {
                // Compact: the opening byte right after a comma that follows a closing byte.
                guard let at = bytes[j...].firstIndex(of: opening) else { break }
                j = at + 1
                if let comma = previousByte(before: at), comma.byte == UInt8(ascii: ","),
                    let close = previousByte(before: comma.at),
                    close.byte == UInt8(ascii: "}") || close.byte == UInt8(ascii: "]") || close.byte == UInt8(ascii: "\"")
                {
                    candidate = at
                } else {
                    candidate = nil
                }
            }
            guard let start = candidate else { continue }
            // In a pretty-printed file a candidate is an element start; in a
            // compact one it may be inside a string: it must parse.
            if column ?? 0 > 0 || parses(at: start) { return (start, passed) }
            passed.append(start)
        }
        return (nil, passed)
    }

    /// Reports the elements passed over while resynchronising as lost.
    private func reportPassed<E: Error>(
        _ resume: (start: Int?, passed: [Int]), damage: ImportIssue, index: inout Int, lineOf: (Int) -> Int,
        _ body: (Event) throws(E) -> Void
    ) throws(E) {
        let count = resume.passed.count
        guard count > 0 else { return }
        let firstLine = lineOf(resume.passed[0])
        let records = "\(count) record\(count == 1 ? "" : "s")"
        let detail = resume.start.map { "\(records) could not be read after the damage at line \(damage.line ?? 0); reading resumes at line \(lineOf($0))" }
            ?? "the rest of the file after the damage at line \(damage.line ?? 0) could not be read (about \(records))"
        try body(.lost(count: count, issue: ImportIssue(
            file: file, line: firstLine, record: index, reason: damage.reason, detail: detail)))
        index += count
    }

    /// Whether an element parses at `start` and is followed by `,` or `]`.
    private func parses(at start: Int) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(bytes: buffer, from: start, to: buffer.count, repairMojibake: false)
            guard (try? parser.parseValue()) != nil, let next = firstByte(from: parser.position) else { return false }
            return bytes[next] == UInt8(ascii: ",") || bytes[next] == UInt8(ascii: "]")
        }
    }
}
