import Foundation
import LuaHost

/// How a session evaluates and shows values.
public struct ReplOptions: Sendable {
    /// The sandbox limits of each evaluation (the policies' limits).
    public var limits: LuaLimits = .default
    /// Nesting levels of a table shown before `{...}`.
    public var maxDepth = 4
    /// Entries of a table shown before `... (N more)`.
    public var maxItems = 40
    /// A table fits on one line up to this width, else one entry per line.
    public var width = 78

    public init() {}
}

/// The REPL's core, independent of any terminal: feed it lines, it
/// evaluates complete entries in one sandboxed environment and writes
/// values, output and errors to its `ReplOutput`.
///
/// An entry is what the user typed until it compiles: an incomplete chunk
/// (Lua's syntax error ends with `<eof>`) asks for more lines, as `lua`
/// does. An entry that compiles as `return <entry>` is an expression and
/// its values are shown; otherwise it runs as a statement. Lines starting
/// with `:` are meta-commands (`commands`). Errors are shown and counted
/// (`failures`); they never end the session.
///
/// Lines are numbered across the whole session, as a script's are: an
/// error says `stdin:12:` for the 12th line typed or piped, and a function
/// defined in an earlier entry keeps its own lines in tracebacks.
public final class ReplSession {
    public let state: LuaState
    public let environment: LuaEnvironment
    public let options: ReplOptions
    public let output: ReplOutput
    public let commands = ReplCommandRegistry()
    /// Completion sources, asked in order; add your own.
    public var completionProviders: [any ReplCompletionProvider]
    public let policy: (any ReplPolicyProvider)?
    public let datasets: [ReplDataSet]
    /// Files run by `:load`, in order; `:reload` runs them again.
    public private(set) var loadedFiles: [String] = []
    /// Entries and commands that ended with an error.
    public private(set) var failures = 0
    /// The chunk name of typed entries, as errors show it.
    public let chunkName = "stdin"
    /// On a terminal, where Ctrl-C echoes `^C` on the entry's line.
    public var interactive = false

    private var pendingLines: [String] = []
    private var pendingStartLine = 1
    private var nextLine = 1
    private var sources: [String: String] = [:]
    /// Every line fed so far: the source of the `stdin` chunk.
    private var transcript: [String] = []
    private var completionFunction: LuaFunction?
    /// Shared with the Ctrl-C thread (see `InterruptWatcher`).
    let evaluation = EvaluationState()

    public init(
        options: ReplOptions = ReplOptions(), datasets: [ReplDataSet] = [], policy: (any ReplPolicyProvider)? = nil,
        output: ReplOutput
    ) throws(LuaError) {
        self.options = options
        self.output = output
        self.datasets = datasets
        self.policy = policy
        state = try LuaState(limits: options.limits)
        environment = try state.makeEnvironment()
        state.output = { output.write($0) }
        if let data = ReplDataSet.globalValue(of: datasets) {
            try state.setGlobal("data", data, in: environment)
        }
        completionProviders = [MetaCommandCompletion(), LuaNameCompletion(), PolicyCompletion()]
        BuiltinCommands.register(in: commands)
        PolicyCommands.register(in: commands)
        BuiltinCommands.registerQuit(in: commands)
        if let policy {
            for topic in policy.helpTopics { commands.register(topic: topic) }
            for command in policy.extraCommands { commands.register(command) }
        }
    }

    // MARK: - Input

    /// What the session needs after a line.
    public enum Step: Equatable, Sendable {
        /// The entry is incomplete: read another line (continuation prompt).
        case needsMore
        /// The entry was evaluated (or the line was empty: `entry` is nil).
        /// `entry` is what history keeps: all its lines, as one entry.
        case done(entry: String?)
        /// `:quit`.
        case quit(entry: String)
    }

    /// Whether an entry is waiting for more lines.
    public var isContinuing: Bool { !pendingLines.isEmpty }

    /// Feeds a line (without its newline); a pasted or recalled block may
    /// hold several lines and is taken as one entry.
    public func feed(_ text: String) -> Step {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        transcript += lines
        defer { nextLine += lines.count }
        if pendingLines.isEmpty {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { return .done(entry: nil) }
            if trimmed.hasPrefix(":") {
                return runMetaCommand(trimmed) == .quit ? .quit(entry: trimmed) : .done(entry: trimmed)
            }
            pendingStartLine = nextLine
        }
        pendingLines.append(text)
        let entry = pendingLines.joined(separator: "\n")
        let padding = String(repeating: "\n", count: pendingStartLine - 1)
        switch compile(entry, padding: padding) {
        case .incomplete:
            return .needsMore
        case .failed(let error):
            pendingLines = []
            report(error, source: padding + entry)
        case .ready(let function, let rendered):
            pendingLines = []
            evaluate(function, rendered: rendered, source: padding + entry)
        }
        return .done(entry: entry)
    }

