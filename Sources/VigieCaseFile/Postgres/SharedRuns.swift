import Foundation
import VigieModel

/// A shared run as a worker joined it: one run of the case file, its input
/// split into `chunks` chunks by person.
public struct SharedRunTicket: Hashable, Sendable {
    public var run: RunID
    public var chunks: Int
    /// Whether the run was registered before (by another worker).
    public var joined: Bool
}

/// A chunk a worker holds until its lease ends (renewed while it works).
public struct ChunkClaim: Hashable, Sendable {
    public var run: RunID
    public var chunk: Int
    /// How many times it was claimed, this time included.
    public var attempt: Int
    /// Taken over from a worker whose lease ran out.
    public var tookOver: Bool
}

/// What a worker's chunk counted.
public struct ChunkResult: Hashable, Sendable {
    public var activities: Int
    /// Records skipped by the import (the same for every chunk: each reads all the input).
    public var skipped: Int
    /// The latest activity's time among the chunk's activities.
    public var latest: Timestamp?

    public init(activities: Int, skipped: Int, latest: Timestamp?) {
        self.activities = activities
        self.skipped = skipped
        self.latest = latest
    }
}

/// Where a shared run stands.
public struct SharedRunProgress: Hashable, Sendable {
    public var status: RunStatus
    public var chunks: Int
    public var done: Int
    /// Claimed with a lease still running.
    public var working: Int
    /// Waiting for a worker (never claimed, released, or their lease ran out).
    public var claimable: Int
    /// The soonest end of a running lease.
    public var nextLeaseEnd: Date?
}

extension CaseFile {
    func sharedStore() throws -> PostgresCaseFile {
        guard let store = store as? PostgresCaseFile else {
            throw CaseFileError(
                .notShared, path: path,
                message: "a run shared between workers (--shard auto) needs a PostgreSQL case file; give --case-file postgres://…")
        }
        return store
    }

    /// Registers the shared run of `key` (the policy and the inputs), with
    /// its input split into `chunks`, or joins it if another worker already
    /// did and it still runs. Two workers starting at once register one run.
    public func joinSharedRun(_ start: RunStart, key: String, chunks: Int) throws -> SharedRunTicket {
        try sharedStore().joinSharedRun(start, key: key, chunks: chunks)
    }

    /// Claims a chunk nobody holds (never claimed, released, or whose
    /// holder's lease ran out: taken over), with `FOR UPDATE SKIP LOCKED`;
    /// nil when none is free now.
    public func claimChunk(of run: RunID, owner: String, lease: TimeInterval) throws -> ChunkClaim? {
        try sharedStore().claimChunk(of: run, owner: owner, lease: lease)
    }

    /// Extends the lease of a held chunk; false when it is no longer ours.
    public func renewLease(_ claim: ChunkClaim, owner: String, lease: TimeInterval) throws -> Bool {
        try sharedStore().renewLease(claim, owner: owner, lease: lease)
    }

    /// Gives a held chunk back (a worker stopped by a signal).
    public func releaseChunk(_ claim: ChunkClaim, owner: String) throws {
        try sharedStore().releaseChunk(claim, owner: owner)
    }

    /// Saves a chunk's findings and their events and marks it done, in one
    /// transaction; false (nothing saved) when the chunk is no longer ours
    /// (our lease ran out and another worker took it over).
    public func completeChunk(
        _ claim: ChunkClaim, owner: String, result: ChunkResult,
        streaming findings: (_ add: (Finding, FindingEvent?) throws -> Void) throws -> Void
    ) throws -> Bool {
        try sharedStore().completeChunk(claim, owner: owner, result: result, streaming: findings)
    }

    public func sharedRunProgress(_ run: RunID) throws -> SharedRunProgress {
        try sharedStore().sharedRunProgress(run)
    }

    /// Once every chunk is done: the run's events join the case, the
    /// escalation is recomputed (with `escalate`, given the run's latest
    /// activity time) and the run is marked complete, in one transaction.
    /// Nil while chunks remain, or when another worker finished it first.
    public func finishSharedRun(
        _ run: RunID, finishedAt: Date = Date(),
        escalate: (EscalationBasis, Timestamp?) throws -> EscalationResult
    ) throws -> (run: RunRecord, decisions: [RecordedDecision])? {
        try withoutActuallyEscaping(escalate) { escalate in
            try sharedStore().finishSharedRun(run, finishedAt: finishedAt, escalate: escalate)
        }
    }
}

