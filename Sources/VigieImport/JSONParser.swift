import VigieModel
/// A strict JSON parser over bytes, with line numbers in its errors and the
/// option of repairing Facebook's mis-encoded strings as it reads them.
struct JSONParser {
    struct Failure: Error {
        enum Kind { case syntax, invalidUTF8, duplicateKey, numberOutOfRange }
        var offset: Int
        var message: String
        var isTruncation: Bool
        var kind: Kind = .syntax

        /// The reason an element that fails this way is skipped for.
        var reason: ImportIssue.Reason {
            switch kind {
            case .syntax: isTruncation ? .truncated : .invalidJSON
            case .invalidUTF8: .invalidUTF8
            case .duplicateKey: .duplicateKey
            case .numberOutOfRange: .invalidValue
            }
        }
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let repairMojibake: Bool
    private(set) var position: Int
    let end: Int
    private var scratch: [UInt8] = []
    private var depth = 0
    static let maxDepth = 512

    init(bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, repairMojibake: Bool) {
        self.bytes = bytes
        self.position = start
        self.end = end
        self.repairMojibake = repairMojibake
    }

    /// Parses one value that must fill `start..<end` (surrounding whitespace allowed).
    mutating func parseDocument() throws(Failure) -> JSONValue {
        let value = try parseValue()
        skipWhitespace()
        guard position == end else { throw fail("unexpected data after the value") }
        return value
    }

    private func fail(_ message: String) -> Failure {
        Failure(offset: position, message: message, isTruncation: position >= end)
    }

    mutating func skipWhitespace() {
        while position < end {
            let b = bytes[position]
            if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { position += 1 } else { break }
        }
    }

    mutating func parseValue() throws(Failure) -> JSONValue {
        skipWhitespace()
        guard position < end else { throw fail("unexpected end of data") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: return .number(try parseNumber())
        }
    }

    private mutating func literal(_ word: StaticString) throws(Failure) {
        let count = word.utf8CodeUnitCount
        guard position + count <= end else { position = end; throw fail("unexpected end of data") }
        for k in 0..<count where bytes[position + k] != word.utf8Start[k] {
            throw fail("invalid literal")
        }
        position += count
    }

    private mutating func parseNumber() throws(Failure) -> Double {
        let start = position
        while position < end {
            let b = bytes[position]
            if (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x2B || b == 0x2E || b == 0x65 || b == 0x45 {
                position += 1
            } else {
                break
            }
        }
        guard position > start,
            let value = Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self))
        else {
            throw fail("unexpected character")
        }
        // 1e999 reads as infinity: no number from an export is kept unchecked.
        guard value.isFinite else {
            throw Failure(offset: start, message: "a number out of range", isTruncation: false, kind: .numberOutOfRange)
        }
        return value
    }

    private mutating func parseArray() throws(Failure) -> JSONValue {
        depth += 1
        defer { depth -= 1 }
        guard depth <= JSONParser.maxDepth else { throw fail("nesting too deep") }
        position += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if position < end, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return .array(items)
        }
        while true {
            items.append(try parseValue())
            skipWhitespace()
            guard position < end else { throw fail("unexpected end of data in an array") }
            let b = bytes[position]
            position += 1
            if b == UInt8(ascii: "]") { return .array(items) }
            guard b == UInt8(ascii: ",") else { position -= 1; throw fail("expected ',' or ']'") }
        }
    }

    private mutating func parseObject() throws(Failure) -> JSONValue {
        depth += 1
        defer { depth -= 1 }
        guard depth <= JSONParser.maxDepth else { throw fail("nesting too deep") }
        position += 1
        var members: [(key: String, value: JSONValue)] = []
        // Names seen, for objects past a few members (a linear search below).
        var names: Set<String> = []
        skipWhitespace()
        if position < end, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard position < end else { throw fail("unexpected end of data in an object") }
            guard bytes[position] == UInt8(ascii: "\"") else { throw fail("expected a member name") }
            let keyStart = position
            let key = try parseString()
            // Two members with one name: which value is meant is not known
            // (parsers differ: first or last wins). The record is refused.
            let duplicate: Bool
            if members.count < 8 {
                duplicate = members.contains { $0.key == key }
            } else {
                if names.isEmpty { names = Set(members.map(\.key)) }
                duplicate = !names.insert(key).inserted
            }
            if duplicate {
                throw Failure(
                    offset: keyStart, message: "the member \(DiagnosticText.memberName(key)) appears twice in one object",
                    isTruncation: false, kind: .duplicateKey)
            }
            skipWhitespace()
            guard position < end else { throw fail("unexpected end of data in an object") }
            guard bytes[position] == UInt8(ascii: ":") else { throw fail("expected ':'") }
            position += 1
            members.append((key, try parseValue()))
            skipWhitespace()
            guard position < end else { throw fail("unexpected end of data in an object") }
            let b = bytes[position]
            position += 1
            if b == UInt8(ascii: "}") { return .object(members) }
            guard b == UInt8(ascii: ",") else { position -= 1; throw fail("expected ',' or '}'") }
        }
    }

    mutating func parseString() throws(Failure) -> String {
        position += 1  // opening quote
        scratch.removeAll(keepingCapacity: true)
        var escapedHigh = false
        while true {
            guard position < end else { throw fail("unterminated string") }
            let b = bytes[position]
            if b == UInt8(ascii: "\"") {
                position += 1
                break
            }
            if b < 0x20 { throw fail("control character in a string") }
            if b != UInt8(ascii: "\\") {
                scratch.append(b)
                position += 1
                continue
            }
            position += 1
            guard position < end else { throw fail("unterminated string") }
            let e = bytes[position]
            position += 1
            if let simple = JSONEscape.simple(e) {
                scratch.append(simple)
                continue
            }
            switch e {
            case UInt8(ascii: "u"):
                var code = try hex4()
                if code >= 0xD800, code < 0xDC00 {
                    guard position + 6 <= end, bytes[position] == 0x5C, bytes[position + 1] == UInt8(ascii: "u") else {
                        throw fail("unpaired surrogate escape")
                    }
                    position += 2
                    let low = try hex4()
                    guard low >= 0xDC00, low < 0xE000 else { throw fail("unpaired surrogate escape") }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                } else if code >= 0xDC00, code < 0xE000 {
                    throw fail("unpaired surrogate escape")
                }
                if code >= 0x80 && code <= 0xFF { escapedHigh = true }
                appendUTF8(code, to: &scratch)
            default:
                throw fail("invalid escape")
            }
        }
        guard let text = String(validating: scratch, as: UTF8.self) else {
            throw Failure(offset: position, message: "invalid UTF-8 in a string", isTruncation: false, kind: .invalidUTF8)
        }
        if repairMojibake && escapedHigh { return EncodingRepair.repairLatin1Mojibake(text) }
        return text
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard position + 4 <= end else { position = end; throw fail("unterminated string") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[position]
            let digit: UInt32
            switch b {
            case 0x30...0x39: digit = UInt32(b - 0x30)
            case 0x41...0x46: digit = UInt32(b - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(b - 0x61 + 10)
            default: throw fail("invalid \\u escape")
            }
            value = value * 16 + digit
            position += 1
        }
        return value
    }
}
