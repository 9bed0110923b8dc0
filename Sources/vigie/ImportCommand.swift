import ArgumentParser
import Foundation
import VigieImport
import VigieModel
import VigieEngine

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn social-media exports into a Vigie activity stream (JSONL).",
        discussion: """
            Reads exports as clients hand them over — a folder, a .zip, or single
            files — recognises their format from the content, and writes one
            activity per line in the vigie.activity/1 JSONL format. A summary per
            source (records read, imported, skipped and why, by kind and platform)
            goes to standard error when the stream goes to standard output, and to
            standard output otherwise. The summary never shows texts or names.

            Formats: Mastodon (outbox.json, actor.json), X/Twitter archive
            (data/tweets.js and tweets-partN.js, account.js, direct-messages.js),
            Facebook (posts, comments; the \\u00XX mis-encoding is repaired),
            Instagram (posts, comments, message threads), LinkedIn (Shares.csv,
            Comments.csv), and Vigie's own JSONL stream.

            Examples:
              vigie import ~/exports/mastodon-archive.zip -o activities.jsonl
              vigie import twitter-2024/ facebook-2024.zip -o client.jsonl
              vigie import Shares.csv Comments.csv --format linkedin > linkedin.jsonl
              vigie import old.jsonl new.jsonl -o merged.jsonl
              vigie import facebook-camille.zip --owner camille -p Policies/garderie -o camille.jsonl
              vigie import page-facebook.zip --owner organisation -p Policies/garderie --visibility public -o page.jsonl
              cat export.zip | vigie import - -o activities.jsonl

            A summary looks like this (one block per source):
              export.zip: twitter
                records read 1204, imported 1200, skipped 3, lost 1
                imported by kind: post 850, reply 239, direct-message 96, share 15
                imported by platform: twitter 1200
                skipped by reason: truncated record 1, invalid JSON 2
                files: 3 imported, 1 partly imported, 0 refused; 37 ignored
                export.zip!/data/tweets.js: partly imported, 1200 of 1204 records (3 skipped, 1 lost); line 88412, record 1203: …
                skipped: export.zip!/data/tweets.js:88412: record 1203: the file ends in the middle of this record (truncated export?)

            Every file that could hold records ends as one of: imported (every
            record), partly imported (n of m records, with the first problem and
            where) or refused (with the reason). Counts add up: records read =
            imported + skipped + lost. Values from the exports are never quoted:
            a bad value is described by its shape (•• •• •• for digits).

            Exit status: 0 when every file was imported whole; 4 when some input
            was lost — a file refused or partly imported, a source refused
            (a named pipe, a zip bomb, a damaged archive) — unless --keep-going
            is given (the summary still lists what was lost); 2 for a bad
            argument, a path that does not exist, or a source of no known format.
            """
    )

    @Argument(help: "Export folders, .zip files or single files to import (`-`: standard input).", completion: .file())
    var paths: [String] = []

    @OptionGroup var output: OutputOption

    /// The old spelling of -o/--output, still read.
    @Option(name: .customLong("out"), help: ArgumentHelp("The old name of --output.", visibility: .hidden))
    var legacyOut: String?

    var out: String? { output.path ?? legacyOut.flatMap { $0 == "-" ? nil : $0 } }

    @Option(help: "auto, mastodon, twitter, facebook, instagram, linkedin or jsonl.")
    var format: String = "auto"

    @Flag(help: "Exit 0 even when some input was lost (the summary still lists every file refused or partly imported).")
    var keepGoing = false

    @OptionGroup var ownership: ExportOwnerOptions

    @Option(help: ArgumentHelp("Write COUNT synthetic activities to --out (benchmarks).", visibility: .hidden))
    var generateSample: Int?

    func validate() throws {
        if output.output != nil && legacyOut != nil { throw ValidationError("Give --output (or -o) once; --out is its old name.") }
    }

    func run() throws {
        if let count = generateSample {
            guard let out else { try usage("--generate-sample needs --output FILE") }
            let writer = try ActivityStreamWriter(path: out)
            try SampleActivities.write(count: count, to: writer)
            try writer.close()
            return
        }
        guard !paths.isEmpty else {
            try usage("give at least one export to import, e.g. `vigie import export.zip -o activities.jsonl`")
        }
        let paths = try StandardInput.resolve(self.paths)
        let forced: ExportFormat?
        if format == "auto" {
            forced = nil
        } else if let known = ExportFormat(rawValue: format.lowercased()) {
            forced = known
        } else {
            try usage("unknown format \"\(format)\"; use auto, mastodon, twitter, facebook, instagram, linkedin or jsonl")
        }

        var importOptions = ImportOptions()
        importOptions.owner = try ownership.resolvedOwner()
        importOptions.visibility = ownership.visibility.flatMap(Visibility.init(rawValue:))

        let writer: ActivityStreamWriter
        if let out {
            do {
                writer = try ActivityStreamWriter(path: out)
            } catch {
                try usage("\(error)")
            }
        } else {
            writer = ActivityStreamWriter(fileHandle: .standardOutput)
        }
        var report = SummaryPrinter(toStandardError: out == nil)
        var unusable = false
        var lostFiles = 0
        // One set of ids for the run: an activity found in two sources is written once.
        let seen = ImportedIDs()
        for path in paths {
            do {
                let summary = try Importer(options: importOptions).importSource(at: path, format: forced, seen: seen) { activity in
                    try writer.write(activity)
                }
                report.print(summary)
                lostFiles += summary.filesPartlyImported + summary.filesRefused
            } catch let error as ImportError {
                report.line("error: \(error)")
                if ImportCommand.isUsageError(error) {
                    unusable = true
                } else {
                    lostFiles += 1
                }
            }
        }
        try writer.close()
        if unusable { throw ExitCode(2) }
        if lostFiles > 0 {
            report.line(
                "input lost in \(lostFiles) file\(lostFiles == 1 ? "" : "s") (listed above)"
                    + (keepGoing ? "; going on (--keep-going)" : "; exit \(ImportCommand.lostInputExitCode) (--keep-going to exit 0)"))
            if !keepGoing { throw ExitCode(ImportCommand.lostInputExitCode) }
        }
    }

    /// The exit status of a run that lost input (a file refused or partly imported).
    static let lostInputExitCode: Int32 = 4

    /// A path that names nothing to import (missing, of no known format, not
    /// the forced one): a usage error (exit 2), not lost input.
    static func isUsageError(_ error: ImportError) -> Bool {
        switch error {
        case .unknownFormat, .wrongFormat: return true
        case .unreadable(_, let reason): return reason == "no such file or folder"
        default: return false
        }
    }

    fileprivate func usage(_ message: String) throws -> Never {
        FileHandle.standardError.write(Data("error: \(Privacy.mask(message))\n".utf8))
        throw ExitCode(2)
    }
}

