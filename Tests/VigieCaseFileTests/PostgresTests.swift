import CaseFileTestSupport
import Foundation
import Testing
import VigieModel

@testable import VigieCaseFile

/// Where a case file is: paths, URLs, and where the password comes from.
@Suite struct CaseFileLocationTests {
    let environment = ["USER": "claire", "HOME": "/nonexistent"]

    @Test func aPathIsSQLiteAndAURLIsPostgreSQL() throws {
        #expect(try CaseFileLocation.parse("Policies/acme/.vigie/case.sqlite") == .sqlite(path: "Policies/acme/.vigie/case.sqlite"))
        let location = try PostgresLocation(
            url: "postgres://alice@db.example:6543/vigie?schema=vigie_acme&sslmode=require", policyName: nil,
            environment: environment)
        #expect(location.host == "db.example" && location.port == 6543 && location.user == "alice")
        #expect(location.database == "vigie" && location.schema == "vigie_acme" && location.sslMode == .require)
        #expect(location.password == nil)
        #expect(location.description == "postgres://alice@db.example:6543/vigie?schema=vigie_acme&sslmode=require")
        // What is missing comes from PostgreSQL's variables, the schema from the policy.
        let defaults = try PostgresLocation(
            url: "postgresql://", policyName: "Entretien Ménager",
            environment: ["PGUSER": "bob", "PGHOST": "/run/postgresql", "PGPORT": "5433", "PGDATABASE": "cases"])
        #expect(defaults.user == "bob" && defaults.isSocket && defaults.port == 5433 && defaults.database == "cases")
        #expect(defaults.schema == "vigie_entretien_m_nager")
        #expect(PostgresLocation.schemaName(forPolicy: "entretien-menager") == "vigie_entretien_menager")
        #expect(defaults.consultantRole == "vigie_entretien_m_nager_consultant")
    }

    @Test func aURLWithAPasswordIsRefusedWithoutRepeatingIt() throws {
        for url in ["postgres://alice:s3cret@db/vigie?schema=a", "postgres://alice@db/vigie?schema=a&password=s3cret"] {
            do {
                _ = try CaseFileLocation.parse(url, environment: environment)
                Issue.record("\(url) must be refused")
            } catch let error as CaseFileError {
                #expect(error.code == .badLocation)
                #expect(error.message.contains("PGPASSWORD or ~/.pgpass"))
                #expect(!error.description.contains("s3cret"))
            }
        }
        #expect(throws: CaseFileError.self) { try CaseFileLocation.parse("postgres://a@db/v?schema=Bad-Name") }
        #expect(throws: CaseFileError.self) { try CaseFileLocation.parse("postgres://a@db/v?schema=s&sslcert=x") }
        #expect(throws: CaseFileError.self) { try CaseFileLocation.parse("postgres://a@db:99999/v?schema=s") }
        #expect(throws: CaseFileError.self) { try CaseFileLocation.parse("postgres://a@db/v", environment: environment) }
    }

