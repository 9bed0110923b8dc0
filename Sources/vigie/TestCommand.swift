import ArgumentParser
import Foundation
import LuaHost
import VigieTesting

extension TestReportFormat: ExpressibleByArgument {}

struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the test suites of policies and plugins.",
        discussion: """
            A suite is a policy folder (policy.lua) or a plugin folder (plugin.lua).
            Its tests are: the `examples` of every rule (flag / pass), the expected
            escalation step of every scenario event, and the files tests/*_test.lua,
            written in the sandbox with describe / it / check / expect:

              describe("coordonnées", function()
                it("signale un numéro personnel", function()
                  expect(check("Textez-moi au 514 555-0142")).to_flag("telephone-personnel")
                end)
              end)

            A plugin is tested through a policy that uses it with its default
            parameters. Each test runs in its own call under the sandbox's limits,
            so a runaway test fails alone.

            Examples:
              vigie test                         the Policies and Plugins folders here
              vigie test Policies/entretien-menager --filter consentement
              vigie test Policies Plugins --coverage --coverage-threshold 90
              vigie test --format junit -o results.xml

            Exit codes: 0 all passed, 1 a test failed (or coverage below the
            threshold, or --filter matched no test), 2 a suite could not load or
            bad usage.
            """
    )

    @Argument(help: "Policy or plugin folders, or folders holding them (default: Policies and Plugins).", completion: .directory)
    var paths: [String] = []

    @Option(help: "Output format: text, tap, junit or json (default: from --output's extension, .xml for junit, else text).")
    var format: TestReportFormat?

    @OptionGroup var output: OutputOption

    @Option(help: "Only the tests whose name contains this text.")
    var filter: String?

    @Flag(name: .customLong("fail-fast"), help: "Stop a suite at its first failure.")
    var failFast = false

    @Flag(help: "List the rules, indicators, reactions and steps no test exercises.")
    var coverage = false

    @Option(name: .customLong("coverage-threshold"), help: "Fail when a suite's coverage is below this percentage.")
    var coverageThreshold: Double?

    @Option(name: .customLong("plugins"), help: "A folder of plugins (repeatable); default: $VIGIE_PLUGINS and the Plugins folders here and above.", completion: .directory)
    var pluginPaths: [String] = []

    @Option(help: "Time limit of each test, in seconds.")
    var timeout: Double = 5

    func validate() throws {
        if let t = coverageThreshold, !(0...100).contains(t) {
            throw ValidationError("--coverage-threshold is a percentage from 0 to 100.")
        }
        guard timeout > 0 else { throw ValidationError("--timeout must be positive (seconds).") }
    }

    func run() throws {
        let format = try output.resolve(format, fallback: .text, names: ["xml": .junit])
        try PolicyOptions.checkPluginPaths(pluginPaths)
        var roots = paths
        if roots.isEmpty {
            roots = ["Policies", "Plugins"].filter { FileManager.default.fileExists(atPath: $0) }
            if roots.isEmpty {
                throw CLIError.input("no Policies or Plugins folder here; give the folders to test, e.g. `vigie test Policies/client`")
            }
        }
        for path in roots where !FileManager.default.fileExists(atPath: path) {
            throw CLIError.input("\(path): no such folder")
        }
        let targets = TestRunner.discover(roots)
        if targets.isEmpty {
            throw CLIError.input("no policy (policy.lua) or plugin (plugin.lua) in \(roots.joined(separator: ", "))")
        }
        var options = TestRunner.Options()
        options.filter = filter
        options.failFast = failFast
        options.limits.timeout = timeout
        let runner = TestRunner(options: options, pluginPaths: PolicyOptions.searchPaths(policy: ".", given: pluginPaths))
        let suites = targets.map { runner.run($0) }
        // Examples and failure messages may quote personal data (a phone in
        // an example): masked, as every output of Vigie.
        try output.write(Privacy.mask(TestReporter.render(suites, format: format, coverage: coverage || coverageThreshold != nil)))

        if suites.contains(where: { $0.loadError != nil }) { throw ExitCode(2) }
        if let filter, suites.allSatisfy({ $0.cases.isEmpty }) {
            FileHandle.standardError.write(Data("error: no test's name contains \"\(Privacy.mask(filter))\" in \(roots.joined(separator: ", "))\n".utf8))
            throw ExitCode(1)
        }
        var failed = suites.contains { $0.failed > 0 }
        if let threshold = coverageThreshold {
            for suite in suites where suite.coverage.percent < threshold {
                failed = true
                let list = suite.coverage.uncovered.map { "\($0.kind) \($0.id)" }.joined(separator: ", ")
                FileHandle.standardError.write(Data(
                    "\(suite.name): coverage \(String(format: "%.1f", suite.coverage.percent)) % is below \(threshold) %; not covered: \(list)\n".utf8))
            }
        }
        if failed { throw ExitCode(1) }
    }
}
