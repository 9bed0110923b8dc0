import Foundation
import Testing
import VigieReport

/// The writer against `JSONEncoder` with the options `check --format json`
/// uses, on random documents (nested objects and arrays, empty ones, every
/// control character, quotes, backslashes, slashes, accents and emoji).
@Suite struct PrettyJSONWriterTests {
    indirect enum Value: Encodable {
        case string(String), int(Int), bool(Bool), array([Value]), object([String: Value])

        func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .string(let s): try c.encode(s)
            case .int(let i): try c.encode(i)
            case .bool(let b): try c.encode(b)
            case .array(let a): try c.encode(a)
            case .object(let o): try c.encode(o)
            }
        }

        func write(into w: inout PrettyJSONWriter) {
            switch self {
            case .string(let s): w.string(s)
            case .int(let i): w.int(i)
            case .bool(let b): w.bool(b)
            case .array(let a):
                w.beginArray()
                for v in a {
                    w.element()
                    v.write(into: &w)
                }
                w.endArray()
            case .object(let o):
                w.beginObject()
                for k in o.keys.sorted() {
                    w.key(k)
                    o[k]!.write(into: &w)
                }
                w.endObject()
            }
        }
    }

    @Test func writesWhatJSONEncoderWrites() throws {
        var state: UInt64 = 3
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % n
        }
        let pieces = ["a", "Z", "\"", "\\", "/", "é", "😀", "\u{2028}", "\u{7F}", " ", "« »", "http://x/y"]
            + (0..<0x20).map { String(Unicode.Scalar(UInt8($0))) }
        func text() -> String { (0..<next(6)).map { _ in pieces[next(pieces.count)] }.joined() }
        func value(_ depth: Int) -> Value {
            switch next(depth > 3 ? 3 : 5) {
            case 0: return .string(text())
            case 1: return .int(next(2_000_000) - 1_000_000)
            case 2: return .bool(next(2) == 0)
            case 3: return .array((0..<next(4)).map { _ in value(depth + 1) })
            default:
                let keys = ["id", "Id", "activity", "actorID", "advice", "end", "label", "start", "time", "timestamp", "b"]
                var o: [String: Value] = [:]
                for _ in 0..<next(5) { o[keys[next(keys.count)]] = value(depth + 1) }
                return .object(o)
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var containers = 0
        for _ in 0..<3_000 {
            let v = value(0)
            var w = PrettyJSONWriter()
            v.write(into: &w)
            let expected = String(decoding: try encoder.encode(v), as: UTF8.self)
            #expect(String(decoding: w.bytes, as: UTF8.self) == expected)
            if case .object = v { containers += 1 }
        }
        #expect(containers > 500)
    }

    /// Started deeper, the writer indents its closing lines as a document
    /// holding the value at that depth would.
    @Test func startsAtALevel() {
        var w = PrettyJSONWriter(level: 2)
        w.beginObject()
        w.key("a")
        w.beginArray()
        w.endArray()
        w.endObject()
        #expect(String(decoding: w.bytes, as: UTF8.self) == "{\n      \"a\" : [\n\n      ]\n    }")
    }
}
