import Foundation

/// The organisation's clock: an IANA time zone (`America/Toronto`,
/// `Europe/Paris`) from the profile's `organisation.timeZone`, UTC when the
/// profile names none. Rules see each post's `hour` and `weekday` on it, and
/// every time a report, a charter or the command line shows is on it
/// (`DateStyle`), the zone named once.
public struct LocalClock: Hashable, Sendable, CustomStringConvertible {
    /// The IANA name (`UTC` for the default clock).
    public let identifier: String
    private let zone: TimeZone

    /// Nil when the name is not a time zone the system knows.
    public init?(identifier: String) {
        guard !identifier.isEmpty, let zone = TimeZone(identifier: identifier) else { return nil }
        self.identifier = identifier
        self.zone = zone
    }

    public static let utc = LocalClock(identifier: "UTC")!

    /// The clock of a profile: its time zone, else UTC.
    public init(profile: OrganisationProfile?) {
        self = profile?.organisation.timeZone.flatMap(LocalClock.init(identifier:)) ?? .utc
    }

    /// The offset from UTC, in seconds, at an instant (summer time included).
    public func offset(at timestamp: Timestamp) -> Int {
        identifier == "UTC" ? 0 : zone.secondsFromGMT(for: timestamp.date)
    }

    /// The same instant written in this zone.
    public func local(_ timestamp: Timestamp) -> Timestamp {
        Timestamp(secondsSince1970: timestamp.secondsSince1970, utcOffset: offset(at: timestamp))
    }

    /// The zone's everyday name in a language, with its IANA name:
    /// `heure de l’Est (America/Toronto)`, `Eastern Time (America/Toronto)`, `UTC`.
    public func name(language: String) -> String {
        guard identifier != "UTC" else { return "UTC" }
        let french = language.lowercased().hasPrefix("fr")
        let locale = Locale(identifier: french ? "fr_CA" : "en_CA")
        guard let everyday = zone.localizedName(for: .generic, locale: locale), everyday != identifier else {
            return identifier
        }
        return "\(everyday) (\(identifier))"
    }

    public var description: String { identifier }

    public static func == (a: LocalClock, b: LocalClock) -> Bool { a.identifier == b.identifier }
    public func hash(into hasher: inout Hasher) { hasher.combine(identifier) }
}

/// The one way Vigie writes dates and times for people, in French or
/// English, on the organisation's clock: `19 mars 2026 à 2 h 40`,
/// `19 March 2026, 02:40`. The zone is not repeated in each date: a
/// document names it once (`zoneNote`).
public struct DateStyle: Sendable {
    public var french: Bool
    public var clock: LocalClock

    /// `language` is a code (`fr`, `fr-CA`, `en`): French for French, English otherwise.
    public init(language: String, clock: LocalClock = .utc) {
        self.french = language.lowercased().hasPrefix("fr")
        self.clock = clock
    }

    static let frenchMonths = [
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
        "novembre", "décembre",
    ]
    static let englishMonths = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    /// Year, month, day, hour and minute of an instant on the clock.
    public func parts(_ timestamp: Timestamp) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int) {
        let local = Int64((timestamp.secondsSince1970 + Double(clock.offset(at: timestamp))).rounded(.down))
        let days = local >= 0 ? local / 86400 : (local - 86399) / 86400
        let second = local - days * 86400
        // Days since 1970-01-01 to a civil date (H. Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day), Int(second / 3600), Int(second / 60 % 60))
    }

    /// `19 mars 2026` / `19 March 2026`.
    public func day(_ timestamp: Timestamp) -> String {
        let p = parts(timestamp)
        if french {
            return "\(p.day == 1 ? "1er" : String(p.day))\u{00A0}\(Self.frenchMonths[p.month - 1])\u{00A0}\(p.year)"
        }
        return "\(p.day) \(Self.englishMonths[p.month - 1]) \(p.year)"
    }

    /// `2 h 40` / `02:40`.
    public func time(_ timestamp: Timestamp) -> String {
        let p = parts(timestamp)
        let minute = p.minute < 10 ? "0\(p.minute)" : String(p.minute)
        if french { return "\(p.hour)\u{00A0}h\u{00A0}\(minute)" }
        return (p.hour < 10 ? "0\(p.hour)" : String(p.hour)) + ":" + minute
    }

    /// `19 mars 2026 à 2 h 40` / `19 March 2026, 02:40`; the day alone without `time`.
    public func date(_ timestamp: Timestamp, time withTime: Bool = true) -> String {
        guard withTime else { return day(timestamp) }
        return french ? "\(day(timestamp)) à \(time(timestamp))" : "\(day(timestamp)), \(time(timestamp))"
    }

    /// A span: the end's day only when it differs (`23 November 2026, 10:28 – 10:29`).
    public func period(from start: Timestamp, to end: Timestamp?) -> String {
        guard let end else { return date(start) }
        let a = parts(start)
        let b = parts(end)
        guard a.year == b.year, a.month == b.month, a.day == b.day else { return date(start) + " – " + date(end) }
        return date(start) + " – " + time(end)
    }

    /// A day written in a profile (`2026-01-15`) in the same style.
    public func day(iso text: String) -> String {
        guard let (y, m, d) = Self.isoDay(text) else { return text }
        if french { return "\(d == 1 ? "1er" : String(d))\u{00A0}\(Self.frenchMonths[m - 1])\u{00A0}\(y)" }
        return "\(d) \(Self.englishMonths[m - 1]) \(y)"
    }

    /// `Heures : heure de l’Est (America/Toronto)`: said once per document.
    public var zoneNote: String {
        french ? "Heures\u{00A0}: \(clock.name(language: "fr"))" : "Times: \(clock.name(language: "en"))"
    }

    /// A `YYYY-MM-DD` day, checked (month 1–12, a day the month has).
    public static func isoDay(_ text: String) -> (year: Int, month: Int, day: Int)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m), d >= 1
        else { return nil }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard d <= lengths[m - 1] else { return nil }
        return (y, m, d)
    }
}
