import Foundation
import Testing
import VigieTestSupport

/// Several people's Facebook exports of one organisation (issue 20): whose
/// export it is, said on import; group posts read; the audience given.
@Suite("vigie import --owner")
struct ExportOwnerTests {
    static let profile = """
        schema: vigie.profile/1
        organisation:
          name: Les Lucioles
        platforms:
          - platform: facebook
            strategy: Nouvelles aux parents
            accounts:
              - handle: leslucioles
        people:
          - id: camille
            name: Camille Roy
            kind: employee
            accounts:
              - platform: facebook
                displayName: Camille Roy
          - id: malik
            name: Malik Haddad
            kind: employee
        """

    /// A Facebook export as "Download your information" writes it: posts,
    /// comments, and posts and comments in groups.
    static func export(in folder: TemporaryFolder, _ name: String, post: String) throws -> String {
        try folder.write("\(name)/your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json", """
            [
              { "timestamp": 1767607200, "data": [ { "post": "\(post)" } ], "title": "A publié." }
            ]
            """)
        try folder.write("\(name)/your_facebook_activity/comments_and_reactions/comments.json", """
            { "comments_v2": [
              { "timestamp": 1767610800, "data": [ { "comment": { "timestamp": 1767610800, "comment": "Merci à tous !", "author": "Quelqu'un" } } ],
                "title": "A commenté." }
            ] }
            """)
        try folder.write("\(name)/your_facebook_activity/groups/your_posts_in_groups.json", """
            { "group_posts_v2": [
              { "timestamp": 1767614400, "data": [ { "post": "Sortie au parc jeudi, pensez aux bottes." } ],
                "title": "A publié dans Parents du quartier." }
            ] }
            """)
        try folder.write("\(name)/your_facebook_activity/groups/your_comments_in_groups.json", """
            { "group_comments_v2": [
              { "timestamp": 1767618000, "data": [ { "comment": { "timestamp": 1767618000, "comment": "Oui, à 10 h.", "author": "Quelqu'un" } } ],
                "title": "A commenté dans Parents du quartier." }
            ] }
            """)
        return folder.path(name)
    }

    static func records(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    @Test func twoPeoplesExportsAreToldApart() throws {
        let folder = try TemporaryFolder()
        let profile = try folder.write("profile.yaml", Self.profile).path
        // The same post, word for word and to the second, in both exports.
        let camille = try Self.export(in: folder, "camille", post: "Bonne année à toutes les familles !")
        let malik = try Self.export(in: folder, "malik", post: "Bonne année à toutes les familles !")
        let out = folder.path("all.jsonl")
        let result = try VigieBinary.run([
            "import", camille, "--owner", "camille", "--profile", profile, "-o", out,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let other = try VigieBinary.run(["import", malik, "--owner", "malik", "--profile", profile, "-o", folder.path("malik.jsonl")])
        #expect(other.status == 0, "\(other.stderr)")
        let first = try Self.records(String(contentsOfFile: out, encoding: .utf8))
        let second = try Self.records(String(contentsOfFile: folder.path("malik.jsonl"), encoding: .utf8))
        // Posts, comments, group posts and group comments: four each.
        #expect(first.count == 4 && second.count == 4, "\(result.stdout)")
        #expect(first.allSatisfy { $0["actorID"] as? String == "camille" })
        #expect(second.allSatisfy { $0["actorID"] as? String == "malik" })
        // Camille's profile account; Malik, who has none on Facebook, by name.
        let camilleAuthor = try #require(first[0]["author"] as? [String: Any])
        #expect(camilleAuthor["displayName"] as? String == "Camille Roy" && camilleAuthor["id"] == nil)
        let malikAuthor = try #require(second[0]["author"] as? [String: Any])
        #expect(malikAuthor["displayName"] as? String == "Malik Haddad")
        // The same post by two people is two activities.
        let ids = Set((first + second).compactMap { $0["id"] as? String })
        #expect(ids.count == 8)
        // Group posts and comments are read, seen by the group's members.
        let group = first.filter { ($0["title"] as? String)?.contains("Parents du quartier") == true }
        #expect(group.count == 2)
        #expect(group.allSatisfy { $0["visibility"] as? String == "followers" })
        #expect(group.contains { $0["kind"] as? String == "post" } && group.contains { $0["kind"] as? String == "comment" })
    }

    @Test func theAudienceIsGivenAndTheOrganisationCanOwnAnExport() throws {
        let folder = try TemporaryFolder()
        let profile = try folder.write("profile.yaml", Self.profile).path
        let page = try Self.export(in: folder, "page", post: "Inscriptions ouvertes pour septembre.")
        let result = try VigieBinary.run([
            "import", page, "--owner", "organisation", "--profile", profile, "--visibility", "public",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let records = try Self.records(result.stdout)
        let post = try #require(records.first { $0["text"] as? String == "Inscriptions ouvertes pour septembre." })
        #expect(post["visibility"] as? String == "public")
        #expect(post["actorID"] as? String == "organisation")
        #expect((post["author"] as? [String: Any])?["handle"] as? String == "leslucioles")
        // A comment's audience is not the post's: it stays as the export says.
        let comment = try #require(records.first { $0["text"] as? String == "Merci à tous !" })
        #expect(comment["visibility"] == nil || comment["visibility"] as? String == "unknown")
        // Without --owner, as before: the export's owner, the same for everyone.
        let plain = try VigieBinary.run(["import", page])
        let plainPost = try #require(try Self.records(plain.stdout).first { $0["text"] as? String == "Inscriptions ouvertes pour septembre." })
        #expect((plainPost["author"] as? [String: Any])?["id"] as? String == "owner")
        #expect(plainPost["actorID"] == nil)
        #expect(plainPost["visibility"] as? String == "unknown")
    }

    @Test func anUnknownOwnerOrNoProfileIsAnError() throws {
        let folder = try TemporaryFolder()
        let profile = try folder.write("profile.yaml", Self.profile).path
        let page = try Self.export(in: folder, "x", post: "Bonjour")
        let typo = try VigieBinary.run(["import", page, "--owner", "camile", "--profile", profile])
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("--owner camile: no person \"camile\" in \(profile); did you mean \"camille\"?"), "\(typo.stderr)")
        let noProfile = try VigieBinary.run(["import", page, "--owner", "camille"], in: folder.url)
        #expect(noProfile.status == 2)
        #expect(noProfile.stderr.contains("give the profile that knows the person (-p POLICY or --profile FILE)"))
        let badAudience = try VigieBinary.run(["import", page, "--visibility", "friends"])
        #expect(badAudience.status == 2)
        #expect(badAudience.stderr.contains("--visibility is public, followers, connections, unlisted or direct."))
    }
}
