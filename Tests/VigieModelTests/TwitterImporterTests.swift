import Testing

@testable import VigieModel

@Suite struct TwitterImporterTests {
    let result: ImportResult

    init() throws { result = try runImport(fixture("twitter")) }

    @Test func readsBothPartsOfTweetsAndTheMessages() {
        #expect(result.summary.formats == [.twitter])
        #expect(result.summary.recordsRead == 7)
        #expect(result.summary.imported == 7)
        #expect(result.summary.importedByKind == ["post": 3, "reply": 1, "share": 1, "direct-message": 2])
        #expect(result.summary.filesUsed == 4)
        #expect(result.summary.filesIgnored == 1)  // README.txt
        // Part 0 first, then part 1.
        let tweets = result.activities.filter { $0.kind != .directMessage }
        #expect(tweets.map(\.id) == (1...3).map { "twitter:165700000000000000\($0)" } + (4...5).map { "twitter:165800000000000000\($0)" })
        #expect(tweets[3].source.file.hasSuffix("tweets-part1.js"))
    }

    @Test func tweetFields() throws {
        let tweet = try #require(result.activity("twitter:1657000000000000001"))
        #expect(tweet.text == "Nouveaux tarifs pour l’entretien & le #ménage de printemps : https://t.co/abc123")
        #expect(tweet.timestamp.iso8601 == "2023-05-13T17:20:09Z")
        #expect(tweet.hashtags == ["ménage"])
        #expect(tweet.links == ["https://eclatnet.example/tarifs"])
        #expect(tweet.language == "fr")
        #expect(tweet.author == Account(platform: .twitter, handle: "EclatNet", id: "1500000000000000001", displayName: "Éclat Net"))
        let reply = try #require(result.activity("twitter:1657000000000000002"))
        #expect(reply.kind == .reply)
        #expect(reply.replyTo?.account?.handle == "marc_t")
        #expect(reply.mentions == ["@marc_t"])
        let retweet = try #require(result.activity("twitter:1657000000000000003"))
        #expect(retweet.kind == .share)
        #expect(retweet.attachments.first?.altText == "Un salon rangé")
        let geo = try #require(result.activity("twitter:1658000000000000004"))
        #expect(geo.text == "Journée difficile… certains clients <vraiment> exigeants.")
        #expect(geo.place?.location == GeoPoint(latitude: 45.6066, longitude: -73.7124))
        #expect(result.activity("twitter:1658000000000000005")?.language == nil)  // "und"
    }

    @Test func directMessagesKnowWhoWroteThem() throws {
        let messages = result.activities.filter { $0.kind == .directMessage }
        #expect(messages.count == 2)
        #expect(messages[0].author.id == "99")
        #expect(messages[0].recipients.first?.handle == "EclatNet")
        #expect(messages[1].author.handle == "EclatNet")
        #expect(messages.allSatisfy { $0.visibility == .direct && $0.conversationID == "42-1500000000000000001" })
    }
}
