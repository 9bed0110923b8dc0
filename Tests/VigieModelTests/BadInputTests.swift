import Foundation
import Testing

@testable import VigieModel
@testable import VigieImport

@Suite struct BadInputTests {
    @Test func truncatedJSONKeepsTheCompleteRecords() throws {
        let result = try runImport(fixture("bad/truncated-tweets.js"))
        #expect(result.activities.map(\.text) == ["Premier tweet complet.", "Troisième tweet complet."])
        #expect(result.summary.recordsRead == 4)
        #expect(result.summary.skipped == 2)
        #expect(result.summary.isBalanced)
        #expect(result.issues.map(\.reason) == [.invalidJSON, .truncated])
        #expect(result.issues.map(\.line) == [10, 26])
        #expect(result.issues.map(\.record) == [1, 3])
        #expect(result.issues[0].detail == "invalid JSON: expected ',' or '}' (line 14)")
        #expect(result.issues[1].description.hasSuffix("truncated-tweets.js:26: record 4: the file ends in the middle of this record (truncated export?)"))
    }

    @Test func brokenCSVRowsAreSkippedAndTheOthersImported() throws {
        let result = try runImport(fixture("bad/Comments.csv"))
        #expect(result.activities.map(\.text) == ["Premier commentaire.", "Dernier commentaire, sur\ndeux lignes."])
        #expect(result.summary.skippedByReason == ["broken CSV row": 2])
        #expect(result.issues.map(\.line) == [3, 4])
        #expect(result.summary.isBalanced)
    }

    @Test func theWrongImporterForTheFileIsAClearError() {
        #expect {
            try runImport(fixture("mastodon/outbox.json"), format: .twitter)
        } throws: { error in
            guard case ImportError.wrongFormat(let path, .twitter, .mastodon) = error else { return false }
            return path.hasSuffix("outbox.json")
                && "\(error)".contains("this is not an X/Twitter archive (it looks like a Mastodon export)")
        }
    }

    @Test func anUnknownFormatIsAClearError() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let path = try folder.write("notes.txt", "Liste de courses : savon, éponges.\n")
        #expect {
            try runImport(path)
        } throws: { error in
            guard case ImportError.unknownFormat(path) = error else { return false }
            return "\(error)".contains("pass --format")
        }
        #expect(throws: ImportError.unreadable(path: folder.path("absent.zip"), reason: "no such file or folder")) {
            try runImport(folder.path("absent.zip"))
        }
    }

    @Test func invalidUTF8InAJSONRecordIsSkipped() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let path = folder.path("tweets.js")
        var bytes = Array("window.YTD.tweets.part0 = [\n".utf8)
        bytes += Array(#"{"tweet":{"id_str":"1","created_at":"Sat May 13 17:20:09 +0000 2023","full_text":"caf"#.utf8)
        bytes += [0xE9]  // Latin-1 é: not UTF-8
        bytes += Array("\"}},\n".utf8)
        bytes += Array(#"{"tweet":{"id_str":"2","created_at":"Sat May 13 17:20:09 +0000 2023","full_text":"café"}}]"#.utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let result = try runImport(path)
        #expect(result.activities.map(\.text) == ["café"])
        #expect(result.issues.map(\.reason) == [.invalidUTF8])
        #expect(result.issues.first?.line == 2)
        #expect(result.summary.isBalanced)
    }

    @Test func missingRecordsArrayIsAFileFailure() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let path = try folder.write("outbox.json", #"{"@context": "https://www.w3.org/ns/activitystreams", "type": "OrderedCollection", "orderedItems": 12}"#)
        let result = try runImport(path)
        #expect(result.summary.recordsRead == 0)
        #expect(result.summary.failedFiles.count == 1)
        #expect(result.summary.failedFiles.first?.contains("expected a top-level \"orderedItems\" array") == true)
    }

    /// A 500 MB whole-document file (sparse: made in no time) is refused with
    /// a size error before anything is read into memory; the other files of
    /// the export are still imported.
    @Test func aHugeNonStreamFileIsRefusedWithASizeError() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let big = try folder.write("data/tweets.js", "window.YTD.tweets.part0 = [\n")
        let handle = try #require(FileHandle(forWritingAtPath: big))
        try handle.truncate(atOffset: 500_000_000)
        try handle.close()
        _ = try folder.write("data/tweets-part1.js", """
            window.YTD.tweets.part1 = [ {"tweet": {"id_str": "9", "created_at": "Sat May 13 17:20:09 +0000 2023", "full_text": "Petit fichier"}} ]
            """)
        let before = peakResidentBytes()
        let result = try runImport(folder.url.path)
        #expect(peakResidentBytes() - before < 100_000_000)
        #expect(result.activities.map(\.text) == ["Petit fichier"])
        let failure = try #require(result.summary.failedFiles.first)
        #expect(failure.contains("tweets.js: 500000000 bytes is over the 268435456-byte limit"))
    }

    @Test func theSizeLimitIsAnOption() throws {
        let result = try runImport(fixture("twitter"), options: ImportOptions(maxDocumentBytes: 1100))
        // tweets.js (2.2 kB) is refused; account.js, tweets-part1.js and direct-messages.js (≤ 1.1 kB) are read.
        #expect(result.summary.failedFiles.count == 1)
        #expect(result.summary.imported == 4)
    }
}