/// Keeps a chunk's lease alive from a thread of its own, on a connection of
/// its own, while the worker checks the chunk.
public final class LeaseKeeper: @unchecked Sendable {
    private let session: PGSession
    private let claim: ChunkClaim
    private let owner: String
    private let lease: TimeInterval
    private let condition = NSCondition()
    private var stopped = false
    private var lostFlag = false
    private let done = DispatchSemaphore(value: 0)

    /// Starts renewing `claim`'s lease every third of `lease`.
    public init(caseFile: CaseFile, claim: ChunkClaim, owner: String, lease: TimeInterval) throws {
        let store = try caseFile.sharedStore()
        session = PGSession(
            location: store.postgres, retry: PGRetryPolicy(attempts: 2, firstDelay: 0.2), statementTimeout: max(5, lease / 3))
        self.claim = claim
        self.owner = owner
        self.lease = lease
        let thread = Thread { [self] in
            self.run()
            self.done.signal()
        }
        thread.name = "vigie-lease"
        thread.start()
    }

    /// Whether the lease was lost (another worker took the chunk over).
    public var lost: Bool {
        condition.lock()
        defer { condition.unlock() }
        return lostFlag
    }

    public func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
        done.wait()
        session.close()
    }

    private func run() {
        while true {
            condition.lock()
            if !stopped { _ = condition.wait(until: Date().addingTimeInterval(lease / 3)) }
            let stop = stopped
            condition.unlock()
            if stop { return }
            let kept = (try? PostgresCaseFile.renewLease(session, claim, owner: owner, lease: lease)) ?? true
            if !kept {
                condition.lock()
                lostFlag = true
                condition.unlock()
                return
            }
        }
    }
}

extension PostgresCaseFile {
    func joinSharedRun(_ start: RunStart, key: String, chunks: Int) throws -> SharedRunTicket {
        let inputs = try JSONCoding.encode(start.inputs)
        let token = UUID().uuidString
        return try session.transaction { tx in
            if let row = try tx.one(
                "SELECT id, chunk_count FROM run WHERE batch_key = $1 AND status = 'running'", [.text(key)]),
                let id = row.int64("id")
            {
                return SharedRunTicket(run: RunID(id), chunks: row.int("chunk_count") ?? chunks, joined: true)
            }
            guard
                let id = try tx.one(
                    """
                    INSERT INTO run (policy_name, policy_version, inputs, started_at, status, process_id, host, start_token,
                      batch_key, chunk_count)
                    VALUES ($1, $2, $3, $4::timestamptz, 'running', $5, $6, $7, $8, $9)
                    RETURNING id
                    """,
                    [.text(start.policyName), .text(start.policyVersion), .text(inputs), PGValue(start.startedAt),
                     .int(Int64(getpid())), .text(Self.hostName), .text(token), .text(key), PGValue(chunks)]
                )?.int64("id")
            else { throw error(.database, "the shared run got no id") }
            try tx.execute(
                "INSERT INTO run_chunk (run_id, chunk) SELECT $1, generate_series(0, $2 - 1)", [.int(id), PGValue(chunks)])
            return SharedRunTicket(run: RunID(id), chunks: chunks, joined: false)
        }
    }

    func claimChunk(of run: RunID, owner: String, lease: TimeInterval) throws -> ChunkClaim? {
        try session.transaction(lockClient: false) { tx in
            guard try tx.one("SELECT status FROM run WHERE id = $1", [.int(run.rawValue)])?.string("status") == "running" else {
                return nil
            }
            guard
                let row = try tx.one(
                    """
                    WITH next AS (
                      SELECT run_id, chunk, state AS was FROM run_chunk
                      WHERE run_id = $1 AND (state = 'pending' OR (state = 'claimed' AND lease_until < now()))
                      ORDER BY chunk LIMIT 1
                      FOR UPDATE SKIP LOCKED)
                    UPDATE run_chunk c SET state = 'claimed', owner = $2, lease_until = now() + make_interval(secs => $3),
                      attempts = c.attempts + 1
                    FROM next WHERE c.run_id = next.run_id AND c.chunk = next.chunk
                    RETURNING c.chunk, c.attempts, next.was
                    """, [.int(run.rawValue), .text(owner), .double(lease)])
            else { return nil }
            return ChunkClaim(
                run: run, chunk: row.int("chunk") ?? 0, attempt: row.int("attempts") ?? 1, tookOver: row.string("was") == "claimed")
        }
    }

