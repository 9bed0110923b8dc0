import Foundation
import Testing
import VigieFuzz

@testable import VigieImport
@testable import VigieModel

/// The input side of issue 23: each failure found by trying malformed
/// exports as a new user would, as a test.

// MARK: Crashes

@Suite struct NumbersFromExportsTests {
    /// A huge number as a timestamp stopped the process (SIGILL): unchecked
    /// integer conversions in the importers and in `Timestamp`.
    @Test(arguments: [SampleFormat.facebookPosts, .facebookComments, .instagramPosts, .instagramComments, .instagramMessages, .messenger])
    func aHugeTimestampIsRefusedNotATrap(_ format: SampleFormat) throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        for huge in ["1e30", "9223372036854775807", "1.7976931348623157e308", "-9223372036854775808"] {
            let export = Samples.export(format, records: 4, special: [2: .time(huge)])
            for file in export.files { try scratch.write("\(format)-\(huge)/" + file.path, file.bytes) }
            let result = try runImport(scratch.path("\(format)-\(huge)"))
            let file = try #require(result.summary.files.first { $0.file.hasSuffix((export.recordsFile as NSString).lastPathComponent) })
            #expect(file.imported == 3, "\(huge)")
            #expect(file.skipped == 1)
            #expect(file.status == .partlyImported)
            #expect(result.summary.isBalanced)
            let issue = try #require(result.issues.first)
            #expect(issue.record == 2)
            #expect(issue.line != nil)
            #expect(issue.reason == .implausibleTime)
        }
    }

    /// A time outside 1990–2100 is refused with its position (file, line, record).
    @Test func aTimestampOutside1990To2100IsRefusedWithItsPosition() throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        // 1970 in seconds, 1989 in milliseconds, 2150 in seconds, 0.
        let export = Samples.export(
            .facebookPosts, records: 6, special: [1: .time("100"), 2: .time("631151999000"), 3: .time("5680281600"), 4: .time("0")])
        for file in export.files { try scratch.write(file.path, file.bytes) }
        let result = try runImport(scratch.path("posts"))
        #expect(result.summary.imported == 2)
        #expect(result.issues.map(\.record) == [1, 2, 3, 4])
        #expect(result.issues.allSatisfy { $0.reason == .implausibleTime && $0.line != nil })
        #expect(result.issues.first?.description.contains("your_posts_1.json:") == true)
        #expect(result.issues.first?.detail.contains("between 1990 and 2100") == true)
    }

    /// Milliseconds were read as seconds (year 31 million): the unit is
    /// recognised from the magnitude, in any time field.
    @Test func millisecondsAndMicrosecondsAreRecognised() throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        // Instagram posts in ms and µs; a Messenger thread whose timestamp_ms holds seconds.
        let posts = Samples.export(.instagramPosts, records: 3, special: [0: .time("1700000000000"), 1: .time("1700000000000000")])
        for file in posts.files { try scratch.write("ig/" + file.path, file.bytes) }
        let thread = Samples.export(.messenger, records: 2, special: [0: .time("1700000000")])
        for file in thread.files { try scratch.write("fb/" + file.path, file.bytes) }
        let ig = try runImport(scratch.path("ig"))
        #expect(ig.summary.imported == 3)
        #expect(ig.activities.prefix(2).map(\.timestamp.iso8601) == ["2023-11-14T22:13:20Z", "2023-11-14T22:13:20Z"])
        let fb = try runImport(scratch.path("fb"))
        #expect(fb.summary.imported == 3)
        #expect(fb.activities.contains { $0.timestamp.iso8601 == "2023-11-14T22:13:20Z" && $0.kind == .directMessage })
        #expect(Timestamp.unixTime(1_700_000_000_000_000_000)?.unit == .nanoseconds)
        #expect(Timestamp.unixTime(1e30) == nil)
        #expect(Timestamp.unixTime(.nan) == nil)
        #expect(Timestamp.unixTime(-1_700_000_000) == nil)
    }

    /// `Timestamp` never traps, whatever its numbers: it writes an instant
    /// outside years 1–9999 clamped, and refuses to decode one.
    @Test(arguments: [Double.infinity, -.infinity, .nan, 1e300, -1e300, 9.3e18, Double(Int64.max)])
    func timestampNeverTraps(_ seconds: Double) throws {
        for offset in [0, Int.min, Int.max, 3600] {
            let text = Timestamp(secondsSince1970: seconds, utcOffset: offset).iso8601
            #expect(!text.isEmpty)
        }
        if seconds.isFinite {
            let json = Data("[\(seconds)]".utf8)
            #expect(throws: DecodingError.self) { try JSONDecoder().decode([Timestamp].self, from: json) }
        }
    }

    /// A number too large for a double (`1e400`) is refused, not kept as infinity.
    @Test func aNumberBeyondDoublesIsInvalid() throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        let export = Samples.export(.facebookPosts, records: 2, special: [0: .time("1e400")])
        for file in export.files { try scratch.write(file.path, file.bytes) }
        let result = try runImport(scratch.path("posts"))
        #expect(result.summary.imported == 1)
        #expect(result.issues.first?.detail.contains("number out of range") == true)
    }
}

