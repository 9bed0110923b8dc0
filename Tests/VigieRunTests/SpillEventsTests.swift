import Foundation
import Testing
import VigieModel
@testable import VigieRun

/// A run without a case file escalates its findings read back from the
/// spill in time order, one at a time (`SpillEvents`), instead of holding
/// every event: the order must be the one the escalation gives an array of
/// the same events (`FindingEvent.timeOrder`, stable), ties included.
@Suite("The escalation's findings read back from the spill")
struct SpillEventsTests {
    /// Findings of every severity (one file each), in no time order, with
    /// many at the same instant: several per activity, several activities
    /// at once, and one instant written with two UTC offsets.
    private func spilled(_ count: Int, seed: UInt64) throws -> (FindingSpill, [FindingEvent]) {
        let spill = try FindingSpill()
        var random = SplitMix64(seed: seed)
        var events: [FindingEvent] = []
        for i in 0..<count {
            let severity = Severity.allCases[Int(random.next() % UInt64(Severity.allCases.count))]
            // Twenty instants only: ties everywhere.
            let instant = 1_770_000_000 + Double(random.next() % 20) * 3600
            let offset = random.next() % 2 == 0 ? 0 : 7200
            let activity = "act-\(random.next() % 15)"
            var finding = Finding(
                ruleID: "rule-\(i % 4)", severity: severity, evidence: [], actorID: i % 3 == 0 ? nil : "p\(i % 5)",
                activity: ActivityReference(id: activity, source: nil), advice: nil, mitigates: [])
            // Mostly Finding.fingerprint's sixteen digits, some other text.
            finding.fingerprint = i % 10 == 0 ? "fp-\(i)" : String(format: "%016llx", random.next())
            let timestamp = Timestamp(secondsSince1970: instant, utcOffset: offset)
            let ordinal = Int(random.next() % 3)
            try spill.append(
                finding, platform: "mastodon", kind: "post", author: "a", time: timestamp.iso8601, timeIsTimestamp: true,
                excerpt: "e", activityText: "t", timestamp: timestamp, actorKey: "key-\(i % 6)", ordinal: ordinal)
            events.append(FindingEvent(
                fingerprint: finding.fingerprint, ruleID: finding.ruleID, severity: severity, activityID: activity,
                at: timestamp, actorKey: "key-\(i % 6)", actorID: finding.actorID, ordinal: ordinal))
        }
        return (spill, events)
    }

    @Test(arguments: [0, 1, 2, 7, 500])
    func theEventsComeInTheEscalationsTimeOrder(count: Int) throws {
        let (spill, events) = try spilled(count, seed: UInt64(count) + 3)
        defer { spill.remove() }
        let ordered = try SpillEvents(spill)
        #expect(ordered.count == count)
        let read = try (0..<ordered.count).map { try ordered.event($0) }
        // What `Escalation.replay(engine:events:)` does with the array: a stable sort.
        let expected = events.indices.sorted {
            if FindingEvent.timeOrder(events[$0], events[$1]) { return true }
            if FindingEvent.timeOrder(events[$1], events[$0]) { return false }
            return $0 < $1
        }.map { events[$0] }
        #expect(read == expected)
    }

    @Test func aRecordIsReadAgainWhereItWasFound() throws {
        let (spill, events) = try spilled(300, seed: 5)
        defer { spill.remove() }
        var located: [(FindingSpill.Location, FindingEvent)] = []
        try spill.forEachLocatedView { view, location in located.append((location, view.event)) }
        #expect(located.map(\.1) == events)
        let reader = try FindingSpill.RandomReader(spill)
        // Backwards, to read every file out of order.
        for (location, event) in located.reversed() {
            #expect(try reader.view(at: location) { $0.event } == event)
        }
    }

    @Test func oneInstantWithTwoOffsetsIsOneTime() {
        func event(_ activity: String, offset: Int) -> FindingEvent {
            FindingEvent(
                fingerprint: activity, ruleID: "r", severity: .low, activityID: activity,
                at: Timestamp(secondsSince1970: 1_770_000_000, utcOffset: offset), actorKey: "k", actorID: nil, ordinal: 0)
        }
        let paris = event("b", offset: 3600)
        let utc = event("a", offset: 0)
        // Ordered by activity whatever order they came in.
        #expect(FindingEvent.timeOrder(utc, paris))
        #expect(!FindingEvent.timeOrder(paris, utc))
    }
}
