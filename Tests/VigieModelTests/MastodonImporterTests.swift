import Testing

@testable import VigieModel
@testable import VigieImport

@Suite struct MastodonImporterTests {
    let result: ImportResult

    init() throws { result = try runImport(fixture("mastodon")) }

    func status(_ n: Int) -> Activity? { result.activity("mastodon:https://mastodon.example/users/eclatnet/statuses/\(n)") }

    @Test func countsAddUp() {
        #expect(result.summary.formats == [.mastodon])
        #expect(result.summary.recordsRead == 6)
        #expect(result.summary.imported == 5)
        #expect(result.summary.skipped == 1)
        #expect(result.summary.skippedByReason == ["unsupported record type": 1])
        #expect(result.summary.isBalanced)
        #expect(result.issues.first?.line == 111)
    }

    @Test func fourVisibilitiesFromAddressing() {
        #expect(status(1001)?.visibility == .public)
        #expect(status(1002)?.visibility == .unlisted)
        #expect(status(1003)?.visibility == .followers)
        #expect(status(1004)?.visibility == .direct)
        #expect(status(1004)?.kind == .directMessage)
        #expect(status(1004)?.recipients.first?.handle == "@sophie@social.example")
        #expect(status(1003)?.kind == .reply)
        #expect(status(1003)?.replyTo?.activityID == "https://social.example/users/sophie/statuses/77")
    }

    @Test func htmlBecomesTextWithEntitiesDecoded() throws {
        let post = try #require(status(1001))
        #expect(post.text == "Grand ménage de printemps terminé chez une cliente\u{00A0}: l’équipe a été formidable! #ménage\n\nDevis gratuits\u{00A0}: https://eclatnet.example/devis\nÀ bientôt & merci\u{00A0}!")
        #expect(post.normalizedText.hasPrefix("grand menage de printemps termine chez une cliente : l'equipe a ete formidable!"))
        #expect(post.language == "fr")
        #expect(post.hashtags == ["ménage"])
        #expect(post.links == ["https://eclatnet.example/devis"])
        #expect(post.attachments.first?.kind == .image)
        #expect(post.attachments.first?.altText == "Une cuisine propre et lumineuse")
        #expect(post.author.handle == "@eclatnet@mastodon.example")
        #expect(post.timestamp.iso8601 == "2024-03-04T14:05:00Z")
        #expect(post.source.line == 7)
        #expect(post.source.index == 0)
    }

    @Test func contentWarningAndSensitive() {
        #expect(status(1002)?.contentWarning == "Coulisses")
        #expect(status(1002)?.sensitive == true)
        #expect(status(1001)?.sensitive == false)
    }

    @Test func boostsAreSharesWithoutText() throws {
        let boost = try #require(result.activities.first { $0.kind == .share })
        #expect(boost.text.isEmpty)
        #expect(boost.sharedURL == "https://autre.example/users/chambre-commerce/statuses/555")
        #expect(boost.visibility == .public)
    }

    @Test(arguments: [
        (["https://www.w3.org/ns/activitystreams#Public"], [String](), Visibility.public),
        (["as:Public"], [], .public),
        (["https://m.example/users/a/followers"], ["https://www.w3.org/ns/activitystreams#Public"], .unlisted),
        (["https://m.example/users/a/followers"], ["https://m.example/users/b"], .followers),
        (["https://m.example/users/b"], [], .direct),
    ])
    func visibilityRule(_ to: [String], _ cc: [String], _ expected: Visibility) {
        #expect(MastodonImporter.visibility(to: to, cc: cc).0 == expected)
    }
}
