import Foundation
import Testing
import VigieTestSupport

/// Personal data planted in a client's activities — French and Canadian
/// phones, an e-mail, a street address, a Canadian postcode, a SIN, an
/// IBAN, a French NIR — and in fields an importer refuses, then every
/// command in every format run over them, logs at debug level: no output
/// shows a planted value in clear unless `--reveal` asks for it. The values
/// are fictitious (555 numbers, the IBAN of the banks' documentation, a SIN
/// and a NIR made to pass their checksums).
@Suite("Planted personal data never shows without --reveal", .serialized)
struct PlantedDataTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let plugins = root.appendingPathComponent("Plugins").path

    /// Each planted value, with the forms it could take in an output.
    static let planted: [(kind: String, forms: [String])] = [
        ("French phone", ["06 12 34 56 78", "0612345678", "+33 6 12 34 56 78"]),
        ("Canadian phone", ["514 555-0142", "5145550142"]),
        ("e-mail", ["sylvie.tremblay@exemple.fr", "sylvie.tremblay"]),
        ("street address", ["12 rue des Lilas", "rue des Lilas"]),
        ("Canadian postcode", ["H2X 1Y4", "H2X1Y4"]),
        ("SIN", ["130 692 544", "130692544"]),
        ("IBAN", ["FR76 3000 6000 0112 3456 7890 189", "FR7630006000011234567890189", "3000 6000 0112"]),
        ("NIR", ["1 85 05 78 006 084 91", "185057800608491"]),
    ]

    static func record(_ id: String, _ text: String, time: String = "2026-03-02T17:00:00Z", extra: String = "") -> String {
        let escaped = text.replacingOccurrences(of: "\"", with: "\\\"")
        return #"{"schema":"vigie.activity/1","id":"twitter:\#(id)","kind":"post","platform":"twitter","author":{"platform":"twitter","handle":"kouellet_menage"},"timestamp":"\#(time)","text":"\#(escaped)"\#(extra)}"#
    }

    /// The export: posts by an employee holding each value, and records an
    /// importer refuses with a value in the refused field.
    static var activities: String {
        [
            record("1", "Pour les soumissions, textez-moi au 06 12 34 56 78 ou au 514 555-0142 !"),
            record("2", "Écrivez-moi à sylvie.tremblay@exemple.fr pour les clés.", time: "2026-03-03T17:00:00Z"),
            record("3", "Les clés sont au 12 rue des Lilas, Montréal H2X 1Y4, ménage fini !", time: "2026-03-04T17:00:00Z"),
            record("4", "Mon NAS : 130 692 544 et mon IBAN FR76 3000 6000 0112 3456 7890 189 pour la paie.", time: "2026-03-05T17:00:00Z"),
            record("5", "Mon numéro de sécu : 1 85 05 78 006 084 91, c'est pour le dossier.", time: "2026-03-06T17:00:00Z"),
            // Refused: a phone number where a time belongs, an e-mail where a kind belongs.
            #"{"schema":"vigie.activity/1","id":"twitter:6","kind":"post","platform":"twitter","author":{"platform":"twitter","handle":"kouellet_menage"},"timestamp":"06 12 34 56 78","text":"Bonjour"}"#,
            #"{"schema":"vigie.activity/1","id":"twitter:7","kind":"sylvie.tremblay@exemple.fr","platform":"twitter","author":{"platform":"twitter","handle":"kouellet_menage"},"timestamp":"2026-03-07T17:00:00Z","text":"Bonjour"}"#,
            #"{"schema":"vigie.activity/1","id":"twitter:8","kind":"post","platform":"twitter","author":{"platform":"twitter","handle":"130 692 544"},"timestamp":"not a time 514 555-0142","text":"Bonjour"}"#,
        ].joined(separator: "\n") + "\n"
    }

    /// The bundled French policy, copied, with a rule example and a test
    /// that fail on purpose while quoting planted values (lint and test
    /// print what failed).
    func policy(in folder: TemporaryFolder) throws -> String {
        let destination = folder.url.appendingPathComponent("eclat")
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("Policies/entretien-menager"), to: destination)
        try? FileManager.default.removeItem(at: destination.appendingPathComponent(".vigie"))
        try? FileManager.default.removeItem(at: destination.appendingPathComponent("donnees"))
        let file = destination.appendingPathComponent("policy.lua")
        var source = try String(contentsOf: file, encoding: .utf8)
        source += "\nextend \"telephone-personnel\" { examples = { pass = { \"Rappelez-moi au 06 12 34 56 78 demain.\" } } }\n"
        try source.write(to: file, atomically: true, encoding: .utf8)
        try folder.write("eclat/tests/planted_test.lua", """
            describe("planted", function()
              it("fails on purpose, quoting 514 555-0142", function()
                expect(check { text = "Écrivez à sylvie.tremblay@exemple.fr, IBAN FR76 3000 6000 0112 3456 7890 189", actor = "karine" })
                  .to_pass("courriel-personnel")
              end)
            end)

            """)
        return destination.path
    }

    struct Output {
        var label: String
        var text: String
    }

    @discardableResult
    func run(_ arguments: [String], _ label: String, into outputs: inout [Output]) throws -> VigieBinary.Result {
        let result = try VigieBinary.run(arguments, environment: ["VIGIE_LOG": "debug", "VIGIE_NO_PROGRESS": "1"])
        outputs.append(Output(label: "\(label) (stdout)", text: result.stdout))
        outputs.append(Output(label: "\(label) (stderr)", text: result.stderr))
        return result
    }

    @Test func noCommandShowsPlantedDataInClear() throws {
        let folder = try TemporaryFolder()
        let policy = try policy(in: folder)
        let data = try folder.write("export.jsonl", Self.activities).path
        let p = ["--policy", policy, "--plugins", Self.plugins]
        var outputs: [Output] = []

        // Importing, checking (text, JSON, replayed, two workers), with and without the case file.
        try run(["import", data, "--out", folder.path("stream.jsonl")], "import", into: &outputs)
        try run(["import", data, "--format", "jsonl", "--out", folder.path("stream2.jsonl")], "import jsonl", into: &outputs)
        let text = try run(["check", data] + p + ["--no-case-file", "--keep-going"], "check text", into: &outputs)
        #expect(text.stdout.contains("telephone-personnel"), "the check found nothing: \(text.stderr)")
        try run(["check", data] + p + ["--no-case-file", "--keep-going", "--format", "json"], "check json", into: &outputs)
        try run(["check", data] + p + ["--no-case-file", "--keep-going", "--replay"], "check replay", into: &outputs)
        try run(["check", data] + p + ["--no-case-file", "--keep-going", "--workers", "2"], "check workers", into: &outputs)
        try run(["check", data] + p + ["--fail-on", "critical"], "check with case file", into: &outputs)
        try run(["check", data] + p, "check again (lost input, exit 4)", into: &outputs)
        try run(["incidents", "--all"] + p, "incidents", into: &outputs)
        try run(["incidents", "--all", "--format", "json"] + p, "incidents json", into: &outputs)
        try run(["react", "--at", "2026-06-01T12:00:00Z"] + p, "react", into: &outputs)
        try run(["accept", "list"] + p, "accept list", into: &outputs)

        // The report in each format, to a file and to standard output.
        for format in ["html", "markdown", "text", "json", "csv", "sarif"] {
            let file = folder.path("report.\(format)")
            try run(["report", data] + p + ["--no-case-file", "--keep-going", "--format", format, "--output", file],
                    "report \(format)", into: &outputs)
            outputs.append(Output(label: "report \(format) (file)", text: try String(contentsOfFile: file, encoding: .utf8)))
            try run(["report", data] + p + ["--no-case-file", "--keep-going", "--format", format, "--language", "en"],
                    "report \(format) in English", into: &outputs)
        }

        // The charter in each format, and its diff.
        for format in ["html", "print", "markdown", "json"] {
            try run(["charter", "--format", format] + p, "charter \(format)", into: &outputs)
        }
        try run(["charter", "--diff", policy] + p, "charter diff", into: &outputs)

        // The policy's own messages: lint, test (both fail on purpose), analyze, simulate.
        let lint = try run(["lint"] + p, "lint", into: &outputs)
        #expect(lint.status == 1, "the planted example should fail: \(lint.stdout)")
        let test = try run(["test", policy, "--plugins", Self.plugins], "test", into: &outputs)
        #expect(test.status == 1, "the planted test should fail")
        try run(["test", policy, "--plugins", Self.plugins, "--format", "junit"], "test junit", into: &outputs)
        try run(["test", policy, "--plugins", Self.plugins, "--format", "json"], "test json", into: &outputs)
        try run(["analyze"] + p, "analyze", into: &outputs)
        try run(["analyze", "--format", "json"] + p, "analyze json", into: &outputs)
        try run(["simulate", "--all"] + p, "simulate", into: &outputs)
        try run(["simulate", "--all", "--format", "json"] + p, "simulate json", into: &outputs)

        // Error messages that name what the user typed.
        let missing = folder.path("export de sylvie.tremblay@exemple.fr 06 12 34 56 78.jsonl")
        let error = try run(["check", missing] + p, "error: missing input", into: &outputs)
        #expect(error.status != 0)
        try run(["react", "--at", "06 12 34 56 78"] + p, "error: bad --at", into: &outputs)
        try run(["report", missing] + p, "error: report of a missing input", into: &outputs)
        let refused = try folder.write("refused.jsonl", Array(Self.activities.split(separator: "\n").suffix(3)).joined(separator: "\n") + "\n").path
        try run(["check", refused] + p + ["--no-case-file"], "check of refused records", into: &outputs)
        try run(["import", refused, "--out", folder.path("refused-out.jsonl")], "import of refused records", into: &outputs)

        var leaks: [String] = []
        for output in outputs {
            for (kind, forms) in Self.planted {
                for form in forms where output.text.contains(form) {
                    leaks.append("\(output.label) shows the \(kind) \"\(form)\"")
                }
            }
        }
        #expect(leaks.isEmpty, "\(leaks.joined(separator: "\n"))")
        #expect(outputs.count > 80)
        // The debug log did speak (so it was looked at, and masked).
        #expect(outputs.contains { $0.text.contains("debug") || $0.text.contains("policy loaded") })
    }

    /// The other side: with --reveal the values are there (the test above
    /// would see them if masking failed).
    @Test func revealShowsThem() throws {
        let folder = try TemporaryFolder()
        let policy = try policy(in: folder)
        let data = try folder.write("export.jsonl", Self.activities).path
        let p = ["--policy", policy, "--plugins", Self.plugins, "--no-case-file", "--keep-going"]
        let check = try VigieBinary.run(["check", data] + p + ["--reveal"])
        #expect(check.stdout.contains("06 12 34 56 78"))
        #expect(check.stdout.contains("FR76 3000 6000 0112 3456 7890 189"))
        let json = try VigieBinary.run(["check", data] + p + ["--reveal", "--format", "json"])
        #expect(json.stdout.contains("\"activityText\" : \"Écrivez-moi à sylvie.tremblay@exemple.fr pour les clés.\""))
        let report = try VigieBinary.run(["report", data] + p + ["--reveal", "--format", "text"])
        #expect(report.stdout.contains("12 rue des Lilas"))
        // And masked, the JSON's activityText keeps the text around the value.
        let masked = try VigieBinary.run(["check", data] + p + ["--format", "json"])
        #expect(masked.stdout.contains("\"activityText\" : \"Écrivez-moi à s•••@exemple.fr pour les clés.\""))
    }
}
