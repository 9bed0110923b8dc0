import Foundation
#if canImport(Glibc)
import Glibc
#endif
import VigieCaseFile
import VigieEngine
import VigieModel

/// How a check shares its run with other processes (`--shard`).
public struct ShardRequest: Sendable, Hashable {
    /// What names the shared run: nil computes it from the policy (name,
    /// version) and the inputs (names and sizes), so that the same check
    /// started on several machines joins one run; a name given by hand
    /// joins the run of that name.
    public var key: String?
    /// The chunks the input is split into, by person (the first worker's
    /// count is the run's).
    public var chunks: Int
    /// How long a claimed chunk stays a worker's without news from it; a
    /// worker renews it every third of it while it works, and a chunk whose
    /// worker died is taken over once it runs out.
    public var lease: TimeInterval
    /// How often a worker with nothing to claim looks again.
    public var poll: TimeInterval

    public init(key: String? = nil, chunks: Int = 16, lease: TimeInterval = 60, poll: TimeInterval = 1) {
        self.key = key
        self.chunks = max(1, chunks)
        self.lease = max(2, lease)
        self.poll = max(0.05, poll)
    }
}

/// What this process did in a shared run.
public struct SharedRunSummary: Sendable, Hashable {
    public var run: RunID
    public var chunks: Int
    /// Whether another worker had registered the run.
    public var joined: Bool
    /// The chunks this process checked and saved, in order.
    public var checkedChunks: [Int]
    /// Chunks taken over from a worker whose lease ran out.
    public var tookOver: [Int]
    /// Chunks this process checked but another worker saved first.
    public var lost: [Int]
    /// Whether this process finished the run (its escalation).
    public var finishedRun: Bool
    /// The run as the case file has it at the end (complete).
    public var record: RunRecord?
    /// The highest severity among the whole run's new, unaccepted findings
    /// (every worker's, not only this process's): what `--fail-on` looks at,
    /// so that every worker ends with the exit status of one process.
    public var highestNew: Severity?
}

/// The chunk of the person whose key is `key`: a stable hash (FNV-1a), the
/// same on every machine and every run.
enum ChunkOf {
    static func chunk(_ key: String, chunks: Int) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in key.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return Int(h % UInt64(max(1, chunks)))
    }

    /// The key of a shared run: the policy, its version, and each input's
    /// name and size (a folder: its files' relative paths and sizes).
    static func runKey(policy: String, version: String, inputs: [String]) -> String {
        var text = "\(policy)\n\(version)\n"
        for input in inputs {
            let url = URL(fileURLWithPath: input)
            text += url.lastPathComponent
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: input, isDirectory: &isFolder), isFolder.boolValue {
                let files = (FileManager.default.enumerator(atPath: input)?.allObjects as? [String] ?? []).sorted()
                for file in files {
                    let size = (try? FileManager.default.attributesOfItem(atPath: (input as NSString).appendingPathComponent(file))[.size] as? Int) ?? 0
                    text += "\n  \(file) \(size)"
                }
            } else {
                let size = (try? FileManager.default.attributesOfItem(atPath: input)[.size] as? Int) ?? 0
                text += " \(size)"
            }
            text += "\n"
        }
        // Two FNV-1a hashes with different offsets: 128 bits in hexadecimal.
        func fnv(_ offset: UInt64) -> String {
            var h = offset
            for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            return String(h, radix: 16).leftPadded(to: 16)
        }
        return "auto:" + fnv(0xcbf2_9ce4_8422_2325) + fnv(0x8422_2325_cbf2_9ce4)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// The chunks this process holds, so that a front end stopped by a signal
/// gives them back at once (`release`) instead of leaving them to their lease.
public final class SharedChunksInProgress: @unchecked Sendable {
    public static let shared = SharedChunksInProgress()
    private let lock = NSLock()
    private var held: [String: (location: String, claim: ChunkClaim, owner: String)] = [:]

    func add(_ claim: ChunkClaim, owner: String, location: String) {
        lock.lock()
        held["\(location)#\(claim.run.rawValue)#\(claim.chunk)"] = (location, claim, owner)
        lock.unlock()
    }

