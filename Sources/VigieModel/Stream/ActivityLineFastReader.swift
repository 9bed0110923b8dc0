#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A single-pass reader of one `vigie.activity/1` line, straight from its
/// bytes into an `Activity`, with no intermediate JSON tree and no `Data`.
///
/// It is the fast path of `ActivityLineDecoder`: it gives up (returns nil) on
/// anything unusual — invalid or merely lenient JSON, a wrong type, a missing
/// required field, another schema, a duplicate or escaped member name, an
/// integer written with a fraction or an exponent, an unpaired surrogate,
/// nesting deeper than `maxDepth` — and the line then goes through
/// `JSONDecoder`, which gives the same activity or the precise error. So what
/// it accepts it must decode exactly as `JSONDecoder` + `Activity.init(from:)`
/// do (same defaults, same `Timestamp` parsing); the tests compare both.
///
/// It checks first that the whole line is valid UTF-8 (and gives up if not:
/// the caller then reports it as before), so a line it accepts is valid UTF-8.
struct ActivityLineFastReader {
    /// Thrown to give up; the caller falls back to `JSONDecoder`.
    struct Bail: Error {}

    static let maxDepth = 64

    private let p: UnsafePointer<UInt8>
    private let end: Int
    private var i = 0
    private var scratch: [UInt8] = []

    private init(_ bytes: UnsafeBufferPointer<UInt8>) {
        // A non-empty buffer always has a base address; an empty line never gets here.
        p = bytes.baseAddress!
        end = bytes.count
    }

