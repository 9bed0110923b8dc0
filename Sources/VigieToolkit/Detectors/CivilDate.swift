import Foundation

/// A calendar date (proleptic Gregorian), with the arithmetic the date and
/// absence detectors need.
struct CivilDate: Hashable, Comparable, Sendable {
    var year: Int
    var month: Int
    var day: Int

    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date of `date` in `timeZone`.
    init(_ date: Date, timeZone: TimeZone) {
        // The zone's offset at that instant, then whole days since 1970:
        // what the Gregorian calendar gives, without making one for each
        // call (a Calendar cost about 1,700 instructions a post). Before
        // 1583 the calendar switches to Julian dates: it is kept there.
        let seconds = date.timeIntervalSince1970
        if seconds >= Self.gregorianSince, seconds < 1e15 {
            let local = Int(seconds.rounded(.down)) + timeZone.secondsFromGMT(for: date)
            let (days, rest) = local.quotientAndRemainder(dividingBy: 86_400)
            self.init(dayNumber: rest < 0 ? days - 1 : days)
            return
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        self.init(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1)
    }

    /// 1583-01-01T00:00:00Z, in seconds since 1970: the first whole year
    /// of the Gregorian calendar.
    static var gregorianSince: Double { -12_212_553_600 }

    static func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        return day <= daysIn(year: year, month: month)
    }

    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (H. Hinnant's algorithm).
    var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    init(dayNumber z0: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    func adding(days: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + days) }

    /// 1 = Monday … 7 = Sunday.
    var weekday: Int { ((dayNumber % 7) + 7 + 3) % 7 + 1 }

    var iso: String {
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    static func < (a: CivilDate, b: CivilDate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    /// The occurrence of day/month nearest to `reference` (within six months).
    static func nearest(month: Int, day: Int, to reference: CivilDate) -> CivilDate? {
        var best: CivilDate?
        for year in [reference.year - 1, reference.year, reference.year + 1]
        where isValid(year: year, month: month, day: day) {
            let candidate = CivilDate(year: year, month: month, day: day)
            if best == nil || abs(candidate.dayNumber - reference.dayNumber) < abs(best!.dayNumber - reference.dayNumber) {
                best = candidate
            }
        }
        return best
    }
}
