import CStemmer

/// The languages the linguistic layer stems: French and English.
public enum StemLanguage: String, Sendable, CaseIterable, Hashable {
    case french = "fr"
    case english = "en"

    /// The language of a code ("fr", "fr-CA", "en", "en-US"…), nil for others.
    public init?(code: String) {
        let base = code.lowercased().prefix(2)
        switch base {
        case "fr": self = .french
        case "en": self = .english
        default: return nil
        }
    }

    var snowballName: String {
        switch self {
        case .french: "french"
        case .english: "english"
        }
    }
}

/// One Snowball stemmer from Debian's libstemmer. Not thread-safe (the C
/// object keeps the last result): one per thread, as `Linguistics` and the
/// compilers of lexicons and patterns use them.
final class SnowballStemmer {
    private let handle: OpaquePointer

    init(_ language: StemLanguage) {
        // Both algorithms ship with libstemmer in UTF-8; a nil here means the
        // library is broken or out of memory, which nothing can recover from.
        guard let h = sb_stemmer_new(language.snowballName, "UTF_8") else {
            fatalError("libstemmer has no \(language.snowballName) stemmer in UTF-8")
        }
        handle = h
    }

    deinit { sb_stemmer_delete(handle) }

    /// Snowball's stem of `word` (expected lower case).
    func stem(_ word: String) -> String {
        var word = word
        return word.withUTF8 { bytes -> String in
            guard let base = bytes.baseAddress, bytes.count > 0,
                let result = sb_stemmer_stem(handle, base, Int32(bytes.count))
            else { return String(decoding: bytes, as: UTF8.self) }
            let length = Int(sb_stemmer_length(handle))
            return String(decoding: UnsafeBufferPointer(start: result, count: length), as: UTF8.self)
        }
    }
}

/// The French and English stemmers, applied to folded words (lower case,
/// no accents): texts on social media often drop their accents, and terms
/// and texts go through the same folding, so the keys agree whether a word
/// was written `bâclée`, `baclee` or `BÂCLÉE`.
///
/// Snowball's French algorithm removes the endings `é`, `ée`, `és` when they
/// carry their accent; folded, `baclee` keeps an `e` that `bâclée` loses.
/// So a French stem of four letters or more also loses a final `e`
/// (`bacle` → `bacl`): `bâclé`, `bâclée`, `baclees` and `bacle` share `bacl`.
final class Stemmers {
    private let french = SnowballStemmer(.french)
    private let english = SnowballStemmer(.english)

    init() {}

    func stem(_ folded: String, _ language: StemLanguage) -> String {
        switch language {
        case .english:
            return english.stem(folded)
        case .french:
            var s = french.stem(folded)
            if s.utf8.count >= 4 && s.utf8.last == UInt8(ascii: "e") { s.removeLast() }
            return s
        }
    }
}
