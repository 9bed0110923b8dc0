import ArgumentParser
import Foundation
import VigieCaseFile
import VigieModel
import VigieRun

/// `--case-file LOCATION`, on every command that reads or writes a case file.
struct CaseFileOption: ParsableArguments {
    @Option(
        name: .customLong("case-file"),
        help: ArgumentHelp(
            "The case file: a path, or postgres://USER@HOST:PORT/DATABASE[?schema=NAME] (shared; the password from PGPASSWORD or ~/.pgpass, never in the URL). Default: $VIGIE_CASE_FILE, else <policy>/.vigie/case.sqlite.",
            valueName: "location"))
    var location: String?

    /// Where a message says records are: the policy's `.vigie/` folder, as
    /// always, for a user who chose no case file; the case file's path or URL
    /// (without a password) when `--case-file` or `VIGIE_CASE_FILE` chose one.
    func place(policyFolder: String, opened: String?) -> String {
        let chosen = location ?? ProcessInfo.processInfo.environment["VIGIE_CASE_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        guard chosen != nil, let opened else { return "\(policyFolder)/.vigie/" }
        return opened
    }
}

/// `--shard`: the run shared by several processes.
struct ShardOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Share the run with other processes on the same PostgreSQL case file: `auto` (the run of this policy and these inputs) or a name. Each process checks chunks of people until every chunk is done.",
            valueName: "auto|name"))
    var shard: String?

    @Option(name: .customLong("shard-chunks"), help: "With --shard: the chunks the input is split into, by person (the first worker's count is the run's).")
    var chunks = 16

    @Option(name: .customLong("shard-lease"), help: "With --shard: seconds a chunk stays a worker's without news from it; then another worker takes it over.")
    var lease: Double = 60

    func validate() throws {
        if chunks < 1 { throw ValidationError("--shard-chunks must be at least 1.") }
        if lease < 2 { throw ValidationError("--shard-lease must be at least 2 seconds.") }
        if let shard, shard.isEmpty { throw ValidationError("--shard takes auto or a name.") }
    }

    var request: ShardRequest? {
        guard let shard else { return nil }
        return ShardRequest(key: shard == "auto" ? nil : "name:" + shard, chunks: chunks, lease: lease)
    }
}

