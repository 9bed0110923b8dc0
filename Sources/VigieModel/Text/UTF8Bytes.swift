import Foundation

/// Appends the UTF-8 encoding of a scalar value to a byte buffer (the
/// normaliser's output and the JSON parser's strings are built as bytes).
@inlinable @inline(__always)
package func appendUTF8(_ v: UInt32, to output: inout [UInt8]) {
    if v < 0x80 {
        output.append(UInt8(v))
    } else if v < 0x800 {
        output.append(UInt8(0xC0 | (v >> 6)))
        output.append(UInt8(0x80 | (v & 0x3F)))
    } else if v < 0x10000 {
        output.append(UInt8(0xE0 | (v >> 12)))
        output.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
        output.append(UInt8(0x80 | (v & 0x3F)))
    } else {
        output.append(UInt8(0xF0 | (v >> 18)))
        output.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
        output.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
        output.append(UInt8(0x80 | (v & 0x3F)))
    }
}

/// Whether the UTF-8 of `text` holds the byte `byte`: one `memchr` over a
/// native string's bytes, where `text.utf8.contains(byte)` steps through the
/// view's indices one byte at a time.
package func utf8Contains(_ text: String, _ byte: UInt8) -> Bool {
    if let found = text.utf8.withContiguousStorageIfAvailable({ bytes -> Bool in
        guard let base = bytes.baseAddress else { return false }
        return memchr(base, Int32(byte), bytes.count) != nil
    }) {
        return found
    }
    return text.utf8.contains(byte)
}

/// The number of Unicode scalars in well-formed UTF-8 `bytes`: one starts
/// at every byte that is not a continuation byte.
@inlinable
package func utf8ScalarCount<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> Int {
    var n = 0
    for b in bytes where b & 0xC0 != 0x80 { n += 1 }
    return n
}

/// In well-formed UTF-8 `bytes`, the offset `n` scalars after the scalar
/// starting at offset `from`; nil past the end.
@inlinable
package func utf8Offset(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, advancedBy n: Int) -> Int? {
    var b = from
    for _ in 0..<n {
        guard b < bytes.count else { return nil }
        b += 1
        while b < bytes.count && bytes[b] & 0xC0 == 0x80 { b += 1 }
    }
    return b
}

/// Whether the bytes are well-formed UTF-8 (Unicode's table 3-7: no overlong
/// forms, no surrogates, nothing above U+10FFFF), as `String(validating:)`
/// decides, without building a string. ASCII runs go eight bytes at a time.
func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let p = bytes.baseAddress else { return true }
    let n = bytes.count
    let raw = UnsafeRawPointer(p)
    var i = 0
    @inline(__always) func continuation(_ k: Int) -> Bool { p[k] & 0xC0 == 0x80 }
    while i < n {
        if n - i >= 8, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
            i += 8
            continue
        }
        let b = p[i]
        if b < 0x80 {
            i += 1
        } else if b < 0xC2 {
            return false  // a continuation byte, or an overlong two-byte form
        } else if b < 0xE0 {
            guard n - i >= 2, continuation(i + 1) else { return false }
            i += 2
        } else if b < 0xF0 {
            guard n - i >= 3, continuation(i + 2) else { return false }
            let b1 = p[i + 1]
            switch b {
            case 0xE0: guard b1 >= 0xA0, b1 <= 0xBF else { return false }  // overlong
            case 0xED: guard b1 >= 0x80, b1 <= 0x9F else { return false }  // surrogates
            default: guard continuation(i + 1) else { return false }
            }
            i += 3
        } else if b < 0xF5 {
            guard n - i >= 4, continuation(i + 2), continuation(i + 3) else { return false }
            let b1 = p[i + 1]
            switch b {
            case 0xF0: guard b1 >= 0x90, b1 <= 0xBF else { return false }  // overlong
            case 0xF4: guard b1 >= 0x80, b1 <= 0x8F else { return false }  // above U+10FFFF
            default: guard continuation(i + 1) else { return false }
            }
            i += 4
        } else {
            return false
        }
    }
    return true
}

/// JSON's one-letter escapes.
package enum JSONEscape {
    /// The byte the escape `\e` stands for (`n` → newline, `"` → quote…), nil for `u`
    /// and for anything that is not an escape.
    @inlinable @inline(__always)
    package static func simple(_ e: UInt8) -> UInt8? {
        switch e {
        case 0x22, 0x5C, 0x2F: return e
        case UInt8(ascii: "b"): return 0x08
        case UInt8(ascii: "f"): return 0x0C
        case UInt8(ascii: "n"): return 0x0A
        case UInt8(ascii: "r"): return 0x0D
        case UInt8(ascii: "t"): return 0x09
        default: return nil
        }
    }
}