// MARK: Data lost without a word

@Suite struct NothingLostSilentlyTests {
    /// Every file ends as imported, partly imported or refused, and the
    /// summary's files add up to its counts.
    @Test func everyFileHasOneOutcomeAndCountsAddUp() throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        let good = Samples.export(.facebookPosts, records: 5)
        try scratch.write("export/posts/your_posts_1.json", good.recordsBytes)
        var cut = Samples.export(.facebookPosts, records: 5, first: 100).recordsBytes
        cut.removeLast(40)
        try scratch.write("export/posts/your_posts_2.json", cut)
        try scratch.write("export/posts/your_posts_3.json", "{\"not\": \"records\"}")
        try scratch.write("export/comments_and_reactions/comments.json", "{\"comments_v2\": 12}")
        var outcomes: [FileOutcome] = []
        let summary = try Importer().importSource(at: scratch.path("export"), onFile: { outcomes.append($0) }) { _ in }
        #expect(outcomes == summary.files)
        #expect(summary.files.map(\.status) == [.imported, .partlyImported, .refused])
        #expect(summary.files.map(\.file.lastPathComponentForTest) == ["your_posts_1.json", "your_posts_2.json", "comments.json"])
        #expect(summary.files[1].imported == 4)
        #expect(summary.files[1].line != nil)
        #expect(summary.files[2].problem?.contains("expected a top-level \"comments_v2\" array") == true)
        #expect(summary.isBalanced)
        #expect(summary.lostInput)
        #expect(summary.filesIgnored == 1)  // your_posts_3.json holds no posts
    }

    /// A zip bomb gave "0 activities", exit 0: it is refused, and says why.
    @Test func aZipBombIsRefusedClearly() throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        let head = Array("[{\"timestamp\": 1700000000, \"data\": [{\"post\": \"x\"}]}".utf8)
        let bomb = ZipWriter.archive([
            ZipWriter.Entry("posts/your_posts_1.json", head + Array(repeating: 0x20, count: 32 << 20) + Array("]".utf8))
        ])
        #expect(bomb.bytes.count < 100_000)
        let path = try scratch.write("bomb.zip", bomb.bytes)
        let result = try runImport(path)
        let file = try #require(result.summary.files.first)
        #expect(file.status == .refused)
        #expect(file.problem?.contains("zip bomb") == true)
        #expect(result.summary.lostInput)
        // The same, when the archive lies about the entry's size.
        let liar = ZipWriter.archive([
            ZipWriter.Entry(
                "posts/your_posts_1.json", head + Array(repeating: 0x20, count: 32 << 20) + Array("]".utf8), declaredSize: 4000)
        ])
        let lying = try runImport(try scratch.write("liar.zip", liar.bytes))
        #expect(lying.summary.files.first?.status == .refused)
        #expect(lying.summary.files.first?.problem?.contains("beyond its declared size") == true)
    }

    /// What all entries of one archive expand to is capped.
    @Test func expandedBytesAreCappedForTheWholeArchive() throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        let entries = (1...6).map { i in
            ZipWriter.Entry("posts/your_posts_\(i).json", Samples.export(.facebookPosts, records: 200, first: i * 1000).recordsBytes)
        }
        let path = try scratch.write("many.zip", ZipWriter.archive(entries).bytes)
        let size = Int64(entries[0].data.count)
        #expect(size < FileKind.sniffBytesForTest)
        // Reading the heads expands every entry once; then two can be read whole, not six.
        let total = entries.reduce(0) { $0 + Int64($1.data.count) }
        let result = try runImport(path, options: ImportOptions(maxExpandedBytes: total + size * 5 / 2))
        #expect(result.summary.filesImported >= 1)
        #expect(result.summary.filesRefused >= 1)
        #expect(result.summary.files.contains { $0.problem?.contains("ImportOptions.maxExpandedBytes") == true })
        #expect(result.summary.isBalanced)
    }

    /// A zip with a damaged central directory: 4 of its 24 entries were
    /// imported, no warning. The damage is said, and the entries the
    /// directory no longer lists are read from their local headers.
    @Test func aDamagedCentralDirectoryIsReportedAndItsEntriesRead() throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        let entries = (1...24).map { i in
            ZipWriter.Entry("posts/your_posts_\(i).json", Samples.export(.facebookPosts, records: 2, first: i * 10).recordsBytes)
        }
        var layout = ZipWriter.archive(entries)
        layout.bytes[layout.directoryRecordOffsets[4]] = 0  // the fifth record's signature
        let result = try runImport(try scratch.write("damaged.zip", layout.bytes))
        #expect(result.summary.files.count == 24)
        #expect(result.summary.imported == 48)
        #expect(result.summary.warnings.contains { $0.contains("damaged archive") && $0.contains("24 entries but only 4") })
        // Entries written by a streaming writer (sizes after the data, 4- or 8-byte).
        var streamed = ZipWriter.archive(entries.enumerated().map { i, entry in
            var entry = entry
            entry.descriptor = i % 2 == 0 ? .short : .zip64
            return entry
        })
        #expect(try runImport(try scratch.write("streamed.zip", streamed.bytes)).summary.imported == 48)
        streamed.bytes[streamed.directoryRecordOffsets[2]] = 0
        let recovered = try runImport(try scratch.write("streamed-damaged.zip", streamed.bytes))
        #expect(recovered.summary.imported == 48)
        #expect(recovered.summary.filesRefused == 0)
        // Without any central directory (a download cut short): what is there is read.
        // Cut in the data of the 13th entry.
        let cut = Array(layout.bytes.prefix(layout.localHeaderOffsets[12] + 70))
        let truncated = try runImport(try scratch.write("cut.zip", cut))
        #expect(truncated.summary.filesImported == 12)
        #expect(truncated.summary.files.count == 13)
        #expect(truncated.summary.files.filter { $0.status == .refused }.map(\.file.lastPathComponentForTest) == ["your_posts_13.json"])
        #expect(truncated.summary.warnings.contains { $0.contains("end of its central directory is missing") })
    }

    /// One broken quote in a JSON export dropped the rest of the file (39
    /// of 124 posts), uncounted: reading resumes at the next record.
    @Test func oneBrokenQuoteDoesNotDropTheRestOfTheFile() throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        var text = String(decoding: Samples.export(.facebookPosts, records: 124).recordsBytes, as: UTF8.self)
        // Record 85's text loses its closing quote.
        let marker = "Publication 84 : appelez-moi au \(Planted.phone) pour un devis.\""
        #expect(text.contains(marker))
        text = text.replacingOccurrences(of: marker, with: String(marker.dropLast()))
        let result = try runImport(try scratch.write("posts/your_posts_1.json", text))
        #expect(result.summary.imported == 123)
        #expect(result.summary.skipped == 1)
        #expect(result.summary.recordsRead == 124)
        #expect(result.issues.first?.record == 84)
        #expect(result.summary.files.first?.status == .partlyImported)
        #expect(result.summary.isBalanced)
    }

    /// The same in a compact (one-line) file: the next record that parses.
    @Test func oneBrokenQuoteInACompactFile() throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        let records = (0..<50).map { i in "{\"timestamp\": \(1_700_000_000 + i), \"data\": [{\"post\": \"Post \(i), avec {accolades}, [crochets] et \\\"guillemets\\\"\"}]}" }
        var text = "[" + records.joined(separator: ",") + "]"
        text = text.replacingOccurrences(of: "Post 20, avec {accolades}, [crochets] et \\\"guillemets\\\"\"", with: "Post 20, avec {accolades}, [crochets] et \\\"guillemets\\\"")
        let result = try runImport(try scratch.write("posts/your_posts_1.json", text))
        #expect(result.summary.imported == 49)
        #expect(result.summary.isBalanced)
        #expect(result.summary.recordsRead == 50)
    }

    /// When nothing can be resynchronised, what was lost is counted, with its line.
    @Test func whatCannotBeReadIsCountedAsLost() throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        let records = (0..<10).map { i in "{\"timestamp\": \(1_700_000_000 + i), \"data\": [{\"post\": \"Post \(i)\"}]}" }
        // A compact file whose records after the 3rd are all damaged the same way.
        let text = "[" + records.prefix(3).joined(separator: ",") + ","
            + records.dropFirst(3).map { $0.replacingOccurrences(of: "\"data\"", with: "\"data") }.joined(separator: ",") + "]"
        let result = try runImport(try scratch.write("posts/your_posts_1.json", text))
        #expect(result.summary.imported == 3)
        #expect(result.summary.recordsRead == 10)
        #expect(result.summary.skipped + result.summary.lost == 7)
        #expect(result.summary.lost > 0)
        #expect(result.summary.isBalanced)
        #expect(result.summary.warnings.contains { $0.contains("could not be read") })
    }

    /// In CSV an unclosed quote swallowed the next row.
    @Test func anUnclosedQuoteInCSVDoesNotSwallowTheNextRow() throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        let csv = """
            Date,Link,Message\r
            2024-02-11 12:00:00,https://www.linkedin.com/feed/update/1,"Premier."\r
            2024-02-11 13:00:00,https://www.linkedin.com/feed/update/2,"Jamais fermé\r
            2024-02-11 14:00:00,https://www.linkedin.com/feed/update/3,"Troisième."\r
            2024-02-11 15:00:00,https://www.linkedin.com/feed/update/4,"Quatrième, sur\r
            deux lignes."\r

            """
        let result = try runImport(try scratch.write("Comments.csv", csv))
        #expect(result.activities.map(\.text) == ["Premier.", "Troisième.", "Quatrième, sur\ndeux lignes."])
        #expect(result.issues.map(\.line) == [3])
        #expect(result.summary.isBalanced)
        #expect(result.summary.files.first?.status == .partlyImported)
        // An unclosed quote at the end of the file: the row is skipped, nothing after is lost.
        let last = try runImport(try scratch.write("end/Comments.csv", "Date,Link,Message\r\n2024-02-11 12:00:00,l,\"ouvert\r\n"))
        #expect(last.summary.recordsRead == 1)
        #expect(last.summary.skipped == 1)
    }

    /// LinkedIn writes `\"` inside quoted fields: a real Comments.csv of 323
    /// comments imported as 300.
    @Test func backslashEscapedQuotesInLinkedInAreRead() throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        var special: [Int: Special] = [:]
        for i in stride(from: 0, to: 323, by: 14) { special[i] = .backslashQuote }
        let export = Samples.export(.linkedinComments, records: 323, special: special)
        let result = try runImport(try scratch.write("Comments.csv", export.recordsBytes))
        #expect(result.summary.imported == 323)
        #expect(result.summary.skipped == 0)
        let quoted = try #require(result.activities.first)
        #expect(quoted.text.hasPrefix("Il a dit \"bonjour\" et « Publication 0"))
        // A path ending with a backslash is still read the RFC 4180 way.
        let rfc = try runImport(try scratch.write(
            "rfc/Comments.csv", "Date,Link,Message\r\n2024-02-11 12:00:00,l,\"C:\\dossier\\\"\r\n2024-02-11 13:00:00,l,\"Deux\"\r\n"))
        #expect(rfc.activities.map(\.text) == ["C:\\dossier\\", "Deux"])
    }

    /// Duplicate JSON keys: the first won, silently. Now a record issue.
    @Test(arguments: [SampleFormat.facebookPosts, .instagramComments, .mastodon, .twitterTweets, .jsonl])
    func duplicateKeysAreARecordIssue(_ format: SampleFormat) throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        let export = Samples.export(format, records: 3, special: [1: .duplicateKey])
        for file in export.files { try scratch.write("e/" + file.path, file.bytes) }
        let result = try runImport(scratch.path("e"))
        #expect(result.summary.imported == 2)
        #expect(result.issues.map(\.reason) == [.duplicateKey])
        #expect(result.issues.first?.record == 1)
        #expect(result.issues.first?.detail.contains("appears twice") == true)
        #expect(result.summary.files.first?.status == .partlyImported)
    }

    /// Duplicate ids made the counts not add up: a duplicate is counted once,
    /// as a duplicate, and loses nothing.
    @Test func duplicateIDsAreCountedAsDuplicates() throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        let lines = String(decoding: Samples.export(.jsonl, records: 4).recordsBytes, as: UTF8.self).split(separator: "\n")
        let path = try scratch.write("a.jsonl", (lines + [lines[1], lines[3]]).joined(separator: "\n") + "\n")
        let result = try runImport(path)
        #expect(result.summary.recordsRead == 6)
        #expect(result.summary.imported == 4)
        #expect(result.summary.duplicates == 2)
        #expect(result.summary.skippedByReason == ["duplicate record": 2])
        #expect(result.activities.map(\.id) == ["sample:0", "sample:1", "sample:2", "sample:3"])
        #expect(result.summary.files.first?.status == .imported)
        #expect(result.summary.isBalanced)
        // Across the sources of one run, with a shared set of ids.
        let seen = ImportedIDs()
        var written = 0
        _ = try Importer().importSource(at: path, seen: seen) { _ in written += 1 }
        let again = try Importer().importSource(at: path, seen: seen) { _ in written += 1 }
        #expect(written == 4)
        #expect(again.duplicates == 6)
    }

    /// The set of ids seen keeps every id through its growth: distinct ids
    /// are all new, each one met again is a duplicate.
    @Test func theSetOfIDsSeenKeepsEveryIDAsItGrows() {
        let seen = ImportedIDs()
        let ids = (0..<20_000).map { "corpus-7-\($0)" } + ["", "owner", "é", String(repeating: "x", count: 300)]
        #expect(ids.allSatisfy { seen.insert($0) })
        #expect(seen.count == ids.count)
        #expect(ids.allSatisfy { !seen.insert($0) })
        #expect(seen.count == ids.count)
    }

    /// An empty `.jsonl` was refused as an error: it is an empty input.
    @Test func anEmptyJSONLIsAnEmptyInput() throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        let result = try runImport(try scratch.write("empty.jsonl", ""))
        #expect(result.summary.formats == [.jsonl])
        #expect(result.summary.recordsRead == 0)
        #expect(result.summary.files.map(\.status) == [.imported])
        #expect(!result.summary.lostInput)
        let blank = try runImport(try scratch.write("blank.ndjson", "\n\n  \n"))
        #expect(blank.summary.recordsRead == 0)
    }

    /// Zip entries whose path leaves the archive are refused (kept from before).
    @Test func zipPathTraversalIsRefused() throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        let jsonl = Samples.export(.jsonl, records: 2).recordsBytes
        let layout = ZipWriter.archive([
            ZipWriter.Entry("ok.jsonl", jsonl), ZipWriter.Entry("../../etc/evil.jsonl", jsonl),
            ZipWriter.Entry("/abs/evil.jsonl", jsonl),
        ])
        let result = try runImport(try scratch.write("t.zip", layout.bytes))
        #expect(result.summary.imported == 2)
        #expect(result.summary.filesRefused == 2)
        #expect(result.summary.files.filter { $0.status == .refused }.allSatisfy {
            $0.problem?.contains("leaves the archive") == true || $0.problem?.contains("is absolute") == true
        })
    }
}

