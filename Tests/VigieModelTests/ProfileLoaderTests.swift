import Testing

@testable import VigieModel
@testable import VigieImport

@Suite struct ProfileLoaderTests {
    @Test func loadsTheCleaningBusinessExample() throws {
        let profile = try ProfileLoader.load(path: fixture("profiles/entretien-menager.yaml"))
        #expect(profile.organisation.name == "Éclat Net")
        #expect(profile.purposes.count == 3)
        #expect(profile.clientele == ["Particuliers", "Petites organisations"])
        #expect(profile.platforms.map(\.platform) == [.website, .facebook, .mastodon])
        #expect(profile.uses(.facebook))
        #expect(!profile.uses(.twitter))
        #expect(profile.securityIssues.map(\.id) == ["vols", "secrets-clients", "habitudes-clients", "confidentialite", "competiteurs"])
        #expect(profile.concerns.count == 6)
        let nadia = try #require(profile.people.first { $0.id == "nadia" })
        #expect(nadia.kind == .employee)
        #expect(nadia.accounts.map(\.platform) == [.facebook, .instagram])
        #expect(profile.people.first { $0.id == "brillo" }?.kind == .competitor)
        #expect(profile.people.first { $0.id == "famille-ministre" }?.kind == .publicFigure)
        let clients = try #require(profile.assets.first { $0.id == "fichier-clients" })
        #expect(clients.classification == .secret)
        #expect(clients.markers.clientNames.contains("Tremblay"))
        #expect(profile.assets.first { $0.id == "projet-bureaux" }?.markers.codeNames == ["Opération Vitrine"])
        #expect(profile.channels.first?.use == "service-client")
        // Platform accounts take the platform of their strategy.
        let mastodon = Account(platform: .mastodon, handle: "@eclatnet@mastodon.example")
        #expect(profile.actor(owning: mastodon)?.kind == .organisation)
        #expect(profile.actor(owning: Account(platform: .twitter, handle: "kouellet_menage"))?.id == "karine")
    }

    @Test func jsonProfilesLoadToo() throws {
        let json = """
            {"schema": "vigie.profile/1", "organisation": {"name": "Test"},
             "platforms": [{"platform": "linkedin", "strategy": "Recrutement"}]}
            """
        let profile = try ProfileLoader.load(yaml: json, file: "profil.json")
        #expect(profile.platforms.first?.platform == .linkedin)
    }

    @Test(arguments: [
        // A YAML syntax error: line and column of the problem.
        ("organisation:\n  name: Test\n  sector: [non fermé\n", 4, "invalid YAML"),
        // A missing key: the line of the mapping that lacks it.
        ("schema: vigie.profile/1\norganisation:\n  sector: Ménage\n", 3, "missing key \"name\""),
        // A wrong value: the line of the value.
        ("organisation:\n  name: Test\nassets:\n  - id: a\n    title: A\n    classification: tres-secret\n", 6,
         "invalid value \"tres-secret\""),
        // A wrong type.
        ("organisation:\n  name: Test\npurposes: oui\n", 3, "expected a list"),
        ("schema: vigie.profile/9\norganisation:\n  name: Test\n", 1, "unsupported profile schema"),
    ])
    func errorsNameTheFileAndLine(_ yaml: String, _ line: Int, _ message: String) {
        #expect {
            try ProfileLoader.load(yaml: yaml, file: "client.yaml")
        } throws: { error in
            guard let error = error as? ProfileError else { return false }
            return error.file == "client.yaml" && error.line == line && error.message.contains(message)
                && error.description.hasPrefix("client.yaml:\(line)")
        }
    }

    @Test func missingFileIsAClearError() {
        #expect(throws: ProfileError.self) { try ProfileLoader.load(path: "/nonexistent/profil.yaml") }
    }
}
