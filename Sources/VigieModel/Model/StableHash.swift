/// FNV-1a, 64 bits: a hash that stays the same from one run, machine and Swift
/// version to the next (unlike `Hasher`), for fingerprints and identifiers.
public struct StableHash: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func combine(_ text: String) {
        // A native string's bytes read in place (the view's own iteration
        // checks each index); any other string byte by byte, the same bytes.
        if let v = text.utf8.withContiguousStorageIfAvailable({ bytes -> UInt64 in
            var v = value
            for b in bytes {
                v ^= UInt64(b)
                v = v &* 0x0000_0100_0000_01b3
            }
            return v
        }) {
            value = v
        } else {
            for byte in text.utf8 {
                value ^= UInt64(byte)
                value = value &* 0x0000_0100_0000_01b3
            }
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
        let value = self.value
        return String(unsafeUninitializedCapacity: 16) { buffer in
            for i in 0..<16 {
                let nibble = UInt8(truncatingIfNeeded: value >> UInt64(60 - 4 * i)) & 0x0F
                buffer[i] = nibble < 10 ? 0x30 + nibble : 0x57 + nibble  // 0-9, a-f
            }
            return 16
        }
    }

    public static func hex(_ parts: String...) -> String {
        var hash = StableHash()
        for part in parts { hash.combine(part) }
        return hash.hex
    }
}
