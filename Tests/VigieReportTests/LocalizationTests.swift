import Foundation
import Testing
import VigieModel

@testable import VigieReport

@Suite struct LocalizationTests {
    @Test func frenchFixedTextUsesFrenchTypography() {
        for (name, text) in ReportStrings.french.all {
            let scalars = Array(text.unicodeScalars)
            for (index, c) in scalars.enumerated() where ":;!?".unicodeScalars.contains(c) && index > 0 {
                #expect(scalars[index - 1] != " ", "\(name): ordinary space before \(c) in \(text)")
                if c == ":" { #expect(scalars[index - 1] == "\u{00A0}", "\(name): \(text)") }
                if c != ":" { #expect(scalars[index - 1] == "\u{202F}", "\(name): \(text)") }
            }
            #expect(!text.contains("« ") && !text.contains(" »"), "\(name)")
        }
    }

    @Test func bothLanguagesHaveEveryText() {
        let english = ReportStrings.english.all
        let french = ReportStrings.french.all
        #expect(english.map(\.0) == french.map(\.0))
        for ((name, en), (_, fr)) in zip(english, french) where !["client", "incidents", "score", "source", "total", "date", "impact", "impactShort"].contains(name) {
            #expect(en != fr, "\(name) is not translated")
        }
    }

    @Test func typographyRules() {
        #expect(FrenchTypography.apply("Client : Éclat") == "Client\u{00A0}: Éclat")
        #expect(FrenchTypography.apply("Vraiment ? Oui ! Bien ; ensuite") == "Vraiment\u{202F}? Oui\u{202F}! Bien\u{202F}; ensuite")
        #expect(FrenchTypography.apply("« exclusion »") == "«\u{00A0}exclusion\u{00A0}»")
        #expect(FrenchTypography.apply("à 12:30") == "à 12:30")
        #expect(FrenchTypography.apply("Déjà\u{00A0}: bien") == "Déjà\u{00A0}: bien")
    }

    @Test func renderedFrenchReportsKeepNoBreakSpaces() throws {
        let text = try render(.text, .french)
        #expect(text.contains("Client\u{00A0}: Éclat Ménage"))
        #expect(text.contains("«\u{00A0}"))
        #expect(text.contains("23\u{00A0}novembre\u{00A0}2026 à 10\u{00A0}h\u{00A0}30"))
        let html = try render(.html, .french)
        #expect(html.contains("Prochaine étape\u{00A0}: Exclusion"))
        // The zone named once, in the masthead.
        #expect(html.components(separatedBy: "Europe/Paris").count == 2)
        let english = try render(.text, .english)
        #expect(english.contains("Client: Éclat Ménage"))
        #expect(english.contains("23 November 2026, 10:30"))
    }

    @Test func severitiesAndActionsAreTranslated() {
        #expect(ReportStrings.french.severity(.high) == "Élevée")
        #expect(ReportStrings.english.severity(.high) == "High")
        #expect(ReportStrings.french.action(.escalated) == "escalade")
        #expect(ReportStrings.french.countFindings(1) == "1 constat")
        #expect(ReportStrings.french.countFindings(0) == "0 constat")
        #expect(ReportStrings.english.countFindings(0) == "0 findings")
    }
}

/// Writes the sample reports to `$VIGIE_REPORT_SAMPLE_DIR` when it is set
/// (`scripts/check-html-report.sh` uses it to look at the HTML in a browser).
@Test func writeSampleReportsWhenAsked() throws {
    guard let folder = ProcessInfo.processInfo.environment["VIGIE_REPORT_SAMPLE_DIR"] else { return }
    let url = URL(fileURLWithPath: folder)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    for language in ReportLanguage.allCases {
        for format in ReportFormat.allCases {
            let data = try ReportRenderer.render(Sample.document, options: ReportOptions(format: format, language: language))
            try data.write(to: url.appendingPathComponent("report.\(language.rawValue).\(format.fileExtension)"))
        }
    }
}
