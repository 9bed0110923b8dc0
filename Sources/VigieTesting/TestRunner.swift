import Foundation
import LuaHost
import VigieEngine
import VigiePolicy

/// One test: a rule's example, a scenario step, or an `it` of a test file.
public struct TestCaseResult: Hashable, Codable, Sendable {
    public enum Status: String, Hashable, Codable, Sendable { case passed, failed, errored }

    public var suite: String
    public var name: String
    public var file: String
    public var line: Int
    public var status: Status
    public var message: String?
    public var expected: String?
    public var actual: String?
    /// The activity text the test ran on, when there is one.
    public var text: String?
    public var seconds: Double

    public var location: String { line > 0 ? "\(file):\(line)" : file }
}

/// What the tests of a suite exercised, and what they left alone.
public struct TestCoverage: Hashable, Codable, Sendable {
    public struct Item: Hashable, Codable, Sendable {
        public var kind: String  // rule, indicator, reaction, step
        public var id: String
        public var location: String
        public var covered: Bool
    }

    public var items: [Item] = []

    public var uncovered: [Item] { items.filter { !$0.covered } }
    public var percent: Double {
        items.isEmpty ? 100 : 100 * Double(items.filter(\.covered).count) / Double(items.count)
    }
}

/// A policy or plugin folder and its results.
public struct TestSuiteResult: Hashable, Codable, Sendable {
    public var name: String
    public var path: String
    /// The suite could not load (syntax error, missing plugin…).
    public var loadError: String?
    public var cases: [TestCaseResult] = []
    public var coverage = TestCoverage()

    public var failed: Int { cases.filter { $0.status != .passed }.count }
}

/// Finds and runs the test suites of policies and plugins: each rule's
/// `examples`, each scenario's expected escalation steps, and the
/// `tests/*_test.lua` files (`describe`, `it`, `check`, `expect`).
public struct TestRunner {
    public struct Options: Sendable {
        /// Only tests whose full name contains this text (case-insensitive).
        public var filter: String?
        public var failFast = false
        /// Limits of each test (each `it` and each example runs in its own call).
        public var limits = LuaLimits.default
        public init() {}
    }

    public enum Target: Hashable, Sendable {
        case policy(String)
        case plugin(String)

        public var path: String {
            switch self {
            case .policy(let p), .plugin(let p): p
            }
        }
    }

    public var options: Options
    public var pluginPaths: [String]

    public init(options: Options = Options(), pluginPaths: [String] = []) {
        self.options = options
        self.pluginPaths = pluginPaths
    }

    /// The policies (folders with `policy.lua`) and plugins (folders with
    /// `plugin.lua`) at or directly under each path, in name order.
    public static func discover(_ paths: [String]) -> [Target] {
        let fm = FileManager.default
        var targets: [Target] = []
        func classify(_ dir: String) -> Target? {
            if fm.fileExists(atPath: (dir as NSString).appendingPathComponent("policy.lua")) { return .policy(dir) }
            if fm.fileExists(atPath: (dir as NSString).appendingPathComponent("plugin.lua")) { return .plugin(dir) }
            return nil
        }
        for path in paths {
            if let t = classify(path) {
                targets.append(t)
                continue
            }
            let children = ((try? fm.contentsOfDirectory(atPath: path)) ?? []).sorted()
            for child in children {
                if let t = classify((path as NSString).appendingPathComponent(child)) { targets.append(t) }
            }
        }
        return targets
    }