    /// Drops an incomplete entry (Ctrl-C at a continuation prompt).
    public func cancelEntry() {
        pendingLines = []
    }

    /// The input ended: an incomplete entry is an error.
    public func finishInput() {
        guard !pendingLines.isEmpty else { return }
        let entry = pendingLines.joined(separator: "\n")
        let padding = String(repeating: "\n", count: pendingStartLine - 1)
        pendingLines = []
        do {
            _ = try state.load(padding + entry, chunkName: chunkName, environment: environment)
        } catch {
            report(error, source: padding + entry)
        }
    }

    // MARK: - Evaluation

    private enum Compiled {
        case ready(LuaFunction, rendered: Bool)
        case incomplete
        case failed(LuaError)
    }

    private func compile(_ entry: String, padding: String) -> Compiled {
        let expressionError: LuaError
        do {
            let plain = try state.load(padding + "return " + entry, chunkName: chunkName, environment: environment)
            if let wrapped = rendering(entry, padding: padding, asFunction: false) { return .ready(wrapped, rendered: true) }
            return .ready(plain, rendered: false)
        } catch {
            expressionError = error
        }
        do {
            let plain = try state.load(padding + entry, chunkName: chunkName, environment: environment)
            // A statement that returns values (`return t`) has them shown too.
            if entry.contains("return"), let wrapped = rendering(entry, padding: padding, asFunction: true) {
                return .ready(wrapped, rendered: true)
            }
            return .ready(plain, rendered: false)
        } catch {
            if ReplSession.isIncomplete(error) || ReplSession.isIncomplete(expressionError) { return .incomplete }
            // `1 +* 2`: the statement's error blames the first token; the
            // expression's error says what is wrong.
            let trimmed = entry.trimmingCharacters(in: .whitespacesAndNewlines)
            if error.message.hasPrefix("unexpected symbol near '"), error.line == pendingStartLine,
                let token = error.message.split(separator: "'").dropFirst().first, trimmed.hasPrefix(token),
                expressionError.kind == .syntax
            {
                return .failed(expressionError)
            }
            return .failed(error)
        }
    }

    /// The entry with the renderer in front, on its first line, so that
    /// line numbers stay those of the entry: `show(<expression>)`, or for
    /// a statement `show((function(...) <statement> end)(...))`.
    private func rendering(_ entry: String, padding: String, asFunction: Bool) -> LuaFunction? {
        let head =
            padding + "local __vigie_show = " + LuaSnippets.renderer
            + "(\(options.maxDepth), \(options.maxItems), \(options.width)); return __vigie_show("
        // A newline before the closing parenthesis only when a comment
        // could swallow it: Lua dates an expression's last instruction to
        // the line of that parenthesis.
        let end = entry.contains("--") ? "\n" : " "
        let source = asFunction ? head + "(function(...) " + entry + end + "end)(...))" : head + entry + end + ")"
        return try? state.load(source, chunkName: chunkName, environment: environment)
    }

    static func isIncomplete(_ error: LuaError) -> Bool {
        error.kind == .syntax && error.message.hasSuffix("<eof>")
    }

    private func evaluate(_ function: LuaFunction, rendered: Bool, source: String) {
        evaluation.begin()
        defer { evaluation.end() }
        do {
            let results = try state.call(function)
            if rendered {
                if case .string(let text) = results.first { output.line(text) }
            } else if !results.isEmpty {
                output.line(results.map { $0.rendered(indent: "  ", maxDepth: options.maxDepth) }.joined(separator: "\t"))
            }
        } catch {
            report(error, source: source)
        }
        refreshPolicy()
    }

    /// Takes in what an entry or a file declared (a rule, an extend): the
    /// provider's `refresh`, whose notice or mistakes are shown.
    @discardableResult
    func refreshPolicy() -> Bool {
        guard let policy else { return true }
        do {
            if let notice = try policy.refresh() { output.notice(notice) }
            return true
        } catch {
            report(error)
            return false
        }
    }

