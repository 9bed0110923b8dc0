import Foundation
import LuaHost
import VigieEngine
import VigieModel
import VigieRun

/// A loaded generation of the policy: one engine per worker, and what the
/// server says about it.
final class EngineSet: @unchecked Sendable {
    let snapshot: PolicySnapshot
    /// Handed to the workers once each (engines are not `Sendable`: each is
    /// used by one worker thread at a time).
    private var engines: [PolicyEngine]
    private let lock = NSLock()

    init(snapshot: PolicySnapshot, engines: [PolicyEngine]) {
        self.snapshot = snapshot
        self.engines = engines
    }

    func take() -> PolicyEngine? {
        lock.lock()
        defer { lock.unlock() }
        return engines.popLast()
    }

    /// Loads the policy in `location` once per worker, each under `limits`.
    static func load(
        _ location: PolicyLocation, workers: Int, limits: LuaLimits, generation: Int
    ) throws(ServeLoadError) -> EngineSet {
        let first: PolicyEngine
        do {
            first = try location.load(limits: limits)
        } catch {
            throw ServeLoadError(error.message)
        }
        let mapping = try DecisionMapping.read(from: first)
        var engines = [first]
        for _ in 1..<max(1, workers) {
            do {
                engines.append(try PolicyEngine(configuration: first.configuration))
            } catch {
                throw ServeLoadError(error.description)
            }
        }
        let snapshot: PolicySnapshot
        do {
            snapshot = try PolicySnapshot(engine: first, generation: generation, mapping: mapping, folder: location.folder)
        } catch {
            throw ServeLoadError("cannot describe the policy: \(error)")
        }
        return EngineSet(snapshot: snapshot, engines: engines)
    }
}

/// What checking a draft gave.
struct DraftCheck: Sendable {
    var findings: [Finding]
    var failures: [RuleFailure]
    var snapshot: PolicySnapshot
    /// The keyed hash of the draft's text, for the decision log (computed
    /// on the worker, off the event loops).
    var draftHash: String?
    /// Time spent waiting for a worker, then checking.
    var queued: Duration
    var checked: Duration
}

/// One Lua state per worker thread, each with its own engine, fed from one
/// queue. Checks never run on the server's event loops or on Swift's
/// cooperative threads: a slow rule holds one worker, for as long as the
/// sandbox lets it, and nothing else. A new generation of the policy
/// (`install`) is taken up by each worker between two drafts: the draft in
/// progress finishes with the engine it started with.
final class EnginePool: @unchecked Sendable {
    let workers: Int
    /// Drafts waiting beyond this are refused (503) rather than queued.
    let maxQueue: Int
    let hasher: DraftHasher?

    private struct Job {
        var draft: Draft
        var enqueued: ContinuousClock.Instant
        var done: @Sendable (Result<DraftCheck, ServeError>) -> Void
    }

    private let condition = NSCondition()
    private var queue: [Job] = []
    private var queueHead = 0
    private var current: EngineSet
    private var stopping = false
    private var running = 0
    private var threads: [Thread] = []
    private let finished = DispatchGroup()

    init(_ set: EngineSet, workers: Int, maxQueue: Int, hasher: DraftHasher?) {
        self.current = set
        self.workers = workers
        self.maxQueue = maxQueue
        self.hasher = hasher
        for index in 0..<workers {
            finished.enter()
            let thread = Thread { [self] in
                self.work(index)
                self.finished.leave()
            }
            thread.name = "vigie-serve-worker-\(index)"
            // Lua's C calls and the host's protected calls run on this stack.
            thread.stackSize = 8 << 20
            threads.append(thread)
            thread.start()
        }
    }

    /// The generation serving now.
    var snapshot: PolicySnapshot {
        condition.lock()
        defer { condition.unlock() }
        return current.snapshot
    }

    /// Drafts waiting for a worker.
    var waiting: Int {
        condition.lock()
        defer { condition.unlock() }
        return queue.count - queueHead
    }

    /// Workers checking a draft now.
    var busy: Int {
        condition.lock()
        defer { condition.unlock() }
        return running
    }

    /// Serves `set` from the next draft on.
    func install(_ set: EngineSet) {
        condition.lock()
        current = set
        condition.broadcast()
        condition.unlock()
    }

    /// Checks a draft on the next free worker.
    func check(_ draft: Draft) async throws(ServeError) -> DraftCheck {
        let result: Result<DraftCheck, ServeError> = await withCheckedContinuation { continuation in
            submit(draft) { continuation.resume(returning: $0) }
        }
        return try result.get()
    }

    private func submit(_ draft: Draft, _ done: @escaping @Sendable (Result<DraftCheck, ServeError>) -> Void) {
        condition.lock()
        if stopping {
            condition.unlock()
            done(.failure(.stopping))
            return
        }
        if queue.count - queueHead >= maxQueue {
            condition.unlock()
            done(.failure(.busy))
            return
        }
        queue.append(Job(draft: draft, enqueued: .now, done: done))
        condition.signal()
        condition.unlock()
    }

    /// Lets the workers finish the drafts already queued, then ends them.
    func shutdown() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
        finished.wait()
    }

    private func work(_ index: Int) {
        var set: EngineSet?
        var engine: PolicyEngine?
        while true {
            condition.lock()
            // Also woken by a new generation, so that an idle worker lets
            // go of the old engine at once.
            while queueHead == queue.count && !stopping && set === current { condition.wait() }
            let latest = current
            var next: Job?
            if queueHead < queue.count {
                next = queue[queueHead]
                queueHead += 1
                if queueHead > 1024 && queueHead * 2 > queue.count {
                    queue.removeFirst(queueHead)
                    queueHead = 0
                }
                running += 1
            } else if stopping {
                condition.unlock()
                return
            }
            condition.unlock()

            if set !== latest {
                // The engine of the old generation is released here. (Each
                // generation has one engine per worker: `take` cannot fail.)
                if let fresh = latest.take() { engine = fresh }
                set = latest
            }
            guard let job = next else { continue }
            guard let engine, let set else {
                job.done(.failure(ServeError(.internalServerError, "no-engine", "no engine is free for this worker")))
                finish()
                continue
            }
            let started = ContinuousClock.now
            let outcome = Self.check(job.draft, engine: engine, snapshot: set.snapshot)
            let ended = ContinuousClock.now
            let hash = hasher?.hash(job.draft.text)
            finish()
            job.done(.success(DraftCheck(
                findings: outcome.findings, failures: outcome.failures, snapshot: set.snapshot, draftHash: hash,
                queued: started - job.enqueued, checked: ended - started)))
        }
    }

    private func finish() {
        condition.lock()
        running -= 1
        condition.unlock()
    }

    /// The engine's check of one draft, leaving no trace in the engine: a
    /// draft is not a post, so it feeds no indicator (and incidents move
    /// only from the findings of checked exports, never from drafts).
    static func check(_ draft: Draft, engine: PolicyEngine, snapshot: PolicySnapshot) -> ActivityCheck {
        let activity = DraftActivity.activity(for: draft, defaultPlatform: snapshot.defaultPlatform)
        let result = engine.check(activity)
        if snapshot.hasIndicators { engine.resetIndicators() }
        return result
    }
}
