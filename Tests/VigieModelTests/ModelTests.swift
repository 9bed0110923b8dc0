import Foundation
import Testing

@testable import VigieModel
@testable import VigieImport

@Suite struct TimestampTests {
    @Test(arguments: [
        ("2023-05-13T17:20:09Z", 1_683_998_409.0, 0, "2023-05-13T17:20:09Z"),
        ("2023-05-13T19:20:09+02:00", 1_683_998_409.0, 7200, "2023-05-13T19:20:09+02:00"),
        ("2023-05-13 13:20:09-0400", 1_683_998_409.0, -14400, "2023-05-13T13:20:09-04:00"),
        ("2023-05-13T17:20:09.250Z", 1_683_998_409.25, 0, "2023-05-13T17:20:09.250Z"),
        ("2023-05-13 17:20:09", 1_683_998_409.0, 0, "2023-05-13T17:20:09Z"),
        ("1969-12-31T23:59:59Z", -1.0, 0, "1969-12-31T23:59:59Z"),
    ])
    func parsesAndFormatsISO8601(_ text: String, _ seconds: Double, _ offset: Int, _ formatted: String) throws {
        let timestamp = try #require(Timestamp(iso8601: text))
        #expect(timestamp.secondsSince1970 == seconds)
        #expect(timestamp.utcOffset == offset)
        #expect(timestamp.iso8601 == formatted)
    }

    /// The formatter against Foundation's calendar, over a spread of
    /// instants, offsets and milliseconds (years 1900–2100).
    @Test func formatsLikeTheGregorianCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        var state: UInt64 = 11
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % n
        }
        for _ in 0..<2_000 {
            let seconds = Double(next(6_311_390_400) - 2_208_988_800) + Double(next(4) == 0 ? next(1000) : 0) / 1000
            let offset = [0, 3600, 7200, -14400, -18000, 19800, -34200, 45900][next(8)]
            let t = Timestamp(secondsSince1970: seconds, utcOffset: offset)
            calendar.timeZone = try #require(TimeZone(secondsFromGMT: offset))
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .nanosecond], from: t.date)
            let millis = Int((Double(c.nanosecond!) / 1_000_000).rounded())
            var expected = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
            if millis != 0 { expected += String(format: ".%03d", millis) }
            expected += offset == 0 ? "Z" : String(format: "%@%02d:%02d", offset < 0 ? "-" : "+", abs(offset) / 3600, abs(offset) / 60 % 60)
            #expect(t.iso8601 == expected)
            #expect(Timestamp(iso8601: t.iso8601)?.utcOffset == offset)
        }
    }

    @Test(arguments: ["", "2023-13-01T00:00:00Z", "2023-05-13", "2023-05-13T17:20Z", "hier", "2023-05-13T17:20:09+2"])
    func rejectsWhatIsNotADateTime(_ text: String) {
        #expect(Timestamp(iso8601: text) == nil)
    }

    @Test func parsesTwitterDates() {
        #expect(TwitterImporter.date("Sat May 13 17:20:09 +0000 2023")?.secondsSince1970 == 1_683_998_409)
        #expect(TwitterImporter.date("Sat May 13 19:20:09 +0200 2023")?.utcOffset == 7200)
        #expect(TwitterImporter.date("13/05/2023") == nil)
    }
}

@Suite struct ModelTests {
    let activity = Activity(
        id: "twitter:1", kind: .post, platform: .twitter, author: Account(platform: .twitter, handle: "EclatNet"),
        timestamp: Timestamp(secondsSince1970: 1_683_998_409, utcOffset: -14400), visibility: .public,
        text: "Appelez-nous au 450 555-0199 !", language: "fr",
        source: RecordSource(file: "tweets.js", index: 0, line: 2))

    @Test func activityComputesItsNormalizedText() {
        #expect(activity.normalizedText == "appelez-nous au 450 555-0199 !")
    }

    @Test func activityRoundTripsThroughJSON() throws {
        var rich = activity
        rich.attachments = [
            Attachment(kind: .image, uri: "a.jpg", altText: "Une cuisine",
                       exif: Exif(location: GeoPoint(latitude: 45.5, longitude: -73.6), device: "Phone"))
        ]
        rich.place = Place(name: "Laval", location: GeoPoint(latitude: 45.6, longitude: -73.7))
        rich.replyTo = ReplyTarget(activityID: "twitter:0", account: Account(platform: .twitter, handle: "marc_t"))
        let data = try JSONEncoder().encode(rich)
        #expect(try JSONDecoder().decode(Activity.self, from: data) == rich)
    }

