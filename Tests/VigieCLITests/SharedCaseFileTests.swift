import CaseFileTestSupport
import Foundation
import Testing
import VigieCaseFile
import VigieTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// The PostgreSQL case file from the command line, against the private
/// server `make test` starts (scripts/with-postgres.sh): the bundled example
/// recorded the same way as in SQLite, a check shared by three processes
/// (one of them killed) ending as one process's run, copies there and back,
/// every command on `--case-file` and `VIGIE_CASE_FILE`.
@Suite(
    "The shared case file from the command line", .serialized,
    .enabled(if: TestBackend.postgresURL != nil, Comment(rawValue: TestBackend.skipReason)))
struct SharedCaseFileCLITests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let plugins = root.appendingPathComponent("Plugins").path
    static let example = root.appendingPathComponent("Policies/entretien-menager/donnees").path

    /// A copy of a bundled policy without its case file.
    func policy(_ name: String, in folder: TemporaryFolder, as copy: String) throws -> String {
        let destination = folder.url.appendingPathComponent(copy)
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("Policies/\(name)"), to: destination)
        try? FileManager.default.removeItem(at: destination.appendingPathComponent(".vigie"))
        return destination.path
    }

    /// What a case file holds, in a form that compares across back ends
    /// (`vigie case-file summary --format json`: the run's counts, its
    /// findings' fingerprints, every incident with its decisions).
    func summary(_ location: String) throws -> String {
        let r = try VigieBinary.run(["case-file", "summary", location, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout
    }

    /// The incidents as `vigie incidents --all` prints them (ages left out: they move with the clock).
    func incidents(_ policy: String, _ extra: [String] = [], environment: [String: String] = [:]) throws -> String {
        let r = try VigieBinary.run(
            ["incidents", "--all", "--format", "json", "--policy", policy, "--plugins", Self.plugins] + extra,
            environment: environment)
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout.split(separator: "\n").filter { !$0.contains("\"ageDays\"") }.joined(separator: "\n")
    }

    /// Must show 1: the bundled example checked into PostgreSQL and into
    /// SQLite gives the same findings, incidents and decisions; the other
    /// commands work on the PostgreSQL one through --case-file and
    /// VIGIE_CASE_FILE alike.
    @Test func theExampleGivesTheSameCaseInPostgreSQLAndInSQLite() throws {
        let folder = try TemporaryFolder()
        let policy = try policy("entretien-menager", in: folder, as: "p")
        let place = try TestCaseLocation(.postgres)
        let url = place.text
        let check = ["check", Self.example, "--policy", policy, "--plugins", Self.plugins, "--fail-on", "critical"]
        let sqlite = try VigieBinary.run(check)
        let postgres = try VigieBinary.run(check + ["--case-file", url])
        #expect(sqlite.status == postgres.status && sqlite.status <= 1, "\(sqlite.stderr)\n\(postgres.stderr)")
        // The same report, findings and reaction decisions on standard output.
        #expect(sqlite.stdout == postgres.stdout)
        #expect(sqlite.stdout.contains("Incidents et prochaines étapes"))
        // The summary line names where the run went: the policy's folder as before, or the URL.
        #expect(sqlite.stderr.contains("consignée dans \(policy)/.vigie/"))
        #expect(postgres.stderr.contains("consignée dans \(url)"))
        // Nothing in the policy folder for the PostgreSQL run but the SQLite file of the first.
        let sqliteFile = "\(policy)/.vigie/case.sqlite"
        let expected = try summary(sqliteFile)
        #expect(expected.contains("\"decisions\" : ") && !expected.contains("\"decisions\" : 0,"))
        #expect(try summary(url) == expected)
        #expect(try incidents(policy, ["--case-file", url]) == incidents(policy))

        // The consultant's commands, through VIGIE_CASE_FILE this time.
        let environment = ["VIGIE_CASE_FILE": url]
        let listed = try VigieBinary.run(
            ["incidents", "--all", "--format", "json", "--policy", policy, "--plugins", Self.plugins], environment: environment)
        let id = try #require(listed.stdout.firstMatch(of: /"id" : "([0-9a-f]{8})/)?.1, "\(listed.stdout)\(listed.stderr)")
        for arguments in [
            ["incidents", "note", String(id), "--note", "appel du client"],
            ["incidents", "close", String(id), "--note", "réglé"],
        ] {
            let r = try VigieBinary.run(
                arguments + ["--policy", policy, "--plugins", Self.plugins, "--by", "claire"], environment: environment)
            #expect(r.status == 0, "\(arguments): \(r.stderr)")
        }
        // Recorded in PostgreSQL, not in the SQLite file.
        func status(_ json: String) throws -> String? {
            let list = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]] ?? []
            return list.first { ($0["id"] as? String)?.hasPrefix(String(id)) == true }?["status"] as? String
        }
        #expect(try status(incidents(policy, environment: environment)) == "closed")
        #expect(try status(incidents(policy)) == "open")
        #expect(try summary(url) != expected)  // the note and the closing are two more decisions
        // A second check of the same export takes no decision on either back end.
        let again = try VigieBinary.run(check, environment: environment)
        #expect(again.stderr.contains("0 décision de réaction"), "\(again.stderr)")
        // The right to erasure, on the shared store.
        let erased = try VigieBinary.run(
            ["erase", "nobody-at-all", "--reason", "test", "--policy", policy, "--plugins", Self.plugins, "--by", "claire"],
            environment: environment)
        #expect(erased.status == 0 && erased.stdout.contains("Nothing about this person in \(url)"), "\(erased.stdout)\(erased.stderr)")
    }

    /// Must show 2, at the scale of a test: three processes share one check
    /// on PostgreSQL; one of them is stopped while it holds a chunk and
    /// killed with SIGKILL; another takes its chunk over once the lease runs
    /// out, and the run ends complete with the findings, incidents and
    /// decisions of a single SQLite run of the same input.
    @Test func threeWorkersOneKilledEndAsOneSQLiteRun() throws {
        let folder = try TemporaryFolder()
        let stream = folder.path("stream.jsonl")
        let made = try VigieBinary.run(
            ["corpus", "--count", "3000", "--seed", "11", "--violations", "0.1", "--people", "60", "--out", stream])
        #expect(made.status == 0, "\(made.stderr)")
        let single = try policy("nordelia", in: folder, as: "single")
        let shared = try policy("nordelia", in: folder, as: "shared")
        let check = ["check", stream, "--plugins", Self.plugins, "--fail-on", "high", "--format", "json"]
        let alone = try VigieBinary.run(check + ["--policy", single])
        // New findings at or above --fail-on high: exit 1, which every worker must end with too.
        #expect(alone.status == 1, "\(alone.stderr)")

        let place = try TestCaseLocation(.postgres)
        let workers = (0..<3).map { index -> (Process, URL) in
            let process = Process()
            process.executableURL = VigieBinary.url
            process.arguments = check + [
                "--policy", shared, "--case-file", place.text, "--shard", "auto", "--shard-chunks", "12", "--shard-lease", "3",
            ]
            let log = folder.url.appendingPathComponent("worker-\(index).err")
            FileManager.default.createFile(atPath: log.path, contents: nil)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = try? FileHandle(forWritingTo: log)
            return (process, log)
        }
        for (process, _) in workers { try process.run() }
        let victim = workers[1].0
        let admin = PostgresAdmin(try #require(place.postgres))
        defer { admin.close() }
        // The victim is stopped while its chunk is claimed (SIGSTOP: it can
        // neither finish nor renew it), then killed.
        var held: String?
        let deadline = Date().addingTimeInterval(120)
        while held == nil && Date() < deadline && victim.isRunning {
            let claimed = "SELECT chunk FROM run_chunk WHERE state = 'claimed' AND owner LIKE '%:\(victim.processIdentifier):%'"
            if (try? admin.value(claimed)) ?? nil != nil {
                kill(victim.processIdentifier, SIGSTOP)
                held = try admin.value(claimed)
                if held == nil { kill(victim.processIdentifier, SIGCONT) }
            } else {
                Thread.sleep(forTimeInterval: 0.02)
            }
        }
        let chunk = try #require(held, "the victim never held a chunk")
        kill(victim.processIdentifier, SIGKILL)
        for (process, _) in workers { process.waitUntilExit() }
        #expect(victim.terminationReason == .uncaughtSignal && victim.terminationStatus == SIGKILL)
        let survivors = [workers[0], workers[2]]
        let logs = try survivors.map { try String(contentsOf: $0.1, encoding: .utf8) }
        // Each ends as the single run did (--fail-on looks at the whole run, not the worker's share).
        for ((process, _), log) in zip(survivors, logs) {
            #expect(process.terminationStatus == alone.status, "\(log)")
        }
        // One of them took the dead worker's chunk over, one of them finished the run.
        #expect(logs.contains { $0.range(of: "took over ([0-9]+,)*\(chunk)\\b", options: .regularExpression) != nil }, "\(logs)")
        #expect(logs.filter { $0.contains("this process finished it") }.count == 1, "\(logs)")
        #expect(try admin.value("SELECT count(*) FROM run_chunk WHERE state <> 'done'") == "0")
        // Claimed again after the victim (more than twice only if a live worker was too slow to renew its lease).
        #expect(try admin.value("SELECT attempts >= 2 FROM run_chunk WHERE chunk = \(chunk)") == "true")
        #expect(try admin.value("SELECT status FROM run") == "complete")
        // The same case as one process checking everything.
        let expected = try summary("\(single)/.vigie/case.sqlite")
        #expect(expected.contains("\"activities\" : 3000"))
        #expect(try summary(place.text) == expected)
        #expect(try incidents(shared, ["--case-file", place.text]) == incidents(single))
    }

    /// Must show 4 from the command line: SQLite → PostgreSQL → SQLite with
    /// `vigie case-file copy` gives back the same records.
    @Test func aCopyThereAndBackGivesBackTheSameCase() throws {
        let folder = try TemporaryFolder()
        let policy = try policy("entretien-menager", in: folder, as: "p")
        let check = try VigieBinary.run(["check", Self.example, "--policy", policy, "--plugins", Self.plugins, "--fail-on", "critical"])
        #expect(check.status <= 1, "\(check.stderr)")
        let accepted = try VigieBinary.run([
            "accept", "add", String(try #require(try summaryFingerprint("\(policy)/.vigie/case.sqlite"))), "--reason", "connu",
            "--policy", policy, "--plugins", Self.plugins, "--by", "claire",
        ])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        let source = "\(policy)/.vigie/case.sqlite"
        let middle = try TestCaseLocation(.postgres)
        let there = try VigieBinary.run(["case-file", "copy", source, middle.text])
        #expect(there.status == 0, "\(there.stderr)")
        #expect(there.stdout.contains("run: 1") && there.stdout.contains("decision: ") && there.stdout.contains("acceptedFinding: 1"))
        let back = folder.path("back/case.sqlite")
        let again = try VigieBinary.run(["case-file", "copy", middle.text, back])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try summary(middle.text) == summary(source))
        #expect(try summary(back) == summary(source))
        // Every record, table by table, is the same at the end as at the start;
        // the decision log's key, which every PostgreSQL schema holds from its
        // creation, comes back with it (beside the copy, as serve.key).
        var start = try CaseFile(path: source).allRecords()
        var end = try CaseFile(path: back).allRecords()
        #expect(start["serveKey"] == [])
        #expect(end["serveKey"] == [[.text(try PostgresAdmin(try #require(middle.postgres)).serveKey())]])
        start["serveKey"] = nil
        end["serveKey"] = nil
        #expect(start["decision"]?.isEmpty == false && start["acceptedFinding"]?.count == 1)
        #expect(end == start)
        // A copy into a case file that holds records is refused, and says why.
        let refused = try VigieBinary.run(["case-file", "copy", source, middle.text])
        #expect(refused.status == 2 && refused.stderr.contains("already holds"), "\(refused.stderr)")
    }

    /// The password from the password file when PGPASSWORD is not set; a
    /// file other users can read is ignored, and the error says where to put it.
    @Test func thePasswordComesFromThePasswordFile() throws {
        let folder = try TemporaryFolder()
        let place = try TestCaseLocation(.postgres)
        let location = try #require(place.postgres)
        _ = try place.open()
        let password = try #require(ProcessInfo.processInfo.environment["PGPASSWORD"])
        let file = try folder.write("pgpass", "# the test server\n\(location.host):\(location.port):\(location.database):\(location.user):\(password)\n")
        chmod(file.path, 0o600)
        let withFile = try VigieBinary.run(
            ["case-file", "migrate", place.text], environment: ["PGPASSWORD": "", "PGPASSFILE": file.path])
        #expect(withFile.status == 0, "\(withFile.stderr)")
        #expect(withFile.stdout.contains("up to date"))
        chmod(file.path, 0o644)
        let readable = try VigieBinary.run(
            ["case-file", "migrate", place.text], environment: ["PGPASSWORD": "", "PGPASSFILE": file.path])
        #expect(readable.status == 2)
        #expect(readable.stderr.contains("PGPASSWORD or ~/.pgpass"), "\(readable.stderr)")
        #expect(!readable.stderr.contains(password))
    }

    func summaryFingerprint(_ location: String) throws -> Substring? {
        try summary(location).firstMatch(of: /"fingerprints" : \[\s*"([0-9a-f]+)"/)?.1
    }

    /// Two consultants' checks at once on one PostgreSQL case file: both
    /// complete, every decision is taken once.
    @Test func twoConsultantsAtOnceDecideOnce() throws {
        let folder = try TemporaryFolder()
        let place = try TestCaseLocation(.postgres)
        let policies = try (0..<2).map { try policy("entretien-menager", in: folder, as: "p\($0)") }
        let processes = policies.map { policy in
            let process = Process()
            process.executableURL = VigieBinary.url
            process.arguments = [
                "check", Self.example, "--policy", policy, "--plugins", Self.plugins, "--fail-on", "critical",
                "--case-file", place.text,
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            return process
        }
        for p in processes { try p.run() }
        for p in processes { p.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus <= 1 })
        let alone = try policy("entretien-menager", in: folder, as: "alone")
        _ = try VigieBinary.run(["check", Self.example, "--policy", alone, "--plugins", Self.plugins, "--fail-on", "critical"])
        #expect(try incidents(policies[0], ["--case-file", place.text]) == incidents(alone))
        let admin = PostgresAdmin(try #require(place.postgres))
        defer { admin.close() }
        #expect(try admin.value("SELECT count(*) FROM run WHERE status = 'complete'") == "2")
        // No decision recorded twice: the keys are unique, and as many as one run's.
        let sqlite = try CaseFile(path: "\(alone)/.vigie/case.sqlite")
        #expect(try admin.value("SELECT count(*) FROM decision WHERE NOT superseded")
            == String(try sqlite.storedIncidents().reduce(0) { $0 + $1.incident.history.count }))
    }
}

/// What holds without a server: a password is never taken from the command line.
@Suite struct CaseFilePasswordTests {
    @Test func aPasswordInTheURLIsRefusedAndNotRepeated() throws {
        for url in ["postgres://alice:s3cr3t-pw@127.0.0.1:1/vigie?schema=vigie_a", "postgres://alice@127.0.0.1:1/vigie?schema=vigie_a&password=s3cr3t-pw"] {
            let r = try VigieBinary.run(["case-file", "summary", url])
            #expect(r.status == 2)
            #expect(r.stderr.contains("PGPASSWORD or ~/.pgpass"), "\(r.stderr)")
            #expect(!r.stderr.contains("s3cr3t-pw") && !r.stdout.contains("s3cr3t-pw"))
        }
    }
}
