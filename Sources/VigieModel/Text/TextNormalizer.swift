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
    /// The mapping of each single-scalar cluster in U+0080–U+02FF (Latin
    /// letters with accents) and U+2000–U+206F (punctuation, spaces),
    /// computed once: French text rarely leaves these ranges.
    private let latin: ScalarTable
    private let punctuation: ScalarTable

    public init(options: Options = .all) {
        self.options = options
        self.cache = ClusterCache()
        self.latin = ScalarTable(0x80..<0x300, options: options)
        self.punctuation = ScalarTable(0x2000..<0x2070, options: options)
    }

    /// Every option on: what `Activity.normalizedText` holds.
    public static let standard = TextNormalizer()

    /// The normalised text only (faster: no offset map).
    public func fold(_ text: String) -> String {
        String(decoding: run(text, recordMap: false).bytes, as: UTF8.self)
    }

    /// The normalised text with its map back to the original.
    public func normalize(_ text: String) -> NormalizedText {
        let output = run(text, recordMap: true)
        return NormalizedText(
            original: text, text: String(decoding: output.bytes, as: UTF8.self), starts: output.starts,
            ends: output.ends, count: output.mapped ? output.starts.count : Int(output.scalars),
            originalCount: Int(output.index))
    }

    /// Normalises one cluster (or any short string) without the map.
    public func map(cluster: String) -> String {
        String(String.UnicodeScalarView(mapCluster(cluster)))
    }

    // MARK: - Implementation

    /// The normalised bytes and, when asked, the map back to the original.
    struct Output {
        var bytes: [UInt8] = []
        /// The map, once it stops being the identity (`mapped`): most texts
        /// map each scalar to one scalar (ASCII, accented letters) and keep
        /// none.
        var starts: [Int32] = []
        var ends: [Int32] = []
        let recordMap: Bool
        /// Whether `starts` and `ends` hold the map; until then, output
        /// scalar i came from original scalar i alone.
        var mapped = false
        /// The number of output scalars while the map is the identity.
        var scalars: Int32 = 0
        /// The index of the next original scalar.
        var index: Int32 = 0

        init(capacity: Int, recordMap: Bool) {
            self.recordMap = recordMap
            bytes.reserveCapacity(capacity)
        }

        /// Writes out the identity map of the scalars so far, from which the
        /// map is recorded scalar by scalar.
        private mutating func startMap() {
            mapped = true
            let capacity = max(bytes.capacity, Int(scalars) + 16)
            // Reserved and appended to: `init(unsafeUninitializedCapacity:)`
            // allocates through the standard library's unspecialised code,
            // which looks up the array's storage type at run time.
            starts = []
            ends = []
            starts.reserveCapacity(capacity)
            ends.reserveCapacity(capacity)
            for i in 0..<scalars {
                starts.append(i)
                ends.append(i + 1)
            }
        }

        /// One output scalar for the cluster of `width` original scalars at `index`.
        @inline(__always)
        mutating func append(_ scalar: UInt32, width: Int32) {
            appendUTF8(scalar, to: &bytes)
            if recordMap {
                if !mapped {
                    if width == 1 && scalars == index {
                        scalars += 1
                        return
                    }
                    startMap()
                }
                starts.append(index)
                ends.append(index + width)
            }
        }

        /// ASCII scalars, one cluster each: copied as a block, then
        /// lowercased in place.
        mutating func appendASCII(_ run: UnsafeBufferPointer<UInt8>, lowercase: Bool) {
            let first = bytes.count
            bytes.append(contentsOf: run)
            if lowercase {
                bytes.withUnsafeMutableBufferPointer { b in
                    for j in first..<b.count where b[j] >= 65 && b[j] <= 90 { b[j] += 32 }
                }
            }
            let count = Int32(run.count)
            if recordMap {
                if !mapped && scalars == index {
                    scalars += count
                } else {
                    if !mapped { startMap() }
                    for i in index..<(index + count) {
                        starts.append(i)
                        ends.append(i + 1)
                    }
                }
            }
            index += count
        }

        /// The output of a whole cluster of `width` original scalars.
        mutating func append(_ scalars: [Unicode.Scalar], width: Int32) {
            for scalar in scalars { append(scalar.value, width: width) }
            index += width
        }
    }

    private func run(_ original: String, recordMap: Bool) -> Output {
        var text = original
        text.makeContiguousUTF8()
        var output = Output(capacity: text.utf8.count, recordMap: recordMap)
        _ = text.utf8.withContiguousStorageIfAvailable { bytes in
            scan(bytes, of: text, into: &output)
        }
        return output
    }

    /// Walks the UTF-8 bytes. A scalar that cannot belong to a larger grapheme
    /// cluster (it is followed by a scalar that always starts one, such as
    /// ASCII or a Latin letter, or it is a mathematical letter followed by
    /// another one) is mapped on its own: ASCII runs in blocks, Latin
    /// letters and punctuation through the tables, others through a per-call
    /// table in front of the shared cache. Anything else is handled one
    /// grapheme cluster at a time through the shared cache.
    private func scan(_ bytes: UnsafeBufferPointer<UInt8>, of text: String, into output: inout Output) {
        let fold = options.contains(.caseFolding)
        let options = self.options
        // Not `mapCluster`: a closure over `self` would copy the tables each time.
        let compute = { (cluster: String) in TextNormalizer.mapCluster(cluster, options: options) }
        var seen: [UInt32: [Unicode.Scalar]] = [:]
        let n = bytes.count
        var k = 0
        while k < n {
            let byte = bytes[k]
            if byte < 0x80 {
                // A run of ASCII, each byte a cluster of its own but the
                // last when a combining mark or a joiner follows it.
                var m = k + 1
                while m < n && bytes[m] < 0x80 { m += 1 }
                let end = m == n || TextNormalizer.startsCluster(bytes, at: m) ? m : m - 1
                if end > k {
                    output.appendASCII(UnsafeBufferPointer(rebasing: bytes[k..<end]), lowercase: fold)
                    k = end
                    continue
                }
            } else {
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                let next = k + length
                if next <= n {
                    var value = UInt32(byte) & (length == 4 ? 0x07 : length == 3 ? 0x0F : 0x1F)
                    for j in 1..<length { value = value << 6 | UInt32(bytes[k + j] & 0x3F) }
                    let standalone =
                        !TextNormalizer.mayPrepend(value)
                        && (next == n || TextNormalizer.startsCluster(bytes, at: next)
                            || ((0x1D400...0x1D7FF).contains(value) && next + 2 < n && bytes[next] == 0xF0
                                && bytes[next + 1] == 0x9D && (0x90...0x9F).contains(bytes[next + 2])))
                    if standalone {
                        if latin.range.contains(value) {
                            latin.append(value, to: &output)
                        } else if punctuation.range.contains(value) {
                            punctuation.append(value, to: &output)
                        } else if let hit = seen[value] {
                            output.append(hit, width: 1)
                        } else {
                            let mapped = cache.value(for: Character(Unicode.Scalar(value)!), compute: compute)
                            seen[value] = mapped
                            output.append(mapped, width: 1)
                        }
                        k = next
                        continue
                    }
                }
            }
            let utf8 = text.utf8
            let character = text[utf8.index(utf8.startIndex, offsetBy: k)]
            output.append(cache.value(for: character, compute: compute), width: Int32(character.unicodeScalars.count))
            k += character.utf8.count
        }
    }

    /// Whether the scalar starting at `bytes[k]` always begins a grapheme
    /// cluster: ASCII, Latin letters U+00C0–U+02FF, and general punctuation
    /// U+2000–U+206F except the joiners U+200C and U+200D (combining marks,
    /// joiners, variation selectors and the like extend the previous cluster).
    @inline(__always)
    static func startsCluster(_ bytes: UnsafeBufferPointer<UInt8>, at k: Int) -> Bool {
        let lead = bytes[k]
        if lead < 0x80 { return true }
        if lead >= 0xC3 && lead <= 0xCB { return true }
        if lead == 0xE2, k + 2 < bytes.count, bytes[k + 1] == 0x80 || bytes[k + 1] == 0x81 {
            return !(bytes[k + 1] == 0x80 && (bytes[k + 2] == 0x8C || bytes[k + 2] == 0x8D))
        }
        return false
    }

    /// Scalars that may join the next scalar in one cluster (grapheme break
    /// property Prepend: Arabic number signs, some Brahmic characters).
    @inline(__always)
    static func mayPrepend(_ value: UInt32) -> Bool {
        (value >= 0x0600 && value < 0x0900) || value == 0x0D4E || (value >= 0x11000 && value < 0x12000)
    }

    private func mapCluster(_ cluster: String) -> [Unicode.Scalar] {
        TextNormalizer.mapCluster(cluster, options: options)
    }

    static func mapCluster(_ cluster: String, options: Options) -> [Unicode.Scalar] {
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

/// The normalised form of each scalar of a range, for scalars that form a
/// cluster on their own; one scalar out is stored as a plain value (no
/// reference counting on the hot path).
private struct ScalarTable: Sendable {
    let range: Range<UInt32>
    private let single: [UInt32]
    private let multiple: [[Unicode.Scalar]]
    private static let notSingle = UInt32.max

    init(_ range: Range<UInt32>, options: TextNormalizer.Options) {
        self.range = range
        multiple = range.map { TextNormalizer.mapCluster(String(Unicode.Scalar($0)!), options: options) }
        single = multiple.map { $0.count == 1 ? $0[0].value : ScalarTable.notSingle }
    }

    @inline(__always)
    func append(_ value: UInt32, to output: inout TextNormalizer.Output) {
        let offset = Int(value - range.lowerBound)
        let one = single[offset]
        if one != ScalarTable.notSingle {
            output.append(one, width: 1)
            output.index += 1
        } else {
            output.append(multiple[offset], width: 1)
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
