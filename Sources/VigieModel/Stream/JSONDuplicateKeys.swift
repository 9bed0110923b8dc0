import Foundation

/// Finds a member name that appears twice in one JSON object, anywhere in a
/// document. `JSONDecoder` keeps one of the two values silently; the stream
/// reader reports such a line instead of guessing which value is meant.
///
/// A structural scan only (strings, braces, brackets): it runs on text that
/// `JSONDecoder` has already accepted as valid JSON. Names are compared as
/// decoded text, so `"a"` and `"\u0061"` are the same name.
enum JSONDuplicateKeys {
    static func first(in bytes: [UInt8]) -> String? {
        // One frame per open object or array: the names of an object so far.
        var frames: [(isObject: Bool, names: Set<String>)] = []
        var expectingName = false
        var k = 0
        let n = bytes.count
        while k < n {
            let b = bytes[k]
            switch b {
            case UInt8(ascii: "\""):
                let start = k + 1
                var end = start
                var escaped = false
                while end < n, bytes[end] != UInt8(ascii: "\"") {
                    if bytes[end] == UInt8(ascii: "\\") {
                        escaped = true
                        end += 1
                    }
                    end += 1
                }
                if expectingName, var frame = frames.popLast() {
                    let raw = Array(bytes[start..<Swift.min(end, n)])
                    let name = escaped ? unescape(raw) : String(decoding: raw, as: UTF8.self)
                    if frame.names.contains(name) { return name }
                    frame.names.insert(name)
                    frames.append(frame)
                    expectingName = false
                }
                k = end + 1
                continue
            case UInt8(ascii: "{"):
                frames.append((true, []))
                expectingName = true
            case UInt8(ascii: "["):
                frames.append((false, []))
                expectingName = false
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                _ = frames.popLast()
                expectingName = false
            case UInt8(ascii: ","):
                expectingName = frames.last?.isObject ?? false
            default:
                break
            }
            k += 1
        }
        return nil
    }

    /// The text of a JSON string's content with its escapes.
    private static func unescape(_ raw: [UInt8]) -> String {
        var text = "\""
        text += String(decoding: raw, as: UTF8.self)
        text += "\""
        // The content is valid JSON (the line was accepted): decode it as a string.
        if let data = text.data(using: .utf8),
            let decoded = try? JSONDecoder().decode(String.self, from: data)
        {
            return decoded
        }
        return String(decoding: raw, as: UTF8.self)
    }
}