/// Prints import summaries: counts and file-level diagnostics, never texts.
/// Its words follow the environment (`LANG` and the others): `import`
/// has no policy to take a language from.
struct SummaryPrinter {
    let toStandardError: Bool
    let words = CLIWords(policyLanguage: nil)

    init(toStandardError: Bool) { self.toStandardError = toStandardError }

    mutating func line(_ text: String) {
        // Counts and shapes only; masked all the same, as every diagnostic.
        let data = Data((Privacy.mask(text) + "\n").utf8)
        if toStandardError {
            FileHandle.standardError.write(data)
        } else {
            FileHandle.standardOutput.write(data)
        }
    }

    private func counts(_ table: [String: Int]) -> String {
        table.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }

    mutating func print(_ summary: ImportSummary) {
        line("\(DiagnosticText.escaped(summary.source)): \(summary.formats.map(\.rawValue).joined(separator: ", "))")
        if words.french {
            line("  enregistrements lus \(summary.recordsRead), importés \(summary.imported), ignorés \(summary.skipped), perdus \(summary.lost)")
            if !summary.importedByKind.isEmpty { line("  importés par type\u{00A0}: \(counts(summary.importedByKind))") }
            if !summary.importedByPlatform.isEmpty { line("  importés par plateforme\u{00A0}: \(counts(summary.importedByPlatform))") }
            if !summary.skippedByReason.isEmpty { line("  ignorés par motif\u{00A0}: \(counts(summary.skippedByReason))") }
            line("  fichiers\u{00A0}: \(summary.filesImported) importé(s), \(summary.filesPartlyImported) importé(s) en partie, \(summary.filesRefused) refusé(s)\u{00A0}; \(summary.filesIgnored) laissé(s) de côté")
        } else {
            line("  records read \(summary.recordsRead), imported \(summary.imported), skipped \(summary.skipped), lost \(summary.lost)")
            if !summary.importedByKind.isEmpty { line("  imported by kind: \(counts(summary.importedByKind))") }
            if !summary.importedByPlatform.isEmpty { line("  imported by platform: \(counts(summary.importedByPlatform))") }
            if !summary.skippedByReason.isEmpty { line("  skipped by reason: \(counts(summary.skippedByReason))") }
            line("  files: \(summary.filesImported) imported, \(summary.filesPartlyImported) partly imported, \(summary.filesRefused) refused; \(summary.filesIgnored) ignored")
        }
        for file in summary.files where file.status != .imported {
            line("  \(file)")
        }
        for warning in summary.warnings { line("  \(words.french ? "avertissement\u{00A0}:" : "warning:") \(warning)") }
        for issue in summary.issueExamples { line("  \(words.skipped)\(words.french ? "\u{00A0}:" : ":") \(issue)") }
        let hidden = summary.skipped - summary.issueExamples.count
        if hidden > 0 {
            line(words.french ? "  … et \(hidden) autre(s) enregistrement(s) ignoré(s)" : "  … and \(hidden) more skipped records")
        }
    }
}