    func renewLease(_ claim: ChunkClaim, owner: String, lease: TimeInterval) throws -> Bool {
        try Self.renewLease(session, claim, owner: owner, lease: lease)
    }

    static func renewLease(_ session: PGSession, _ claim: ChunkClaim, owner: String, lease: TimeInterval) throws -> Bool {
        try session.transaction(lockClient: false) { tx in
            try tx.execute(
                """
                UPDATE run_chunk SET lease_until = now() + make_interval(secs => $4)
                WHERE run_id = $1 AND chunk = $2 AND owner = $3 AND state = 'claimed'
                """, [.int(claim.run.rawValue), PGValue(claim.chunk), .text(owner), .double(lease)]) == 1
        }
    }

    func releaseChunk(_ claim: ChunkClaim, owner: String) throws {
        try session.transaction(lockClient: false) { tx in
            try tx.execute(
                """
                UPDATE run_chunk SET state = 'pending', owner = NULL, lease_until = NULL
                WHERE run_id = $1 AND chunk = $2 AND owner = $3 AND state = 'claimed'
                """, [.int(claim.run.rawValue), PGValue(claim.chunk), .text(owner)])
        }
    }

    func completeChunk(
        _ claim: ChunkClaim, owner: String, result: ChunkResult,
        streaming findings: (_ add: (Finding, FindingEvent?) throws -> Void) throws -> Void
    ) throws -> Bool {
        try session.transaction { tx in
            guard
                let row = try tx.one(
                    "SELECT state, owner, done_by FROM run_chunk WHERE run_id = $1 AND chunk = $2 FOR UPDATE",
                    [.int(claim.run.rawValue), PGValue(claim.chunk)])
            else { throw error(.unknownRun, "run \(claim.run) has no chunk \(claim.chunk)") }
            if row.string("state") == "done" { return row.string("done_by") == owner }
            guard row.string("owner") == owner,
                try tx.one("SELECT status FROM run WHERE id = $1", [.int(claim.run.rawValue)])?.string("status") == "running"
            else { return false }
            var saved = 0
            var batch: [(FindingRow, FindingEvent?)] = []
            var inBatch: Set<String> = []
            func flush() throws {
                guard !batch.isEmpty else { return }
                let inserted = try insertRunFindings(batch.map(\.0), run: claim.run, tx)
                saved += inserted.count
                let events = batch.compactMap { row, event in inserted.contains(row.fingerprint) ? event : nil }
                try insertChunkEvents(events, claim: claim, tx)
                batch.removeAll(keepingCapacity: true)
                inBatch.removeAll(keepingCapacity: true)
            }
            try findings { finding, event in
                let row = try FindingRow(finding)
                guard inBatch.insert(row.fingerprint).inserted else { return }
                batch.append((row, event))
                if batch.count == 500 { try flush() }
            }
            try flush()
            try tx.execute(
                """
                UPDATE run_chunk SET state = 'done', activity_count = $3, skipped_count = $4, finding_count = $5,
                  latest_seconds = $6, latest_offset = $7, done_by = $8, done_at = now(), lease_until = NULL
                WHERE run_id = $1 AND chunk = $2
                """,
                [.int(claim.run.rawValue), PGValue(claim.chunk), PGValue(result.activities), PGValue(result.skipped),
                 PGValue(saved), PGValue(result.latest?.secondsSince1970), PGValue(result.latest?.utcOffset), .text(owner)])
            return true
        }
    }

    func insertChunkEvents(_ events: [FindingEvent], claim: ChunkClaim, _ tx: PGTransaction) throws {
        guard !events.isEmpty else { return }
        var binds: [PGValue] = []
        var tuples: [String] = []
        for event in events {
            let n = binds.count
            tuples.append("(" + (1...11).map { "$\(n + $0)" }.joined(separator: ", ") + ")")
            binds += [
                .int(claim.run.rawValue), PGValue(claim.chunk), .text(event.fingerprint), .text(event.actorKey),
                PGValue(event.actorID), .text(event.ruleID), .text(event.severity.rawValue), .text(event.activityID),
                .double(event.at.secondsSince1970), PGValue(event.at.utcOffset), PGValue(event.ordinal),
            ]
        }
        try tx.execute(
            """
            INSERT INTO chunk_event (run_id, chunk, fingerprint, actor_key, actor_id, rule_id, severity, activity_id,
              at_seconds, at_offset, ordinal)
            VALUES \(tuples.joined(separator: ", "))
            ON CONFLICT (run_id, fingerprint) DO NOTHING
            """, binds)
    }