    func remove(_ claim: ChunkClaim, location: String) {
        lock.lock()
        held["\(location)#\(claim.run.rawValue)#\(claim.chunk)"] = nil
        lock.unlock()
    }

    /// Gives back every chunk held (thread-safe; opens the case files itself).
    public func release() {
        lock.lock()
        let all = Array(held.values)
        held = [:]
        lock.unlock()
        for (location, claim, owner) in all {
            guard let file = try? CaseFile(path: location, busyTimeout: 2) else { continue }
            try? file.releaseChunk(claim, owner: owner)
            file.close()
        }
    }
}

extension CheckRun {
    /// Where the run was recorded: the case file's path or PostgreSQL URL.
    public var caseFileLocation: String? { caseFile?.path }

    /// A run shared with other processes: registered once (or joined),
    /// its input split into chunks by person; this process claims chunks
    /// (`FOR UPDATE SKIP LOCKED`, with a lease it renews), checks each one's
    /// people and saves the chunk's findings in one transaction, until every
    /// chunk is done, taking over the chunks of workers whose lease ran out.
    /// The process that sees the last chunk done recomputes the escalation
    /// from every event and completes the run: its findings, incidents and
    /// decisions are those of one process checking everything.
    func recordShared(_ request: CheckRequest, shard: ShardRequest, spill: FindingSpill, file: CaseFile) throws(RunError) {
        guard file.isShared else {
            throw RunError(
                .usage,
                "--shard needs a PostgreSQL case file shared by the workers: give --case-file postgres://… (or $VIGIE_CASE_FILE)")
        }
        let manifest = engine.declarations.manifest
        let key = shard.key ?? ChunkOf.runKey(policy: manifest.name, version: manifest.version, inputs: request.inputs)
        let owner = "\(PostgresHost.name):\(getpid()):\(UUID().uuidString.prefix(8).lowercased())"
        let ticket: SharedRunTicket
        do {
            ticket = try file.joinSharedRun(
                RunStart(policyName: manifest.name, policyVersion: manifest.version, inputs: request.inputs), key: key,
                chunks: shard.chunks)
        } catch {
            throw RunError(caseFile: error)
        }
        var summary = SharedRunSummary(
            run: ticket.run, chunks: ticket.chunks, joined: ticket.joined, checkedChunks: [], tookOver: [], lost: [],
            finishedRun: false, record: nil, highestNew: nil)
        RunLog.logger.info("shared run", metadata: [
            "run": "\(ticket.run)", "chunks": "\(ticket.chunks)", "joined": "\(ticket.joined)", "worker": "\(owner)",
        ])
        let engine = self.engine
        var escalation: Escalation?
        var recorded: [RecordedDecision] = []
        defer { activityFilter = nil }
        while true {
            let claim: ChunkClaim?
            do {
                claim = try file.claimChunk(of: ticket.run, owner: owner, lease: shard.lease)
            } catch {
                throw RunError(caseFile: error)
            }
            if let claim {
                SharedChunksInProgress.shared.add(claim, owner: owner, location: file.path)
                defer { SharedChunksInProgress.shared.remove(claim, location: file.path) }
                let saved = try checkChunk(claim, chunks: ticket.chunks, request: request, shard: shard, owner: owner, spill: spill, file: file)
                if saved {
                    summary.checkedChunks.append(claim.chunk)
                    if claim.tookOver { summary.tookOver.append(claim.chunk) }
                } else {
                    summary.lost.append(claim.chunk)
                }
                continue
            }
            let progress: SharedRunProgress
            do {
                progress = try file.sharedRunProgress(ticket.run)
            } catch {
                throw RunError(caseFile: error)
            }
            if progress.status != .running { break }
            if progress.done == progress.chunks {
                do {
                    if let (_, decisions) = try file.finishSharedRun(ticket.run, escalate: { basis, latest in
                        let until = [basis.horizon, latest].compactMap { $0 }.max()
                        let result = Escalation.replay(
                            engine: engine, events: basis.events, manual: basis.manual.map(ManualIncident.init), until: until)
                        escalation = result
                        return EscalationResult(incidents: result.incidents.map(StoredIncident.init), horizon: until)
                    }) {
                        recorded = decisions
                        summary.finishedRun = true
                    }
                } catch {
                    throw RunError(caseFile: error)
                }
                continue
            }
            // Chunks held by live workers: wait for them, or for their lease to run out.
            let wait = min(shard.poll, max(0.05, progress.nextLeaseEnd.map { $0.timeIntervalSinceNow + 0.05 } ?? shard.poll))
            Thread.sleep(forTimeInterval: wait)
        }
        do {
            summary.record = try file.run(ticket.run)
            summary.highestNew = try file.newFindings(in: ticket.run).map(\.finding.severity).max()
            if escalation == nil {
                // Another worker finished the run: the incidents as its escalation left them.
                let basis = (events: try file.findingEvents(), manual: try file.manualIncidents(), horizon: try file.escalationHorizon())
                escalation = Escalation.replay(
                    engine: engine, events: basis.events, manual: basis.manual.map(ManualIncident.init), until: basis.horizon)
            }
            comparison = try file.compareCounts(ticket.run)
        } catch {
            throw RunError(caseFile: error)
        }
        let keys = Set(recorded.compactMap(\.decision.key))
        decisions = summary.finishedRun
            ? (escalation?.outcomes ?? []).filter { $0.error != nil || $0.key.map(keys.contains) == true } : []
        incidents = escalation?.incidents ?? []
        caseFile = file
        runID = ticket.run
        shared = summary
    }