/// Whose export it is and who sees its posts (`vigie import --owner`,
/// `--visibility`): exports of Facebook, Instagram and LinkedIn say neither.
struct ExportOwnerOptions: ParsableArguments {
    @Option(help: "Whose export it is: a person's id in the profile (-p or --profile); their posts and comments become theirs, told apart from other people's exports.")
    var owner: String?

    @Option(name: [.customShort("p"), .customLong("policy")], help: "The policy folder whose profile.yaml knows the owner.", completion: .directory)
    var policy: String?

    @Option(help: "The profile (YAML or JSON) that knows the owner.", completion: .file(extensions: ["yaml", "yml", "json"]))
    var profile: String?

    @Option(help: "Who sees the owner's posts when the export does not say: public, followers, connections, unlisted or direct (default: unknown).")
    var visibility: String?

    func validate() throws {
        if let visibility, Visibility(rawValue: visibility) == nil || visibility == "unknown" {
            throw ValidationError("--visibility is public, followers, connections, unlisted or direct.")
        }
        if policy != nil && profile != nil { throw ValidationError("Give the profile once: -p POLICY or --profile FILE.") }
        if owner == nil && (policy != nil || profile != nil) {
            throw ValidationError("-p and --profile say who --owner is: give --owner PERSON too.")
        }
    }

    /// The owner, checked against the profile: a person of it (or the
    /// organisation itself), with their name and accounts.
    func resolvedOwner() throws -> ExportOwner? {
        guard let owner else { return nil }
        var path = profile
        if let policy {
            path = ["profile.yaml", "profile.yml", "profile.json"].map { (policy as NSString).appendingPathComponent($0) }
                .first { FileManager.default.fileExists(atPath: $0) }
            if path == nil { throw CLIError.input("-p \(policy): no profile.yaml there to know --owner \(owner)") }
        }
        guard let path else {
            throw CLIError.input("--owner \(owner): give the profile that knows the person (-p POLICY or --profile FILE)")
        }
        let loaded: OrganisationProfile
        do {
            loaded = try ProfileLoader.load(path: path)
        } catch {
            throw CLIError.input("\(error)")
        }
        if owner == "organisation" {
            let actor = loaded.organisationActor
            return ExportOwner(actorID: actor.id, name: loaded.organisation.name, accounts: actor.accounts)
        }
        guard let person = loaded.people.first(where: { $0.id == owner }) else {
            let ids = loaded.people.map(\.id)
            let close = Suggestion.closest(owner, among: ids + ["organisation"])
            throw CLIError.input(
                "--owner \(owner): no person \"\(owner)\" in \(path)"
                    + (close.isEmpty ? "" : "; did you mean \(close.map { "\"\($0)\"" }.joined(separator: " or "))?")
                    + " The people are: \((ids + ["organisation"]).joined(separator: ", ")).")
        }
        return ExportOwner(actorID: person.id, name: person.name, accounts: person.accounts)
    }
}
