/// Repairs text that was encoded in UTF-8, then each byte written as its own
/// character, as Facebook and Instagram exports do (`\u00c3\u00a9` for `é`).
public enum EncodingRepair {
    /// Takes each character as a Latin-1 byte and decodes the bytes again as
    /// UTF-8 — only when every character fits in a byte, at least one is
    /// non-ASCII, and the bytes are valid UTF-8. Otherwise returns `text` as it
    /// is (a genuine `é` written alone, or a text that was never mis-encoded).
    public static func repairLatin1Mojibake(_ text: String) -> String {
        var bytes: [UInt8] = []
        var sawHigh = false
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v > 0xFF { return text }
            if v >= 0x80 { sawHigh = true }
            bytes.append(UInt8(v))
        }
        guard sawHigh, let repaired = String(validating: bytes, as: UTF8.self) else { return text }
        return repaired
    }
}
