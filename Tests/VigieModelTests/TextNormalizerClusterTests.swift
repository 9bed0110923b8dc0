import Testing

@testable import VigieModel

/// The normaliser's fast paths (ASCII, scalars that stand alone) against
/// the definition: each grapheme cluster normalised on its own, every
/// output scalar mapped back to the whole cluster.
@Suite struct TextNormalizerClusterTests {
    /// The normalisation cluster by cluster. "\r\n" is one cluster, but the
    /// normaliser has always read ASCII one byte at a time: it is split here.
    static func reference(_ text: String) -> (text: String, ranges: [Range<Int>]) {
        var out = String.UnicodeScalarView()
        var ranges: [Range<Int>] = []
        var offset = 0
        for character in text {
            let parts = character == "\r\n" ? ["\r", "\n"] : [String(character)]
            for part in parts {
                let width = part.unicodeScalars.count
                for scalar in TextNormalizer.standard.map(cluster: part).unicodeScalars {
                    out.append(scalar)
                    ranges.append(offset..<(offset + width))
                }
                offset += width
            }
        }
        return (String(out), ranges)
    }

    static let pieces: [String] = [
        "a", "Z", "l", " ", "  ", ".", "'", "0", "\r\n", "\n", "\t", "é", "À", "ç", "ß", "œ", "Œ", "æ", "ø", "ł", "ı",
        "\u{2019}", "\u{00A0}", "\u{202F}", "\u{2009}", "\u{00AD}", "\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}",
        "\u{FEFF}", "\u{2028}", "\u{301}", "\u{308}", "\u{327}", "😀", "👍🏽", "👨‍👩‍👧", "🇫🇷", "☀️", "ﬁ", "ＡＢ",
        "𝗕𝗢𝗟𝗗", "𝘪𝘵", "Ω", "ς", "Σ", "中文", "\u{0600}1", "\u{0915}\u{093F}", "ǅ", "ʼ", "ˆ", "\u{2E9}", "\u{2FF}",
        "\u{300}", "…", "€", "\u{1F1EB}", "℡", "\u{FDFA}", "Ａ\u{301}", "e\u{301}\u{302}",
    ]

    static let texts: [String] = {
        var g = SplitMix64(seed: 42)
        var texts = pieces + ["", "L’été, à Noël : 06 12 34 56 78 !", "Ça va ? Très bien.\r\nÀ demain", "x\u{301}y"]
        for _ in 0..<4000 {
            texts.append((0..<Int.random(in: 1...12, using: &g)).map { _ in pieces.randomElement(using: &g)! }.joined())
        }
        return texts
    }()

    @Test func normalisationIsClusterByCluster() {
        for text in Self.texts {
            let expected = Self.reference(text)
            let normalized = TextNormalizer.standard.normalize(text)
            #expect(normalized.text == expected.text, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(normalized.count == expected.ranges.count, "\(text)")
            let ranges = (0..<normalized.count).map { normalized.originalRange(for: $0..<($0 + 1)) }
            #expect(ranges == expected.ranges, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(TextNormalizer.standard.fold(text) == expected.text, "\(text)")
        }
    }
}
