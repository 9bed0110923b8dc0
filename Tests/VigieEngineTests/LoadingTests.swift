import LuaHost
import Testing
import VigieEngine
import VigieModel
import VigiePolicy

@Suite struct LoadingTests {
    @Test func declarationsKeepTheirFileAndLine() throws {
        let e = try engine(
            header + """

            threat "t1" { title = "Menace", likelihood = 2, impact = 3 }
            rule "r1" {
              title = "Règle",
              severity = "high", mitigates = { "t1" },
              check = function(post, ctx) end,
              charter = "On ne publie pas ça.",
            }
            """)
        let d = e.declarations
        #expect(d.manifest.name == "essai")
        #expect(d.manifest.location == SourceLocation(file: "test/policy.lua", line: 1))
        #expect(d.threats.map(\.id) == ["t1"])
        #expect(d.threats[0].location.line == 2)
        #expect(d.rules[0].location == SourceLocation(file: "test/policy.lua", line: 3))
        #expect(d.rules[0].severity == .high)
        #expect(d.rules[0].texts.charter == "On ne publie pas ça.")
        #expect(d.rules[0].owner == .policy)
    }

    @Test func aMissingPolicyDeclarationIsReported() {
        let error = loadError(#"rule "r" { check = function() end }"#)
        #expect(error?.kind == .declaration)
        #expect(error?.message.contains("no policy { ... }") == true)
    }

    @Test func declarationMistakesNameFileAndLine() {
        let error = loadError(header + "\n\nrule \"r\" { severity = \"grave\", check = function() end }")
        #expect(error?.location == SourceLocation(file: "test/policy.lua", line: 3))
        #expect(error?.message.contains("unknown severity \"grave\"") == true)
        let unknownField = loadError(header + "\nrule \"r\" { chek = function() end }")
        #expect(unknownField?.location?.line == 2)
        #expect(unknownField?.message.contains("unknown field \"chek\"") == true)
        let duplicate = loadError(header + "\nthreat \"t\" {}\nthreat \"t\" {}")
        #expect(duplicate?.location?.line == 3)
        #expect(duplicate?.message.contains("already declared at test/policy.lua:2") == true)
    }

    @Test func aSyntaxErrorNamesItsLine() {
        let error = loadError(header + "\nrule \"r\" {\n  check = function(post, ctx)\n    if then\n  end }")
        #expect(error?.kind == .script)
        #expect(error?.location?.line == 4)
    }

    @Test func pluginsLoadWithTheirParametersAndModules() throws {
        let e = try engine("""
            policy { name = "p", uses = { coordonnees = { version = "^1.0", min_chiffres = 8 } } }
            """)
        #expect(e.declarations.plugins.map(\.name) == ["coordonnees"])
        let plugin = e.declarations.plugins[0]
        #expect(plugin.version == SemanticVersion(1, 2, 0))
        #expect(plugin.effectiveParameters["min_chiffres"] == .integer(8))
        #expect(plugin.effectiveParameters["severite"] == .string("high"))
        let rule = try #require(e.declarations.rule("telephone-personnel"))
        #expect(rule.owner == .plugin("coordonnees"))
        #expect(rule.location.file.hasSuffix("coordonnees/init.lua"))
        #expect(rule.location.line == 4)
        #expect(e.checkText("Appelez-moi au 514 555-1234").findings.map(\.ruleID) == ["telephone-personnel"])
        #expect(!e.warnings.contains { $0.message.contains("says it provides") })
        // colere 1.4.0 declares what it provides; so does the manifest check.
        let colere = try engine(#"policy { name = "p", uses = { colere = {} } }"#)
        #expect(colere.declarations.plugins[0].provides == ["rules": ["propos-colereux"]])
    }

    @Test func whatAPluginSaysItProvidesIsChecked() throws {
        let e = try engine(#"policy { name = "p", uses = { vantard = {} } }"#)
        let messages = e.warnings.map(\.message)
        #expect(messages.contains(#"plugin "vantard" says it provides rules "promise" but does not declare it"#))
        #expect(!messages.contains { $0.contains(#"rules "kept""#) })
    }

    @Test func aPluginParameterOfTheWrongTypeIsReportedAtTheUsesLine() {
        let error = loadError("""
            -- client
            policy { name = "p", uses = { coordonnees = { min_chiffres = "dix" } } }
            """)
        #expect(error?.kind == .parameter)
        #expect(error?.location == SourceLocation(file: "test/policy.lua", line: 2))
        #expect(error?.message == #"plugin "coordonnees": parameter "min_chiffres" expects an integer, got the text "dix""#)
        #expect(error?.hint?.contains("min_chiffres = 10") == true)
        let outOfRange = loadError(#"policy { name = "p", uses = { coordonnees = { min_chiffres = 3 } } }"#)
        #expect(outOfRange?.message.contains("at least 7") == true)
        let badEnum = loadError(#"policy { name = "p", uses = { coordonnees = { severite = "extreme" } } }"#)
        #expect(badEnum?.message.contains(#"one of "low", "medium", "high""#) == true)
        let unknown = loadError(#"policy { name = "p", uses = { coordonnees = { couleur = "bleu" } } }"#)
        #expect(unknown?.message == #"plugin "coordonnees" has no parameter "couleur""#)
        #expect(unknown?.hint?.contains("conseil, menaces, min_chiffres, severite") == true)
    }

    @Test func aMissingPluginIsReportedWithTheAvailableOnes() {
        let error = loadError(#"policy { name = "p", uses = { coordonees = {} } }"#)
        #expect(error?.kind == .missingPlugin)
        #expect(error?.location?.line == 1)
        #expect(error?.message.contains(#"plugin "coordonees" not found"#) == true)
        #expect(error?.hint?.contains("coordonnees") == true)
    }

    @Test func aVersionConflictIsReported() throws {
        let error = loadError(#"policy { name = "p", uses = { colere = { version = "^2.0" } } }"#)
        #expect(error?.kind == .versionConflict)
        #expect(error?.location?.line == 1)
        #expect(error?.message.contains("asks for version ^2.0, but the search paths hold 1.4.0") == true)
        // With the second search path, 2.1.0 satisfies ^2.0.
        let e = try engine(
            #"policy { name = "p", uses = { colere = { version = "^2.0" } } }"#,
            plugins: [fixture("plugins"), fixture("plugins-v2")])
        #expect(e.declarations.plugins[0].version == SemanticVersion(2, 1, 0))
        #expect(e.declarations.rule("propos-colereux")?.severity == .high)
        let bad = loadError(#"policy { name = "p", uses = { colere = { version = "deux" } } }"#)
        #expect(bad?.message.contains("is not valid") == true)
    }

    @Test func aPolicyExtendsAndDisablesWhatAPluginProvides() throws {
        let e = try engine("""
            policy { name = "p", uses = { coordonnees = { menaces = { "suivi-chez-clients" } } }, disable = { "courriel-personnel" } }
            threat "suivi-chez-clients" { title = "Suivi" }
            threat "fuite" { title = "Fuite" }
            extend "telephone-personnel" { severity = "critical", add_mitigates = { "fuite" } }
            """)
        let phone = try #require(e.declarations.rule("telephone-personnel"))
        #expect(phone.severity == .critical)
        #expect(phone.mitigates == ["suivi-chez-clients", "fuite"])
        #expect(phone.extendedAt?.line == 4)
        #expect(e.declarations.rule("courriel-personnel")?.disabled == true)
        let result = e.checkText("514 555-1234 ou nadia.b@example.com")
        #expect(result.findings.map(\.ruleID) == ["telephone-personnel"])
        #expect(result.findings[0].severity == .critical)
        let wrong = loadError(#"policy { name = "p", uses = { coordonnees = {} } }"# + "\nextend \"telephone\" { severity = \"high\" }")
        #expect(wrong?.location?.line == 2)
        #expect(wrong?.message.contains("nothing is declared with this identifier") == true)
        #expect(wrong?.message.contains(#"did you mean "telephone-personnel"?"#) == true)
    }

    @Test func brokenLinksAreErrorsAndGapsAreWarnings() throws {
        let error = loadError(header + "\nrule \"r\" { check = function() end }\nincident \"i\" { opened_by = { \"rr\" } }")
        #expect(error?.location?.line == 3)
        #expect(error?.message.contains(#"opened_by names "rr""#) == true)
        let e = try engine(header + """

            threat "t" {}
            rule "r" { mitigates = { "t" }, check = function() end }
            """)
        #expect(e.warnings.map(\.message).contains(#"no reaction answers threat "t""#))
    }

    /// A rule that mitigates an undeclared threat is an error at the line
    /// of its mitigates, with the closest declared threat.
    @Test func mitigatingAnUnknownThreatIsAnErrorWithTheClosestOne() throws {
        let error = loadError(header + """

            threat "suivi-chez-clients" {}
            rule "r" {
              severity = "high",
              mitigates = {
                "suivi-chez-client",
              },
              check = function() end,
            }
            """)
        #expect(error?.location == SourceLocation(file: "test/policy.lua", line: 6))
        #expect(error?.message == #"rule "r" mitigates "suivi-chez-client", which is not a declared threat"#)
        #expect(error?.hint == #"did you mean "suivi-chez-clients"?"#)
    }

    /// Every malformed declaration, then every broken link, is reported at
    /// once, each at its own field's line.
    @Test func everyMistakeIsReportedAtOnceAtItsField() throws {
        let error = try #require(loadError(header + """

            rule "a" {
              title = "A",
              severity = "grave",
              check = function() end,
            }
            rule "b" { chek = function() end }
            threat "t" {
              likelihood = 9,
            }
            rule "c" { check = function() end }
            """))
        let all = error.all
        #expect(all.map { $0.location?.line } == [4, 7, 9])
        #expect(all[0].message.contains(#"unknown severity "grave""#))
        #expect(all[1].message.contains(#"unknown field "chek""#))
        #expect(all[2].message.contains("likelihood must be an integer from 1 to 5"))
        #expect(error.description.split(separator: "\n").count == 3)
        // Broken links are all reported too.
        let links = try #require(loadError(header + """

            rule "r" { check = function() end }
            incident "i" { opened_by = { "rr" } }
            incident "j" { opened_by = { "r", "s" } }
            reaction "x" { on = "ii", steps = { { id = "a" } } }
            """))
        #expect(links.all.count == 3)
        #expect(links.all.map { $0.location?.line } == [3, 4, 5])
        #expect(links.all[2].hint == #"did you mean "i"?"#)
    }

    /// A threat's issues and assets name the profile's security issues and
    /// assets; a name the profile does not have is a warning with the closest.
    @Test func aThreatsIssuesAndAssetsAreCheckedAgainstTheProfile() throws {
        let profile = OrganisationProfile(
            organisation: .init(name: "Essai"),
            securityIssues: [SecurityIssue(id: "confidentialite", title: "Confidentialité")],
            assets: [InformationAsset(id: "liste-clients", title: "Liste", classification: .confidential)])
        let e = try engine(header + """

            threat "t" {
              issues = { "confidentialité", "confidentialite" },
              assets = { "liste-client" },
            }
            """, profile: profile)
        let messages = e.warnings.map(\.description)
        #expect(messages.contains(#"test/policy.lua:3: warning: threat "t": issues names "confidentialité", which the profile's securityIssues do not declare; did you mean "confidentialite"?"#))
        #expect(messages.contains(#"test/policy.lua:4: warning: threat "t": assets names "liste-client", which the profile's assets do not declare; did you mean "liste-clients"?"#))
        #expect(!messages.contains { $0.contains(#"names "confidentialite""#) })
    }
}
