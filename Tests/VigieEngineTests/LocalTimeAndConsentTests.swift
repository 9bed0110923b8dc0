import Foundation
import Testing
import VigieEngine
import VigieModel

/// The organisation's clock and the consent register, as rules see them:
/// `post.hour` on the profile's time zone, `org:names` and
/// `org:consent_covers` (docs/profile-schema.md).
@Suite("The organisation's clock and the consent register in rules")
struct LocalTimeAndConsentTests {
    static let nightRule = header + """

        rule "nuit" { severity = "low", check = function(post, ctx)
          if post.hour < 5 then ctx:flag { note = post.hour .. " h, jour " .. post.weekday } end
        end }
        """

    static func profile(zone: String?) -> OrganisationProfile {
        OrganisationProfile(organisation: .init(name: "Nordelia", language: "fr", timeZone: zone))
    }

    /// Exported at 06:10 UTC: 2 h 10 in Québec (summer time, UTC−4), morning in UTC.
    @Test func postHourIsOnTheOrganisationsClock() throws {
        let early = post("Encore au bureau virtuel…", at: "2026-05-06T06:10:00Z")
        let local = try engine(Self.nightRule, profile: Self.profile(zone: "America/Toronto")).check(early)
        #expect(local.findings.map(\.ruleID) == ["nuit"])
        #expect(local.notes.values.first == "2 h, jour 3")  // a Wednesday in Québec
        let utc = try engine(Self.nightRule, profile: Self.profile(zone: nil)).check(early)
        #expect(utc.findings.isEmpty)
        // Winter time: 06:10 UTC is 1 h 10 (UTC−5).
        let winter = try engine(Self.nightRule, profile: Self.profile(zone: "America/Toronto"))
            .check(post("Encore au bureau virtuel…", at: "2026-01-14T06:10:00Z"))
        #expect(winter.notes.values.first == "1 h, jour 3")
    }

    static let consentRule = header + """

        rule "consentement" { severity = "high", check = function(post, ctx)
          for _, person in ipairs(ctx.org:people("client")) do
            local ok, why = ctx.org:consent_covers(person, post)
            if not ok then
              for _, name in ipairs(ctx.org:names(person)) do
                local found = text.find(post.text, name)
                if #found > 0 then ctx:flag { evidence = found, note = why } return end
              end
            end
          end
        end }
        """

    static var consentProfile: OrganisationProfile {
        var p = profile(zone: "America/Toronto")
        p.platforms = [PlatformStrategy(platform: .facebook, strategy: "Page", accounts: [Account(platform: .facebook, handle: "eclatnet.laval", id: "owner")])]
        p.channels = [ApprovedChannel(use: "references", platforms: [.facebook, .website], accounts: ["eclatnet.laval"])]
        p.people = [
            Person(id: "m-gagnon", name: "M. Gagnon", kind: .client, otherNames: ["Marc"],
                   consent: .init(platforms: [.facebook, .website], uses: ["references"], from: "2026-01-15", until: "2027-01-14")),
            Person(id: "mme-cote", name: "Mme Côté", kind: .client,
                   consent: .init(from: "2025-06-01", withdrawn: "2026-02-01")),
            Person(id: "mme-tremblay", name: "Mme Tremblay", kind: .client, otherNames: ["Sylvie"]),
        ]
        return p
    }

    func why(_ text: String, at iso: String, platform: Platform = .facebook, handle: String = "eclatnet.laval") throws -> String? {
        let e = try engine(Self.consentRule, profile: Self.consentProfile)
        let result = e.check(post(text, platform: platform, handle: handle, at: iso))
        return result.findings.isEmpty ? nil : result.notes.values.first ?? "?"
    }

    @Test func theConsentRuleChecksScopeDatesAndWithdrawal() throws {
        // Within the consent: on the page, for references, between its days.
        #expect(try why("Merci à M. Gagnon !", at: "2026-03-02T17:00:00Z") == nil)
        #expect(try why("Merci Marc !", at: "2026-03-02T17:00:00Z") == nil)
        // Before it, after it, elsewhere, from another account.
        #expect(try why("Merci à M. Gagnon !", at: "2026-01-10T17:00:00Z") == "before")
        #expect(try why("Merci à M. Gagnon !", at: "2027-02-01T17:00:00Z") == "expired")
        #expect(try why("Merci à M. Gagnon !", at: "2026-03-02T17:00:00Z", platform: .twitter) == "platform")
        #expect(try why("Merci à M. Gagnon !", at: "2026-03-02T17:00:00Z", handle: "nadia.perso") == "use")
        // The page known by its id only (a Facebook export) is still the page.
        let e = try engine(Self.consentRule, profile: Self.consentProfile)
        var byID = post("Merci à M. Gagnon !", at: "2026-03-02T17:00:00Z")
        byID.author = Account(platform: .facebook, id: "owner")
        #expect(e.check(byID).findings.isEmpty)
        // Withdrawn, none at all, and a first name alone.
        #expect(try why("Merci à Mme Côté !", at: "2026-01-20T17:00:00Z") == nil)
        #expect(try why("Merci à Mme Côté !", at: "2026-02-01T17:00:00Z") == "withdrawn")
        #expect(try why("À mardi, Sylvie !", at: "2026-03-02T17:00:00Z") == "none")
        // Days on the organisation's clock: 04:30 UTC on the 15th is the 14th in Québec.
        #expect(try why("Merci à M. Gagnon !", at: "2026-01-15T04:30:00Z") == "before")
        #expect(try why("Merci à M. Gagnon !", at: "2026-01-15T05:30:00Z") == nil)
    }

    @Test func examplesMarkGoodPracticeAndLanguage() throws {
        let e = try engine(header + """

            rule "r" { severity = "low", check = function(post, ctx) if post.text == "x" then ctx:flag {} end end,
              examples = { flag = { "x" },
                           pass = { { text = "Bonjour", good_practice = true }, { text = "Hi", language = "en" }, "Salut" } } }
            """)
        let rule = try #require(e.declarations.rule("r"))
        #expect(rule.passExamples.map(\.goodPractice) == [true, false, false])
        #expect(rule.passExamples[1].language == "en")
        // The mark is for pass examples only, and a boolean.
        #expect(loadError(header + #"\#nrule "r" { check = function() end, examples = { flag = { { text = "x", good_practice = true } } } }"#)?
            .description.contains("good_practice marks a pass example only") == true)
        #expect(loadError(header + #"\#nrule "r" { check = function() end, examples = { pass = { { text = "x", good_practice = "oui" } } } }"#)?
            .description.contains("good_practice must be true or false") == true)
        // Marked examples still run as tests.
        let results = e.runExamples()
        #expect(results.count == 4 && results.allSatisfy { $0.passed })
    }
}
