import Foundation
import Testing
import VigieImport
import VigieModel

/// The profile's time zone, consent register and other names; the one
/// risk scale; the one date style (docs/profile-schema.md, docs/report-schema.md).
@Suite("Time zone, consent and risk levels in the model")
struct ProfileClockTests {
    static let base = """
        schema: vigie.profile/1
        organisation:
          name: Éclat Net
          timeZone: America/Toronto
        people:
          - id: m-gagnon
            name: M. Gagnon
            otherNames: [Marc Gagnon, Marc]
            kind: client
            consent:
              platforms: [facebook, website]
              uses: [references]
              from: 2026-01-15
              until: 2027-01-14
              scope: Référence sur la page
          - id: mme-cote
            name: Mme Côté
            kind: former-client
            consentToBeNamed: true
            consentDate: 2025-06-01

        """

    @Test func aProfileGivesItsClockConsentsAndOtherNames() throws {
        let profile = try ProfileLoader.load(yaml: Self.base, file: "p.yaml")
        #expect(profile.organisation.timeZone == "America/Toronto")
        #expect(profile.clock.identifier == "America/Toronto")
        let gagnon = try #require(profile.people.first)
        #expect(gagnon.searchNames == ["M. Gagnon", "Marc Gagnon", "Marc", "Gagnon"])
        #expect(gagnon.consent?.platforms == [.facebook, .website])
        #expect(gagnon.consent?.uses == ["references"])
        #expect(gagnon.consentToBeNamed && gagnon.consentDate == "2026-01-15")
        #expect(gagnon.consent?.holds(on: "2026-01-15") == true)
        #expect(gagnon.consent?.holds(on: "2026-01-14") == false)
        #expect(gagnon.consent?.holds(on: "2027-01-15") == false)
        // The older form still reads: a consent from that day, anywhere.
        let cote = profile.people[1]
        #expect(cote.consent == Person.Consent(from: "2025-06-01"))
        // What scripts get: the encoded person, round trip included.
        let encoded = try JSONEncoder().encode(profile)
        #expect(try JSONDecoder().decode(OrganisationProfile.self, from: encoded) == profile)
        let text = String(decoding: encoded, as: UTF8.self)
        #expect(text.contains("\"searchNames\""))
    }

    @Test(arguments: [
        ("  timeZone: America/Toronto", "  timeZone: Amerique/Montreal", "unknown time zone"),
        ("      from: 2026-01-15", "      from: 2026-02-30", "from is a day written YYYY-MM-DD"),
        ("      until: 2027-01-14", "      until: 2025-01-01", "the consent ends (2025-01-01) before it starts"),
        ("    consentDate: 2025-06-01", "    consentDate: 2025-06-01\n    consent: { from: 2024-01-01 }", "give the consent once"),
    ])
    func badTimeZonesAndDaysAreRefusedWithTheirLine(good: String, bad: String, message: String) throws {
        let text = Self.base.replacingOccurrences(of: good, with: bad)
        #expect(text != Self.base)
        #expect {
            try ProfileLoader.load(yaml: text, file: "p.yaml")
        } throws: { error in
            let description = "\(error)"
            return description.contains(message) && description.contains("p.yaml:")
        }
    }

    @Test func oneDateStyleOnTheClock() throws {
        let clock = try #require(LocalClock(identifier: "America/Toronto"))
        let t = try #require(Timestamp(iso8601: "2026-03-19T06:40:00Z"))
        let fr = DateStyle(language: "fr", clock: clock)
        #expect(fr.date(t) == "19\u{00A0}mars\u{00A0}2026 à 2\u{00A0}h\u{00A0}40")
        #expect(DateStyle(language: "en", clock: clock).date(t) == "19 March 2026, 02:40")
        #expect(DateStyle(language: "fr").date(t) == "19\u{00A0}mars\u{00A0}2026 à 6\u{00A0}h\u{00A0}40")  // UTC
        #expect(fr.zoneNote == "Heures\u{00A0}: heure de l’Est (America/Toronto)")
        #expect(DateStyle(language: "en").zoneNote == "Times: UTC")
        #expect(fr.day(iso: "2026-02-01") == "1er\u{00A0}février\u{00A0}2026")
        #expect(clock.local(t).iso8601 == "2026-03-19T02:40:00-04:00")
        // A day before 1970 and a leap day, by the civil-date arithmetic.
        #expect(DateStyle(language: "en").date(Timestamp(iso8601: "1969-12-31T23:59:00Z")!) == "31 December 1969, 23:59")
        #expect(DateStyle(language: "en").date(Timestamp(iso8601: "2028-02-29T12:00:00Z")!, time: false) == "29 February 2028")
        #expect(LocalClock(identifier: "Nowhere/Atlantis") == nil)
    }

    @Test(arguments: [(1, RiskLevel.low), (4, .low), (5, .moderate), (9, .moderate), (10, .high), (14, .high), (15, .critical), (25, .critical)])
    func oneRiskScale(score: Int, level: RiskLevel) {
        #expect(RiskLevel(score: score) == level)
        #expect(level.scores.contains(score))
    }

    @Test func riskLevelNamesPerLanguage() {
        #expect(RiskLevel.allCases.map { $0.name(language: "fr") } == ["Faible", "Modéré", "Élevé", "Critique"])
        #expect(RiskLevel.allCases.map { $0.name(language: "en-CA") } == ["Low", "Moderate", "High", "Critical"])
        #expect(RiskLevel.critical.rangeText == "15–25")
    }

    @Test func namesForPeople() {
        #expect(DisplayNames.platform(.website, language: "fr") == "site Web")
        #expect(DisplayNames.platform(.twitter, language: "en") == "X (Twitter)")
        #expect(DisplayNames.channel("*", language: "fr") == "tout autre canal")
        #expect(DisplayNames.channel("unlisted", language: "fr") == "publications non répertoriées")
        #expect(DisplayNames.channel("direct-message", language: "en") == "direct messages")
        #expect(DisplayNames.level("confidential", language: "fr") == "Confidentiel")
        #expect(DisplayNames.level("diffusion-restreinte", language: "fr") == "Diffusion restreinte")
        #expect(DisplayNames.account("1800000000000000099", platform: .twitter, language: "fr") == "compte X (Twitter) …0099")
        #expect(DisplayNames.account("Marc-André Lebel", platform: .instagram, language: "fr") == "Marc-André Lebel (Instagram)")
    }
}