    public func run(_ target: Target) -> TestSuiteResult {
        let name = (target.path as NSString).lastPathComponent
        var suite = TestSuiteResult(name: name, path: target.path)
        let engine: PolicyEngine
        do {
            engine = try load(target)
        } catch {
            suite.loadError = error.description
            return suite
        }
        var flagged = Set<String>()
        var reached = Set<String>()
        var stop = false

        func keep(_ full: String) -> Bool {
            guard let filter = options.filter, !filter.isEmpty else { return true }
            return full.localizedCaseInsensitiveContains(filter)
        }
        func add(_ c: TestCaseResult) {
            suite.cases.append(c)
            if c.status != .passed && options.failFast { stop = true }
        }

        // The rules' own examples.
        for example in engine.runExamples() where !stop {
            let verb = example.expected == .flag ? "flags" : "passes"
            let testName = "\(example.ruleID) › \(verb) «\(example.text)»"
            guard keep("\(name) › \(testName)") else { continue }
            if example.expected == .flag && example.flagged { flagged.insert(example.ruleID) }
            var c = TestCaseResult(
                suite: name, name: testName, file: example.location.file, line: example.location.line,
                status: example.passed ? .passed : (example.failure != nil ? .errored : .failed),
                text: example.text, seconds: 0)
            if let failure = example.failure {
                c.message = failure.description
            } else if !example.passed {
                c.expected = example.expected == .flag ? "a finding of \(example.ruleID)" : "no finding of \(example.ruleID)"
                c.actual = example.flagged ? "a finding" : "no finding"
                c.message = "rule \(example.ruleID): example should \(example.expected == .flag ? "flag" : "pass")"
            }
            add(c)
        }

        // The scenarios: each step's expected escalation.
        for scenario in engine.declarations.scenarios where !stop {
            let start = Date()
            let location = scenario.location
            do {
                let simulation = try engine.simulate(scenarioID: scenario.id)
                for step in simulation.steps {
                    for f in step.findings { flagged.insert(f.ruleID) }
                    for d in step.decisions { reached.insert("\(d.reactionID)/\(d.stepID)") }
                    guard let expected = step.expected else { continue }
                    let testName = "scenario \(scenario.id) › step \(step.index) reaches \(expected)"
                    guard keep("\(name) › \(testName)") else { continue }
                    let ok = step.meetsExpectation == true && step.failures.isEmpty
                    var c = TestCaseResult(
                        suite: name, name: testName, file: location?.file ?? target.path, line: location?.line ?? 0,
                        status: ok ? .passed : (step.failures.isEmpty ? .failed : .errored), text: step.text,
                        seconds: Date().timeIntervalSince(start))
                    if !ok {
                        c.expected = expected
                        c.actual = step.stepAfter ?? "none"
                        c.message = step.failures.first?.description ?? "the reaction did not reach the expected step"
                    }
                    add(c)
                }
            } catch {
                add(TestCaseResult(
                    suite: name, name: "scenario \(scenario.id)", file: location?.file ?? target.path,
                    line: location?.line ?? 0, status: .errored, message: error.description, seconds: 0))
            }
        }

        // The test files.
        for file in testFiles(in: target.path) where !stop {
            guard let source = try? String(contentsOfFile: file, encoding: .utf8) else {
                add(TestCaseResult(suite: name, name: file, file: file, line: 0, status: .errored,
                                   message: "cannot read the test file (is it UTF-8?)", seconds: 0))
                continue
            }
            let results: [PolicyTestResult]
            do {
                // A file that sets plugin parameters runs on its own engine.
                var fileEngine = engine
                if let overrides = try Self.parameterOverrides(in: source, file: file) {
                    fileEngine = try load(target, overrides: overrides)
                }
                results = try fileEngine.runTests(source: source, file: file)
                if fileEngine !== engine { flagged.formUnion(fileEngine.testedRules()) }
            } catch {
                add(TestCaseResult(suite: name, name: file, file: error.location?.file ?? file,
                                   line: error.location?.line ?? 0, status: .errored, message: error.description, seconds: 0))
                continue
            }
            for r in results where !stop {
                guard keep("\(name) › \(r.name)") else { continue }
                var c = TestCaseResult(
                    suite: name, name: r.name, file: r.location.file, line: r.location.line,
                    status: r.passed ? .passed : .failed, message: r.message, seconds: 0)
                if let message = r.message {
                    (c.file, c.line) = Self.position(in: message) ?? (c.file, c.line)
                    var body = message
                    if let t = body.range(of: " — text «", options: .backwards), body.hasSuffix("»") {
                        c.text = String(body[t.upperBound..<body.index(before: body.endIndex)])
                        body = String(body[..<t.lowerBound])
                    }
                    if let (expected, actual) = Self.expectedActual(body) { (c.expected, c.actual) = (expected, actual) }
                    if r.limit != nil { c.status = .errored }
                }
                add(c)
            }
            flagged.formUnion(engine.testedRules())
        }

        suite.coverage = Self.coverage(of: engine, flagged: flagged, reached: reached)
        return suite
    }

