import Foundation

/// An instant together with the UTC offset it was written with.
///
/// Encoded as ISO 8601 text (`2023-05-13T19:20:09+02:00`, `…Z` for UTC, with
/// milliseconds when they are not zero). Exports that store Unix times (Facebook,
/// Instagram) or UTC dates (LinkedIn) yield an offset of zero.
public struct Timestamp: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var secondsSince1970: Double
    /// The offset from UTC, in seconds, of the local time the source wrote.
    public var utcOffset: Int

    public init(secondsSince1970: Double, utcOffset: Int = 0) {
        self.secondsSince1970 = secondsSince1970
        self.utcOffset = utcOffset
    }

    public init(date: Date, utcOffset: Int = 0) {
        self.init(secondsSince1970: date.timeIntervalSince1970, utcOffset: utcOffset)
    }

    public var date: Date { Date(timeIntervalSince1970: secondsSince1970) }
    public var timeZone: TimeZone? { TimeZone(secondsFromGMT: utcOffset) }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.secondsSince1970 < rhs.secondsSince1970
    }

    // MARK: ISO 8601

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fff][Z|±HH:MM|±HHMM]` (a space may replace
    /// the `T`; no zone means UTC). Returns nil for anything else.
    public init?(iso8601 text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard let value = bytes.withUnsafeBufferPointer({ Timestamp.parseISO8601($0) }) else { return nil }
        self = value
    }

    /// `init?(iso8601:)` over the UTF-8 bytes of the text (the stream's fast
    /// line reader calls it on a slice of the line).
    static func parseISO8601(_ b: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        var i = 0
        @inline(__always) func number(_ width: Int) -> Int? {
            guard i + width <= b.count else { return nil }
            var n = 0
            for k in i..<(i + width) {
                let c = b[k]
                guard c >= 48, c <= 57 else { return nil }
                n = n * 10 + Int(c - 48)
            }
            i += width
            return n
        }
        @inline(__always) func expect(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = number(4), expect(45), let month = number(2), expect(45),
            let day = number(2)
        else { return nil }
        guard i < b.count, b[i] == 84 || b[i] == 32 else { return nil }  // T or space
        i += 1
        guard let hour = number(2), expect(58), let minute = number(2), expect(58),
            let second = number(2)
        else { return nil }
        var fraction = 0.0
        if i < b.count, b[i] == 46 || b[i] == 44 {  // . or ,
            i += 1
            var scale = 0.1
            let start = i
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                fraction += Double(b[i] - 48) * scale
                scale /= 10
                i += 1
            }
            guard i > start else { return nil }
        }
        var offset = 0
        if i < b.count {
            if b[i] == 90 || b[i] == 122 {  // Z
                i += 1
            } else if b[i] == 43 || b[i] == 45 {  // + or -
                let sign = b[i] == 45 ? -1 : 1
                i += 1
                guard let h = number(2) else { return nil }
                _ = expect(58)
                guard let m = number(2) else { return nil }
                offset = sign * (h * 3600 + m * 60)
            }
        }
        guard i == b.count, (1...12).contains(month), (1...31).contains(day), hour < 24,
            minute < 60, second <= 60, abs(offset) < 24 * 3600
        else { return nil }
        let days = Timestamp.daysFromCivil(year: year, month: month, day: day)
        let local = Double(days * 86400 + hour * 3600 + minute * 60 + second) + fraction
        return Timestamp(secondsSince1970: local - Double(offset), utcOffset: offset)
    }

    /// The earliest and latest instants `iso8601` writes as they are
    /// (0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z); an instant outside,
    /// or not finite, is written clamped to them (exports never get there:
    /// importers refuse times outside `plausibleRange`).
    public static let writableRange: ClosedRange<Double> = -62_135_596_800 ... 253_402_300_799

    /// ISO 8601 text in the timestamp's own offset.
    public var iso8601: String {
        String(unsafeUninitializedCapacity: Timestamp.maxISO8601Length) { out in
            writeISO8601(into: out.baseAddress!)
        }
    }

    /// The most bytes `writeISO8601(into:)` writes.
    public static let maxISO8601Length = 40

    /// Writes `iso8601` (ASCII, at most `maxISO8601Length` bytes) at `out`;
    /// returns how many bytes it wrote.
    public func writeISO8601(into out: UnsafeMutablePointer<UInt8>) -> Int {
        // Every conversion below is checked: no value of `secondsSince1970`
        // or `utcOffset` can trap.
        let offset = Swift.max(-86_399, Swift.min(86_399, utcOffset))
        var local = secondsSince1970.isNaN ? 0 : secondsSince1970 + Double(offset)
        local = Swift.max(Timestamp.writableRange.lowerBound, Swift.min(Timestamp.writableRange.upperBound, local))
        let whole = local.rounded(.down)
        var millis = Int(((local - whole) * 1000).rounded())
        var seconds = Int(whole)
        if millis >= 1000 {
            millis -= 1000
            seconds += 1
        }
        var days = seconds / 86400
        var rest = seconds % 86400
        if rest < 0 {
            rest += 86400
            days -= 1
        }
        let (y, m, d) = Timestamp.civilFromDays(days)
        // Written byte by byte (it is formatted for every activity a rule sees).
        do {
            var n = 0
            func put(_ c: UInt8) {
                out[n] = c
                n += 1
            }
            func digits(_ value: Int, _ width: Int) {
                var v = value
                if v < 0 {
                    put(45)
                    v = -v
                }
                var count = 1, p = 10
                while p <= v && count < 19 {
                    count += 1
                    p &*= 10
                }
                let w = max(count, width)
                for k in stride(from: w - 1, through: 0, by: -1) {
                    out[n + k] = UInt8(48 + v % 10)
                    v /= 10
                }
                n += w
            }
            // Two digits of 0...99 (every field but the year and the
            // milliseconds): no loop, divisions by a constant.
            func two(_ v: Int) {
                out[n] = UInt8(truncatingIfNeeded: 48 + v / 10)
                out[n + 1] = UInt8(truncatingIfNeeded: 48 + v % 10)
                n += 2
            }
            if y >= 1000, y <= 9999 {
                two(y / 100)
                two(y % 100)
            } else {
                digits(y, 4)
            }
            put(45); two(m); put(45); two(d); put(84)
            two(rest / 3600); put(58); two(rest / 60 % 60); put(58); two(rest % 60)
            if millis != 0 {
                put(46)
                digits(millis, 3)
            }
            if offset == 0 {
                put(90)
            } else {
                let a = abs(offset)
                put(offset < 0 ? 45 : 43)
                two(a / 3600); put(58); two(a / 60 % 60)
            }
            return n
        }
    }

    public var description: String { iso8601 }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let seconds = try? container.decode(Double.self) {
            // A number is seconds; one that no date can hold is refused
            // rather than kept (it would be written clamped).
            guard seconds.isFinite, Timestamp.writableRange.contains(seconds) else {
                throw DecodingError.dataCorruptedError(
                    in: container,
                    debugDescription: "not a time: \(DiagnosticText.describe(number: seconds)) of seconds is beyond the year 9999")
            }
            self.init(secondsSince1970: seconds)
            return
        }
        let text = try container.decode(String.self)
        guard let value = Timestamp(iso8601: text) else {
            // The value is not quoted: it may be anything a person typed.
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "not an ISO 8601 date-time (\(DiagnosticText.describe(text: text)))")
        }
        self = value
    }

    // MARK: Times read from exports

    /// The instants an export may hold: from 1990-01-01T00:00:00Z to
    /// 2100-12-31T23:59:59Z. Social media did not exist before, and a later
    /// time is a mistake (or a number in another unit); importers refuse a
    /// time outside with its position.
    public static let plausibleRange: ClosedRange<Double> = 631_152_000 ... 4_133_980_799

    /// Whether the instant is in `plausibleRange`.
    public var isPlausible: Bool { Timestamp.plausibleRange.contains(secondsSince1970) }

    /// The unit of a Unix time read from an export.
    public enum UnixUnit: String, Sendable, CaseIterable {
        case seconds, milliseconds, microseconds, nanoseconds

        var perSecond: Double {
            switch self {
            case .seconds: 1
            case .milliseconds: 1e3
            case .microseconds: 1e6
            case .nanoseconds: 1e9
            }
        }
    }

    /// A Unix time from an export, whatever its unit: the ranges of
    /// plausible times in seconds, milliseconds, microseconds and
    /// nanoseconds do not overlap (1990–2100 is 6.3e8–4.1e9 s, 6.3e11–4.1e12
    /// ms…), so the magnitude tells the unit. A field named in seconds that
    /// holds milliseconds (or the reverse) is read right.
    ///
    /// Returns nil for a value that is not finite, negative, or a plausible
    /// time in no unit; it never traps.
    public static func unixTime(_ value: Double) -> (timestamp: Timestamp, unit: UnixUnit)? {
        guard value.isFinite, value > 0 else { return nil }
        for unit in UnixUnit.allCases {
            let seconds = value / unit.perSecond
            if plausibleRange.contains(seconds) { return (Timestamp(secondsSince1970: seconds), unit) }
        }
        return nil
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso8601)
    }

    // Howard Hinnant's civil calendar algorithms (proleptic Gregorian).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
