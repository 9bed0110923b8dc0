/// Writes JSON byte for byte as `JSONEncoder` does with
/// `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]`: two-space
/// indents, `"key" : value`, empty containers as `[` or `{`, an empty line
/// and the closing bracket, control characters escaped (`\n`, `\u001b`),
/// everything else written as it is. The caller gives the members in sorted
/// order (byte order of the keys, as the encoder sorts them).
///
/// For output streamed one record at a time, where encoding each record
/// with `JSONEncoder` costs more than producing it.
public struct PrettyJSONWriter {
    public private(set) var bytes: [UInt8] = []
    /// The nesting level of the value being written.
    private var level: Int
    /// Per open container: whether it has a member yet.
    private var started: [Bool] = []

    /// `level`: the nesting of the first value (its closing bracket is
    /// indented by `level` steps, as in a document that holds it that deep).
    public init(level: Int = 0) { self.level = level }

    private mutating func indent(_ n: Int) { bytes.append(contentsOf: repeatElement(0x20, count: 2 * n)) }

    /// Before a value inside an array, or before a member's key.
    private mutating func separate() {
        guard let last = started.last else { return }
        bytes.append(contentsOf: last ? [0x2C, 0x0A] : [0x0A])
        started[started.count - 1] = true
        indent(level)
    }

    public mutating func beginObject() { open(0x7B) }
    public mutating func endObject() { close(0x7D) }
    public mutating func beginArray() { open(0x5B) }
    public mutating func endArray() { close(0x5D) }

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        started.append(false)
        level += 1
    }

    private mutating func close(_ bracket: UInt8) {
        let hadMembers = started.removeLast()
        level -= 1
        bytes.append(0x0A)
        if !hadMembers { bytes.append(0x0A) }
        indent(level)
        bytes.append(bracket)
    }

    /// A member's key; its value follows.
    public mutating func key(_ name: String) {
        separate()
        string(name)
        bytes.append(contentsOf: [0x20, 0x3A, 0x20])
    }

    /// An array element (call before writing it when inside an array).
    public mutating func element() { separate() }

    public mutating func int(_ v: Int) { bytes.append(contentsOf: String(v).utf8) }

    public mutating func bool(_ v: Bool) { bytes.append(contentsOf: (v ? "true" : "false").utf8) }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    public mutating func string(_ s: String) {
        bytes.append(0x22)
        var s = s
        // Most texts need no escape: copied whole.
        let plain = s.withUTF8 { utf8 in
            guard !utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        if plain {
            bytes.append(0x22)
            return
        }
        for b in s.utf8 {
            switch b {
            case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
            case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x08: bytes.append(contentsOf: [0x5C, 0x62])
            case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
            case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
            case 0x0C: bytes.append(contentsOf: [0x5C, 0x66])
            case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
            case 0..<0x20:
                bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, Self.hex[Int(b >> 4)], Self.hex[Int(b & 0x0F)]])
            default: bytes.append(b)
            }
        }
        bytes.append(0x22)
    }
}
