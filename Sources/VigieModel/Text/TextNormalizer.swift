import Foundation

/// The text normalisation shared by the importers, the rules and the Lua
/// toolkit: what makes `𝗕𝗢𝗟𝗗`, `Bold` and `bold`, or `l’été` and `l'ete`, match.
///
/// With every option on (`TextNormalizer.standard`), a text goes through:
/// 1. French typography: U+2019, U+02BC, U+2018, U+201B and U+FF07 become `'`;
///    no-break, narrow no-break, thin and other Unicode spaces become ` `;
///    soft hyphens and zero-width characters are removed;
/// 2. NFKC (compatibility composition), which turns mathematical bold or
///    italic letters, ligatures and full-width forms into plain letters;
/// 3. accent folding: combining marks are removed (`é` → `e`), and letters
///    that are not decomposable are spelt out (`œ` → `oe`, `æ` → `ae`,
///    `ø` → `o`, `ł` → `l`, `đ`/`ð` → `d`, `þ` → `th`);
/// 4. case folding: lowercase, then `ß` → `ss`, `ς` → `σ`.
/// Line breaks and other spaces are kept as they are (no collapsing), so the
/// normalised text keeps the shape of the original.
///
/// The work is done per grapheme cluster (ASCII takes a fast path; other
/// clusters are computed once and cached), so each normalised scalar maps
/// back to the original cluster it came from: see `NormalizedText`.
public struct TextNormalizer: Sendable {
    public struct Options: OptionSet, Sendable, Hashable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// NFKC instead of NFC.
        public static let compatibility = Options(rawValue: 1)
        public static let caseFolding = Options(rawValue: 2)
        public static let accentFolding = Options(rawValue: 4)
        /// Apostrophes, spaces and invisible characters (step 1 above).
        public static let typography = Options(rawValue: 8)

        public static let all: Options = [.compatibility, .caseFolding, .accentFolding, .typography]
    }

    public let options: Options
    private let cache: ClusterCache

    public init(options: Options = .all) {
        self.options = options
        self.cache = ClusterCache()
    }

    /// Every option on: what `Activity.normalizedText` holds.
    public static let standard = TextNormalizer()

    /// The normalised text only (faster: no offset map).
    public func fold(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        var noStarts: [Int32] = [], noEnds: [Int32] = []
        run(text, output: &output, starts: &noStarts, ends: &noEnds, recordMap: false)
        return String(decoding: output, as: UTF8.self)
    }

    /// The normalised text with its map back to the original.
    public func normalize(_ text: String) -> NormalizedText {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        var starts: [Int32] = []
        var ends: [Int32] = []
        starts.reserveCapacity(text.utf8.count)
        ends.reserveCapacity(text.utf8.count)
        let originalCount = run(text, output: &output, starts: &starts, ends: &ends, recordMap: true)
        return NormalizedText(
            original: text, text: String(decoding: output, as: UTF8.self), starts: starts,
            ends: ends, originalCount: originalCount)
    }

    /// Normalises one cluster (or any short string) without the map.
    public func map(cluster: String) -> String {
        String(String.UnicodeScalarView(mapCluster(cluster)))
    }

    // MARK: - Implementation

    /// Returns the number of original scalars.
    @discardableResult
    private func run(
        _ text: String, output: inout [UInt8], starts: inout [Int32], ends: inout [Int32],
        recordMap: Bool
    ) -> Int {
        let fold = options.contains(.caseFolding)
        var index: Int32 = 0
        for character in text {
            let scalars = character.unicodeScalars
            if let only = character.asciiValue, scalars.count == 1 {
                var byte = only
                if fold, byte >= 65, byte <= 90 { byte += 32 }
                output.append(byte)
                if recordMap {
                    starts.append(index)
                    ends.append(index + 1)
                }
                index += 1
                continue
            }
            let width = Int32(scalars.count)
            for scalar in cache.value(for: character, compute: mapCluster) {
                appendUTF8(scalar.value, to: &output)
                if recordMap {
                    starts.append(index)
                    ends.append(index + width)
                }
            }
            index += width
        }
        return Int(index)
    }

    private func mapCluster(_ cluster: String) -> [Unicode.Scalar] {
        var scalars = Array(cluster.unicodeScalars)
        if options.contains(.typography) { scalars = TextNormalizer.typography(scalars) }
        var text = String(String.UnicodeScalarView(scalars))
        text =
            options.contains(.compatibility)
            ? text.decomposedStringWithCompatibilityMapping
            : text.decomposedStringWithCanonicalMapping
        if options.contains(.accentFolding) {
            var kept = String.UnicodeScalarView()
            for scalar in text.unicodeScalars where scalar.properties.generalCategory != .nonspacingMark {
                kept.append(scalar)
            }
            text = String(kept)
        }
        text = text.precomposedStringWithCanonicalMapping
        if options.contains(.caseFolding) { text = text.lowercased() }
        var result: [Unicode.Scalar] = []
        for scalar in text.unicodeScalars {
            let special = TextNormalizer.spelledOut(
                scalar, accents: options.contains(.accentFolding), caseFold: options.contains(.caseFolding))
            if let special {
                result.append(contentsOf: special.unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        if options.contains(.typography) { result = TextNormalizer.typography(result) }
        return result
    }

    /// Step 1: apostrophes, spaces, invisible characters.
    static func typography(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(scalars.count)
        for scalar in scalars {
            switch scalar.value {
            case 0x2019, 0x02BC, 0x2018, 0x201B, 0xFF07, 0x2032:
                out.append("'")
            case 0x00A0, 0x202F, 0x2000...0x200A, 0x205F, 0x3000:
                out.append(" ")
            case 0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF:
                continue
            default:
                out.append(scalar)
            }
        }
        return out
    }

    /// Letters that neither NFKD nor lowercasing take apart.
    static func spelledOut(_ scalar: Unicode.Scalar, accents: Bool, caseFold: Bool) -> String? {
        switch scalar.value {
        case 0x00DF, 0x1E9E: return caseFold ? "ss" : nil  // ß ẞ
        case 0x03C2: return caseFold ? "σ" : nil  // final sigma
        default: break
        }
        guard accents else { return nil }
        switch scalar.value {
        case 0x0153: return "oe"  // œ
        case 0x0152: return "OE"
        case 0x00E6: return "ae"  // æ
        case 0x00C6: return "AE"
        case 0x00F8: return "o"  // ø
        case 0x00D8: return "O"
        case 0x0142: return "l"  // ł
        case 0x0141: return "L"
        case 0x0111, 0x00F0: return "d"  // đ ð
        case 0x0110, 0x00D0: return "D"
        case 0x00FE: return "th"  // þ
        case 0x00DE: return "TH"
        case 0x0131: return "i"  // dotless i
        default: return nil
        }
    }
}

/// The normalised form of each non-ASCII cluster met so far, shared by the
/// threads using the same normaliser.
private final class ClusterCache: @unchecked Sendable {
    private let lock = NSLock()
    private var table: [Character: [Unicode.Scalar]] = [:]
    private let limit = 65_536

    func value(for cluster: Character, compute: (String) -> [Unicode.Scalar]) -> [Unicode.Scalar] {
        lock.lock()
        if let hit = table[cluster] {
            lock.unlock()
            return hit
        }
        lock.unlock()
        let value = compute(String(cluster))
        lock.lock()
        if table.count >= limit { table.removeAll(keepingCapacity: true) }
        table[cluster] = value
        lock.unlock()
        return value
    }
}
