/// Appends the UTF-8 encoding of a scalar value to a byte buffer (the
/// normaliser's output and the JSON parser's strings are built as bytes).
@inline(__always)
func appendUTF8(_ v: UInt32, to output: inout [UInt8]) {
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
