import Foundation
import Testing

@testable import VigieToolkit

/// One expectation: `text` must give exactly the listed (text, value) pairs.
struct DetectorCase: CustomTestStringConvertible, Sendable {
    let text: String
    let expected: [(String, String?)]
    let note: String

    init(_ text: String, _ expected: [(String, String?)], _ note: String = "") {
        self.text = text
        self.expected = expected
        self.note = note
    }

    /// A near miss: nothing must be found.
    static func none(_ text: String, _ note: String = "") -> DetectorCase { DetectorCase(text, [], note) }

    var testDescription: String { note.isEmpty ? text : "\(note): \(text)" }
}

/// The scalar offsets of the first `needle` in `text` at or after `from`,
/// found independently of the toolkit.
func scalarRange(of needle: String, in text: String, from: Int = 0) -> Range<Int>? {
    let h = Array(text.unicodeScalars)
    let n = Array(needle.unicodeScalars)
    guard !n.isEmpty, h.count >= n.count, from <= h.count - n.count else { return nil }
    for i in from...(h.count - n.count) where Array(h[i..<(i + n.count)]) == n {
        return i..<(i + n.count)
    }
    return nil
}

/// Checks the matches and that each match's offsets cut its text out of the original.
func check(_ matches: [TextMatch], _ c: DetectorCase, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(matches.map(\.text) == c.expected.map(\.0), "\(c.text)", sourceLocation: sourceLocation)
    var from = 0
    for (m, e) in zip(matches, c.expected) {
        #expect(m.value == e.1, "value of \(m.text)", sourceLocation: sourceLocation)
        // The offsets are those of the expected text, searched by hand.
        let expected = scalarRange(of: e.0, in: c.text, from: from)
        #expect(m.start..<m.end == expected, "offsets of \(m.text)", sourceLocation: sourceLocation)
        from = expected?.lowerBound ?? from
        let scalars = Array(c.text.unicodeScalars)
        let cut = String(String.UnicodeScalarView(scalars[m.start..<m.end]))
        #expect(cut == m.text, "offsets of \(m.text)", sourceLocation: sourceLocation)
    }
}

/// 2026-07-30 (a Thursday) at noon in Paris.
let referenceDate: Date = {
    var c = DateComponents()
    (c.year, c.month, c.day, c.hour) = (2026, 7, 30, 12)
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = paris
    return calendar.date(from: c)!
}()
let paris = TimeZone(identifier: "Europe/Paris")!