    /// Runs a Lua file in the session's environment (`:load`); its chunk
    /// name is `path`, so errors show `path:line`.
    @discardableResult
    public func load(file path: String) -> Bool {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            fail("\(path): cannot be read (\(FileManager.default.fileExists(atPath: path) ? "not UTF-8 text or no permission" : "no such file"))")
            return false
        }
        if !loadedFiles.contains(path) { loadedFiles.append(path) }
        sources[path] = text
        evaluation.begin()
        defer { evaluation.end() }
        do {
            let results = try state.run(text, chunkName: path, environment: environment)
            if !results.isEmpty {
                output.line(results.map { $0.rendered(indent: "  ", maxDepth: options.maxDepth) }.joined(separator: "\t"))
            }
            return refreshPolicy()
        } catch {
            report(error, source: text)
            refreshPolicy()
            return false
        }
    }

    /// Loads (or reloads) the policy, if there is one; errors are shown.
    @discardableResult
    public func loadPolicy() -> Bool {
        guard let policy else { return true }
        evaluation.begin()
        defer { evaluation.end() }
        do {
            try policy.load(into: ReplPolicyContext(state: state, environment: environment, datasets: datasets))
            output.notice(policy.summary)
            return true
        } catch {
            report(error)
            return false
        }
    }

    /// `:reload`: the policy and plugins, then the loaded files, in the
    /// same environment; the data and the user's globals stay.
    public func reload() {
        if policy == nil && loadedFiles.isEmpty {
            output.notice("nothing to reload: load files with :load FILE, or run with --policy DIR")
            return
        }
        var ok = loadPolicy()
        for file in loadedFiles { ok = load(file: file) && ok }
        if !loadedFiles.isEmpty {
            let names = loadedFiles.joined(separator: ", ")
            output.notice(ok ? "reloaded \(names)" : "reloaded \(names), with errors")
        }
    }

    // MARK: - Meta-commands

    private func runMetaCommand(_ line: String) -> ReplCommandResult {
        let body = line.dropFirst()
        let name = String(body.prefix { !$0.isWhitespace })
        let argument = body.dropFirst(name.count).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let command = commands.command(named: name) else {
            fail("unknown command :\(name) (:help lists the commands)")
            return .continue
        }
        do {
            return try command.run(argument, self)
        } catch {
            report(error)
            return .continue
        }
    }

    // MARK: - Completion

    /// The completions for the text before the cursor, from every provider.
    public func complete(_ textBeforeCursor: String) -> ReplCompletion? {
        let text = pendingLines.isEmpty ? textBeforeCursor : pendingLines.joined(separator: "\n") + "\n" + textBeforeCursor
        guard let request = ReplCompletionRequest(textBeforeCursor: text) else { return nil }
        var candidates: [String] = []
        for provider in completionProviders {
            candidates += provider.completions(for: request, in: self)
        }
        let word = request.word
        let unique = Set(candidates.filter { $0.hasPrefix(word) })
        return ReplCompletion(word: word, candidates: unique.sorted())
    }

    /// Identifier keys of the value at `path` from the globals that start
    /// with `prefix` (functions only when `methodsOnly`). Errors give none.
    public func fieldNames(path: [String], prefix: String, methodsOnly: Bool) -> [String] {
        do {
            if completionFunction == nil {
                completionFunction = try state.load(
                    LuaSnippets.completion, chunkName: "=(completion)", environment: environment)
            }
            guard let function = completionFunction else { return [] }
            let result = try state.call(
                function, [.array(path.map { .string($0) }), .string(prefix), .boolean(methodsOnly)])
            return result.first?.arrayValue?.compactMap(\.stringValue) ?? []
        } catch {
            return []
        }
    }

    // MARK: - Errors

    /// Shows an error and counts it.
    public func fail(_ message: String) {
        failures += 1
        output.error(message)
    }

    /// Shows any error: a Lua error as a diagnostic with file:line.
    public func report(_ error: any Error, source: String? = nil) {
        guard let error = error as? LuaError else {
            fail("error: \(error)")
            return
        }
        if error.limit == .interrupted {
            fail((interactive ? "\n" : "") + "interrupted" + (error.location.map { " (at \($0))" } ?? ""))
            return
        }
        let text = error.chunk == chunkName ? transcript.joined(separator: "\n") : error.chunk.flatMap { sources[$0] }
        var message = error.diagnostic(source: text, includeTraceback: false)
        if let traceback = ReplSession.usefulTraceback(error.traceback) { message += "\n" + traceback }
        fail(message)
    }

    /// Lua's traceback without the REPL's own frames and the policy
    /// engine's (its Lua files are `vigie/*.lua`, raising through an
    /// `error` upvalue); nil when only the entry itself is left (the
    /// location says it all then).
    static func usefulTraceback(_ traceback: String?) -> String? {
        guard let traceback else { return nil }
        let frames = traceback.split(separator: "\n").dropFirst().filter {
            !$0.contains("[C]: in ?") && !$0.contains("(...tail calls...)") && !$0.contains("__vigie_show")
                && !$0.hasSuffix(": in local '__vigie_show'") && !$0.contains("[C]: in upvalue 'error'")
                && !$0.trimmingCharacters(in: .whitespaces).hasPrefix("vigie/")
        }
        guard frames.filter({ !$0.contains("[C]:") }).count > 1 else { return nil }
        return "stack traceback:\n" + frames.joined(separator: "\n")
    }
}