    func sharedRunProgress(_ run: RunID) throws -> SharedRunProgress {
        try session.transaction(lockClient: false) { tx in
            let status = RunStatus(rawValue: try requireRun(run, tx).run.status.rawValue) ?? .running
            let row = try tx.one(
                """
                SELECT count(*) AS chunks,
                  count(*) FILTER (WHERE state = 'done') AS done,
                  count(*) FILTER (WHERE state = 'claimed' AND lease_until >= now()) AS working,
                  count(*) FILTER (WHERE state = 'pending' OR (state = 'claimed' AND lease_until < now())) AS claimable,
                  extract(epoch FROM min(lease_until) FILTER (WHERE state = 'claimed' AND lease_until >= now())) AS next_end
                FROM run_chunk WHERE run_id = $1
                """, [.int(run.rawValue)])
            return SharedRunProgress(
                status: status, chunks: row?.int("chunks") ?? 0, done: row?.int("done") ?? 0,
                working: row?.int("working") ?? 0, claimable: row?.int("claimable") ?? 0,
                nextLeaseEnd: row?.double("next_end").map { Date(timeIntervalSince1970: $0) })
        }
    }

    func finishSharedRun(
        _ run: RunID, finishedAt: Date, escalate: @escaping (EscalationBasis, Timestamp?) throws -> EscalationResult
    ) throws -> (run: RunRecord, decisions: [RecordedDecision])? {
        try session.transaction { tx in
            let record = try requireRun(run, tx, forUpdate: true).run
            guard record.status == .running else { return nil }
            let chunks = try tx.rows(
                "SELECT state, activity_count, skipped_count, latest_seconds, latest_offset FROM run_chunk WHERE run_id = $1",
                [.int(run.rawValue)])
            guard !chunks.isEmpty, chunks.allSatisfy({ $0.string("state") == "done" }) else { return nil }
            let activities = chunks.reduce(0) { $0 + ($1.int("activity_count") ?? 0) }
            let skipped = chunks.map { $0.int("skipped_count") ?? 0 }.max() ?? 0
            let latest = chunks.compactMap { row in
                row.double("latest_seconds").map { Timestamp(secondsSince1970: $0, utcOffset: row.int("latest_offset") ?? 0) }
            }.max()
            // The run's events join the case, in the order the run saw them.
            try tx.execute(
                """
                INSERT INTO finding_event (fingerprint, actor_key, actor_id, rule_id, severity, activity_id, at_seconds,
                  at_offset, ordinal, first_run)
                SELECT fingerprint, actor_key, actor_id, rule_id, severity, activity_id, at_seconds, at_offset, ordinal, run_id
                FROM chunk_event WHERE run_id = $1
                ON CONFLICT (fingerprint) DO NOTHING
                """, [.int(run.rawValue)])
            try tx.execute("DELETE FROM chunk_event WHERE run_id = $1", [.int(run.rawValue)])
            try recordFindingsSeen(by: run, tx)
            let saved = try tx.one("SELECT count(*) AS n FROM run_finding WHERE run_id = $1", [.int(run.rawValue)])?.int("n") ?? 0
            let newCount = try countNew(in: run, tx)
            let decisions = try applyEscalation({ try escalate($0, latest) }, run: run, tx)
            let incidentCount = try tx.one("SELECT count(*) AS n FROM incident WHERE NOT superseded")?.int("n") ?? 0
            try tx.execute(
                """
                UPDATE run SET status = 'complete', finished_at = $1::timestamptz, activity_count = $2, skipped_count = $3,
                  finding_count = $4, new_finding_count = $5, incident_count = $6
                WHERE id = $7
                """,
                [PGValue(finishedAt), PGValue(activities), PGValue(skipped), PGValue(saved), PGValue(newCount),
                 PGValue(incidentCount), .int(run.rawValue)])
            return (try requireRun(run, tx).run, decisions)
        }
    }
}
