import ArgumentParser
import Foundation
import VigieCharter
import VigieEngine
import VigieReport
import VigieRun

extension CharterFormat: ExpressibleByArgument {}

struct CharterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "charter",
        abstract: "Compile the policy into the documents people read: usage charter, crisis cards, consent register, quiz.",
        discussion: """
            The charter is made only from the policy and its profile, in the policy's
            language: the stakes and objectives (the profile's answers), roles and
            approved channels, the threats with their risk level (as `vigie analyze`
            gives it), each rule as a principle with its own examples — "don't" for
            what it flags, "do" only for the pass examples its author marked
            good_practice = true, and only examples in the policy's language —, the
            classification levels with the channels each may go on and the
            classification's own sentence, the consent register (where, for what,
            from and until when, withdrawals), one crisis card per reaction (trigger,
            steps and their conditions, advice, what to record), and a short quiz
            made from the rules' examples, with its answers. Platforms, channels and
            levels are named for people. Personal data in examples is masked unless
            --reveal is given. It states the policy version it was made from.

            Examples:
              vigie charter --policy Policies/entretien-menager --output out/charte.html
              vigie charter --policy Policies/nordelia --format print --output out/cartes.html
              vigie charter --policy Policies/nordelia --format json --output charter-1.0.json
              vigie charter --policy Policies/nordelia --diff charter-1.0.json

            --diff OLD compares with an older charter (a JSON written with
            --format json, or an older policy folder) and lists what changed for
            people, with the old and the new text of each changed part. Exit codes:
            0 written, 2 bad usage or a policy that does not load.
            """
    )

    @OptionGroup var options: PolicyOptions

    @Option(help: "html, print (HTML laid out for printing, one crisis card per page), markdown or json (default: from --output's extension, else html).")
    var format: CharterFormat?

    @OptionGroup var output: OutputOption

    @Option(help: "An older charter (JSON) or policy folder: list what changed for people instead.")
    var diff: String?

    @Flag(help: "Show personal data in the examples (phones, addresses, identifiers) instead of masking it.")
    var reveal = false

    func run() throws {
        let engine = try options.load()
        let charter = try Charter(engine: engine, reveal: reveal)
        if let diff {
            let old = try Self.loadOld(diff, plugins: options.searchPaths(), reveal: reveal)
            let d = CharterDiff(old: old, new: charter)
            print(d.rendered(old: old, new: charter), terminator: "")
            return
        }
        let format = try output.resolve(format, fallback: .html, compatible: { given, fromExtension in
            given == fromExtension || (given == .print && fromExtension == .html)
        })
        let text = CharterRenderer.render(charter, format: format)
        if let output = output.path {
            try AtomicFile.write(Data(text.utf8), to: output)
            let words = CLIWords(policyLanguage: charter.language)
            FileHandle.standardError.write(Data((words.charterWritten(
                output, principles: charter.principles.count, cards: charter.cards.count, levels: charter.levels.count) + "\n").utf8))
        } else {
            print(text, terminator: "")
        }
    }

    static func loadOld(_ path: String, plugins: [String], reveal: Bool) throws -> Charter {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CLIError.input("\(path): no such file or folder")
        }
        if isDirectory.boolValue {
            let engine: PolicyEngine
            do {
                engine = try PolicyEngine(policyDirectory: path, pluginPaths: plugins)
            } catch {
                throw CLIError.diagnostic(error.description)
            }
            return try Charter(engine: engine, reveal: reveal)
        }
        do {
            return try JSONDecoder().decode(Charter.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw CLIError.input("\(path): not a charter written with --format json (\(error))")
        }
    }
}

extension Charter {
    /// The charter of a loaded policy, its threats scored as `vigie analyze`
    /// scores them (the same risk levels as the analysis and the report).
    init(engine: PolicyEngine, reveal: Bool) throws {
        let register: ThreatRegister
        do {
            register = try engine.analyse()
        } catch {
            throw CLIError.diagnostic(error.description)
        }
        let assessments = Dictionary(register.assessments.map {
            ($0.id, Charter.Assessment(likelihood: $0.likelihood, impact: $0.impact, applies: $0.applies))
        }) { a, _ in a }
        self.init(
            declarations: engine.declarations, profile: engine.profile, assessments: assessments,
            masker: Masker(reveal: reveal, detector: ToolkitDetector()))
    }
}
