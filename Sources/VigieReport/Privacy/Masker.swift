import Foundation
import VigieModel

/// Masks personal data in the text a report shows: `06 •• •• •• 78`,
/// `m•••@exemple.fr`, `1• r•• d•• L••••`. With `reveal`, shows it unchanged.
public struct Masker: Sendable {
    static let bullet: Character = "•"

    public var reveal: Bool
    public var detector: any PersonalDataDetector

    public init(reveal: Bool, detector: any PersonalDataDetector) {
        self.reveal = reveal
        self.detector = detector
    }

    /// Evidence labels that name personal data: the evidence itself is masked.
    static let personalLabels: Set<String> = [
        "phone", "telephone", "email", "e-mail", "address", "street-address", "postal-address", "postal-code",
        "postcode", "iban", "nir", "sin", "identifier", "id-number", "pii", "personal-data", "home-address",
    ]

    /// Whether an evidence label names personal data.
    static func isPersonal(label: String?) -> Bool {
        guard var label else { return false }
        // Most labels are lower-case ASCII already: no lowered copy then.
        let lower = label.withUTF8 { bytes in !bytes.contains { $0 >= 0x80 || ($0 >= 0x41 && $0 <= 0x5A) } }
        if !lower { label = label.lowercased() }
        if personalLabels.contains(label) { return true }
        // The prefix and suffixes are ASCII: compared as bytes.
        return label.withUTF8 { b in
            func ends(_ s: StaticString) -> Bool {
                let n = s.utf8CodeUnitCount
                return b.count >= n && memcmp(b.baseAddress! + (b.count - n), s.utf8Start, n) == 0
            }
            return (b.count >= 3 && memcmp(b.baseAddress!, ("pii" as StaticString).utf8Start, 3) == 0)
                || ends("-phone") || ends("-email") || ends("-address")
        }
    }

    /// `text` with every detected piece of personal data masked.
    public func mask(_ text: String) -> String {
        guard !reveal, !text.isEmpty else { return text }
        return Self.apply(ranges: detector.spans(in: text), to: text)
    }

    /// The ranges to mask in an activity text: the detector's, and the evidence
    /// spans whose label names personal data. Sorted, merged.
    public func ranges(in text: String, evidence: [EvidenceSpan]) -> [Range<Int>] {
        guard !reveal else { return [] }
        var ranges = detector.spans(in: text)
        for span in evidence where Self.isPersonal(label: span.label) { ranges.append(span.start..<span.end) }
        // Nothing to mask (most texts): no need to count the text's scalars.
        if ranges.isEmpty { return [] }
        var text = text
        let count = text.withUTF8 { utf8ScalarCount($0) }
        return Self.merge(ranges.map { max(0, min($0.lowerBound, count))..<max(0, min($0.upperBound, count)) }
            .filter { !$0.isEmpty })
    }

    static func merge(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var merged: [Range<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }

    public static func apply(ranges: [Range<Int>], to text: String) -> String {
        let merged = merge(ranges)
        guard !merged.isEmpty else { return text }
        // Walks the UTF-8 bytes (a scalar starts at every byte that is not
        // a continuation byte) and copies the unmasked stretches whole.
        var text = text
        return text.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            var byte = 0
            var offset = 0
            for range in merged where range.lowerBound >= offset {
                guard let lower = utf8Offset(bytes, from: byte, advancedBy: range.lowerBound - offset),
                    let upper = utf8Offset(bytes, from: lower, advancedBy: range.count)
                else { break }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[byte..<lower]))
                out.append(contentsOf: maskValue(String(decoding: UnsafeBufferPointer(rebasing: bytes[lower..<upper]), as: UTF8.self)).utf8)
                byte = upper
                offset = range.upperBound
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[byte...]))
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Masks one value, keeping just enough to recognise it.
    ///
    /// - e-mail: the first character of the local part and the domain;
    /// - mostly digits (phones, identifiers): the first two and last two
    ///   letters or digits when there are eight or more, the first two otherwise;
    /// - words (addresses, names): the first character of each word.
    /// Separators are kept, so the shape stays readable.
    static func maskValue(_ value: String) -> String {
        maskASCII(value) ?? maskCharacters(value)
    }

    /// `maskCharacters` for an ASCII value without a carriage return, byte
    /// by byte: there each byte is one `Character` (CR LF is the only
    /// cluster of several ASCII scalars), a letter is A–Z or a–z and a
    /// number 0–9, so the result is the same without walking `Character`s
    /// (about 34,000 instructions for a phone number that way). Nil for
    /// any other value.
    static func maskASCII(_ value: String) -> String? {
        var value = value
        return value.withUTF8 { bytes -> String? in
            for b in bytes where b >= 0x80 || b == 0x0D { return nil }
            let n = bytes.count
            // "•" in UTF-8, written in place of a masked byte.
            @inline(__always) func bullet(_ out: UnsafeMutableBufferPointer<UInt8>, _ o: inout Int) {
                out[o] = 0xE2
                out[o + 1] = 0x80
                out[o + 2] = 0xA2
                o += 3
            }
            if let at = bytes.firstIndex(of: 0x40) {
                return String(unsafeUninitializedCapacity: 1 + 9 + (n - at)) { out in
                    var o = 0
                    if at > 0 {
                        out[0] = bytes[0]
                        o = 1
                    }
                    for _ in 0..<3 { bullet(out, &o) }
                    for i in at..<n {
                        out[o] = bytes[i]
                        o += 1
                    }
                    return o
                }
            }
            @inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
            @inline(__always) func isAlnum(_ b: UInt8) -> Bool { isDigit(b) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) }
            var alnum = 0
            var digits = 0
            for b in bytes where isAlnum(b) {
                alnum += 1
                if isDigit(b) { digits += 1 }
            }
            // Mostly digits: the first two kept, and the last two when there
            // are eight or more; words: the first letter or digit of each.
            let numeric = digits * 2 >= alnum
            let last = alnum - (alnum >= 8 ? 2 : 0)
            return String(unsafeUninitializedCapacity: n * 3) { out in
                var o = 0
                var k = 0
                var startOfWord = true
                for b in bytes {
                    var masked = false
                    if isAlnum(b) {
                        masked = numeric ? k >= 2 && k < last : !startOfWord
                        k += 1
                        startOfWord = false
                    } else {
                        startOfWord = true
                    }
                    if masked {
                        bullet(out, &o)
                    } else {
                        out[o] = b
                        o += 1
                    }
                }
                return o
            }
        }
    }

    /// Masks one value `Character` by `Character` (any value).
    static func maskCharacters(_ value: String) -> String {
        if let at = value.firstIndex(of: "@") {
            let local = value[..<at]
            return String(local.prefix(1)) + "•••" + value[at...]
        }
        let characters = Array(value)
        let alnum = characters.indices.filter { characters[$0].isLetter || characters[$0].isNumber }
        let digits = alnum.filter { characters[$0].isNumber }.count
        var out = characters
        if digits * 2 >= alnum.count {
            let keep: Set<Int> =
                alnum.count >= 8
                ? Set(alnum.prefix(2) + alnum.suffix(2)) : Set(alnum.prefix(2))
            for index in alnum where !keep.contains(index) { out[index] = bullet }
        } else {
            var startOfWord = true
            for index in characters.indices {
                let c = characters[index]
                if c.isLetter || c.isNumber {
                    if !startOfWord { out[index] = bullet }
                    startOfWord = false
                } else {
                    startOfWord = true
                }
            }
        }
        return String(out)
    }
}

