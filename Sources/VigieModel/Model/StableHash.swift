/// FNV-1a, 64 bits: a hash that stays the same from one run, machine and Swift
/// version to the next (unlike `Hasher`), for fingerprints and identifiers.
public struct StableHash: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func combine(_ text: String) {
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01b3
        }
        // A separator, so that ("ab", "c") and ("a", "bc") differ.
        value ^= 0xff
        value = value &* 0x0000_0100_0000_01b3
    }

    /// The same as combining `String(number)`, without making the string.
    public mutating func combine(_ number: Int) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { d in
            var n = 0
            var m = number.magnitude
            repeat {
                d[n] = UInt8(truncatingIfNeeded: m % 10) + 0x30
                m /= 10
                n += 1
            } while m > 0
            if number < 0 { byte(0x2D) }
            while n > 0 {
                n -= 1
                byte(d[n])
            }
        }
        byte(0xff)
    }

    @inline(__always)
    private mutating func byte(_ b: UInt8) {
        value ^= UInt64(b)
        value = value &* 0x0000_0100_0000_01b3
    }

    /// Sixteen lowercase hexadecimal digits.
    public var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    public static func hex(_ parts: String...) -> String {
        var hash = StableHash()
        for part in parts { hash.combine(part) }
        return hash.hex
    }
}