// MARK: Hangs and unbounded growth

@Suite struct NoHangTests {
    /// A named pipe in an export folder blocked the import forever.
    @Test func aNamedPipeInAFolderIsRefusedWithoutBlocking() throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        try scratch.write("export/posts/your_posts_1.json", Samples.export(.facebookPosts, records: 3).recordsBytes)
        try scratch.fifo("export/posts/your_posts_2.json")
        try scratch.fifo("export/stream.jsonl")
        let result = try runImport(scratch.path("export"))
        #expect(result.summary.imported == 3)
        #expect(result.summary.filesRefused == 2)
        #expect(result.summary.files.filter { $0.status == .refused }.allSatisfy { $0.problem?.contains("named pipe") == true })
    }

    /// A named pipe or a device named directly is refused with its kind.
    @Test(arguments: ["fifo", "/dev/zero", "/dev/null"])
    func aSpecialFileGivenDirectlyIsRefused(_ what: String) throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        let path = what == "fifo" ? try scratch.fifo("stream.jsonl") : what
        #expect {
            try runImport(path)
        } throws: { error in
            guard case ImportError.notARegularFile(path, let kind) = error else { return false }
            return kind.contains(what == "fifo" ? "named pipe" : "character device")
        }
        #expect(throws: ImportError.self) { try ActivityStreamReader(path: path) }
    }

    /// A JSONL zip bomb of newlines filled the temporary folder: it is
    /// refused, and nothing is written anywhere.
    @Test func aNewlineBombIsCapped() throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        let bomb = ZipWriter.archive([
            ZipWriter.Entry("stream.jsonl", Array("{\"schema\":\"vigie.activity/1\"}\n".utf8) + Array(repeating: 0x0A, count: 64 << 20))
        ])
        let before = Set((try? FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory())) ?? [])
        let result = try runImport(try scratch.write("bomb.zip", bomb.bytes))
        #expect(result.summary.files.first?.status == .refused)
        #expect(result.summary.files.first?.problem?.contains("zip bomb") == true)
        let after = Set((try? FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory())) ?? [])
        // Other suites run at the same time and make their own scratch
        // folders there (the test helpers' prefixes): only the rest counts.
        let helpers = ["vigie-fuzz", "vigie-tests", "vigie-stream-", "vigie-cli-", "vigie-run-", "vigie-engine-", "vigie-atomic-",
                       "vigie-case-", "vigie-decl-", "vigie-incidents-", "vigie-key-", "vigie-log-", "vigie-page-", "vigie-runner-",
                       "vigie-serve-", "vigie-tokens-"]
        #expect(after.subtracting(before).filter { name in name.hasPrefix("vigie-") && !helpers.contains { name.hasPrefix($0) } }.isEmpty)
        // And a stream inside a zip is read straight from the archive.
        let stream = ZipWriter.archive([ZipWriter.Entry("a.jsonl", Samples.export(.jsonl, records: 5).recordsBytes)])
        let streamed = try runImport(try scratch.write("stream.zip", stream.bytes))
        #expect(streamed.summary.imported == 5)
    }

    /// A zip of 4,000 entries took 93 s: every entry was looked up by a
    /// linear search of the archive. The directory is now read once.
    @Test func aZipOfManyEntriesIsReadOnce() throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        var entries: [ZipWriter.Entry] = []
        for i in 0..<4_000 {
            if i % 10 == 0 {
                entries.append(ZipWriter.Entry(
                    "posts/your_posts_\(i).json", "[{\"timestamp\": \(1_700_000_000 + i), \"data\": [{\"post\": \"p\(i)\"}]}]"))
            } else {
                entries.append(ZipWriter.Entry("media/photo_\(i).jpg", [0xFF, 0xD8] + Array(repeating: 0, count: 64), deflate: false))
            }
        }
        let path = try scratch.write("many.zip", ZipWriter.archive(entries).bytes)
        let archive = try ZipArchive(path: path, options: ImportOptions())
        #expect(archive.entries.count == 4_000)
        #expect(archive.directoryRecordsRead == 4_000)
        let result = try runImport(path)
        #expect(result.summary.imported == 400)
        #expect(result.summary.filesIgnored == 3_600)
        // Over the entry limit, the archive is refused as a whole.
        #expect(throws: ImportError.self) { try runImport(path, options: ImportOptions(maxArchiveEntries: 1_000)) }
    }

    /// Lines are capped: a JSONL line over the cap is skipped and counted.
    @Test func longLinesAreSkippedAndCounted() throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        let good = Samples.export(.jsonl, records: 2).recordsBytes
        let path = try scratch.write("a.jsonl", good + Array(repeating: 0x78, count: 3000) + [0x0A])
        let result = try runImport(path, options: ImportOptions(maxLineBytes: 2000))
        #expect(result.summary.imported == 2)
        #expect(result.summary.skippedByReason == ["line too long": 1])
        #expect(result.issues.first?.detail.contains("over the 2000-byte cap") == true)
    }

    /// The profile: size, aliases, expansion and nesting are limited.
    @Test func theProfileIsBounded() throws {
        var laughs = "schema: vigie.profile/1\norganisation:\n  name: Test\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for k in 1..<9 { laughs += "a\(k): &a\(k) [" + Array(repeating: "*a\(k - 1)", count: 9).joined(separator: ", ") + "]\n" }
        #expect {
            try ProfileLoader.load(yaml: laughs, file: "p.yaml")
        } throws: { error in
            "\(error)".contains("expands to more than") || "\(error)".contains("aliases")
        }
        var aliases = "organisation:\n  name: Test\nx: &x 1\nlist: ["
        aliases += Array(repeating: "*x", count: 300).joined(separator: ", ") + "]\n"
        #expect {
            try ProfileLoader.load(yaml: aliases, file: "p.yaml")
        } throws: { error in
            "\(error)".contains("300 aliases, over the limit of 256")
        }
        let deep = "organisation:\n  name: Test\nx: " + String(repeating: "[", count: 100_000) + "\n"
        #expect {
            try ProfileLoader.load(yaml: deep, file: "p.yaml")
        } throws: { error in
            "\(error)".contains("nests more than 64 levels")
        }
        let dashes = "organisation:\n  name: Test\nx:\n" + String(repeating: "- ", count: 50_000) + "x\n"
        #expect(throws: ProfileError.self) { try ProfileLoader.load(yaml: dashes, file: "p.yaml") }
        let big = "organisation:\n  name: Test\n# " + String(repeating: "x", count: 2 << 20) + "\n"
        #expect {
            try ProfileLoader.load(yaml: big, file: "p.yaml")
        } throws: { error in
            "\(error)".contains("over the limit of 1048576")
        }
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        #expect(throws: ProfileError.self) { try ProfileLoader.load(path: try scratch.fifo("profile.yaml")) }
    }
}

