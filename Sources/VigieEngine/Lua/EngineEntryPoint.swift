import LuaHost

/// The functions the host calls in the engine's Lua half.
///
/// `engine.lua` publishes each one once as the global `__vigie_<name>`;
/// the host takes a reference to it (`EngineEntryPoints`) and removes the
/// global before any policy or plugin code runs. From then on the engine
/// is called through those references only: a script that assigns
/// `__vigie_check` (or any `__vigie_` name, or an API name such as `rule`
/// or `text`) gets an error at its line, and could not reach the engine's
/// functions anyway.
enum EngineEntryPoint: String, CaseIterable, Sendable {
    /// `check(post, key, from, only, look)`: the dispatcher.
    case check
    /// After an error stopped `check`: the rule running and the flags before it.
    case interrupted
    /// Stops a rule that keeps memory the others need, for the rest of the run.
    case stop
    case active
    /// The whole posts of an active rule's examples.
    case examples
    /// The indicators' history put aside, emptied and given back (their examples).
    case history
    case reset
    case export
    case finalize
    case begin
    case manifest
    case loadPlugin = "load_plugin"
    case setProfile = "set_profile"
    case setClassifier = "set_classifier"
    case analyse
    case when
    /// The API's names.
    case api
    /// Takes the seal off the environment (the REPL's `:reload`), and puts it back.
    case unseal
    case reseal
    // The test framework's (`vigie test`, the REPL).
    case tests
    case runTest = "run_test"
    case clearTests = "clear_tests"
    case tested

    static let prefix = "__vigie_"

    var globalName: String { Self.prefix + rawValue }

    /// Published only when the test framework is loaded.
    var isTesting: Bool {
        switch self {
        case .tests, .runTest, .clearTests, .tested: true
        default: false
        }
    }

    static func all(testing: Bool) -> [EngineEntryPoint] {
        allCases.filter { testing || !$0.isTesting }
    }
}

/// The references the host keeps to the engine's entry points.
struct EngineEntryPoints {
    private var functions: [EngineEntryPoint: LuaFunction] = [:]
    /// `check`, called once per activity.
    let dispatcher: LuaFunction

    init(_ functions: [EngineEntryPoint: LuaFunction]) throws(PolicyError) {
        guard let dispatcher = functions[.check] else {
            throw PolicyError(.script, at: nil, "the engine's Lua half has no dispatcher (a bug in Vigie)")
        }
        self.functions = functions
        self.dispatcher = dispatcher
    }

    subscript(_ point: EngineEntryPoint) -> LuaFunction? { functions[point] }
}
