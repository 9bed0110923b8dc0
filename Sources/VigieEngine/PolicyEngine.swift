import Foundation
import LuaHost
import VigieImport
import VigieModel
import VigiePolicy
import VigieToolkit

/// A loaded client policy, ready to run its phases: `analyse` (the threat
/// register), `check` (findings per activity, indicators), `Escalation`
/// (incidents moved by the findings in time order), `simulate` (a crisis replayed step by
/// step) and `runExamples` (the rules' own examples as tests).
///
/// One engine owns one Lua state and one environment for the policy and
/// its plugins. It is not `Sendable`: for parallel checks, load one engine
/// per worker (loading is cheap) and merge the results in activity order.
///
/// ```swift
/// let engine = try PolicyEngine(policyDirectory: "Policies/eclat-net", pluginPaths: ["Plugins"])
/// let register = engine.analyse()
/// for record in try ActivityStreamReader(path: "activities.jsonl") {
///     if case .activity(let activity, _) = record {
///         let result = engine.check(activity)   // findings, rule failures
///     }
/// }
/// let escalation = Escalation.replay(engine: engine, events: events)  // incidents
/// ```
public final class PolicyEngine {
    /// Everything the policy and its plugins declare, with file:line.
    public private(set) var declarations: PolicyDeclarations
    /// Problems that do not stop the policy from running.
    public private(set) var warnings: [PolicyWarning] = []
    public private(set) var profile: OrganisationProfile?
    // Properties marked `@exclusivity(unchecked)` are read on every
    // activity: without the runtime's exclusivity check, which costs more
    // than the read (no access to them overlaps another).
    /// The organisation's clock when the profile names its time zone: rules
    /// then see each post's time on it (`post.hour`, `post.weekday`);
    /// without one, on the offset the export wrote.
    @exclusivity(unchecked) public private(set) var clock: LocalClock?
    /// The policy file (`…/policy.lua`) as given.
    public let policyFile: String
    /// What the engine was loaded from: `Sendable`, so that parallel
    /// workers each load their own engine with `PolicyEngine(configuration:)`.
    public private(set) var configuration: PolicyConfiguration
    /// Whether `check` also finds the personal data in the text of each
    /// activity with findings (`ActivityCheck.personalData`), sharing the
    /// text preparation of the rules' detectors: what `vigie check` masks.
    @exclusivity(unchecked) public var findsPersonalData = false
    /// Where `print` from policy code goes (nothing by default).
    public var output: ((String) -> Void)? {
        get { state.output }
        set { state.output = newValue }
    }

    let state: LuaState
    let env: LuaEnvironment
    /// Plugin parameters that replace the policy's (policy tests).
    let parameterOverrides: [String: [String: LuaValue]]
    let bindings = TextBindings()
    /// Where a declaration's fields are in its source (errors point at them).
    let sourceFields = SourceFields()
    private let modules: ModuleMap
    /// The active rules then indicators, in the order Lua runs them (1-based there).
    @exclusivity(unchecked) private(set) var active: [RuleDeclaration] = []
    private var activeIndex: [String: Int] = [:]
    /// Whether an active indicator keeps a per-person history (the
    /// dispatcher then needs each activity's person key).
    @exclusivity(unchecked) private(set) var hasIndicators = false
    /// The active rules (1-based) stopped for keeping memory the others
    /// need, and the heap size above which the host looks for such a rule
    /// after an activity (`Check.swift`; 0: three quarters of the limit).
    @exclusivity(unchecked) var stoppedRules: Set<Int> = []
    /// Bytes of memory the policy's Lua state uses now.
    public var memoryInUse: Int { state.memoryInUse }
    @exclusivity(unchecked) var memoryWatchLine = 0
    /// The lowest watch line (nil: three quarters of the memory limit).
    @exclusivity(unchecked) var memoryWatchFloor: Int?
    /// The engine's entry points in Lua, held by the host only.
    @exclusivity(unchecked) private(set) var entry: EngineEntryPoints!
    /// The fields of a post (`ActivityView.Field`), registered in the state:
    /// the dispatcher's post is a lazy view of them.
    @exclusivity(unchecked) private(set) var postSchema: LuaSchema!
    /// Whether the test framework (`describe`, `it`, `check`, `expect`,
    /// `fixture`) is loaded: `vigie test` and the REPL, never `vigie check`.
    public let testing: Bool
    /// The globals through which the host and the engine's Lua half meet
    /// while it loads (the host's functions, the entry points): none is
    /// left afterwards, and a script may assign none of them.
    public private(set) var engineGlobalNames: [String] = []
    /// Posts made by test files' `check` so far (their ids: `test:N`).
    var madePosts = 0
    /// The folder of the test file running (`fixture` paths are relative to it).
    var testFolder: String?
    @exclusivity(unchecked) private var actorsByID: [String: Actor] = [:]
    @exclusivity(unchecked) private(set) var profileActors: [Actor] = []
    /// Actors a simulation adds (the scenario's actor).
    @exclusivity(unchecked) private var extraActors: [String: Actor] = [:]

