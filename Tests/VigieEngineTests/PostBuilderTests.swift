import Foundation
import LuaHost
import Testing
import VigieModel
import VigiePolicy

@testable import VigieEngine

/// One builder for a post, and one person key, in `check`, the rules'
/// examples, test files' `check { ... }` and the REPL's `:check`.
@Suite struct PostBuilderTests {
    /// A rule that writes to its post, with an example of each kind.
    static let writer = header + """

        rule "marque" {
          check = function(post, ctx)
            post.seen = true
            ctx:flag()
          end,
          examples = { flag = { "Bonjour" }, pass = { "Au revoir" } },
        }
        """

    /// A post is read-only everywhere, and writing to it is the same error
    /// at the rule's line on all four roads.
    @Test func aRuleThatWritesToItsPostFailsTheSameEverywhere() throws {
        let expected = "attempt to modify read-only host data"
        // vigie check
        let e = try engine(Self.writer, testing: true)
        let checked = e.check(post("Bonjour"))
        #expect(checked.findings.isEmpty)
        #expect(checked.failures.map(\.message) == [expected])
        #expect(checked.failures.first?.location == SourceLocation(file: "test/policy.lua", line: 4))
        // its own examples
        let examples = e.runExamples()
        #expect(examples.count == 2)
        #expect(examples.allSatisfy { !$0.passed })
        #expect(examples.map { $0.failure?.message } == [expected, expected])
        #expect(examples.map { $0.failure?.location?.line } == [4, 4])
        // a test file's check { ... }
        let tests = try e.runTests(source: """
            it("marque", function() expect(check("Bonjour")).to_flag("marque") end)
            """, file: "tests/marque_test.lua")
        #expect(tests.map(\.passed) == [false])
        #expect(tests.first?.message == "test/policy.lua:4: \(expected)")
        // the REPL's :check
        let repl = e.checkText("Bonjour")
        #expect(repl.failures.map(\.message) == [expected])
        #expect(repl.failures.first?.location?.line == 4)
    }

    /// Flag example 1 and pass example 1 are two posts.
    @Test func everyExampleHasItsOwnID() throws {
        let e = try engine(header + """

            rule "ids" {
              check = function(post, ctx) error("id " .. post.id, 0) end,
              examples = { flag = { "a", "b" }, pass = { "c", "d" } },
            }
            """)
        let ids = e.runExamples().compactMap { $0.failure?.activity.id }
        #expect(ids == ["example:ids:flag:1", "example:ids:flag:2", "example:ids:pass:1", "example:ids:pass:2"])
        #expect(e.runExamples().compactMap { $0.failure?.message } == ids.map { "id " + $0 })
    }

    static let nightPhoto = header + """

        rule "photo-de-nuit" {
          check = function(post, ctx)
            if post.hour >= 22 and post.hashtags[1] == "nuit" and #post.attachments == 1
              and post.attachments[1].location and post.utc_offset == -18000 then
              ctx:flag()
            end
          end,
          examples = {
            flag = { { text = "Au bureau", time = "2026-03-01T22:30:00-05:00", hashtags = { "nuit" },
                       attachments = { { kind = "image", uri = "photo.jpg", location = { lat = 45.5, lon = -73.6 } } } } },
            pass = { { text = "Au bureau", time = "2026-03-01T12:30:00-05:00", hashtags = { "nuit" },
                       attachments = { { kind = "image", uri = "photo.jpg", location = { lat = 45.5, lon = -73.6 } } } },
                     { text = "Au bureau", time = 1772422200, hashtags = { "nuit" } } },
          },
        }
        """

    /// Examples take the fields of the post (time as ISO text with its
    /// zone, hashtags, attachments...), not only text and platform.
    @Test func examplesTakeThePostsFields() throws {
        let e = try engine(Self.nightPhoto)
        let results = e.runExamples()
        #expect(results.map(\.expected) == [.flag, .pass, .pass])
        #expect(results.map(\.passed) == [true, true, true])
        #expect(results.allSatisfy { $0.failure == nil })
    }

    @Test func anUnknownFieldInAnExampleIsALoadErrorNamingIt() throws {
        let error = loadError(header + """

            rule "r" {
              check = function(post, ctx) end,
              examples = { flag = { "ok", { text = "x", tiem = 3 } } },
            }
            """)
        // at the example's own line
        #expect(error?.location == SourceLocation(file: "test/policy.lua", line: 4))
        #expect(error?.message.hasPrefix(#"rule "r": examples.flag[2]: unknown field "tiem"; the fields are actor, "#) == true)
        #expect(error?.message.contains("time") == true)
    }

