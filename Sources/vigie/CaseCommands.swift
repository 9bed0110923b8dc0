import ArgumentParser
import Foundation
import VigieModel
import VigieRun

/// Who takes a decision: `--by`, else `$VIGIE_USER`, else the login name.
struct AuthorOption: ParsableArguments {
    @Option(help: "Who takes the decision (default: $VIGIE_USER, else your login name).")
    var by: String?

    var name: String {
        let env = ProcessInfo.processInfo.environment
        return by ?? env["VIGIE_USER"] ?? env["USER"] ?? env["LOGNAME"] ?? ""
    }
}

struct IncidentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incidents",
        abstract: "List a client's incidents, and move, hold, resume, close or annotate one by hand.",
        discussion: """
            The incidents live in the policy's case file (`<policy>/.vigie/`): `vigie
            check` opens and moves them from the findings, in time order; a
            consultant's own decisions are recorded here, with who, when and a note,
            and every later check takes them into account (a held incident takes no
            step by itself until it is resumed; a closed one stays closed, and a new
            finding about the person opens a new incident).

            Examples:
              vigie incidents --policy Policies/entretien-menager
              vigie incidents move 789849eb avertissement --note "Avertissement envoyé par courriel" --policy P
              vigie incidents hold 789849eb --note "En attente de son appel" --policy P
              vigie incidents close 789849eb --note "Excuses reçues, affaire close" --policy P

            An incident is named by its id or the start of it (as the list shows).
            Exit codes: 0 done, 2 bad usage, an unknown incident or step, or a case
            file that cannot be used.
            """,
        subcommands: [List.self, Move.self, Hold.self, Resume.self, Close.self, Note.self],
        defaultSubcommand: List.self
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "The open incidents with their step, person and age (--all: closed ones too).")

        @OptionGroup var options: PolicyOptions

        @OptionGroup var caseFile: CaseFileOption

        @Flag(help: "Closed and resolved incidents too.")
        var all = false

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() throws {
            let engine = try options.load()
            let management = try CaseManagement(engine: engine, policyFolder: options.policy, caseFileLocation: caseFile.location)
            let incidents = try management.incidents(all: all)
            let dates = DateStyle(language: engine.declarations.manifest.language, clock: LocalClock(profile: engine.profile))
            if format == .json {
                try printJSON(incidents)
                return
            }
            if incidents.isEmpty {
                print(all ? "No incident in \(caseFile.place(policyFolder: options.policy, opened: management.caseFilePath))." : "No open incident.")
                return
            }
            // Times on the organisation's clock, its zone said once.
            print(dates.zoneNote)
            for i in incidents {
                let who = Privacy.mask(i.person ?? (i.actorKey.contains(":") ? "unknown person (\(i.actorKey))" : i.actorKey))
                var line = "\(i.id.prefix(8))  \(i.title) — \(who)"
                line += "; step: \(i.stepTitle ?? i.step ?? "none")"
                if let age = i.ageDays { line += "; opened \(age) day\(age == 1 ? "" : "s") ago" }
                if i.held { line += "; held" }
                if i.status != .open { line += "; \(i.status.rawValue)" }
                print(line)
                if let last = i.lastDecision {
                    print("          last: \(last.action.rawValue) \(dates.date(last.at)) by \(last.by ?? "vigie") — \(Privacy.mask(last.reason))")
                }
            }
        }
    }

    /// What the decision subcommands share.
    struct Decide: ParsableArguments {
        @OptionGroup var options: PolicyOptions

        @OptionGroup var caseFile: CaseFileOption

        @Argument(help: "The incident's id (or the start of it, as `vigie incidents` shows).")
        var incident: String

        @Option(help: "What was done or why: recorded in the incident's history.")
        var note: String

        @OptionGroup var author: AuthorOption

        func record(_ action: CaseManagement.Action) throws {
            let management = try CaseManagement(engine: options.load(), policyFolder: options.policy, caseFileLocation: caseFile.location)
            let summary = try management.decide(action, incident: incident, note: note, by: author.name)
            print("\(summary.id.prefix(8))  \(summary.title): step \(summary.stepTitle ?? summary.step ?? "none")\(summary.held ? ", held" : ""), \(summary.status.rawValue)")
        }
    }

    struct Move: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "move",
            abstract: "Move an incident to a step of its reaction (up or down).")

        @OptionGroup var decide: Decide

        @Argument(help: "The step's id in the incident's reaction.")
        var step: String

        func run() throws { try decide.record(.move(toStep: step)) }
    }

    struct Hold: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hold",
            abstract: "Hold an incident at its step: no automatic step until it is resumed.")
        @OptionGroup var decide: Decide
        func run() throws { try decide.record(.hold) }
    }

    struct Resume: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "resume", abstract: "Resume a held incident.")
        @OptionGroup var decide: Decide
        func run() throws { try decide.record(.resume) }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "close", abstract: "Close an incident.")
        @OptionGroup var decide: Decide
        func run() throws { try decide.record(.close) }
    }

    struct Note: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "note", abstract: "Write a note in an incident's history.")
        @OptionGroup var decide: Decide
        func run() throws { try decide.record(.note) }
    }
}