    // MARK: - Loading

    /// Loads `policy.lua` from a policy folder, and `profile.yaml` (or
    /// `profile.json`) beside it unless a profile is given.
    public convenience init(
        policyDirectory: String, pluginPaths: [String] = [], profile: OrganisationProfile? = nil,
        limits: LuaLimits = .default, host: LuaHostPlace? = nil, parameterOverrides: [String: [String: LuaValue]] = [:],
        testing: Bool = false
    ) throws(PolicyError) {
        let file = (policyDirectory as NSString).appendingPathComponent("policy.lua")
        let source = try Self.read(file)
        let profileGiven = profile
        var profile = profile
        if profile == nil {
            for name in ["profile.yaml", "profile.yml", "profile.json"] {
                let path = (policyDirectory as NSString).appendingPathComponent(name)
                guard FileManager.default.fileExists(atPath: path) else { continue }
                do {
                    profile = try ProfileLoader.load(path: path)
                } catch {
                    throw PolicyError(
                        .declaration, at: SourceLocation(file: error.file, line: error.line ?? 0), error.message,
                        hint: "see docs/profile-schema.md")
                }
                break
            }
        }
        try self.init(
            source: source, file: file, pluginPaths: pluginPaths, profile: profile, limits: limits, host: host,
            parameterOverrides: parameterOverrides, testing: testing)
        configuration.policyDirectory = policyDirectory
        configuration.profileFromDirectory = profileGiven == nil
    }

    /// Loads the same policy again (another worker's engine).
    public convenience init(configuration: PolicyConfiguration) throws(PolicyError) {
        try self.init(source: configuration.source, file: configuration.file, pluginPaths: configuration.pluginPaths,
                      profile: configuration.profile, limits: configuration.limits, testing: configuration.testing)
        self.configuration.policyDirectory = configuration.policyDirectory
        self.configuration.profileFromDirectory = configuration.profileFromDirectory
    }

    /// A new engine from the files as they are now on disk (the REPL's
    /// `:reload`).
    public func reloaded() throws(PolicyError) -> PolicyEngine {
        let engine: PolicyEngine
        if let directory = configuration.policyDirectory {
            engine = try PolicyEngine(
                policyDirectory: directory, pluginPaths: configuration.pluginPaths,
                profile: configuration.profileFromDirectory ? nil : configuration.profile, limits: configuration.limits,
                testing: testing)
        } else {
            engine = try PolicyEngine(configuration: configuration)
        }
        return engine
    }

    /// Loads a policy from its source text; `file` names it in errors and
    /// its folder is where the policy's own modules (`require "x"`) are.
    /// With `host`, the policy loads into that state and environment (the
    /// REPL's), so that code typed there sees the policy's globals.
    /// `parameterOverrides` replace plugin parameters the policy gives
    /// (plugin → parameter → value), as policy tests do. With `testing`,
    /// the test framework is loaded too (`runTests`, the REPL).
    public init(
        source: String, file: String, pluginPaths: [String] = [], profile: OrganisationProfile? = nil,
        limits: LuaLimits = .default, host: LuaHostPlace? = nil, parameterOverrides: [String: [String: LuaValue]] = [:],
        testing: Bool = false
    ) throws(PolicyError) {
        policyFile = file
        self.parameterOverrides = parameterOverrides
        self.testing = testing
        configuration = PolicyConfiguration(
            source: source, file: file, pluginPaths: pluginPaths, profile: profile, limits: limits, testing: testing)
        modules = ModuleMap(policyDirectory: (file as NSString).deletingLastPathComponent)
        do {
            if let host {
                state = host.state
                env = host.environment
            } else {
                state = try LuaState(limits: limits)
                env = try state.makeEnvironment()
            }
        } catch {
            throw PolicyError(.script, at: nil, "cannot start Lua: \(error.message)")
        }
        declarations = PolicyDeclarations(
            manifest: PolicyManifest(name: "?", version: "0.0.0", language: "fr", texts: DeclarationTexts(),
                                     location: SourceLocation(file: file, line: 0)),
            plugins: [], threats: [], rules: [], indicators: [], incidents: [], reactions: [], scenarios: [])
        do {
            try load(source: source, file: file, catalog: PluginCatalog(searchPaths: pluginPaths), profile: profile)
        } catch {
            // In a host's environment (the REPL's), a failed load leaves
            // nothing of this engine behind: the seal and the API go.
            if host != nil, let f = entry?[.unseal] { _ = try? state.call(f, [.boolean(false)]) }
            throw error
        }
    }