    @Test func thePasswordComesFromPGPASSWORDOrThePasswordFile() throws {
        let folder = try TemporaryFolder()
        let file = folder.url.appendingPathComponent("pgpass").path
        try """
            # host:port:database:user:password
            other.example:*:*:alice:wrong
            db.example:5432:vigie:alice:pa\\:ss\\\\word
            *:*:*:*:fallback
            """.write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o600)
        var environment = ["PGPASSFILE": file, "USER": "claire"]
        let url = "postgres://alice@db.example/vigie?schema=s"
        #expect(try PostgresLocation(url: url, policyName: nil, environment: environment).password == "pa:ss\\word")
        #expect(try PostgresLocation(url: "postgres://zoe@elsewhere/x?schema=s", policyName: nil, environment: environment).password == "fallback")
        environment["PGPASSWORD"] = "from-the-environment"
        #expect(try PostgresLocation(url: url, policyName: nil, environment: environment).password == "from-the-environment")
        // A password file others may read is ignored, as libpq does.
        chmod(file, 0o644)
        environment["PGPASSWORD"] = nil
        #expect(try PostgresLocation(url: url, policyName: nil, environment: environment).password == nil)
    }

    @Test func theLocationIsGivenElseTheEnvironmentsElseThePolicysFile() throws {
        let given = try CaseFileLocation.resolve("/tmp/x.sqlite", policyFolder: "P", policyName: "p", environment: [:])
        #expect(given == .sqlite(path: "/tmp/x.sqlite"))
        let fromEnvironment = try CaseFileLocation.resolve(
            nil, policyFolder: "P", policyName: "acme", environment: ["VIGIE_CASE_FILE": "postgres://a@db/v", "USER": "a"])
        #expect(fromEnvironment.description == "postgres://a@db:5432/v?schema=vigie_acme")
        let byDefault = try CaseFileLocation.resolve(nil, policyFolder: "/srv/P", policyName: "p", environment: [:])
        #expect(byDefault == .sqlite(path: "/srv/P/.vigie/case.sqlite"))
    }
}