    /// The activity the line holds (its `source` as written, or the empty
    /// default), or nil to use `JSONDecoder` instead.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> Activity? {
        guard bytes.count > 0, isValidUTF8(bytes) else { return nil }
        var reader = ActivityLineFastReader(bytes)
        return try? reader.readLine()
    }

    // MARK: Bytes

    private static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
    private static let comma = UInt8(ascii: ","), colon = UInt8(ascii: ":")
    private static let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")
    private static let openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")

    @inline(__always)
    private mutating func skipWhitespace() {
        while i < end {
            let b = p[i]
            if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { i += 1 } else { return }
        }
    }

    /// The next byte after whitespace (not consumed).
    @inline(__always)
    private mutating func peek() throws(Bail) -> UInt8 {
        skipWhitespace()
        guard i < end else { throw Bail() }
        return p[i]
    }

    @inline(__always)
    private mutating func expect(_ c: UInt8) throws(Bail) {
        guard try peek() == c else { throw Bail() }
        i += 1
    }

    /// Consumes `null` if it comes next.
    private mutating func null() throws(Bail) -> Bool {
        guard try peek() == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    private mutating func literal(_ word: StaticString) throws(Bail) {
        let n = word.utf8CodeUnitCount
        guard end - i >= n, memcmp(p + i, word.utf8Start, n) == 0 else { throw Bail() }
        i += n
    }

    // MARK: Objects and arrays

    /// A member name: where its bytes are in the line (no escapes, ASCII only).
    private struct Key {
        var start: UnsafePointer<UInt8>
        var count: Int

        /// Compared here, byte by byte: names are short and most differ
        /// from the first byte (cheaper than a call of `memcmp`).
        @inline(__always)
        func `is`(_ name: StaticString) -> Bool {
            guard count == name.utf8CodeUnitCount else { return false }
            let n = name.utf8Start
            var k = 0
            while k < count {
                if start[k] != n[k] { return false }
                k += 1
            }
            return true
        }
    }

    /// Consumes `{`; false when the object is empty (its `}` consumed too).
    private mutating func beginObject() throws(Bail) -> Bool {
        try expect(Self.openBrace)
        if try peek() == Self.closeBrace {
            i += 1
            return false
        }
        return true
    }

    /// Reads `"name" :`. Escaped or non-ASCII names give up: `JSONDecoder`
    /// compares names as Swift strings (canonical equivalence), so only plain
    /// ASCII names are sure to match the same way byte for byte.
    private mutating func key() throws(Bail) -> Key {
        try expect(Self.quote)
        // A local position: the loop then runs on registers.
        let start = i
        var k = start
        // Eight bytes at a time: the first byte that is a quote, a
        // backslash, a control character or not ASCII ends the scan (the
        // lowest flagged byte of each test is exact), and must be the quote.
        let raw = UnsafeRawPointer(p)
        while end - k >= 8 {
            let x = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: k, as: UInt64.self))
            let hits = Self.stringStops(x, nonASCII: true)
            if hits == 0 {
                k &+= 8
                continue
            }
            k &+= hits.trailingZeroBitCount >> 3
            guard p[k] == Self.quote else { throw Bail() }
            return try endOfKey(start: start, quote: k)
        }
        while true {
            guard k < end else { throw Bail() }
            let b = p[k]
            if b == Self.quote { break }
            guard b >= 0x20, b < 0x80, b != Self.backslash else { throw Bail() }
            k &+= 1
        }
        return try endOfKey(start: start, quote: k)
    }

    /// The key from `start` to its closing quote at `quote`, then `:`.
    @inline(__always)
    private mutating func endOfKey(start: Int, quote: Int) throws(Bail) -> Key {
        var k = quote
        let key = Key(start: p + start, count: k - start)
        k &+= 1
        if k < end, p[k] == Self.colon {  // most often right after the name
            i = k &+ 1
            return key
        }
        i = k
        try expect(Self.colon)
        return key
    }

    /// After a member: true if another follows (`,`), false at `}`.
    private mutating func nextMember() throws(Bail) -> Bool {
        let b = try peek()
        i += 1
        if b == Self.comma { return true }
        if b == Self.closeBrace { return false }
        throw Bail()
    }

    /// Marks a member as read; a second occurrence gives up (`JSONDecoder`
    /// keeps the first, and such lines are not worth a special case).
    @inline(__always)
    private func mark(_ bit: Int, _ seen: inout UInt32) throws(Bail) {
        let mask: UInt32 = 1 << UInt32(bit)
        guard seen & mask == 0 else { throw Bail() }
        seen |= mask
    }

    /// Reads an array, calling `element` for each item; `null` gives an empty
    /// array (`decodeIfPresent` then `?? []`).
    private mutating func array<T>(_ element: (inout ActivityLineFastReader) throws(Bail) -> T) throws(Bail) -> [T] {
        if try null() { return [] }
        try expect(Self.openBracket)
        var items: [T] = []
        if try peek() == Self.closeBracket {
            i += 1
            return items
        }
        while true {
            items.append(try element(&self))
            let b = try peek()
            i += 1
            if b == Self.comma { continue }
            if b == Self.closeBracket { return items }
            throw Bail()
        }
    }

    // MARK: Scalars

    /// Reads a string, unescaping it; raw control characters, invalid escapes
    /// and unpaired surrogates give up.
    private mutating func string() throws(Bail) -> String {
        try expect(Self.quote)
        let start = i
        skipPlainBytes()
        while i < end {
            let b = p[i]
            if b == Self.quote {
                let text = String(decoding: UnsafeBufferPointer(start: p + start, count: i - start), as: UTF8.self)
                i += 1
                return text
            }
            if b == Self.backslash { return try escapedString(from: start) }
            guard b >= 0x20 else { throw Bail() }
            i += 1
        }
        throw Bail()
    }

    /// The high bit of each of the eight bytes of `x` (little endian) that a
    /// string scan stops on: `"`, `\`, a control character and, with
    /// `nonASCII`, a byte of 0x80 or more; the lowest flagged byte is exact
    /// (a byte is zero in `q` or `s`, or below 0x20 in `x`; bytes of 0x80 and
    /// more do not count in those tests, thanks to `& ~x`).
    @inline(__always)
    private static func stringStops(_ x: UInt64, nonASCII: Bool) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let q = x ^ (ones &* 0x22)
        let s = x ^ (ones &* 0x5C)
        let stops = ((q &- ones) & ~q) | ((s &- ones) & ~s) | ((x &- ones &* 0x20) & ~x)
        return (nonASCII ? stops | x : stops) & highs
    }

    /// Skips, eight bytes at a time, the bytes of a string that need no
    /// attention (not `"`, not `\`, not a control character), up to the
    /// first one that does (the lowest flagged byte of each test is exact).
    @inline(__always)
    private mutating func skipPlainBytes() {
        let raw = UnsafeRawPointer(p)
        while end - i >= 8 {
            let x = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            let hits = Self.stringStops(x, nonASCII: false)
            if hits != 0 {
                i += hits.trailingZeroBitCount >> 3
                return
            }
            i += 8
        }
    }

    /// The rest of a string that has escapes, `start` being its first byte.
    private mutating func escapedString(from start: Int) throws(Bail) -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(start: p + start, count: i - start))
        while i < end {
            let b = p[i]
            i += 1
            if b == Self.quote {
                return String(decoding: scratch, as: UTF8.self)
            }
            guard b >= 0x20 else { throw Bail() }
            guard b == Self.backslash else {
                scratch.append(b)
                continue
            }
            guard i < end else { throw Bail() }
            let e = p[i]
            i += 1
            if let simple = JSONEscape.simple(e) {
                scratch.append(simple)
                continue
            }
            switch e {
            case UInt8(ascii: "u"):
                var code = try hex4()
                if code >= 0xD800, code < 0xDC00 {
                    guard end - i >= 6, p[i] == Self.backslash, p[i + 1] == UInt8(ascii: "u") else { throw Bail() }
                    i += 2
                    let low = try hex4()
                    guard low >= 0xDC00, low < 0xE000 else { throw Bail() }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                } else if code >= 0xDC00, code < 0xE000 {
                    throw Bail()
                }
                appendUTF8(code, to: &scratch)
            default:
                throw Bail()
            }
        }
        throw Bail()
    }

    private mutating func hex4() throws(Bail) -> UInt32 {
        guard end - i >= 4 else { throw Bail() }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = p[i]
            let digit: UInt32
            switch b {
            case 0x30...0x39: digit = UInt32(b - 0x30)
            case 0x41...0x46: digit = UInt32(b - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(b - 0x61 + 10)
            default: throw Bail()
            }
            value = value &* 16 &+ digit
            i += 1
        }
        return value
    }

    /// A string that must be one of `names` byte for byte: its index, or nil
    /// for any other string (which the caller then reads with `string()`,
    /// the position being left at its opening quote).
    private mutating func oneOf(_ names: [StaticString]) throws(Bail) -> Int? {
        guard try peek() == Self.quote else { throw Bail() }
        let start = i + 1
        var k = start
        while k < end, p[k] != Self.quote, p[k] != Self.backslash { k += 1 }
        guard k < end, p[k] == Self.quote else { return nil }
        let count = k - start
        for (index, name) in names.enumerated()
        where name.utf8CodeUnitCount == count && memcmp(p + start, name.utf8Start, count) == 0 {
            i = k + 1
            return index
        }
        return nil
    }

    private static let kinds: [(StaticString, ActivityKind)] = [
        ("post", .post), ("comment", .comment), ("reply", .reply), ("share", .share),
        ("direct-message", .directMessage),
    ]
    private static let kindNames = kinds.map(\.0)
    private static let visibilities: [(StaticString, Visibility)] = [
        ("public", .public), ("unlisted", .unlisted), ("followers", .followers),
        ("connections", .connections), ("direct", .direct), ("unknown", .unknown),
    ]
    private static let visibilityNames = visibilities.map(\.0)
    private static let platforms: [(StaticString, Platform)] = [
        ("linkedin", .linkedin), ("facebook", .facebook), ("twitter", .twitter), ("instagram", .instagram),
        ("mastodon", .mastodon), ("website", .website),
    ]
    private static let platformNames = platforms.map(\.0)

    private mutating func activityKind() throws(Bail) -> ActivityKind {
        if let index = try oneOf(Self.kindNames) { return Self.kinds[index].1 }
        guard let value = ActivityKind(rawValue: try string()) else { throw Bail() }
        return value
    }

    private mutating func visibility() throws(Bail) -> Visibility {
        if let index = try oneOf(Self.visibilityNames) { return Self.visibilities[index].1 }
        guard let value = Visibility(rawValue: try string()) else { throw Bail() }
        return value
    }

    /// `Platform(rawValue:)`, which lowercases: text with no uppercase ASCII
    /// letter, no other script and no escape is its own lowercase.
    private mutating func platform() throws(Bail) -> Platform {
        // The well-known platforms: their constants, no new string.
        if let index = try oneOf(Self.platformNames) { return Self.platforms[index].1 }
        let start = i
        let text = try string()
        var lowercase = true
        for k in start..<i where p[k] >= 0x80 || (p[k] >= 0x41 && p[k] <= 0x5A) || p[k] == Self.backslash {
            lowercase = false
            break
        }
        return lowercase ? Platform(lowercased: text) : Platform(rawValue: text)
    }

    /// `decodeIfPresent(String.self)`: nil for `null`.
    private mutating func optionalString() throws(Bail) -> String? {
        if try null() { return nil }
        return try string()
    }

    private mutating func bool() throws(Bail) -> Bool? {
        switch try peek() {
        case UInt8(ascii: "t"): try literal("true"); return true
        case UInt8(ascii: "f"): try literal("false"); return false
        case UInt8(ascii: "n"): try literal("null"); return nil
        default: throw Bail()
        }
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// Checks the strict JSON grammar of a number and returns its extent and
    /// whether it is a plain integer (no fraction, no exponent).
    private mutating func numberToken() throws(Bail) -> (start: Int, isInteger: Bool) {
        skipWhitespace()
        let start = i
        if i < end, p[i] == UInt8(ascii: "-") { i += 1 }
        guard i < end, Self.isDigit(p[i]) else { throw Bail() }
        if p[i] == 0x30 {
            i += 1
        } else {
            while i < end, Self.isDigit(p[i]) { i += 1 }
        }
        var isInteger = true
        if i < end, p[i] == UInt8(ascii: ".") {
            isInteger = false
            i += 1
            guard i < end, Self.isDigit(p[i]) else { throw Bail() }
            while i < end, Self.isDigit(p[i]) { i += 1 }
        }
        if i < end, p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E") {
            isInteger = false
            i += 1
            if i < end, p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") { i += 1 }
            guard i < end, Self.isDigit(p[i]) else { throw Bail() }
            while i < end, Self.isDigit(p[i]) { i += 1 }
        }
        return (start, isInteger)
    }

    /// A JSON number as `Double`. Out-of-range numbers give up, and so does a
    /// zero that is not written with zeros only (`0e5`, `1e-400`): JSONDecoder
    /// rejects those.
    private mutating func double() throws(Bail) -> Double {
        let start = try numberToken().start
        let token = UnsafeBufferPointer(start: p + start, count: i - start)
        guard let value = Double(String(decoding: token, as: UTF8.self)), value.isFinite else { throw Bail() }  // ASCII
        if value == 0 {
            for b in token where b != UInt8(ascii: "-") && b != UInt8(ascii: "0") && b != UInt8(ascii: ".") {
                throw Bail()
            }
        }
        return value
    }

    /// A JSON integer as `Int`: only plain digits (`JSONDecoder` also takes
    /// `1.0` or `1e2`; those go to it), no `-0`, no overflow.
    private mutating func int() throws(Bail) -> Int {
        let (start, isInteger) = try numberToken()
        guard isInteger else { throw Bail() }
        var k = start
        let negative = p[k] == UInt8(ascii: "-")
        if negative { k += 1 }
        guard i - k <= 18 else { throw Bail() }  // fits in Int without overflow checks
        var value = 0
        while k < i {
            value = value * 10 + Int(p[k] - 0x30)
            k += 1
        }
        if negative {
            guard value != 0 else { throw Bail() }
            value = -value
        }
        return value
    }

    /// Skips a value of a member the model does not know, checking that it is
    /// strict JSON (`JSONDecoder` rejects a line whose JSON is invalid anywhere).
    private mutating func skipValue(depth: Int = 0) throws(Bail) {
        guard depth < Self.maxDepth else { throw Bail() }
        switch try peek() {
        case Self.quote:
            _ = try string()
        case Self.openBrace:
            if try beginObject() {
                repeat {
                    _ = try anyKey()
                    try skipValue(depth: depth + 1)
                } while try nextMember()
            }
        case Self.openBracket:
            i += 1
            if try peek() == Self.closeBracket {
                i += 1
                return
            }
            while true {
                try skipValue(depth: depth + 1)
                let b = try peek()
                i += 1
                if b == Self.comma { continue }
                if b == Self.closeBracket { return }
                throw Bail()
            }
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: _ = try numberToken()
        }
    }

    /// A member name of an object being skipped: any valid string.
    private mutating func anyKey() throws(Bail) {
        _ = try string()
        try expect(Self.colon)
    }

    // MARK: The model

    private mutating func readLine() throws(Bail) -> Activity {
        var seen: UInt32 = 0
        var schemaOK = false
        var id: String?, kind: ActivityKind?, platform: Platform?, author: Account?
        var actorID: String?, timestamp: Timestamp?, visibility: Visibility?
        var recipients: [Account] = [], text: String?, normalizedText: String?
        var language: String?, contentWarning: String?, sensitive: Bool?, title: String?
        var mentions: [String] = [], hashtags: [String] = [], links: [String] = []
        var attachments: [Attachment] = [], place: Place?, replyTo: ReplyTarget?
        var sharedURL: String?, conversationID: String?, source: RecordSource?

        guard try beginObject() else { throw Bail() }
        repeat {
            let k = try key()
            switch k.count {
            case 2 where k.is("id"):
                try mark(0, &seen)
                id = try string()
            case 4 where k.is("kind"):
                try mark(1, &seen)
                kind = try activityKind()
            case 4 where k.is("text"):
                try mark(2, &seen)
                text = try optionalString()
            case 5 where k.is("title"):
                try mark(3, &seen)
                title = try optionalString()
            case 5 where k.is("links"):
                try mark(4, &seen)
                links = try array { r throws(Bail) in try r.string() }
            case 5 where k.is("place"):
                try mark(5, &seen)
                place = try readPlace()
            case 6 where k.is("schema"):
                try mark(6, &seen)
                // Only the exact bytes; anything else (another schema, an
                // escaped form, null) goes to JSONDecoder.
                try expect(Self.quote)
                try literal("vigie.activity/1\"")
                schemaOK = true
            case 6 where k.is("author"):
                try mark(7, &seen)
                author = try readAccount()
                guard author != nil else { throw Bail() }
            case 6 where k.is("source"):
                try mark(8, &seen)
                source = try readSource()
            case 7 where k.is("actorID"):
                try mark(9, &seen)
                actorID = try optionalString()
            case 7 where k.is("replyTo"):
                try mark(10, &seen)
                replyTo = try readReplyTarget()
            case 8 where k.is("platform"):
                try mark(11, &seen)
                platform = try self.platform()
            case 8 where k.is("language"):
                try mark(12, &seen)
                language = try optionalString()
            case 8 where k.is("mentions"):
                try mark(13, &seen)
                mentions = try array { r throws(Bail) in try r.string() }
            case 8 where k.is("hashtags"):
                try mark(14, &seen)
                hashtags = try array { r throws(Bail) in try r.string() }
            case 9 where k.is("timestamp"):
                try mark(15, &seen)
                timestamp = try readTimestamp()
                guard timestamp != nil else { throw Bail() }
            case 9 where k.is("sensitive"):
                try mark(16, &seen)
                sensitive = try bool()
            case 9 where k.is("sharedURL"):
                try mark(17, &seen)
                sharedURL = try optionalString()
            case 10 where k.is("visibility"):
                try mark(18, &seen)
                if try !null() { visibility = try self.visibility() }
            case 10 where k.is("recipients"):
                try mark(19, &seen)
                recipients = try array { r throws(Bail) in
                    guard let account = try r.readAccount() else { throw Bail() }
                    return account
                }
            case 11 where k.is("attachments"):
                try mark(20, &seen)
                attachments = try array { r throws(Bail) in try r.readAttachment() }
            case 14 where k.is("normalizedText"):
                try mark(21, &seen)
                normalizedText = try optionalString()
            case 14 where k.is("contentWarning"):
                try mark(22, &seen)
                contentWarning = try optionalString()
            case 14 where k.is("conversationID"):
                try mark(23, &seen)
                conversationID = try optionalString()
            default:
                try skipValue()
            }
        } while try nextMember()
        skipWhitespace()
        guard i == end else { throw Bail() }  // nothing after the object

        guard schemaOK, let id, let kind, let platform, let author, let timestamp else { throw Bail() }
        // A stream that omits the hashtags: those of the text (as the importers find them).
        if seen & (1 << 14) == 0 { hashtags = TextEntities.hashtags(in: text ?? "") }
        return Activity(
            id: id, kind: kind, platform: platform, author: author, actorID: actorID, timestamp: timestamp,
            visibility: visibility ?? .unknown, recipients: recipients, text: text ?? "",
            normalizedText: normalizedText, language: language, contentWarning: contentWarning,
            sensitive: sensitive ?? false, title: title, mentions: mentions, hashtags: hashtags, links: links,
            attachments: attachments, place: place, replyTo: replyTo, sharedURL: sharedURL,
            conversationID: conversationID, source: source ?? RecordSource(file: "", index: 0))
    }

    /// `Timestamp.init(from:)`: a number (seconds, UTC) or ISO 8601 text; nil for `null`.
    private mutating func readTimestamp() throws(Bail) -> Timestamp? {
        switch try peek() {
        case UInt8(ascii: "n"):
            try literal("null")
            return nil
        case Self.quote:
            i += 1
            let start = i
            while i < end, p[i] != Self.quote {
                // Escapes and control characters: let JSONDecoder handle them.
                guard p[i] != Self.backslash, p[i] >= 0x20 else { throw Bail() }
                i += 1
            }
            guard i < end else { throw Bail() }
            let value = Timestamp.parseISO8601(UnsafeBufferPointer(start: p + start, count: i - start))
            i += 1
            guard let value else { throw Bail() }
            return value
        default:
            // Out of the writable range: `Timestamp.init(from:)` refuses it with its reason.
            let seconds = try double()
            guard Timestamp.writableRange.contains(seconds) else { throw Bail() }
            return Timestamp(secondsSince1970: seconds)
        }
    }

    /// An `Account` object; nil for `null`.
    private mutating func readAccount() throws(Bail) -> Account? {
        if try null() { return nil }
        var seen: UInt32 = 0
        var platform: Platform?, handle: String?, id: String?, displayName: String?, url: String?
        if try beginObject() {
            repeat {
                let k = try key()
                if k.is("platform") {
                    try mark(0, &seen)
                    platform = try self.platform()
                } else if k.is("handle") {
                    try mark(1, &seen)
                    handle = try optionalString()
                } else if k.is("id") {
                    try mark(2, &seen)
                    id = try optionalString()
                } else if k.is("displayName") {
                    try mark(3, &seen)
                    displayName = try optionalString()
                } else if k.is("url") {
                    try mark(4, &seen)
                    url = try optionalString()
                } else {
                    try skipValue()
                }
            } while try nextMember()
        }
        guard let platform else { throw Bail() }
        return Account(platform: platform, handle: handle, id: id, displayName: displayName, url: url)
    }

    private mutating func readAttachment() throws(Bail) -> Attachment {
        var seen: UInt32 = 0
        var kind: Attachment.Kind?, uri: String?, mediaType: String?, altText: String?, exif: Exif?
        if try beginObject() {
            repeat {
                let k = try key()
                if k.is("kind") {
                    try mark(0, &seen)
                    guard let value = Attachment.Kind(rawValue: try string()) else { throw Bail() }
                    kind = value
                } else if k.is("uri") {
                    try mark(1, &seen)
                    uri = try optionalString()
                } else if k.is("mediaType") {
                    try mark(2, &seen)
                    mediaType = try optionalString()
                } else if k.is("altText") {
                    try mark(3, &seen)
                    altText = try optionalString()
                } else if k.is("exif") {
                    try mark(4, &seen)
                    exif = try readExif()
                } else {
                    try skipValue()
                }
            } while try nextMember()
        }
        guard let kind else { throw Bail() }
        return Attachment(kind: kind, uri: uri, mediaType: mediaType, altText: altText, exif: exif)
    }

    private mutating func readExif() throws(Bail) -> Exif? {
        if try null() { return nil }
        var seen: UInt32 = 0
        var location: GeoPoint?, takenAt: Timestamp?, device: String?
        if try beginObject() {
            repeat {
                let k = try key()
                if k.is("location") {
                    try mark(0, &seen)
                    location = try readGeoPoint()
                } else if k.is("takenAt") {
                    try mark(1, &seen)
                    takenAt = try readTimestamp()
                } else if k.is("device") {
                    try mark(2, &seen)
                    device = try optionalString()
                } else {
                    try skipValue()
                }
            } while try nextMember()
        }
        return Exif(location: location, takenAt: takenAt, device: device)
    }

    private mutating func readGeoPoint() throws(Bail) -> GeoPoint? {
        if try null() { return nil }
        var seen: UInt32 = 0
        var latitude: Double?, longitude: Double?
        if try beginObject() {
            repeat {
                let k = try key()
                if k.is("latitude") {
                    try mark(0, &seen)
                    latitude = try double()
                } else if k.is("longitude") {
                    try mark(1, &seen)
                    longitude = try double()
                } else {
                    try skipValue()
                }
            } while try nextMember()
        }
        guard let latitude, let longitude else { throw Bail() }
        // Not the failable initialiser: the synthesised Decodable checks no range.
        let point: GeoPoint = GeoPoint(latitude: latitude, longitude: longitude)
        return point
    }

    private mutating func readPlace() throws(Bail) -> Place? {
        if try null() { return nil }
        var seen: UInt32 = 0
        var name: String?, address: String?, location: GeoPoint?
        if try beginObject() {
            repeat {
                let k = try key()
                if k.is("name") {
                    try mark(0, &seen)
                    name = try optionalString()
                } else if k.is("address") {
                    try mark(1, &seen)
                    address = try optionalString()
                } else if k.is("location") {
                    try mark(2, &seen)
                    location = try readGeoPoint()
                } else {
                    try skipValue()
                }
            } while try nextMember()
        }
        return Place(name: name, address: address, location: location)
    }

    private mutating func readReplyTarget() throws(Bail) -> ReplyTarget? {
        if try null() { return nil }
        var seen: UInt32 = 0
        var activityID: String?, account: Account?
        if try beginObject() {
            repeat {
                let k = try key()
                if k.is("activityID") {
                    try mark(0, &seen)
                    activityID = try optionalString()
                } else if k.is("account") {
                    try mark(1, &seen)
                    account = try readAccount()
                } else {
                    try skipValue()
                }
            } while try nextMember()
        }
        return ReplyTarget(activityID: activityID, account: account)
    }

    private mutating func readSource() throws(Bail) -> RecordSource? {
        if try null() { return nil }
        var seen: UInt32 = 0
        var file: String?, index: Int?, line: Int?
        if try beginObject() {
            repeat {
                let k = try key()
                if k.is("file") {
                    try mark(0, &seen)
                    file = try string()
                } else if k.is("index") {
                    try mark(1, &seen)
                    index = try int()
                } else if k.is("line") {
                    try mark(2, &seen)
                    if try !null() { line = try int() }
                } else {
                    try skipValue()
                }
            } while try nextMember()
        }
        guard let file, let index else { throw Bail() }
        return RecordSource(file: file, index: index, line: line)
    }
}