    static func read(_ path: String) throws(PolicyError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PolicyError(.io, at: SourceLocation(file: path, line: 0), "cannot read the file", hint: "check the path")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PolicyError(.io, at: SourceLocation(file: path, line: 0), "the file is not valid UTF-8")
        }
        return text
    }

    @discardableResult
    private func lua<T>(_ body: () throws(LuaError) -> T) throws(PolicyError) -> T {
        do { return try body() } catch { throw PolicyError(loading: error) }
    }

    /// An entry point of the engine's Lua half.
    private func luaFunction(_ point: EngineEntryPoint) throws(LuaError) -> LuaFunction {
        guard let f = entry?[point] else {
            throw LuaError(kind: .host, message: "the engine has no entry point \(point.rawValue) (a bug in Vigie)")
        }
        return f
    }

    private func load(source: String, file: String, catalog: PluginCatalog, profile: OrganisationProfile?)
        throws(PolicyError)
    {
        let modules = self.modules
        modules.catalog = catalog
        state.moduleResolver = { name in modules.resolve(name) }
        state.moduleNotFound = { name in modules.notFound(name) }
        try startEngine()
        try setProfile(profile, rebuildClassifier: false)

        // The policy itself. A malformed declaration does not stop it: the
        // declarations' mistakes are kept and reported together below.
        sourceFields.remember(file, source: source)
        do {
            _ = try state.run(source, chunkName: file, environment: env)
        } catch {
            throw PolicyError.combined([PolicyError(loading: error)] + (try declarationProblems(only: true)))!
        }
        let first = try lua { () throws(LuaError) in try state.call(try luaFunction(.export), []) }.first ?? .nil
        let policy = first["policy"]
        guard !policy.isNil else {
            let missing = PolicyError(
                .declaration, at: SourceLocation(file: file, line: 1), "the policy has no policy { ... } declaration",
                hint: "start the file with policy { name = \"client\", version = \"1.0.0\", language = \"fr\" }")
            throw PolicyError.combined([missing] + (try declarationProblems(only: true)))!
        }
        let declared = try DeclarationReader.decode(
            PolicyPartExport.self, from: first, fallback: SourceLocation(file: file, line: 1)).policy
        let policyLocation = declared.location

        // Its plugins, sorted by name so that the order is the same on every
        // run; one that does not load does not hide the others' mistakes.
        var plugins: [PluginManifest] = []
        var pluginErrors: [PolicyError] = []
        for (name, given) in declared.uses.sorted(by: { $0.key < $1.key }) {
            let given = given.merging(parameterOverrides[name] ?? [:]) { _, override in override }
            do {
                plugins.append(try loadPlugin(name, given: given, catalog: catalog, requestedAt: policyLocation))
            } catch {
                pluginErrors.append(error)
            }
        }
        if !pluginErrors.isEmpty {
            throw PolicyError.combined(pluginErrors + (try declarationProblems(only: true)))!
        }

        // Extends and disables, then the active lists.
        if let problems = PolicyError.combined(try declarationProblems(only: false)) { throw problems }
        try adoptDeclarations(plugins: plugins, fallback: policyLocation)
    }

    /// The declarations' mistakes the Lua half kept, then (unless `only`)
    /// the extends and disables that do not apply, each as an error.
    private func declarationProblems(only: Bool) throws(PolicyError) -> [PolicyError] {
        let r = try lua { () throws(LuaError) in try state.call(try luaFunction(.finalize), [.boolean(only)]) }
        return (r.first?.arrayValue ?? []).compactMap(\.stringValue).map { problem in
            let (location, message) = splitLuaMessage(problem)
            return PolicyError(.declaration, at: location, message)
        }
    }

    /// Reads the declarations back from the Lua half (after `finalize`),
    /// checks their links and takes the active lists.
    private func adoptDeclarations(plugins: [PluginManifest], fallback: SourceLocation) throws(PolicyError) {
        let export = try lua { () throws(LuaError) in try state.call(try luaFunction(.export), []) }.first ?? .nil
        declarations = try DeclarationReader.read(export, plugins: plugins, fallback: fallback)
        let ids = try lua { () throws(LuaError) in try state.call(try luaFunction(.active), []) }.first ?? .nil
        active = ids.strings.compactMap { id in declarations.rule(id) }
        activeIndex = Dictionary(uniqueKeysWithValues: active.enumerated().map { ($1.id, $0 + 1) })
        hasIndicators = active.contains { $0.isIndicator }
        try rebuildClassifier()
        let (errors, found) = referenceProblems()
        warnings = found
        if let errors = PolicyError.combined(errors) { throw errors }
    }

    /// Takes in the declarations made since the policy loaded (typed or
    /// `:load`ed at the REPL's prompt: a rule, an extend, a disable), so
    /// that `check` runs them. Returns whether anything changed; throws
    /// the mistakes found (the declarations are taken in all the same).
    @discardableResult
    public func refreshDeclarations() throws(PolicyError) -> Bool {
        let r = try lua { () throws(LuaError) in try state.call(try luaFunction(.finalize), [.boolean(false)]) }
        let problems = (r.first?.arrayValue ?? []).compactMap(\.stringValue).map { problem in
            let (location, message) = splitLuaMessage(problem)
            return PolicyError(.declaration, at: location, message)
        }
        let changed = r.count > 1 && r[1].boolValue == true
        if changed { try adoptDeclarations(plugins: declarations.plugins, fallback: declarations.manifest.location) }
        if let problems = PolicyError.combined(problems) { throw problems }
        return changed
    }

    /// Runs the engine's Lua half in the environment (`EngineScripts`):
    /// the host's functions go in as globals, `engine.lua` gathers them,
    /// loads the other files and publishes its entry points, which the
    /// host takes and removes. Then the environment is sealed.
    private func startEngine() throws(PolicyError) {
        var files = EngineScripts.modules
        if testing { files.append(EngineScripts.testing) }
        var modules: [LuaValue] = []
        for name in files {
            modules.append(["name": .string(name), "source": .string(try EngineScripts.source(name))])
        }
        let bootstrap = try EngineScripts.source(EngineScripts.bootstrap)
        let config: LuaValue = ["modules": .array(modules), "post_fields": .array(PostSpec.fields.map { .string($0) })]
        let expected = EngineEntryPoint.all(testing: testing)
        let published = try lua { () throws(LuaError) -> [String] in
            var names = ["__vigie_where"]
            try state.register("__vigie_where", in: env) { args in
                let level = args.integer(1) ?? 2
                guard let place = args.location(level: level) else { return [.nil, .nil] }
                return [.string(place.chunk), .integer(Int64(place.line))]
            }
            names += try bindings.register(in: state, environment: env)
            names += try sourceFields.register(in: state, environment: env)
            if testing { names += try registerTestFunctions() }
            engineGlobalNames = names
            let r = try state.run(
                bootstrap, chunkName: EngineScripts.chunkName(EngineScripts.bootstrap), environment: env, arguments: [config])
            return r.first?.strings ?? []
        }
        guard published == expected.map(\.rawValue).sorted() else {
            throw PolicyError(
                .script, at: nil,
                "the engine's Lua half publishes \(published.joined(separator: ", ")), the host expects \(expected.map(\.rawValue).sorted().joined(separator: ", ")) (a bug in Vigie)")
        }
        var functions: [EngineEntryPoint: LuaFunction] = [:]
        try lua { () throws(LuaError) in
            for point in expected {
                guard let f = try state.function(point.globalName, in: env) else {
                    throw LuaError(kind: .host, message: "the engine's Lua half has no \(point.globalName) (a bug in Vigie)")
                }
                functions[point] = f
                try state.setGlobal(point.globalName, .nil, in: env)
            }
        }
        engineGlobalNames += expected.map(\.globalName) + [PolicyEngine.postSlot]
        entry = try EngineEntryPoints(functions)
        postSchema = try lua { () throws(LuaError) in try state.schema(ActivityView.fieldNames) }
    }

    /// Where the host leaves the post it built for a test file's `check`
    /// (the engine takes it at once).
    static let postSlot = EngineEntryPoint.prefix + "post"

    /// The host's functions of the test framework: `check`'s post builder
    /// (the one of `vigie check` and the examples) and `fixture`.
    private func registerTestFunctions() throws(LuaError) -> [String] {
        try state.register("__vigie_fn_host_post", in: env) { [unowned self] args in
            let spec = try args.value(1)
            self.madePosts += 1
            var activity: Activity
            do throws(PostSpec.Problem) {
                activity = try self.madePost(PostSpec(spec), .init(id: "test:\(self.madePosts)", platform: "facebook", handle: "test"))
            } catch {
                return [.boolean(false), .string("check: \(error.description)")]
            }
            let actor = self.resolveActor(&activity)
            // The post reaches the rules as every post does: a read-only view.
            try self.state.setGlobal(Self.postSlot, ActivityView.value(activity, actor: actor), readOnly: true, in: self.env)
            return [.boolean(true), .string(Self.actorKey(activity, actorID: activity.actorID))]
        }
        try state.register("__vigie_fn_test_fixture", in: env) { [unowned self] args in
            do throws(LuaError) {
                return [.boolean(true), .array(try self.fixture(args.string(1)))]
            } catch {
                return [.boolean(false), .string(error.message)]
            }
        }
        return ["__vigie_fn_host_post", "__vigie_fn_test_fixture"]
    }

    private func loadPlugin(
        _ name: String, given: [String: LuaValue], catalog: PluginCatalog, requestedAt: SourceLocation
    ) throws(PolicyError) -> PluginManifest {
        var given = given
        var requirement = VersionRequirement.any
        if let v = given.removeValue(forKey: "version") {
            guard let text = v.stringValue, let r = VersionRequirement(text) else {
                throw PolicyError(
                    .declaration, at: requestedAt, "plugin \"\(name)\": the version requirement \(v.luaLiteral) is not valid",
                    hint: "write version = \"^1.2\" (1.2 or later, before 2.0), \"~1.2\", \">=1.0, <2\" or \"1.2.3\"")
            }
            requirement = r
        }
        let candidates = catalog.candidates(name)
        guard !candidates.isEmpty else {
            let available = catalog.availableNames()
            let paths = catalog.searchPaths.isEmpty ? "(none)" : catalog.searchPaths.joined(separator: ", ")
            throw PolicyError(
                .missingPlugin, at: requestedAt, "plugin \"\(name)\" not found in the plugin search paths: \(paths)",
                hint: available.isEmpty
                    ? "add the folder that holds \(name)/plugin.lua to the search paths"
                    : "the available plugins are: \(available.joined(separator: ", ")); check the name in uses")
        }
        var found: [(SemanticVersion, String)] = []
        var chosen: (manifest: PluginManifestExport, directory: String, version: SemanticVersion)?
        for directory in candidates {
            let file = (directory as NSString).appendingPathComponent("plugin.lua")
            let source = try Self.read(file)
            let manifest = try lua { () throws(LuaError) in
                try state.call(try luaFunction(.begin), [.string(name), .table([:])])
                try state.run(source, chunkName: file, environment: env)
                return try state.call(try luaFunction(.manifest), []).first ?? .nil
            }
            guard !manifest.isNil else {
                throw PolicyError(
                    .declaration, at: SourceLocation(file: file, line: 1), "plugin.lua has no plugin { ... } declaration",
                    hint: "declare plugin { name = \"\(name)\", version = \"1.0.0\", parameters = { ... } }")
            }
            let declared = try DeclarationReader.decode(
                PluginManifestExport.self, from: manifest, fallback: SourceLocation(file: file, line: 1),
                subject: "plugin \"\(name)\"")
            let at = SourceLocation(file: file, line: declared.line)
            guard declared.name == name else {
                throw PolicyError(
                    .declaration, at: at,
                    "the plugin in folder \"\(name)\" is named \"\(declared.name ?? "")\"",
                    hint: "a plugin's name must be its folder's name")
            }
            guard let text = declared.version, let version = SemanticVersion(text) else {
                throw PolicyError(
                    .declaration, at: at, "plugin \"\(name)\": version must be a text like \"1.2.0\"")
            }
            found.append((version, directory))
            if requirement.isSatisfied(by: version) {
                chosen = (declared, directory, version)
                break
            }
        }
        guard let chosen else {
            let list = found.map { "\($0.0) in \($0.1)" }.joined(separator: ", ")
            throw PolicyError(
                .versionConflict, at: requestedAt,
                "plugin \"\(name)\": the policy asks for version \(requirement), but the search paths hold \(list)",
                hint: "change version in uses.\(name), or put a compatible version of the plugin in a search path")
        }
        let manifest = chosen.manifest
        let manifestFile = (chosen.directory as NSString).appendingPathComponent("plugin.lua")
        let manifestAt = SourceLocation(file: manifestFile, line: manifest.line)
        var parameters: [PluginParameter] = []
        for (pname, spec) in manifest.parameters.sorted(by: { $0.key < $1.key }) {
            guard let kindText = spec.type, let kind = PluginParameter.Kind(rawValue: kindText) else {
                throw PolicyError(
                    .declaration, at: manifestAt,
                    "plugin \"\(name)\": parameter \"\(pname)\" needs a type",
                    hint: "write \(pname) = { type = \"integer\", default = 30 }; the types are "
                        + PluginParameter.Kind.allCases.map(\.rawValue).joined(separator: ", "))
            }
            guard let defaultValue = PolicyValue(lua: spec.default ?? .nil) else {
                throw PolicyError(
                    .declaration, at: manifestAt,
                    "plugin \"\(name)\": the default of parameter \"\(pname)\" must be data, not a function")
            }
            let parameter = PluginParameter(
                name: pname, kind: kind, defaultValue: defaultValue, description: spec.description,
                values: spec.values ?? [], min: spec.min, max: spec.max, englishName: spec.en)
            if !parameter.defaultValue.isNil {
                _ = try ParameterValidator.check(plugin: name, parameter, parameter.defaultValue.luaValue, at: manifestAt)
            }
            parameters.append(parameter)
        }
        parameters.sort { $0.name < $1.name }
        let effective = try ParameterValidator.validate(
            plugin: name, parameters: parameters, given: given, at: requestedAt)
        modules.plugins[name] = chosen.directory
        let hasInit = FileManager.default.fileExists(
            atPath: (chosen.directory as NSString).appendingPathComponent("init.lua"))
        var table: [LuaValue: LuaValue] = [:]
        var effectiveData: [String: PolicyValue] = [:]
        for (k, v) in effective.sorted(by: { $0.key < $1.key }) {
            guard let data = PolicyValue(lua: v) else {
                throw PolicyError(
                    .parameter, at: requestedAt, "plugin \"\(name)\": parameter \"\(k)\" must be data, not a function")
            }
            table[.string(k)] = v
            effectiveData[k] = data
        }
        try lua { () throws(LuaError) in
            try state.call(try luaFunction(.loadPlugin), [.string(name), .table(table), .boolean(hasInit)])
        }
        return PluginManifest(
            name: name, version: chosen.version, texts: manifest.texts, provides: manifest.provides,
            parameters: parameters, directory: chosen.directory, location: manifestAt, effectiveParameters: effectiveData)
    }

    // MARK: - Profile and classification

    /// Sets the organisation profile rules and threats see (`org`, `ctx.org`).
    public func setProfile(_ profile: OrganisationProfile?) throws(PolicyError) {
        try setProfile(profile, rebuildClassifier: true)
    }

    private func setProfile(_ profile: OrganisationProfile?, rebuildClassifier: Bool) throws(PolicyError) {
        self.profile = profile
        configuration.profile = profile
        clock = profile?.organisation.timeZone.flatMap(LocalClock.init(identifier:))
        profileActors = profile?.actors ?? []
        actorsByID = Dictionary(profileActors.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        if let profile {
            try lua { () throws(LuaError) in
                let value = try LuaValueEncoder().encode(profile)
                try state.call(try luaFunction(.setProfile), [value])
            }
        }
        if rebuildClassifier { try self.rebuildClassifier() }
    }

    /// The classification markers (the policy's and the profile's assets')
    /// as one lexicon behind `classify`.
    private func rebuildClassifier() throws(PolicyError) {
        let levels = declarations.classification?.levels ?? Classification.allCases.map(\.rawValue)
        var terms: [LexiconTerm] = []
        for (level, markers) in (declarations.classification?.markers ?? [:]).sorted(by: { $0.key < $1.key }) {
            for m in markers { terms.append(LexiconTerm(term: m, category: level)) }
        }
        for asset in profile?.assets ?? [] {
            let rank = Classification.allCases.firstIndex(of: asset.classification) ?? 0
            let level = levels.count == Classification.allCases.count ? levels[rank] : asset.classification.rawValue
            for m in asset.markers.all { terms.append(LexiconTerm(term: m, category: level)) }
        }
        let id = bindings.addLexicon(Lexicon(terms: terms, wholeWords: true))
        try lua { () throws(LuaError) in
            try state.call(try luaFunction(.setClassifier), [.integer(Int64(id)), .table([:])])
        }
    }

    // MARK: - Coverage

    /// Which rules mitigate and which reactions answer each threat.
    public var coverage: Coverage {
        let d = declarations
        var entries: [Coverage.Entry] = []
        for threat in d.threats {
            let rules = (d.rules + d.indicators).filter { !$0.disabled && $0.mitigates.contains(threat.id) }.map(\.id)
            let reactions = d.reactions.filter { !$0.disabled && $0.answers.contains(threat.id) }.map(\.id)
            entries.append(Coverage.Entry(threatID: threat.id, rules: rules, reactions: reactions))
        }
        return Coverage(entries: entries)
    }

    // MARK: - Actors

    /// The actor behind an activity: the one it names (`actorID`), else the
    /// profile's actor who owns its author's account (then set as its
    /// `actorID`), else nil.
    func resolveActor(_ activity: inout Activity) -> Actor? {
        // Every post reaches the rules through here: its time on the organisation's clock.
        if let clock {
            // Written only when it differs: an activity shares its fields
            // with its copies until one of them is changed.
            let offset = clock.offset(at: activity.timestamp)
            if activity.timestamp.utcOffset != offset { activity.timestamp.utcOffset = offset }
        }
        if let id = activity.actorID {
            // An id that names a kind ("employee", "client"…) stands for someone of
            // that kind: plugin examples use it, having no profile of their own.
            if !extraActors.isEmpty, let actor = extraActors[id] { return actor }
            if !actorsByID.isEmpty, let actor = actorsByID[id] { return actor }
            return Actor(id: id, kind: Self.actorKind(named: id) ?? .stranger)
        }
        if let actor = owner(of: activity.author) {
            activity.actorID = actor.id
            return actor
        }
        return nil
    }

    /// `ActorKind(rawValue:)`, without comparing with every kind an id
    /// that cannot be one (every kind ends with a lowercase letter; most
    /// ids end with a digit).
    static func actorKind(named id: String) -> ActorKind? {
        guard let last = id.utf8.last, last >= UInt8(ascii: "a"), last <= UInt8(ascii: "z") else { return nil }
        return ActorKind(rawValue: id)
    }

    /// The profile's actor who owns an account.
    func owner(of account: Account) -> Actor? {
        profileActors.first { $0.owns(account) }
    }

    /// The key of the person an activity is about, once its actor is
    /// resolved: the actor's id, else the author's platform and handle.
    /// The one definition: the indicators' history (handed to the
    /// dispatcher), the incidents and the parallel workers' shards use it.
    public static func actorKey(_ activity: Activity, actorID: String?) -> String {
        actorID ?? "\(activity.author.platform.rawValue):\(activity.author.handle ?? activity.author.id ?? activity.author.displayName ?? "?")"
    }

    /// Whether an actor id names someone: a person of the profile, an
    /// actor a scenario adds, or a kind of actor.
    func isKnownActor(_ id: String) -> Bool {
        extraActors[id] != nil || actorsByID[id] != nil || ActorKind(rawValue: id) != nil
    }

    func withExtraActors<T>(_ actors: [Actor], _ body: () throws -> T) rethrows -> T {
        let saved = extraActors
        for a in actors { extraActors[a.id] = a }
        defer { extraActors = saved }
        return try body()
    }

    // MARK: - Lua calls used by the phases

    /// Runs the dispatcher on the post of `activity` (written straight into
    /// the state's buffer as a lazy view): `key` is the person's key
    /// (needed only when indicators run); from rule `from`, or only rule
    /// `only`; with `look`, the indicators' history is left as it is.
    /// `flags` reads what the rules flagged (the dispatcher's flat array,
    /// see vigie/check.lua), in place; nothing when nothing flagged.
    /// Returns the indices of the rules that went over their finding budget
    /// (see vigie/check.lua) and caught the error it raised.
    @discardableResult
    func callCheck(
        _ activity: Activity, actor: Actor?, key: String?, from: Int, only: Int?, look: Bool,
        flags: (LuaRawTable, Int) -> Void
    ) throws(LuaError) -> [Int] {
        let schema = postSchema!
        let withKey = hasIndicators ? key : nil
        let plain = from == 1 && only == nil && !look
        return try state.call(entry.dispatcher) { args in
            args.lazyMap(schema) { ActivityView.write(activity, actor: actor, into: &$0) }
            if plain {
                if let withKey { args.string(withKey) }
            } else {
                if let withKey { args.string(withKey) } else { args.nilValue() }
                args.integer(from)
                if let only { args.integer(only) } else { args.nilValue() }
                if look { args.boolean(true) } else { args.nilValue() }
            }
        } results: { (r: LuaResults) throws(LuaError) -> [Int] in
            if let n = r.integer(1), n > 0, let t = r.table(2) { flags(t, n) }
            return Self.indices(r.table(3))
        }
    }

    /// After an error stopped the dispatcher: which rule was running (nil
    /// if none), and `flags` reads what had been flagged in that call
    /// (before the given rule index: the running rule's own flags too when
    /// its finding budget stopped it); `overs`, the rules that went over
    /// their finding budget in that call.
    func interruptedCheck(flags: (LuaRawTable, Int, Int) -> Void) -> (running: Int, overs: [Int])? {
        guard let f = entry[.interrupted] else { return nil }
        let result = try? state.call(f) { _ in } results: {
            (r: LuaResults) throws(LuaError) -> (running: Int, overs: [Int])? in
            guard let cursor = r.integer(1), cursor != 0 else { return nil }
            let overs = Self.indices(r.table(4))
            // A rule stopped by its finding budget keeps its first flags.
            let upTo = overs.contains(cursor) ? cursor + 1 : cursor
            if let n = r.integer(2), n > 0, let t = r.table(3) { flags(t, n, upTo) }
            return (cursor, overs)
        }
        return result ?? nil
    }

    /// The integers of a Lua array (`nil`: none).
    private static func indices(_ t: LuaRawTable?) -> [Int] {
        guard let t else { return [] }
        var list: [Int] = []
        var k = 1
        while let i = t.integer(k) {
            list.append(i)
            k += 1
        }
        return list
    }

    /// After the check of a stream, before its escalation: the conditions
    /// of the escalation make garbage in bursts (the findings that wait, as
    /// tables), and what the Lua heap reaches it keeps, so cycles come at
    /// twice the memory kept instead of three times.
    public func prepareForEscalation() {
        state.setCollectorPause(200)
    }

    /// Stops the active rule at `index` (1-based) for the rest of the run:
    /// it keeps memory the others need (`Check.swift`). Its function and
    /// history are let go, and what only they held is collected.
    func stopRule(at index: Int) {
        if let f = entry[.stop] { _ = try? state.call(f, [.integer(Int64(index))]) }
        state.collectGarbage()
    }

    /// Whether step `step` (1-based) of `reaction` applies to the incident
    /// and its pending findings: the verdict, the condition's reason, and the
    /// positions (1-based) of the findings that met it.
    ///
    /// The incident and the findings are written straight into the call's
    /// encoding, as read-only tables: `{ id, kind, actor, step, opened_at,
    /// step_reached_at, history }` and an array of `{ id, severity,
    /// fingerprint, activity, at, title }` (`title(ruleID)` gives the last).
    func callWhen(
        reaction: String, step: Int, incident: EscalatedIncident, events: [FindingEvent], title: (String) -> String
    ) throws(LuaError) -> (ok: Bool, reason: String?, matched: [Int]?) {
        try state.call(
            try luaFunction(.when),
            arguments: { w in
                w.string(reaction)
                w.integer(step)
                w.map { m in
                    m.set("id", incident.id)
                    m.set("kind", incident.incident.kind)
                    m.set("actor", incident.incident.actorID)
                    m.set("step", incident.incident.currentStep)
                    m.set("opened_at", incident.openedAt.iso8601)
                    m.set("step_reached_at", incident.stepReachedAt.iso8601)
                    m.set("history", strings: incident.incident.history.map { $0.step ?? "" })
                }
                w.array { a in
                    for e in events {
                        a.appendMap { m in
                            m.set("id", e.ruleID)
                            m.set("severity", e.severity.rawValue)
                            m.set("fingerprint", e.fingerprint)
                            m.set("activity", e.activityID)
                            m.set("at", e.at.iso8601)
                            m.set("title", title(e.ruleID))
                        }
                    }
                }
            },
            results: { (r: LuaResults) throws(LuaError) in
                (
                    try r.value(1).boolValue ?? false, r.count > 1 ? try r.value(2).stringValue : nil,
                    r.count > 2 ? try r.value(3).arrayValue?.compactMap(\.intValue) : nil
                )
            })
    }

    func callAnalyse() throws(LuaError) -> [LuaValue] {
        try state.call(try luaFunction(.analyse), []).first?.arrayValue ?? []
    }

    /// Forgets the indicators' per-actor history.
    public func resetIndicators() {
        if let f = entry?[.reset] { _ = try? state.call(f, []) }
    }

    /// The names of the API a policy sees (`rule`, `text`, `pii`…; with the
    /// test framework, `check`, `expect`…), sorted.
    public func apiNames() -> [String] {
        guard let f = entry?[.api], let r = try? state.call(f, []) else { return [] }
        return r.first?.strings ?? []
    }

    /// Takes the engine's seal off the environment it loaded into, so that
    /// another engine can load there (the REPL's `:reload`); the API stays
    /// as plain globals until then, or until `reclaimEnvironment()` when
    /// the other engine failed to load.
    public func releaseEnvironment() {
        if let f = entry?[.unseal] { _ = try? state.call(f, []) }
    }

    /// Seals the environment again for this engine, after
    /// `releaseEnvironment()`, when the engine meant to replace it failed.
    public func reclaimEnvironment() {
        if let f = entry?[.reseal] { _ = try? state.call(f, []) }
    }

    func index(ofRule id: String) -> Int? { activeIndex[id] }

    /// Runs a snippet of Lua in the policy's environment (for a REPL):
    /// returns what it returns.
    public func evaluate(_ code: String, chunkName: String = "=repl") throws(LuaError) -> [LuaValue] {
        try state.run(code, chunkName: chunkName, environment: env)
    }
}