    /// Checks the people of one chunk into a spill of its own, saves them
    /// with the chunk (if it is still ours) and adds them to this run's
    /// spill. Returns whether the chunk was saved by this process.
    private func checkChunk(
        _ claim: ChunkClaim, chunks: Int, request: CheckRequest, shard: ShardRequest, owner: String, spill: FindingSpill,
        file: CaseFile
    ) throws(RunError) -> Bool {
        let keeper: LeaseKeeper
        do {
            keeper = try LeaseKeeper(caseFile: file, claim: claim, owner: owner, lease: shard.lease)
        } catch {
            throw RunError(caseFile: error)
        }
        let chunkSpill: FindingSpill
        do {
            chunkSpill = try FindingSpill()
        } catch {
            keeper.stop()
            throw RunError(.spill, "\(error)")
        }
        defer { chunkSpill.remove() }
        let engine = self.engine
        activityFilter = { ChunkOf.chunk(engine.actorKey(of: $0), chunks: chunks) == claim.chunk }
        let before = activities
        let latest: Timestamp?
        do {
            latest = try evaluate(request, spill: chunkSpill)
        } catch {
            keeper.stop()
            try? file.releaseChunk(claim, owner: owner)
            throw error
        }
        keeper.stop()
        let saved: Bool
        do {
            saved = try file.completeChunk(
                claim, owner: owner,
                result: ChunkResult(activities: activities - before, skipped: skipped.count, latest: latest),
                streaming: { add in try chunkSpill.forEach { try add($0.finding, $0.line.event) } })
        } catch let error as FindingSpill.SpillError {
            throw RunError(.spill, error.description)
        } catch {
            throw RunError(caseFile: error)
        }
        RunLog.logger.info("shared run: chunk", metadata: [
            "run": "\(claim.run)", "chunk": "\(claim.chunk)", "activities": "\(activities - before)",
            "findings": "\(chunkSpill.total)", "saved": "\(saved)", "tookOver": "\(claim.tookOver)",
        ])
        guard saved else {
            activities = before
            return false
        }
        do {
            try chunkSpill.forEach { try spill.append($0.line) }
            try spill.flush()
        } catch {
            throw RunError(.spill, "\(error)")
        }
        return true
    }
}

/// This machine's name, as shared runs note their workers.
enum PostgresHost {
    static let name: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "unknown" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()
}
