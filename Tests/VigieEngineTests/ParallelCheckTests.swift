import Foundation
import Testing
import VigieEngine
import VigieModel

/// Parallel checks give what one engine gives: the same results in the same
/// order, the same incidents, whatever the number of workers.
@Suite("Parallel check")
struct ParallelCheckTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func nordelia() throws -> PolicyEngine {
        try PolicyEngine(policyDirectory: Self.root.appendingPathComponent("Policies/nordelia").path,
                         pluginPaths: [Self.root.appendingPathComponent("Plugins").path])
    }

    func corpus(_ count: Int) -> [Activity] {
        var options = CorpusGenerator.Options(count: count)
        options.seed = 11
        options.violationRate = 0.2
        options.people = 40
        return CorpusGenerator(options: options).map(\.activity)
    }

    /// The shard key is the person the incidents file the activity under:
    /// the given actor, else the profile person who owns the account, else
    /// the account itself.
    @Test func shardKeyIsThePersonTheIncidentsUse() throws {
        let engine = try nordelia()
        let owned = Activity(
            id: "a1", kind: .post, platform: .mastodon,
            author: Account(platform: .mastodon, handle: "ines_lav@mastodon.example"),
            timestamp: Timestamp(iso8601: "2026-03-02T10:00:00Z")!, visibility: .public, text: "Bonjour",
            source: RecordSource(file: "test.jsonl", index: 0, line: 1))
        var given = owned
        given.actorID = "theo"
        var stranger = owned
        stranger.author = Account(platform: .mastodon, handle: "quelqu_un@ailleurs.example")
        #expect(engine.actorKey(of: owned) == "ines")
        #expect(engine.actorKey(of: given) == "theo")
        #expect(engine.actorKey(of: stranger) == "mastodon:quelqu_un@ailleurs.example")
        // The same as the key of the activity as checked (its actor resolved).
        for activity in [owned, given, stranger] {
            let checked = engine.check(activity)
            #expect(engine.actorKey(of: activity) == (checked.actorID ?? "mastodon:quelqu_un@ailleurs.example"))
        }
    }

    @Test(arguments: [2, 3])
    func sameResultsInTheSameOrderAsOneEngine(workers: Int) throws {
        let activities = corpus(1500)
        let single = try nordelia()
        var expected: [ActivityCheck] = []
        for a in activities { expected.append(single.check(a)) }

        let engine = try nordelia()
        let parallel = try ParallelChecker(engine: engine, workers: workers)
        parallel.batchSize = 64
        var got: [(Activity, ActivityCheck)] = []
        try parallel.run({ emit in for a in activities { emit(a) } }, { got.append(($0, $1)) })

        #expect(got.map(\.0.id) == activities.map(\.id))
        #expect(got.map(\.1) == expected)
        #expect(expected.contains { !$0.findings.isEmpty })
        // The same findings about the same people: the same incidents.
        let singleEvents = zip(activities, expected).flatMap { single.events(of: $0, $1) }
        let parallelEvents = got.flatMap { engine.events(of: $0, $1) }
        #expect(parallelEvents == singleEvents)
        let a = Escalation.replay(engine: single, events: singleEvents)
        let b = Escalation.replay(engine: engine, events: parallelEvents)
        #expect(!a.incidents.isEmpty)
        #expect(a.incidents == b.incidents)
        #expect(a.outcomes == b.outcomes)
    }
}

extension ParallelCheckTests {
    struct Stop: Error {}

    @Test func anErrorWhileReadingStopsTheRunAfterTheWorkers() throws {
        let activities = corpus(300)
        let parallel = try ParallelChecker(engine: try nordelia(), workers: 2)
        parallel.batchSize = 16
        var seen = 0
        #expect(throws: Stop.self) {
            try parallel.run({ emit in
                for (i, a) in activities.enumerated() {
                    if i == 200 { throw Stop() }
                    emit(a)
                }
            }, { _, _ in seen += 1 })
        }
        // Whatever was handed over before the error was checked, in order, and nothing runs after.
        #expect(seen == 192)
    }
}
