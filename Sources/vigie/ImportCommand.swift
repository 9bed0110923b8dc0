import ArgumentParser
import Foundation
import VigieImport
import VigieModel

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
              vigie import ~/exports/mastodon-archive.zip --out activities.jsonl
              vigie import twitter-2024/ facebook-2024.zip --out client.jsonl
              vigie import Shares.csv Comments.csv --format linkedin > linkedin.jsonl
              vigie import old.jsonl new.jsonl --out merged.jsonl

            A summary looks like this (one block per source):
              export.zip: twitter
                records read 1204, imported 1201, skipped 3
                imported by kind: post 850, reply 240, direct-message 96, share 15
                imported by platform: twitter 1201
                skipped by reason: truncated record 1, invalid JSON 2
                files used 4, ignored 37, failed 0
                skipped: export.zip!/data/tweets.js:88412: record 1203: the file ends in the middle of this record (truncated export?)

            Exit status: 0 when every source was read (skipped records are listed
            in the summary), 2 for a bad argument or an input that cannot be read
            (a missing file, an unknown format, a file over the size limit).
            """
    )

    @Argument(help: "Export folders, .zip files or single files to import.")
    var paths: [String] = []

    @Option(name: .shortAndLong, help: "Where to write the JSONL stream (default: standard output).")
    var out: String?

    @Option(help: "auto, mastodon, twitter, facebook, instagram, linkedin or jsonl.")
    var format: String = "auto"

    @Option(help: ArgumentHelp("Write COUNT synthetic activities to --out (benchmarks).", visibility: .hidden))
    var generateSample: Int?

    func run() throws {
        if let count = generateSample {
            guard let out else { try usage("--generate-sample needs --out FILE") }
            let writer = try ActivityStreamWriter(path: out)
            try SampleActivities.write(count: count, to: writer)
            try writer.close()
            return
        }
        guard !paths.isEmpty else {
            try usage("give at least one export to import, e.g. `vigie import export.zip --out activities.jsonl`")
        }
        let forced: ExportFormat?
        if format == "auto" {
            forced = nil
        } else if let known = ExportFormat(rawValue: format.lowercased()) {
            forced = known
        } else {
            try usage("unknown format \"\(format)\"; use auto, mastodon, twitter, facebook, instagram, linkedin or jsonl")
        }

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
        var failed = false
        for path in paths {
            do {
                let summary = try Importer().importSource(at: path, format: forced) { activity in
                    try writer.write(activity)
                }
                report.print(summary)
                if !summary.failedFiles.isEmpty { failed = true }
            } catch let error as ImportError {
                report.line("vigie import: \(error)")
                failed = true
            }
        }
        try writer.close()
        if failed { throw ExitCode(2) }
    }

    private func usage(_ message: String) throws -> Never {
        FileHandle.standardError.write(Data("vigie import: \(message)\n".utf8))
        throw ExitCode(2)
    }
}

/// Prints import summaries: counts and file-level diagnostics, never texts.
struct SummaryPrinter {
    let toStandardError: Bool

    init(toStandardError: Bool) { self.toStandardError = toStandardError }

    mutating func line(_ text: String) {
        let data = Data((text + "\n").utf8)
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
        line("\(summary.source): \(summary.formats.map(\.rawValue).joined(separator: ", "))")
        line("  records read \(summary.recordsRead), imported \(summary.imported), skipped \(summary.skipped)")
        if !summary.importedByKind.isEmpty { line("  imported by kind: \(counts(summary.importedByKind))") }
        if !summary.importedByPlatform.isEmpty { line("  imported by platform: \(counts(summary.importedByPlatform))") }
        if !summary.skippedByReason.isEmpty { line("  skipped by reason: \(counts(summary.skippedByReason))") }
        line("  files used \(summary.filesUsed), ignored \(summary.filesIgnored), failed \(summary.failedFiles.count)")
        for failure in summary.failedFiles { line("  error: \(failure)") }
        for warning in summary.warnings { line("  warning: \(warning)") }
        for issue in summary.issueExamples { line("  skipped: \(issue)") }
        let hidden = summary.skipped - summary.issueExamples.count
        if hidden > 0 { line("  … and \(hidden) more skipped records") }
    }
}

