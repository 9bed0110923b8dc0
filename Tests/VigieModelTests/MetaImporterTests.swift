import Testing

@testable import VigieModel

@Suite struct FacebookImporterTests {
    let result: ImportResult

    init() throws { result = try runImport(fixture("facebook")) }

    @Test func repairsTheMisEncodingOfEveryString() throws {
        #expect(result.summary.formats == [.facebook])
        let post = try #require(result.activities.first)
        #expect(post.text == "Été chargé pour l’équipe d’Éclat Net ! Merci à nos clientes fidèles 💙")
        #expect(post.title == "Éclat Net a publié dans Éclat Net.")
        #expect(post.attachments.first?.altText == "L’équipe devant la camionnette")
        #expect(!result.activities.contains { $0.text.contains("Ã") })
        let comment = try #require(result.activities.first { $0.kind == .comment })
        #expect(comment.text == "Merci Sophie, à la semaine prochaine ! Ça nous fait très plaisir.")
        #expect(comment.author.displayName == "Éclat Net")
    }

    @Test func keepsPlacesExifAndLinks() throws {
        let photo = try #require(result.activities.first)
        let exif = try #require(photo.attachments.first?.exif)
        #expect(exif.location == GeoPoint(latitude: 45.5571, longitude: -73.7216))
        #expect(exif.device == "Apple iPhone 13")
        #expect(exif.takenAt?.secondsSince1970 == 1_683_990_000)
        let checkIn = try #require(result.activities.first { $0.place != nil })
        #expect(checkIn.place?.name == "Laval")
        #expect(checkIn.place?.address == "Laval, Québec")
        #expect(result.activities.contains { $0.links == ["https://eclatnet.example/guide"] })
    }

    @Test func aPostWithoutTimestampIsSkippedAndCounted() {
        #expect(result.summary.recordsRead == 6)
        #expect(result.summary.imported == 5)
        #expect(result.summary.skippedByReason == ["missing field": 1])
        #expect(result.issues.first?.record == 3)
        #expect(result.issues.first?.file.hasSuffix("your_posts__check_ins__photos_and_videos_1.json") == true)
    }

    @Test func oldExportPathsWorkToo() throws {
        let old = try runImport(fixture("facebook-old"))
        #expect(old.activities.map(\.text) == ["Ouverture de l’entreprise ! Déjà 3 clientes à Montréal."])
    }
}

@Suite struct InstagramImporterTests {
    let result: ImportResult

    init() throws { result = try runImport(fixture("instagram")) }

    @Test func postsWithOneOrSeveralMedia() throws {
        let posts = result.activities.filter { $0.kind == .post }
        #expect(posts.count == 2)
        #expect(posts[0].text == "Avant / après : une salle de bain étincelante ✨ #ménage #avantaprès")
        #expect(posts[0].hashtags == ["ménage", "avantaprès"])
        #expect(posts[0].attachments.count == 2)
        #expect(posts[0].attachments[0].exif?.location == GeoPoint(latitude: 45.52, longitude: -73.58))
        #expect(posts[0].attachments[0].exif?.takenAt?.iso8601 == "2023-05-19T10:12:00Z")
        #expect(posts[1].text == "Café du matin avant la tournée ☕")
        #expect(posts[1].attachments.first?.uri == "media/posts/202306/photo3.jpg")
    }

    @Test func commentsAreMatchedOnStructureWhateverTheLanguage() {
        let comments = result.activities.filter { $0.kind == .comment }
        #expect(comments.map(\.text) == ["Merci beaucoup @julie.b, à jeudi !", "Superbe résultat 👏"])
        #expect(comments.map { $0.replyTo?.account?.handle } == ["julie.b", "maison_propre"])
        #expect(result.summary.skippedByReason == ["empty record": 1])
    }

    @Test func messageThreads() throws {
        let messages = result.activities.filter { $0.kind == .directMessage }
        #expect(messages.count == 2)
        let question = try #require(messages.first { $0.author.displayName == "Inconnu Curieux" })
        #expect(question.text == "Salut ! Tu connais l’adresse de la vedette chez qui tu travailles ?")
        #expect(question.recipients.map(\.displayName) == ["Éclat Net"])
        #expect(question.conversationID == "inbox/inconnu_123")
        #expect(question.timestamp.secondsSince1970 == 1_684_900_000)
        #expect(result.summary.isBalanced)
        #expect(result.summary.recordsRead == 7)
    }
}