    @Test func aBadValueInAnExampleFailsThatExampleNamingTheField() throws {
        let e = try engine(header + """

            rule "r" {
              check = function(post, ctx) ctx:flag() end,
              examples = { flag = { { text = "x", time = "hier" }, { text = "y", kind = "story" } } },
            }
            """)
        let results = e.runExamples()
        #expect(results.map(\.passed) == [false, false])
        #expect(results[0].failure?.message.hasPrefix(#"examples.flag[1]: time must be seconds since 1970 or an ISO 8601 text"#) == true)
        #expect(results[1].failure?.message.hasPrefix(#"examples.flag[2]: kind "story" is not a kind of activity"#) == true)
    }

    /// check { ... } in a test file takes the same fields, an ISO time included.
    @Test func checkInATestFileTakesThePostsFields() throws {
        let e = try engine(Self.nightPhoto, testing: true)
        let results = try e.runTests(source: """
            local photo = { { kind = "image", uri = "photo.jpg", location = { lat = 45.5, lon = -73.6 } } }
            it("l'heure locale d'un temps ISO", function()
              local r = check { text = "Au bureau", time = "2026-03-01T22:00:00-05:00", hashtags = { "nuit" }, attachments = photo }
              expect(r.post.hour).to_equal(22)
              expect(r.post.utc_offset).to_equal(-18000)
              expect(r.post.timestamp).to_equal("2026-03-01T22:00:00-05:00")
              expect(r).to_flag("photo-de-nuit")
            end)
            it("de jour, rien", function()
              expect(check { text = "Au bureau", time = "2026-03-01T12:00:00-05:00", hashtags = { "nuit" }, attachments = photo })
                .to_pass()
            end)
            it("un champ inconnu", function() check { text = "x", tiem = 3 } end)
            """, file: "tests/nuit_test.lua")
        #expect(results.map(\.passed) == [true, true, false])
        #expect(results[2].message?.hasPrefix(#"tests/nuit_test.lua:13: check: unknown field "tiem"; the fields are actor, "#) == true)
    }

    /// The person key is the host's, the same for the indicators' history
    /// in check and in test files, for the incidents and for the workers'
    /// shards: here one person with two accounts.
    @Test func onePersonKeyEverywhere() throws {
        let profile = OrganisationProfile(
            organisation: .init(name: "Essai"),
            people: [Person(id: "ines", name: "Inès", accounts: [
                Account(platform: .linkedin, handle: "ines.pro"), Account(platform: .instagram, handle: "ines.perso"),
            ])])
        let e = try engine(header + """

            indicator "deux-fois" {
              state = function() return { n = 0 } end,
              observe = function(post, state, ctx)
                state.n = state.n + 1
                if state.n == 2 then ctx:flag() end
              end,
            }
            incident "suivi" { opened_by = { "deux-fois" } }
            """, profile: profile, testing: true)
        let first = post("Bonjour", id: "a", platform: .linkedin, handle: "ines.pro")
        let second = post("Salut", id: "b", platform: .instagram, handle: "ines.perso")
        #expect(e.actorKey(of: first) == "ines")
        #expect(e.actorKey(of: second) == "ines")
        #expect(e.check(first).findings.isEmpty)
        let flagged = e.check(second)
        #expect(flagged.findings.map(\.ruleID) == ["deux-fois"])
        #expect(Escalation.replay(engine: e, events: e.events(of: second, flagged)).incidents.map(\.actorKey) == ["ines"])
        // A stranger's key is the account's.
        #expect(e.actorKey(of: post("x", platform: .mastodon, handle: "quelqu'un")) == "mastodon:quelqu'un")
        // The same person in a test file's check.
        let tests = try e.runTests(source: """
            it("deux comptes, une personne", function()
              expect(check { text = "a", platform = "linkedin", handle = "ines.pro" }).to_pass()
              expect(check { text = "b", platform = "instagram", handle = "ines.perso" }).to_flag("deux-fois")
            end)
            """, file: "tests/personne_test.lua")
        #expect(tests.map(\.passed) == [true])
    }
}
