import Foundation

/// The files of a new policy, in French or English.
public enum PolicyScaffold {
    /// Writes a new policy for `client` in `folder` (which must not exist):
    /// returns the files' names, sorted.
    public static func create(client: String, language: String, in folder: URL) throws(RunError) -> [String] {
        if FileManager.default.fileExists(atPath: folder.path) {
            throw RunError(.output, "\(folder.path) already exists; choose another name, or edit the policy there")
        }
        let files = language == "fr" ? french(client) : english(client)
        do {
            for (name, content) in files {
                let url = folder.appendingPathComponent(name)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(content.utf8).write(to: url, options: .withoutOverwriting)
            }
        } catch {
            throw RunError(.output, "cannot create \(folder.path): \(error.localizedDescription)")
        }
        // The editor kit: LuaLS definitions, .luarc.json, the profile's schema.
        let kit = try EditorKit.write(into: folder.path)
        return Array(Set(files.map(\.0) + kit.written)).sorted()
    }


    public static func french(_ client: String) -> [(String, String)] {
        [
            ("profile.yaml", """
                # Profil de \(client) (docs/profile-schema.md) : les réponses aux quatre questions.
                schema: vigie.profile/1
                organisation:
                  name: \(client)
                  language: fr
                # Question 1 — À quoi vont servir les médias sociaux choisis ?
                purposes:
                  - Offrir nos services
                # Question 2 — Quelle est la clientèle recherchée ?
                clientele:
                  - Particuliers
                # Question 3 — Quelle stratégie pour chaque plateforme ?
                platforms:
                  - platform: facebook
                    strategy: Bouche à oreille et publicité
                # Question 4 — Quels enjeux de sécurité correspondent à notre travail ?
                securityIssues:
                  - id: confidentialite
                    title: Confidentialité de la clientèle
                people: []

                """),
            ("policy.lua", """
                -- Politique de \(client). Voir docs/authoring-api.md.
                policy {
                  name = "\(client)", version = "0.1.0", language = "fr",
                  uses = {},
                }

                threat "coordonnees-publiees" {
                  title = "Coordonnées personnelles publiées",
                  description = "Un numéro personnel publié permet de suivre quelqu'un jusque chez lui.",
                  likelihood = 3, impact = 4,
                }

                rule "telephone-personnel" {
                  title = "Numéro de téléphone personnel publié",
                  charter = "On ne publie jamais son numéro personnel.",
                  severity = "high",
                  mitigates = { "coordonnees-publiees" },
                  advice = "Retirer le numéro de la publication.",
                  check = function(post, ctx)
                    local found = pii.phones(post.text)
                    if #found > 0 then ctx:flag { evidence = found } end
                  end,
                  examples = {
                    flag = { "Appelez-moi au 514 555-0142" },
                    pass = { "Bonne journée à tous !" },
                  },
                }

                incident "fuite" { title = "Une coordonnée a été publiée", opened_by = { "telephone-personnel" } }

                reaction "fuite" {
                  title = "Retirer puis rappeler la règle",
                  on = "fuite", answers = { "coordonnees-publiees" },
                  steps = {
                    { id = "retrait", title = "Retirer la publication", advice = "Retirer la publication au plus vite." },
                    { id = "rappel", title = "Rappeler la règle", when = "telephone-personnel", record_reasons = true,
                      advice = "Rappeler la règle en privé." },
                  },
                }

                scenario "numero-publie-deux-fois" {
                  title = "Un numéro publié, puis un autre",
                  actor = { id = "employe", kind = "employee" },
                  reaction = "fuite",
                  timeline = {
                    { text = "Textez-moi au 514 555-0142", expect = "retrait" },
                    { text = "Mon autre numéro : 438 555-0199", expect = "rappel" },
                  },
                }

                """),
            ("tests/\(client)_test.lua", """
                -- Tests de la politique \(client) : vigie test
                describe("coordonnées", function()
                  it("signale un numéro personnel", function()
                    expect(check("Textez-moi au (438) 555-0199")).to_flag("telephone-personnel")
                  end)
                  it("laisse passer un message sans numéro", function()
                    expect(check("Merci à tous nos clients !")).to_pass()
                  end)
                end)

                """),
        ]
    }

    public static func english(_ client: String) -> [(String, String)] {
        [
            ("profile.yaml", """
                # Profile of \(client) (docs/profile-schema.md): the answers to the four questions.
                schema: vigie.profile/1
                organisation:
                  name: \(client)
                  language: en
                # Question 1 — What are the chosen social media for?
                purposes:
                  - Offer our services
                # Question 2 — Which clientele do we seek?
                clientele:
                  - Individuals
                # Question 3 — Which strategy for each platform?
                platforms:
                  - platform: facebook
                    strategy: Word of mouth and advertising
                # Question 4 — Which security issues match our work?
                securityIssues:
                  - id: confidentiality
                    title: Clients' confidentiality
                people: []

                """),
            ("policy.lua", """
                -- Policy of \(client). See docs/authoring-api.md.
                policy {
                  name = "\(client)", version = "0.1.0", language = "en",
                  uses = {},
                }

                threat "contact-details-published" {
                  title = "Personal contact details published",
                  description = "A personal phone number lets someone follow a person home.",
                  likelihood = 3, impact = 4,
                }

                rule "personal-phone" {
                  title = "Personal phone number published",
                  charter = "Never publish a personal phone number.",
                  severity = "high",
                  mitigates = { "contact-details-published" },
                  advice = "Remove the number from the post.",
                  check = function(post, ctx)
                    local found = pii.phones(post.text)
                    if #found > 0 then ctx:flag { evidence = found } end
                  end,
                  examples = {
                    flag = { "Call me on (514) 555-0142" },
                    pass = { "Have a nice day!" },
                  },
                }

                incident "leak" { title = "Contact details were published", opened_by = { "personal-phone" } }

                reaction "leak" {
                  title = "Remove, then remind the rule",
                  on = "leak", answers = { "contact-details-published" },
                  steps = {
                    { id = "remove", title = "Remove the post", advice = "Remove the post as soon as possible." },
                    { id = "remind", title = "Remind the rule", when = "personal-phone", record_reasons = true,
                      advice = "Remind the rule in private." },
                  },
                }

                scenario "number-published-twice" {
                  title = "A number published, then another",
                  actor = { id = "employee", kind = "employee" },
                  reaction = "leak",
                  timeline = {
                    { text = "Text me on 514 555-0142", expect = "remove" },
                    { text = "My other number: 438 555-0199", expect = "remind" },
                  },
                }

                """),
            ("tests/\(client)_test.lua", """
                -- Tests of the \(client) policy: vigie test
                describe("contact details", function()
                  it("flags a personal number", function()
                    expect(check("Text me on (438) 555-0199")).to_flag("personal-phone")
                  end)
                  it("lets a message without a number pass", function()
                    expect(check("Thanks to all our clients!")).to_pass()
                  end)
                end)

                """),
        ]
    }
}