@Suite struct PrivacyTests {
    /// The summary of every fixture holds no text, no handle, no name.
    @Test(arguments: ["mastodon", "twitter", "facebook", "instagram", "linkedin", "jsonl/activities.jsonl"])
    func summariesHoldNoPersonalData(_ source: String) throws {
        let result = try runImport(fixture(source))
        let summary = String(decoding: try JSONEncoder().encode(result.summary), as: UTF8.self)
            + result.summary.issueExamples.joined()
        var personal: [String] = []
        for activity in result.activities {
            var values: [String?] = [activity.text, activity.author.handle, activity.author.displayName]
            values += activity.recipients.map(\.displayName)
            values += activity.mentions.map { Optional($0) }
            personal += values.compactMap { $0 }.filter { $0.count >= 5 }
        }
        #expect(!personal.isEmpty)
        for value in personal {
            #expect(!summary.contains(value), "the summary shows \"\(value)\"")
        }
    }

    @Test func conversationFoldersAreMaskedInDiagnostics() {
        #expect(PrivatePath.mask("x.zip!/your_instagram_activity/messages/inbox/jeanmartin_1234/message_1.json:3: record 2: …")
            == "x.zip!/your_instagram_activity/messages/inbox/…/message_1.json:3: record 2: …")
        #expect(PrivatePath.mask("data/tweets.js:4") == "data/tweets.js:4")
    }

    @Test func messengerThreadsBesideFacebookFilesAreFacebooks() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        _ = try folder.write("posts/your_posts_1.json", #"[{"timestamp": 1500000000, "data": [{"post": "Bonjour"}]}]"#)
        _ = try folder.write("messages/inbox/ami_1/message_1.json", """
            {"participants": [{"name": "Ami"}, {"name": "Moi"}], "messages": [{"sender_name": "Ami", "timestamp_ms": 1500000000000, "content": "Salut"}]}
            """)
        let result = try runImport(folder.url.path)
        #expect(result.summary.importedByPlatform == ["facebook": 2])
    }
}

@Suite struct DetectionTests {
    @Test(arguments: [
        ("posts/your_posts_1.json", #"[{"timestamp": 1, "data": [{"post": "x"}]}]"#, FileKind?.some(.facebookPosts)),
        ("likes_and_reactions_1.json", #"[{"timestamp": 1, "data": [{"reaction": {"reaction": "LIKE"}}], "title": "x"}]"#, nil),
        ("anything.json", #"{"comments_v2": []}"#, .facebookComments),
        ("c/post_comments_1.json", #"[{"string_map_data": {"Comment": {"value": "x"}}}]"#, .instagramComments),
        ("liked_posts.json", #"{"likes_media_likes": [{"string_map_data": {"": {"href": "x", "timestamp": 1}}}]}"#, nil),
        ("content/posts_1.json", #"[{"media": [{"uri": "a.jpg", "creation_timestamp": 1}]}]"#, .instagramPosts),
        ("renamed.txt", "window.YTD.tweets.part3 = [", .twitterTweets),
        ("x.js", "window.YTD.account.part0 = [", .twitterAccount),
        ("x.js", "window.YTD.direct_messages.part0 = [", .twitterDirectMessages),
        ("x.js", "window.YTD.like.part0 = [", nil),
        ("export.csv", "\u{FEFF}Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\r\n", .linkedinShares),
        ("export.csv", "Date,Link,Message\r\n", .linkedinComments),
        ("stream.txt", #"{"schema":"vigie.activity/1","id":"a"}"#, .activityStream),
        ("outbox.json", #"{"@context": "https://www.w3.org/ns/activitystreams", "orderedItems": []}"#, .mastodonOutbox),
        ("notes.json", #"{"hello": "world"}"#, nil),
    ])
    func recognisesFilesByContent(_ path: String, _ head: String, _ expected: FileKind?) {
        #expect(FileKind.classify(head: Array(head.utf8), path: path) == expected)
    }
}