    /// An activity is a value: its fields share one box between copies,
    /// and changing a copy (a field, or in place inside one) leaves the
    /// others as they were.
    @Test func copiesOfAnActivityAreIndependentValues() {
        let original = activity
        var copy = original
        #expect(copy == original)
        #expect(copy.hashValue == original.hashValue)
        copy.author.handle = "autre"
        copy.hashtags.append("crise")
        copy.timestamp.utcOffset = 3600
        #expect(original.author.handle == "EclatNet")
        #expect(original.hashtags.isEmpty)
        #expect(original.timestamp.utcOffset == -14400)
        #expect(copy.author.handle == "autre")
        #expect(copy.hashtags == ["crise"])
        #expect(copy.timestamp.utcOffset == 3600)
        #expect(copy != original)
        var back = copy
        back.author.handle = "EclatNet"
        back.hashtags = []
        back.timestamp.utcOffset = -14400
        #expect(back == original)
        #expect(Set([original, back]).count == 1)
    }

    /// Every field of the ISO 8601 text keeps its digits: years of fewer
    /// than four digits, milliseconds, offsets with minutes on both sides.
    @Test func iso8601WritesEachFieldWithItsDigits() {
        for text in [
            "0001-01-01T00:00:00Z", "0999-12-31T23:59:59Z", "9999-12-31T23:59:59Z", "2024-02-29T09:05:07.250-03:30",
            "1970-01-01T00:00:00+14:00", "2026-12-07T11:45:00.001+05:45", "1969-12-31T23:59:59.999Z",
        ] {
            #expect(Timestamp(iso8601: text)?.iso8601 == text)
        }
    }

    @Test func findingFingerprintIsStableAndIgnoresAdvice() {
        let span = EvidenceSpan(start: 16, end: 28, label: "phone")
        let a = Finding(ruleID: "pas-de-telephone", severity: .high, evidence: [span], activity: ActivityReference(activity),
                        advice: "Retirer le numéro.")
        let b = Finding(ruleID: "pas-de-telephone", severity: .medium, evidence: [span], activity: ActivityReference(id: "twitter:1"),
                        advice: "Autre conseil.")
        let c = Finding(ruleID: "pas-de-telephone", severity: .high, evidence: [EvidenceSpan(start: 0, end: 4)],
                        activity: ActivityReference(activity))
        #expect(a.fingerprint == b.fingerprint)
        #expect(a.fingerprint != c.fingerprint)
        // Pinned: the fingerprint must not change between versions of Vigie.
        // (FNV-1a 64 of the parts, each followed by a 0xff separator, computed independently.)
        #expect(a.fingerprint == "308baaca5cc0a485")
        #expect(span.excerpt(of: activity.text) == "450 555-0199")
        #expect(EvidenceSpan(start: 5, end: 2).range == 2..<5)
        #expect(EvidenceSpan(start: 28, end: 99).excerpt(of: activity.text) == nil)
    }

    @Test func stableHashIsFNV1a() {
        // FNV-1a 64 of "" is the offset basis; our separator byte then mixes in.
        var empty = StableHash()
        #expect(empty.value == 0xcbf2_9ce4_8422_2325)
        empty.combine("")
        #expect(empty.value != 0xcbf2_9ce4_8422_2325)
        #expect(StableHash.hex("ab", "c") != StableHash.hex("a", "bc"))
    }

    @Test func incidentFollowsItsReactionPlan() {
        let plan = ReactionPlan(id: "client-mecontent", on: "negative-comment-by-client", steps: [
            ReactionStep(id: "dialogue", advice: "Parler calmement au client."),
            ReactionStep(id: "avertissement", condition: "menace-ou-intimidation"),
            ReactionStep(id: "exclusion", condition: "recidive", recordReasons: true),
        ])
        var incident = Incident(id: "inc-1", kind: plan.on, actorID: "mme-tremblay", openedBy: ["abc"])
        let now = Timestamp(secondsSince1970: 1_700_000_000)
        var step = plan.step(after: incident.currentStep)
        #expect(step?.id == "dialogue")
        incident.record(Decision(action: .opened, step: step?.id, reason: "Commentaire négatif", at: now))
        step = plan.step(after: incident.currentStep)
        #expect(step?.id == "avertissement")
        incident.record(Decision(action: .escalated, step: step?.id, reason: "Menaces", at: now))
        step = plan.step(after: incident.currentStep)
        #expect(step?.recordReasons == true)
        incident.record(Decision(action: .closed, step: step?.id, reason: "Exclu après récidive", at: now))
        #expect(incident.status == .closed)
        #expect(incident.currentStep == "exclusion")
        #expect(incident.history.map(\.action) == [.opened, .escalated, .closed])
        #expect(plan.step(after: "exclusion") == nil)
    }

    @Test func accountsMatchByIdThenHandle() {
        let a = Account(platform: .twitter, handle: "@EclatNet")
        #expect(a.matches(Account(platform: .twitter, handle: "eclatnet")))
        #expect(!a.matches(Account(platform: .mastodon, handle: "eclatnet")))
        #expect(Account(platform: .twitter, id: "1").matches(Account(platform: .twitter, handle: "x", id: "1")))
        #expect(!Account(platform: .twitter, id: "1").matches(Account(platform: .twitter, id: "2")))
    }

    @Test func severityAndClassificationAreOrdered() {
        #expect(Severity.info < .critical)
        #expect(Classification.public < .internal)
        #expect(Classification.confidential < .secret)
    }
}