/// What only the PostgreSQL back end does: versioned migrations, roles
/// that keep clients apart, retries, copies, shared runs.
@Suite(.enabled(if: TestBackend.postgresURL != nil, Comment(rawValue: TestBackend.skipReason))) struct PostgresCaseFileTests {
    @Test func migrationsAreVersionedAppliedOnceAndANewerSchemaIsRefused() throws {
        let place = try TestCaseLocation(.postgres)
        let file = try place.open()
        let applied = try file.appliedMigrations()
        #expect(applied == ["v1 runs, findings, incidents, escalation, erasures", "v2 serve decision log", "v3 shared runs"])
        let admin = PostgresAdmin(try #require(place.postgres))
        defer { admin.close() }
        let again = try admin.migrate()
        #expect(again.applied.isEmpty && again.all == applied && again.rolesGranted)
        try admin.execute("INSERT INTO \(place.postgres!.schema).vigie_migrations (identifier) VALUES ('v9 from the future')")
        #expect {
            try place.open()
        } throws: { error in (error as? CaseFileError)?.code == .tooNew }
    }

    /// Real roles: a consultant of one client reads and writes its records
    /// and cannot read another client's; an auditor only reads; the serve
    /// role only appends to the decision log.
    @Test func rolesKeepClientsApart() throws {
        let a = try TestCaseLocation(.postgres, schema: TestBackend.freshSchema("acme"))
        let b = try TestCaseLocation(.postgres, schema: TestBackend.freshSchema("brillo"))
        let aLocation = try #require(a.postgres)
        let bLocation = try #require(b.postgres)
        let admin = PostgresAdmin(aLocation)
        defer { admin.close() }
        #expect(try admin.migrate().rolesGranted)
        #expect(try PostgresAdmin(bLocation).migrate().rolesGranted)
        // B holds a record of its own.
        let bFile = try b.open()
        let bRun = try bFile.beginRun(start)
        try bFile.finishRun(bRun, findings: [finding("r", "b1")], counts: RunCounts(activities: 1))

        let suffix = String(aLocation.schema.suffix(8))
        let people = ["alice": aLocation.consultantRole, "oscar": aLocation.auditorRole, "sam": aLocation.serveRole]
        for (name, role) in people {
            try admin.execute("CREATE ROLE \(name)_\(suffix) LOGIN PASSWORD 'pw-\(name)' IN ROLE \(role)")
        }
        defer { for name in people.keys { _ = try? admin.execute("DROP ROLE IF EXISTS \(name)_\(suffix)") } }
        func login(_ name: String, _ location: PostgresLocation) -> PostgresLocation {
            var as_ = location
            as_.user = "\(name)_\(suffix)"
            as_.password = "pw-\(name)"
            return as_
        }
        func code(_ body: () throws -> Void) -> CaseFileError.Code? {
            do {
                try body()
                return nil
            } catch {
                return (error as? CaseFileError)?.code
            }
        }

        // The consultant works on A's records.
        let alice = try CaseFile(location: .postgres(login("alice", aLocation)))
        let run = try alice.beginRun(start)
        try finish(alice, run, [finding("r", "a1"), finding("r", "a2")])
        try alice.accept(fingerprint: finding("r", "a1").fingerprint, reason: "connu", by: "alice")
        #expect(try alice.storedIncidents().count == 1)
        #expect(try alice.erase(person: "nobody", by: "alice", reason: "test") == 0)
        // …and cannot open B's, nor read its tables by name.
        #expect(code { _ = try CaseFile(location: .postgres(login("alice", bLocation))) } == .permissionDenied)
        let aliceSQL = PostgresAdmin(login("alice", aLocation))
        defer { aliceSQL.close() }
        #expect(code { _ = try aliceSQL.rows("SELECT * FROM \(bLocation.schema).run") } == .permissionDenied)
        #expect(code { _ = try aliceSQL.rows("SELECT * FROM \(bLocation.schema).finding_event") } == .permissionDenied)
        #expect(try aliceSQL.rows("SELECT count(*) AS n FROM run").first?["n"] == "1")
        // Nor apply migrations, nor create a client's schema.
        #expect(code { _ = try CaseFile(location: .postgres(login("alice", aLocation.with(schema: TestBackend.freshSchema("new"))))) } == .needsMigration)

        // The auditor reads A and writes nothing.
        let oscar = try CaseFile(location: .postgres(login("oscar", aLocation)))
        #expect(try oscar.runs().count == 1)
        #expect(try oscar.findings(in: run).count == 2)
        #expect(code { _ = try oscar.beginRun(start) } == .permissionDenied)
        #expect(code { try oscar.accept(fingerprint: finding("r", "a2").fingerprint, reason: "x", by: "oscar") } == .permissionDenied)
        #expect(code { _ = try CaseFile(location: .postgres(login("oscar", bLocation))) } == .permissionDenied)

        // The serve role appends decisions, and reads nothing back, deletes nothing.
        let sam = try CaseFile(location: .postgres(login("sam", aLocation)))
        #expect(try sam.sharedServeKey().count == 32)
        try sam.recordServeDecisions([
            ServeDecisionRecord(decidedAt: Date(), policyName: "p", policyVersion: "1", decision: "warn", rules: ["r"], draftHash: "h")
        ])
        #expect(code { _ = try sam.serveDecisions() } == .permissionDenied)
        #expect(code { _ = try sam.eraseServeDecisions(person: "x") } == .permissionDenied)
        #expect(code { _ = try sam.runs() } == .permissionDenied)
        #expect(try alice.serveDecisions().count == 1)
    }

    /// A dropped connection is opened again and the operation tried again,
    /// even in the middle of a run's transaction: nothing lost, nothing doubled.
    @Test func aDroppedConnectionIsRetriedWithoutLossOrDouble() throws {
        let place = try TestCaseLocation(.postgres)
        let file = try place.open()
        let store = try #require(file.store as? PostgresCaseFile)
        let admin = PostgresAdmin(try #require(place.postgres))
        defer { admin.close() }
        func killConnection() throws {
            let pid = try #require(try store.session.query("SELECT pg_backend_pid() AS pid").rows.first?.int("pid"))
            _ = try admin.rows("SELECT pg_terminate_backend(\(pid))")
        }
        try killConnection()
        let run = try file.beginRun(start)  // on a new connection
        var attempts = 0
        let findings = (0..<1_200).map { finding("r", "p\($0)", actor: "person-\($0 % 5)") }
        let result = try file.finishRun(
            run, counts: RunCounts(activities: 1_200),
            streaming: { add in
                attempts += 1
                for (index, f) in findings.enumerated() {
                    // The first time through, the connection dies half-way.
                    if attempts == 1 && index == 700 { try killConnection() }
                    try add(f, event(f, at: 1_700_000_000 + Double(index)))
                }
            }, escalate: toyEscalation)
        #expect(attempts == 2)
        #expect(result.run.findingCount == 1_200)
        #expect(try file.findings(in: run).count == 1_200)
        #expect(try file.findingEvents().count == 1_200)
        #expect(try file.storedIncidents().count == 5)
        #expect(result.decisions.count == 5 + (1_200 / 5 - 1) / 2 * 5)
    }

    /// `vigie serve` gives a batch whose write failed again with its token:
    /// if the first commit did happen (its answer lost), nothing is doubled.
    @Test func aServeBatchGivenAgainWithItsTokenIsWrittenOnce() throws {
        let place = try TestCaseLocation(.postgres)
        let file = try place.open()
        let record = ServeDecisionRecord(
            decidedAt: Date(timeIntervalSince1970: 1_800_000_000), policyName: "p", policyVersion: "1", decision: "block",
            rules: ["r"], draftHash: "h")
        try file.recordServeDecisions([record, record], token: "batch-1")
        try file.recordServeDecisions([record, record], token: "batch-1")
        try file.recordServeDecisions([record], token: "batch-2")
        #expect(try file.serveDecisions() == [record, record, record])
    }

    @Test func anUnreachableServerIsReportedAfterTheRetries() throws {
        var location = try TestBackend.postgres(schema: "nowhere")
        location.port = 9  // discard: nothing listens
        location.host = "127.0.0.1"
        let started = Date()
        do {
            _ = try CaseFile(location: .postgres(location), retry: PGRetryPolicy(attempts: 3, firstDelay: 0.05))
            Issue.record("an unreachable server must be reported")
        } catch let error as CaseFileError {
            #expect(error.code == .unavailable)
            #expect(error.message.contains("tried 3 times"))
            #expect(error.message.contains("127.0.0.1:9"))
        }
        #expect(Date().timeIntervalSince(started) < 20)
    }

    /// SQLite → PostgreSQL → SQLite gives back every record, ids and
    /// superseded decisions included, and the serve key.
    @Test func aCopyThereAndBackLosesNothing() throws {
        let sqlite = try TestCaseLocation(.sqlite)
        let source = try sqlite.open()
        _ = try BackEndEquivalenceTests.scenario(source)
        let key = String(repeating: "ab", count: 32)
        try key.write(
            toFile: URL(fileURLWithPath: source.path).deletingLastPathComponent().appendingPathComponent("serve.key").path,
            atomically: true, encoding: .utf8)
        let postgres = try TestCaseLocation(.postgres)
        let middle = try postgres.open()
        let copied = try CaseFile.copy(from: source, to: middle)
        #expect(copied["run"] == 3 && copied["serveKey"] == 1)
        let back = try TestCaseLocation(.sqlite)
        let end = try back.open()
        try CaseFile.copy(from: middle, to: end)

        func sorted(_ records: [String: [[CaseValue]]]) -> [String: [String]] {
            records.mapValues { $0.map { "\($0)" }.sorted() }
        }
        let first = sorted(try source.allRecords())
        #expect(first["decision"]?.isEmpty == false)
        #expect(first["serveKey"] == ["[VigieCaseFile.CaseValue.text(\"\(key)\")]"])
        #expect(sorted(try middle.allRecords()) == first)
        #expect(sorted(try end.allRecords()) == first)
        // The copies answer as the original does.
        #expect(try middle.storedIncidents() == source.storedIncidents())
        #expect(try end.compare(RunID(3)) == source.compare(RunID(3)))
        // The identities go on after the copied ids.
        #expect(try middle.beginRun(start) == RunID(4))
        // A destination that holds records is refused.
        #expect {
            try CaseFile.copy(from: source, to: middle)
        } throws: { error in (error as? CaseFileError)?.code == .notEmpty }
    }

    /// The bookkeeping of a shared run: one run however many join, chunks
    /// claimed once each, a dead worker's chunk taken over after its lease,
    /// and its late result refused.
    @Test func sharedRunsHandChunksOutAndTakeOverADeadWorkersChunk() throws {
        let place = try TestCaseLocation(.postgres)
        let file = try place.open()
        let first = try file.joinSharedRun(start, key: "batch", chunks: 3)
        let second = try file.joinSharedRun(start, key: "batch", chunks: 8)
        #expect(!first.joined && second.joined && second.run == first.run && second.chunks == 3)

        let dead = try #require(try file.claimChunk(of: first.run, owner: "dead", lease: 1))
        let alive = try #require(try file.claimChunk(of: first.run, owner: "alive", lease: 30))
        let third = try #require(try file.claimChunk(of: first.run, owner: "alive", lease: 30))
        #expect(Set([dead.chunk, alive.chunk, third.chunk]) == [0, 1, 2])
        #expect(try file.claimChunk(of: first.run, owner: "alive", lease: 30) == nil)
        for claim in [alive, third] {
            let f = finding("r", "chunk-\(claim.chunk)", actor: "p\(claim.chunk)")
            #expect(try file.completeChunk(claim, owner: "alive", result: ChunkResult(activities: 10, skipped: 1, latest: nil)) { add in
                try add(f, event(f, at: 1_700_000_000 + Double(claim.chunk)))
            })
        }
        // Not all chunks done: the run cannot finish, and its findings move no incident yet.
        #expect(try file.finishSharedRun(first.run, escalate: { basis, _ in toyEscalation(basis) }) == nil)
        #expect(try file.findingEvents().isEmpty)
        var progress = try file.sharedRunProgress(first.run)
        #expect(progress.done == 2 && progress.chunks == 3)

        Thread.sleep(forTimeInterval: 1.3)
        progress = try file.sharedRunProgress(first.run)
        #expect(progress.claimable == 1 && progress.working == 0)
        let taken = try #require(try file.claimChunk(of: first.run, owner: "alive", lease: 30))
        #expect(taken.chunk == dead.chunk && taken.tookOver && taken.attempt == 2)
        // The dead worker wakes up: its result is refused, nothing of it saved.
        let late = finding("r", "late")
        #expect(try !file.completeChunk(dead, owner: "dead", result: ChunkResult(activities: 99, skipped: 1, latest: nil)) { add in
            try add(late, event(late, at: 1))
        })
        let f = finding("r", "chunk-\(taken.chunk)", actor: "p\(taken.chunk)")
        #expect(try file.completeChunk(taken, owner: "alive", result: ChunkResult(activities: 10, skipped: 1, latest: Timestamp(secondsSince1970: 1_800_000_000))) { add in
            try add(f, event(f, at: 1_700_000_000 + Double(taken.chunk)))
        })
        let finished = try #require(try file.finishSharedRun(first.run, escalate: { basis, latest in
            #expect(latest == Timestamp(secondsSince1970: 1_800_000_000))
            return toyEscalation(basis)
        }))
        #expect(finished.run.status == .complete)
        #expect(finished.run.activityCount == 30 && finished.run.skippedCount == 1 && finished.run.findingCount == 3)
        #expect(finished.decisions.count == 3)
        #expect(try file.findingEvents().count == 3)
        #expect(try file.findings(in: first.run).map(\.finding.activity.id).sorted() == ["chunk-0", "chunk-1", "chunk-2"])
        // Finished once: a second finish does nothing; a new batch registers a new run.
        #expect(try file.finishSharedRun(first.run, escalate: { basis, _ in toyEscalation(basis) }) == nil)
        #expect(try file.joinSharedRun(start, key: "batch", chunks: 2).run != first.run)
        // A SQLite case file has no shared runs.
        let sqlite = try TestCaseLocation(.sqlite)
        #expect {
            try sqlite.open().joinSharedRun(start, key: "batch", chunks: 2)
        } throws: { error in (error as? CaseFileError)?.code == .notShared }
    }
}