struct CaseFileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case-file",
        abstract: "Migrate, copy and summarise case files (SQLite or PostgreSQL).",
        discussion: """
            A case file is a SQLite file inside the policy folder (the default) or a
            schema of a PostgreSQL database shared by a team, `vigie serve` instances
            and batch workers (docs/scale.md). Locations are paths or URLs:
              postgres://alice@db.example:5432/vigie?schema=vigie_acme
            The password comes from PGPASSWORD or ~/.pgpass, never from the URL. A URL
            without schema= uses the schema of the policy given with --policy
            (vigie_ and its name).

            Examples:
              vigie case-file migrate postgres://admin@db/vigie -p Policies/acme
              vigie case-file copy Policies/acme/.vigie/case.sqlite postgres://admin@db/vigie?schema=vigie_acme
              vigie case-file summary postgres://alice@db/vigie?schema=vigie_acme

            Exit codes: 0 done, 2 bad usage or a case file that cannot be used, 5 a
            case file locked by another Vigie process, 6 a damaged case file, 7 the
            disk (or the database server's disk) is full.
            """,
        subcommands: [Migrate.self, Copy.self, Summary.self]
    )

    /// A location as given, with the schema of `--policy` when a URL has none.
    static func location(_ text: String, policy: String?) throws -> CaseFileLocation {
        do {
            if text.hasPrefix("postgres"), !text.contains("schema="), let policy {
                let engine = try PolicyLocation(folder: policy, given: []).load()
                return try CaseFileLocation.parse(text, policyName: engine.declarations.manifest.name)
            }
            return try CaseFileLocation.parse(text)
        } catch let error as CaseFileError {
            throw RunError(caseFile: error)
        }
    }

    static func open(_ location: CaseFileLocation) throws -> CaseFile {
        do {
            return try CaseFile(location: location)
        } catch let error as CaseFileError {
            throw RunError(caseFile: error)
        }
    }

    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "migrate",
            abstract: "Create or bring up to date a case file's schema; for PostgreSQL also the client's roles.",
            discussion: """
                PostgreSQL: creates the client's schema when missing, applies the
                migrations it lacks (one transaction), and — when the role running it
                may create roles — creates the roles <schema>_consultant (reads and
                writes the client's records), <schema>_auditor (reads them) and
                <schema>_serve (only appends to the decision log), then grants them.
                Give people a role with: GRANT vigie_acme_consultant TO alice;
                SQLite: opens the file, which applies its migrations.
                """)

        @Argument(help: "The case file (default: --case-file, $VIGIE_CASE_FILE, else the policy's).")
        var location: String?

        @OptionGroup var caseFile: CaseFileOption

        @Option(name: [.short, .long], help: "The policy folder (for its schema name, or its SQLite case file).", completion: .directory)
        var policy: String?

        func run() throws {
            let text = location ?? caseFile.location ?? ProcessInfo.processInfo.environment[CaseFileLocation.environmentVariable]
                ?? URL(fileURLWithPath: policy ?? ".").appendingPathComponent(CaseFile.defaultRelativePath).path
            let place = try CaseFileCommand.location(text, policy: policy)
            switch place {
            case .sqlite:
                let file = try CaseFileCommand.open(place)
                print("\(place): migrations \(try file.appliedMigrations().joined(separator: ", "))")
            case .postgres(let postgres):
                let admin = PostgresAdmin(postgres)
                defer { admin.close() }
                let outcome: PostgresAdmin.Migration
                do {
                    outcome = try admin.migrate()
                } catch let error as CaseFileError {
                    throw RunError(caseFile: error)
                }
                print("\(place)")
                print(outcome.applied.isEmpty
                    ? "  up to date: \(outcome.all.joined(separator: ", "))"
                    : "  applied: \(outcome.applied.joined(separator: ", "))")
                print(outcome.rolesGranted
                    ? "  roles granted: \(outcome.roles.joined(separator: ", "))"
                    : "  roles not created: the role \(postgres.user) may not create roles (an administrator runs migrate to make them)")
            }
        }
    }

    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "copy",
            abstract: "Copy every record of a case file into a new one (SQLite ↔ PostgreSQL).",
            discussion: """
                Runs with their ids and states, findings, acceptances, finding events,
                incidents and every decision (superseded ones too), erasures, the
                escalation's horizon, the serve decision log and its key: all of it,
                in one transaction of the destination, which must hold no record yet.
                A shared run still in progress must finish first.
                """)

        @Argument(help: "The case file to copy.")
        var from: String

        @Argument(help: "The new case file (a new path, or a schema nobody uses yet).")
        var to: String

        @Option(name: [.short, .long], help: "The policy folder, for the schema of a URL without schema=.", completion: .directory)
        var policy: String?

        func run() throws {
            let source = try CaseFileCommand.location(from, policy: policy)
            let destination = try CaseFileCommand.location(to, policy: policy)
            guard source != destination else { throw CLIError.input("copy: the source and the destination are the same case file") }
            let a = try CaseFileCommand.open(source)
            let b = try CaseFileCommand.open(destination)
            defer {
                a.close()
                b.close()
            }
            let counts: [String: Int]
            do {
                counts = try CaseFile.copy(from: a, to: b)
            } catch let error as CaseFileError {
                throw RunError(caseFile: error)
            }
            print("copied \(source) → \(destination)")
            for table in CaseTables.all where (counts[table.name] ?? 0) > 0 {
                print("  \(table.name): \(counts[table.name] ?? 0)")
            }
        }
    }

    struct Summary: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "summary",
            abstract: "A run's findings, the incidents and their decisions, in a form that compares across case files.",
            discussion: """
                Prints the run (default: the last complete one) with its counts, its
                findings' fingerprints, the incidents (step, status) and every decision
                in the case, each with its key — without ids or times of recording, so
                that two case files that hold the same case print the same summary
                (for example a shared PostgreSQL run and one SQLite run of the same
                input). --format json prints it whole; text prints counts and digests.
                """)

        @Argument(help: "The case file (default: --case-file, $VIGIE_CASE_FILE, else the policy's).")
        var location: String?

        @OptionGroup var caseFile: CaseFileOption

        @Option(name: [.short, .long], help: "The policy folder (for its schema name, or its SQLite case file).", completion: .directory)
        var policy: String?

        @Option(name: .customLong("run"), help: "The run (default: the last complete one).")
        var runID: Int64?

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        struct Document: Encodable {
            struct IncidentLine: Encodable {
                var id: String
                var kind: String
                var actorKey: String
                var step: String?
                var status: String
                var decisions: [String]
            }
            var run: Int64
            var status: String
            var activities: Int?
            var findings: Int
            var newFindings: Int?
            var incidents: Int
            var decisions: Int
            var findingsDigest: String
            var incidentsDigest: String
            var fingerprints: [String]
            var incidentList: [IncidentLine]
        }

        func run() throws {
            let text = location ?? caseFile.location ?? ProcessInfo.processInfo.environment[CaseFileLocation.environmentVariable]
                ?? URL(fileURLWithPath: policy ?? ".").appendingPathComponent(CaseFile.defaultRelativePath).path
            let file = try CaseFileCommand.open(try CaseFileCommand.location(text, policy: policy))
            defer { file.close() }
            do {
                let record = try runID.map { try file.run(RunID($0)) } ?? file.latestCompleteRun()
                guard let record else { throw CLIError.input("\(file.path): no complete run") }
                let fingerprints = try file.findings(in: record.id).map(\.fingerprint).sorted()
                let incidents = try file.storedIncidents().sorted { $0.id < $1.id }
                let lines = incidents.map { i in
                    Document.IncidentLine(
                        id: i.id, kind: i.incident.kind, actorKey: i.actorKey, step: i.incident.currentStep,
                        status: i.incident.status.rawValue,
                        decisions: i.incident.history.map { d in
                            "\(d.key ?? "-") \(d.action.rawValue) \(d.step ?? "-") \(d.at.iso8601)"
                        })
                }
                let document = Document(
                    run: record.id.rawValue, status: record.status.rawValue, activities: record.activityCount,
                    findings: fingerprints.count, newFindings: record.newFindingCount, incidents: incidents.count,
                    decisions: lines.reduce(0) { $0 + $1.decisions.count },
                    findingsDigest: Self.digest(fingerprints.joined(separator: "\n")),
                    incidentsDigest: Self.digest(lines.map { "\($0.id) \($0.kind) \($0.actorKey) \($0.step ?? "-") \($0.status)\n" + $0.decisions.joined(separator: "\n") }.joined(separator: "\n")),
                    fingerprints: fingerprints, incidentList: lines)
                if format == .json {
                    try printJSON(document)
                    return
                }
                print("run \(document.run): \(document.status), \(document.activities ?? 0) activities")
                print("findings: \(document.findings) (\(document.newFindings ?? 0) new)  digest \(document.findingsDigest)")
                print("incidents: \(document.incidents), decisions: \(document.decisions)  digest \(document.incidentsDigest)")
            } catch let error as CaseFileError {
                throw RunError(caseFile: error)
            }
        }

        /// FNV-1a, 64 bits, in hexadecimal: enough to tell two summaries apart at a glance.
        static func digest(_ text: String) -> String {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            let hex = String(h, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }
    }
}

extension String {
    /// `other` when this text is empty.
    func ifEmpty(_ other: String) -> String { isEmpty ? other : self }
}
