import Dispatch
import Foundation
import VigieModel

extension PolicyEngine {
    /// The key of the person an activity is about, as the indicators' history
    /// and the incidents use it (the resolved actor's id, else the author's
    /// platform and handle): parallel checks shard activities by this key so
    /// that each person's history stays in one worker.
    public func actorKey(of activity: Activity) -> String {
        // What `resolveActor` would set, without copying the activity.
        Self.actorKey(activity, actorID: activity.actorID ?? owner(of: activity.author)?.id)
    }

    /// The worker (0..<workers) that owns `key`: a stable hash, the same on every run.
    static func shard(_ key: String, workers: Int) -> Int {
        var h: UInt64 = 0xcbf29ce484222325
        for b in key.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return Int(h % UInt64(workers))
    }
}

/// Checks a stream of activities with several workers, each with its own
/// engine and Lua state (`PolicyEngine(configuration:)`), and hands the
/// results back in the order of the activities, as one engine would.
///
/// Activities are sharded by person (`PolicyEngine.actorKey(of:)`), so
/// that the indicators' per-person history lives in one worker: the
/// findings and their order are those of a single engine (as long as no worker evicts a person's
/// history, which vigie/check.lua does past 10,000 people per engine; a
/// single engine evicts sooner). The activities are read on the caller's
/// thread, checked in batches by the workers, and `body` is called on one
/// thread at a time, in activity order; at most a few batches are in
/// flight, so memory stays bounded.
public final class ParallelChecker {
    public let engine: PolicyEngine
    public let workers: Int
    public var batchSize = 512
    /// Batches read ahead of the results (bounds memory).
    public var inFlight = 8

    private var engines: [PolicyEngine] = []

    /// `engine` is worker 0; the others load the same policy again.
    public init(engine: PolicyEngine, workers: Int) throws(PolicyError) {
        self.engine = engine
        self.workers = max(1, workers)
        engines = [engine]
        for _ in 1..<self.workers {
            let worker = try PolicyEngine(configuration: engine.configuration)
            worker.findsPersonalData = engine.findsPersonalData
            engines.append(worker)
        }
    }

    private final class Batch: @unchecked Sendable {
        let index: Int
        var activities: [Activity] = []
        /// Written by the workers at distinct indices, read by the merge.
        var checks: UnsafeMutableBufferPointer<ActivityCheck?> = .init(start: nil, count: 0)
        var parts: [[Int]]
        init(index: Int, workers: Int) {
            self.index = index
            parts = Array(repeating: [], count: workers)
        }
    }

    private final class Shared: @unchecked Sendable {
        var pending: [Int: Batch] = [:]
        var next = 0
        var body: ((Activity, ActivityCheck) -> Void)?
    }

    private struct Unchecked<T>: @unchecked Sendable { let value: T }

    /// Calls `produce` with an `emit` function that takes each activity in
    /// turn; `body` gets each activity's check in order.
    public func run(
        _ produce: (_ emit: @escaping (Activity) -> Void) throws -> Void,
        _ body: @escaping (Activity, ActivityCheck) -> Void
    ) throws {
        let workers = self.workers
        let queues = (0..<workers).map { DispatchQueue(label: "vigie.check.worker.\($0)") }
        let mergeQueue = DispatchQueue(label: "vigie.check.merge")
        let slots = DispatchSemaphore(value: inFlight)
        let all = DispatchGroup()
        let shared = Shared()
        shared.body = body
        let engines = Unchecked(value: self.engines)

        var batchIndex = 0
        var current = Batch(index: 0, workers: workers)
        func submit(_ batch: Batch) {
            slots.wait()
            batch.checks = .allocate(capacity: batch.activities.count)
            batch.checks.initialize(repeating: nil)
            let group = DispatchGroup()
            for w in 0..<workers where !batch.parts[w].isEmpty {
                all.enter()
                queues[w].async(group: group) {
                    let e = engines.value[w]
                    for i in batch.parts[w] { batch.checks[i] = e.check(batch.activities[i]) }
                    all.leave()
                }
            }
            all.enter()
            group.notify(queue: mergeQueue) {
                shared.pending[batch.index] = batch
                while let ready = shared.pending.removeValue(forKey: shared.next) {
                    // Each check is moved out (not copied, then destroyed),
                    // and the activities are lent, not copied.
                    let activities = ready.activities
                    for i in activities.indices {
                        let check = (ready.checks.baseAddress! + i).move()!
                        shared.body?(activities[i], check)
                    }
                    ready.checks.deallocate()
                    shared.next += 1
                    slots.signal()
                }
                all.leave()
            }
        }
        // Shard keys need the engine's actor resolution: it only reads the
        // engine's table of actors, which checking never changes.
        var keys: [String: Int] = [:]
        let engine = self.engine, batchSize = self.batchSize
        var failure: (any Error)?
        do { try produce { activity in
            let key = engine.actorKey(of: activity)
            let w: Int
            if let known = keys[key] { w = known } else {
                w = PolicyEngine.shard(key, workers: workers)
                if keys.count < 100_000 { keys[key] = w }
            }
            current.parts[w].append(current.activities.count)
            current.activities.append(activity)
            if current.activities.count >= batchSize {
                submit(current)
                batchIndex += 1
                current = Batch(index: batchIndex, workers: workers)
            }
        } } catch {
            failure = error
        }
        if failure == nil, !current.activities.isEmpty { submit(current) }
        // Even when reading failed: no worker may still run once this returns.
        all.wait()
        if let failure { throw failure }
    }
}
