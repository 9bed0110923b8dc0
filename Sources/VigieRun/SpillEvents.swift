import VigieEngine
import VigieModel

/// A run's findings as the escalation reads them (`Escalation.replay(engine:ordered:)`):
/// in time order, one at a time, from the spill on disk. Only a sort key
/// per finding is held (its time, its rank, where it is: 24 bytes), not the
/// findings' events with their strings: a run with many findings and no
/// case file keeps its memory for the incidents.
final class SpillEvents: TimeOrderedEvents {
    typealias Failure = any Error

    private let reader: FindingSpill.RandomReader
    private let order: [FindingSpill.Location]
    private let ruleIDs = SpillStrings()

    var count: Int { order.count }

    init(_ spill: FindingSpill) throws {
        let reader = try FindingSpill.RandomReader(spill)
        let ruleIDs = self.ruleIDs
        self.reader = reader
        var keys: [(seconds: Double, rank: Int, location: FindingSpill.Location)] = []
        keys.reserveCapacity(spill.total)
        try spill.forEachLocatedView { view, location in
            keys.append((view.timestamp.secondsSince1970, keys.count, location))
        }
        keys.sort { $0.seconds != $1.seconds ? $0.seconds < $1.seconds : $0.rank < $1.rank }
        // Findings at the same time are ordered as `FindingEvent.timeOrder`
        // orders them (activity, rank in it, fingerprint), then by rank in
        // the run: their events are read for that, a group at a time.
        var start = 0
        while start < keys.count {
            var end = start + 1
            while end < keys.count, keys[end].seconds == keys[start].seconds { end += 1 }
            if end - start > 1 {
                var group: [(event: FindingEvent, key: (seconds: Double, rank: Int, location: FindingSpill.Location))] = []
                for key in keys[start..<end] {
                    group.append((try reader.view(at: key.location) { $0.event(ruleIDs: ruleIDs) }, key))
                }
                group.sort {
                    if FindingEvent.timeOrder($0.event, $1.event) { return true }
                    if FindingEvent.timeOrder($1.event, $0.event) { return false }
                    return $0.key.rank < $1.key.rank
                }
                for (i, item) in group.enumerated() { keys[start + i] = item.key }
            }
            start = end
        }
        order = keys.map(\.location)
    }

    func event(_ i: Int) throws -> FindingEvent {
        try reader.view(at: order[i]) { $0.event(ruleIDs: ruleIDs) }
    }
}