struct AcceptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accept",
        abstract: "Accept findings (known false positives, decisions to leave them), list or revoke acceptances.",
        discussion: """
            An accepted finding is still reported, marked as accepted, but it is never
            new and never counts for `check --fail-on`. An acceptance has a reason, an
            author and optionally an expiry date, after which the finding counts again.
            The fingerprint is the one reports and `check --format json` show.

            With --share, the acceptance also goes to the policy's acceptances.json:
            commit that file with the policy, and every consultant's `vigie check`
            takes it in.

            Examples:
              vigie accept e440b632d051bd48 --reason "Numéro de l'entreprise, publié exprès" --policy P
              vigie accept e440b632d051bd48 --reason "..." --expires 2027-06-30 --share --policy P
              vigie accept list --policy P
              vigie accept revoke e440b632d051bd48 --policy P
              vigie accept export --output shared.json --policy P
            """,
        subcommands: [Add.self, List.self, Revoke.self, Export.self],
        defaultSubcommand: Add.self
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Accept a finding by its fingerprint.")

        @OptionGroup var options: PolicyOptions

        @OptionGroup var caseFile: CaseFileOption

        @Argument(help: "The finding's fingerprint.")
        var fingerprint: String

        @Option(help: "Why it is accepted.")
        var reason: String

        @OptionGroup var author: AuthorOption

        @Option(help: "When the acceptance lapses (YYYY-MM-DD or an ISO 8601 time).")
        var expires: String?

        @Flag(help: "Also write it to the policy's acceptances.json, shared with the team.")
        var share = false

        func run() throws {
            var expiry: Date?
            if let expires {
                let text = expires.count == 10 ? expires + "T23:59:59Z" : expires
                guard let t = Timestamp(iso8601: text) else {
                    throw CLIError.input("--expires \(expires): not a date; write e.g. 2027-06-30")
                }
                expiry = Date(timeIntervalSince1970: t.secondsSince1970)
            }
            let management = try CaseManagement(engine: options.load(), policyFolder: options.policy, caseFileLocation: caseFile.location)
            try management.accept(fingerprint: fingerprint, reason: reason, by: author.name, expires: expiry, share: share)
            print("accepted \(fingerprint)\(expires.map { " until \($0)" } ?? "")\(share ? "; shared in \(CaseManagement.sharedAcceptancesPath(options.policy))" : "")")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "The acceptances, expired ones marked.")

        @OptionGroup var options: PolicyOptions

        @OptionGroup var caseFile: CaseFileOption

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() throws {
            let management = try CaseManagement(engine: options.load(), policyFolder: options.policy, caseFileLocation: caseFile.location)
            let all = try management.acceptances()
            if format == .json {
                try printJSON(all)
                return
            }
            if all.isEmpty { print("No accepted finding.") }
            let formatter = ISO8601DateFormatter()
            for a in all {
                var line = "\(a.fingerprint)  by \(a.acceptedBy) on \(formatter.string(from: a.acceptedAt))"
                if let expires = a.expiresAt { line += a.isActive() ? ", until \(formatter.string(from: expires))" : ", EXPIRED \(formatter.string(from: expires))" }
                print(line)
                print("    \(Privacy.mask(a.reason))")
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke an acceptance (in the shared file too).")

        @OptionGroup var options: PolicyOptions

        @OptionGroup var caseFile: CaseFileOption

        @Argument(help: "The finding's fingerprint.")
        var fingerprint: String

        func run() throws {
            let management = try CaseManagement(engine: options.load(), policyFolder: options.policy, caseFileLocation: caseFile.location)
            if try management.revoke(fingerprint: fingerprint) {
                print("revoked \(fingerprint)")
            } else {
                throw CLIError.input("\(fingerprint) is not accepted; `vigie accept list` shows the acceptances")
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write the acceptances in force to a file (default: the policy's acceptances.json).")

        @OptionGroup var options: PolicyOptions

        @OptionGroup var caseFile: CaseFileOption

        @Option(name: [.short, .long], help: "The file to write.")
        var output: String?

        func run() throws {
            let management = try CaseManagement(engine: options.load(), policyFolder: options.policy, caseFileLocation: caseFile.location)
            let path = output ?? CaseManagement.sharedAcceptancesPath(options.policy)
            try management.exportAcceptances(to: path)
            print("acceptances written to \(path)")
        }
    }
}

struct EraseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erase",
        abstract: "Erase a person from a client's case file (the right to erasure).",
        discussion: """
            Removes, in one transaction, every finding about the person in every run,
            the incidents about them with their decisions, and the acceptances of
            those findings. The erasure is recorded (when, by whom, why, how many
            rows) without the person's data. The exports themselves are the
            client's: erase the person there too, or the next check finds them again.

            The person is a profile id (`mme-tremblay`) or an account as incidents
            show it (`facebook:Jean Dupont`).

            Example:
              vigie erase mme-tremblay --reason "Demande du 2026-12-01" --policy Policies/entretien-menager
            """
    )

    @OptionGroup var options: PolicyOptions

    @OptionGroup var caseFile: CaseFileOption

    @Argument(help: "The person's profile id, or an account's platform:handle.")
    var person: String

    @Option(help: "Why (for example the date of the request): recorded with the erasure.")
    var reason: String

    @OptionGroup var author: AuthorOption

    func run() throws {
        let management = try CaseManagement(engine: options.load(), policyFolder: options.policy, caseFileLocation: caseFile.location)
        let removed = try management.erase(person: person, by: author.name, reason: reason)
        if removed == 0 {
            print("Nothing about this person in \(caseFile.place(policyFolder: options.policy, opened: management.caseFilePath)); nothing was erased.")
        } else {
            print("Erased: \(removed) records removed; the erasure is recorded without the person's data.")
        }
    }
}
