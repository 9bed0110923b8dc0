/// The Unicode scalars of a string, decoded from its UTF-8 in one pass.
///
/// `Array(text.unicodeScalars)` and `text.unicodeScalars.map(\.value)` first
/// count the scalars (one pass through the string's scalar iterator), then
/// decode them one at a time through that iterator again. A Swift string's
/// UTF-8 is always well-formed, so here it is decoded directly into a
/// buffer sized for the worst case (one scalar per byte), with ASCII bytes
/// taking the shortest path: most texts are mostly ASCII.
enum ScalarDecoding {
    /// The scalar values of `text`, as `text.unicodeScalars.map(\.value)`.
    static func values(of text: String) -> [UInt32] {
        var text = text
        return text.withUTF8 { bytes in
            // Reserved and appended to, not `init(unsafeUninitializedCapacity:)`:
            // that one allocates through the standard library's unspecialised
            // code, which looks up the array's storage type at run time
            // (about 650 instructions an array, more than the decoding).
            var values: [UInt32] = []
            values.reserveCapacity(bytes.count)
            _ = decode(bytes) { _, v in values.append(v) }
            return values
        }
    }

    /// The scalars of `text`, as `Array(text.unicodeScalars)`.
    static func scalars(of text: String) -> [Unicode.Scalar] {
        var text = text
        return text.withUTF8 { bytes in
            // As `values(of:)`: reserved and appended to.
            var scalars: [Unicode.Scalar] = []
            scalars.reserveCapacity(bytes.count)
            // Well-formed UTF-8 only decodes to valid scalar values.
            _ = decode(bytes) { _, v in scalars.append(Unicode.Scalar(v).unsafelyUnwrapped) }
            return scalars
        }
    }

    /// Calls `store(index, value)` for each scalar of the well-formed UTF-8
    /// `bytes`; returns the number of scalars.
    @inline(__always)
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, _ store: (Int, UInt32) -> Void) -> Int {
        let n = bytes.count
        var i = 0
        var o = 0
        while i < n {
            let b = UInt32(bytes[i])
            if b < 0x80 {
                store(o, b)
                i += 1
            } else if b < 0xE0 {
                store(o, (b & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F))
                i += 2
            } else if b < 0xF0 {
                store(o, (b & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F))
                i += 3
            } else {
                store(
                    o,
                    (b & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                        | UInt32(bytes[i + 3] & 0x3F))
                i += 4
            }
            o += 1
        }
        return o
    }

    /// The string of `scalars`, as `String(String.UnicodeScalarView(scalars))`:
    /// encoded to UTF-8 in one pass (appending a slice to a scalar view goes
    /// through the generic, unspecialised path of the standard library, one
    /// scalar at a time).
    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        string(values: scalars.lazy.map(\.value))
    }

    /// The string of the scalar `values`, which must all be valid scalars.
    static func string<C: Collection<UInt32>>(values: C) -> String {
        String(unsafeUninitializedCapacity: values.count * 4) { buffer in
            var o = 0
            for v in values {
                if v < 0x80 {
                    buffer[o] = UInt8(truncatingIfNeeded: v)
                    o += 1
                } else if v < 0x800 {
                    buffer[o] = UInt8(truncatingIfNeeded: 0xC0 | v >> 6)
                    buffer[o + 1] = UInt8(truncatingIfNeeded: 0x80 | v & 0x3F)
                    o += 2
                } else if v < 0x10000 {
                    buffer[o] = UInt8(truncatingIfNeeded: 0xE0 | v >> 12)
                    buffer[o + 1] = UInt8(truncatingIfNeeded: 0x80 | (v >> 6) & 0x3F)
                    buffer[o + 2] = UInt8(truncatingIfNeeded: 0x80 | v & 0x3F)
                    o += 3
                } else {
                    buffer[o] = UInt8(truncatingIfNeeded: 0xF0 | v >> 18)
                    buffer[o + 1] = UInt8(truncatingIfNeeded: 0x80 | (v >> 12) & 0x3F)
                    buffer[o + 2] = UInt8(truncatingIfNeeded: 0x80 | (v >> 6) & 0x3F)
                    buffer[o + 3] = UInt8(truncatingIfNeeded: 0x80 | v & 0x3F)
                    o += 4
                }
            }
            return o
        }
    }
}