    /// A test file may set plugin parameters on its first line:
    /// `-- params: { ["donnees-personnelles"] = { numeros_publics = { "514 555-0142" } } }`.
    static func parameterOverrides(in source: String, file: String) throws(PolicyError) -> [String: [String: LuaValue]]? {
        guard let first = source.split(separator: "\n", maxSplits: 1).first,
            let range = first.range(of: "-- params:")
        else { return nil }
        let literal = String(first[range.upperBound...])
        do {
            let state = try LuaState()
            let value = try state.run("return " + literal, chunkName: file).first ?? .nil
            var overrides: [String: [String: LuaValue]] = [:]
            for (plugin, params) in value.tableValue ?? [:] {
                guard let plugin = plugin.stringValue else { continue }
                var map: [String: LuaValue] = [:]
                for (k, v) in params.tableValue ?? [:] { if let k = k.stringValue { map[k] = v } }
                overrides[plugin] = map
            }
            return overrides
        } catch {
            throw PolicyError(.declaration, at: SourceLocation(file: file, line: 1),
                              "the params line is not a Lua table: \(error.message)",
                              hint: "write -- params: { [\"plugin\"] = { parameter = value } }")
        }
    }

    func load(_ target: Target, overrides: [String: [String: LuaValue]] = [:]) throws(PolicyError) -> PolicyEngine {
        switch target {
        case .policy(let dir):
            return try PolicyEngine(
                policyDirectory: dir, pluginPaths: pluginPaths, limits: options.limits, parameterOverrides: overrides,
                testing: true)
        case .plugin(let dir):
            let name = (dir as NSString).lastPathComponent
            let parent = (dir as NSString).deletingLastPathComponent
            // A plugin may ship a test policy (tests/policy.lua, with its
            // profile) for what depends on a profile or a classification…
            let tests = (dir as NSString).appendingPathComponent("tests")
            if FileManager.default.fileExists(atPath: (tests as NSString).appendingPathComponent("policy.lua")) {
                return try PolicyEngine(
                    policyDirectory: tests, pluginPaths: [parent] + pluginPaths, limits: options.limits,
                    parameterOverrides: overrides, testing: true)
            }
            // … otherwise it is tested through a policy that uses it with its defaults.
            let source = """
                policy { name = "test-\(name)", version = "0.0.0", language = "fr", uses = { ["\(name)"] = {} } }
                """
            return try PolicyEngine(
                source: source, file: (dir as NSString).appendingPathComponent("(test policy)"),
                pluginPaths: [parent] + pluginPaths, limits: options.limits, parameterOverrides: overrides, testing: true)
        }
    }

    func testFiles(in dir: String) -> [String] {
        let tests = (dir as NSString).appendingPathComponent("tests")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: tests)) ?? []
        return names.filter { $0.hasSuffix("_test.lua") }.sorted().map { (tests as NSString).appendingPathComponent($0) }
    }

    static func coverage(of engine: PolicyEngine, flagged: Set<String>, reached: Set<String>) -> TestCoverage {
        var coverage = TestCoverage()
        let d = engine.declarations
        for r in d.rules where !r.disabled {
            coverage.items.append(.init(kind: "rule", id: r.id, location: r.location.description, covered: flagged.contains(r.id)))
        }
        for r in d.indicators where !r.disabled {
            coverage.items.append(.init(kind: "indicator", id: r.id, location: r.location.description, covered: flagged.contains(r.id)))
        }
        for reaction in d.reactions where !reaction.disabled {
            let any = reaction.steps.contains { reached.contains("\(reaction.id)/\($0.id)") }
            coverage.items.append(.init(kind: "reaction", id: reaction.id, location: reaction.location.description, covered: any))
            for step in reaction.steps {
                coverage.items.append(.init(
                    kind: "step", id: "\(reaction.id)/\(step.id)", location: reaction.location.description,
                    covered: reached.contains("\(reaction.id)/\(step.id)")))
            }
        }
        return coverage
    }

    /// `file:line:` at the start of an error message.
    static func position(in message: String) -> (String, Int)? {
        let parts = message.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let line = Int(parts[1]), !parts[0].isEmpty else { return nil }
        return (String(parts[0]), line)
    }

    /// "expected X, got Y" in an `expect` failure.
    static func expectedActual(_ message: String) -> (String, String)? {
        guard let e = message.range(of: "expected "), let g = message.range(of: ", got ", range: e.upperBound..<message.endIndex)
        else { return nil }
        return (String(message[e.upperBound..<g.lowerBound]), String(message[g.upperBound...]))
    }
}