/// Everything needed to load a policy again.
/// A Lua state and environment a policy loads into instead of its own.
public struct LuaHostPlace {
    public let state: LuaState
    public let environment: LuaEnvironment

    public init(state: LuaState, environment: LuaEnvironment) {
        self.state = state
        self.environment = environment
    }
}

public struct PolicyConfiguration: Sendable {
    public var source: String
    public var file: String
    public var pluginPaths: [String]
    public var profile: OrganisationProfile?
    public var limits: LuaLimits
    /// The policy folder, when loaded from one (`reloaded()` re-reads it).
    public var policyDirectory: String?
    var profileFromDirectory = false
    /// Whether the test framework is loaded too.
    public var testing = false
}

/// Where `require` finds modules: a loaded plugin's files, then the
/// policy's folder.
final class ModuleMap: @unchecked Sendable {
    let policyDirectory: String
    var plugins: [String: String] = [:]
    /// Plugins the policy has not loaded yet (they load after the policy
    /// file): their modules are found in the first search path that has
    /// them, so that a policy can `require "crise.echelles"` while it
    /// declares.
    var catalog: PluginCatalog?

    init(policyDirectory: String) {
        self.policyDirectory = policyDirectory
    }

    /// Why `require name` finds nothing, naming the plugin and where it was looked for.
    func notFound(_ name: String) -> String? {
        let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
        guard let first = parts.first else { return nil }
        if let dir = plugins[first] ?? catalog?.candidates(first).first {
            let file = parts.count == 1 ? "init.lua" : parts[1].replacingOccurrences(of: ".", with: "/") + ".lua"
            return "module '\(name)' not found: plugin \"\(first)\" (\(dir)) has no \(file)"
        }
        let paths = catalog?.searchPaths ?? []
        let where_ = paths.isEmpty ? "no plugin search path is given (--plugins DIR, $VIGIE_PLUGINS, a Plugins folder above the policy)"
            : "the plugin search paths are \(paths.joined(separator: ", "))"
        let local = (policyDirectory as NSString).appendingPathComponent(name.replacingOccurrences(of: ".", with: "/") + ".lua")
        return "module '\(name)' not found: no plugin \"\(first)\" (\(where_)) and no \(local) beside the policy"
    }

    func resolve(_ name: String) -> (source: String, chunkName: String)? {
        let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
        var path: String?
        if let dir = plugins[parts[0]] ?? catalog?.candidates(parts[0]).first {
            path = (dir as NSString).appendingPathComponent(parts.count == 1 ? "init.lua" : parts[1].replacingOccurrences(of: ".", with: "/") + ".lua")
        } else if !name.contains("..") {
            path = (policyDirectory as NSString).appendingPathComponent(name.replacingOccurrences(of: ".", with: "/") + ".lua")
        }
        guard let path, let data = FileManager.default.contents(atPath: path),
            let source = String(data: data, encoding: .utf8)
        else { return nil }
        return (source, path)
    }
}
