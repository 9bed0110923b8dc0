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

    /// Calls `body` for each element of the array at `arrayStart`.
    /// Throws only what `body` throws.
    func forEachElement<E: Error>(
        ofArrayAt arrayStart: Int, _ body: (Element) throws(E) -> Void
    ) throws(E) {
        var k = arrayStart + 1
        var index = 0
        var lineCursor = 0
        var currentLine = 1
        func lineOf(_ offset: Int) -> Int {
            while lineCursor < offset {
                if bytes[lineCursor] == 0x0A { currentLine += 1 }
                lineCursor += 1
            }
            return currentLine
        }
        while true {
            guard let start = firstByte(from: k) else {
                if index == 0 && k == arrayStart + 1 {
                    try body(Element(index: index, line: lineOf(bytes.count), result: .failure(ImportIssue(
                        file: file, line: lineOf(bytes.count), record: nil, reason: .truncated,
                        detail: "the file ends before the end of the array"))))
                }
                return
            }
            if bytes[start] == UInt8(ascii: "]") { return }
            let line = lineOf(start)
            guard let valueEnd = skipValue(from: start) else {
                try body(Element(index: index, line: line, result: .failure(ImportIssue(
                    file: file, line: line, record: index, reason: .truncated,
                    detail: "the file ends in the middle of this record (truncated export?)"))))
                return
            }
            let result: Result<JSONValue, ImportIssue> = bytes.withUnsafeBufferPointer { buffer in
                var parser = JSONParser(bytes: buffer, from: start, to: valueEnd, repairMojibake: repairMojibake)
                do throws(JSONParser.Failure) {
                    return .success(try parser.parseDocument())
                } catch {
                    let invalidUTF8 = error.message.contains("UTF-8")
                    var errorLine = line
                    for k in start..<min(error.offset, valueEnd) where buffer[k] == 0x0A { errorLine += 1 }
                    let detail = invalidUTF8 ? "invalid UTF-8 in a string" : "invalid JSON: \(error.message)"
                    return .failure(ImportIssue(
                        file: file, line: line, record: index, reason: invalidUTF8 ? .invalidUTF8 : .invalidJSON,
                        detail: errorLine == line ? detail : detail + " (line \(errorLine))"))
                }
            }
            try body(Element(index: index, line: line, result: result))
            index += 1
            guard let next = firstByte(from: valueEnd) else {
                try body(Element(index: index, line: lineOf(bytes.count), result: .failure(ImportIssue(
                    file: file, line: lineOf(bytes.count), record: nil, reason: .truncated,
                    detail: "the file ends before the end of the array (truncated export?)"))))
                return
            }
            switch bytes[next] {
            case UInt8(ascii: ","): k = next + 1
            case UInt8(ascii: "]"): return
            default:
                // Garbage between records: resynchronise on the next element.
                k = next
                if skipValue(from: next) == next { k = next + 1 }
            }
        }
    }
}