// MARK: Personal data in diagnostics

@Suite struct DiagnosticsPrivacyTests {
    /// A phone, an e-mail or a SIN in a date field came back in clear in
    /// "not an ISO date". No importer message quotes a value.
    @Test(arguments: SampleFormat.allCases)
    func aPlantedValueInATimeFieldIsNotQuoted(_ format: SampleFormat) throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        var special: [Int: Special] = [:]
        for (i, value) in Planted.values.enumerated() { special[i] = .time(format.isCSV ? value : "\"\(value)\"") }
        let export = Samples.export(format, records: 4, special: special)
        for file in export.files { try scratch.write("e/" + file.path, file.bytes) }
        let result = try runImport(scratch.path("e"))
        #expect(result.summary.skipped == 3)
        let messages = result.issues.map(\.description).joined(separator: "\n")
            + String(decoding: try JSONEncoder().encode(result.summary), as: UTF8.self)
            + result.summary.files.map(\.description).joined()
        #expect(Planted.leaks(in: messages).isEmpty, "\(messages)")
        // The shape says what went wrong.
        #expect(messages.contains("•• •• •• •• ••") || messages.contains("a text of 14 characters"))
    }

    /// The shape of a value keeps its form, never its characters.
    @Test func shapes() {
        #expect(DiagnosticText.shape(Planted.phone) == "•• •• •• •• ••")
        #expect(DiagnosticText.shape(Planted.email) == "xxxxxx.xxxxxxxx@xxxxxxx.…")
        #expect(DiagnosticText.shape("jean@ex.fr") == "xxxx@xx.xx")
        #expect(DiagnosticText.shape(Planted.sin) == "••• ••• •••")
        #expect(DiagnosticText.shape(String(repeating: "a", count: 100)).count == DiagnosticText.shapeLimit + 1)
        #expect(DiagnosticText.describe(number: 1e30) == "a number of 31 digits")
        #expect(DiagnosticText.memberName("timestamp") == "\"timestamp\"")
        #expect(!DiagnosticText.memberName(Planted.email).contains("jeanne"))
        #expect(!DiagnosticText.memberName("0612345678").contains("0612"))
        #expect(DiagnosticText.maskingQuotes("Cannot read \"\(Planted.phone)\" nor 0612345678") == "Cannot read \"•• •• •• •• ••\" nor ••••••••••")
    }

    /// File names with line breaks or terminal escapes were printed raw.
    @Test func fileNamesAreEscaped() throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        let name = "posts/bad\nname\u{1B}[31m\u{202E}.json"
        try scratch.write("e/posts/your_posts_1.json", Samples.export(.facebookPosts, records: 2).recordsBytes)
        try scratch.fifo("e/" + name)
        let result = try runImport(scratch.path("e"))
        let refused = try #require(result.summary.files.first { $0.status == .refused })
        #expect(refused.description.contains("bad\\nname\\u{1B}[31m\\u{202E}.json"))
        #expect(!refused.description.contains("\n"))
        #expect(!refused.description.contains("\u{1B}"))
        #expect(result.summary.failedFiles.allSatisfy { !$0.contains("\u{1B}") && !$0.contains("\n") })
        let issue = ImportIssue(file: "a\u{1B}]0;title\u{07}.json", line: 3, reason: .invalidJSON, detail: "x")
        #expect(issue.description == "a\\u{1B}]0;title\\u{7}.json:3: x")
    }
}

extension String {
    var lastPathComponentForTest: String { (self as NSString).lastPathComponent }
}

extension FileKind {
    static var sniffBytesForTest: Int64 { Int64(sniffBytes) }
}
