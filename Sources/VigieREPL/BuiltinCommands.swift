import Foundation

/// `:help`, `:load`, `:reload`, `:data`, `:quit` and the help topics.
enum BuiltinCommands {
    static func register(in registry: ReplCommandRegistry) {
        registry.register(
            ReplMetaCommand(
                name: "help", usage: "[topic]", summary: "this list, or the help of a command or topic",
                help: """
                    :help            lists the meta-commands and help topics
                    :help COMMAND    explains a command (:help load)
                    :help TOPIC      explains a topic (:help keys)
                    """,
                completeArgument: { _, session in session.commands.all.map(\.name) + session.commands.topics.map(\.name) },
                run: { argument, session in
                    session.output.line(try help(argument, registry: session.commands))
                    return .continue
                }))
        registry.register(
            ReplMetaCommand(
                name: "load", usage: "FILE", summary: "run a Lua file in the session (kept for :reload)",
                help: """
                    :load FILE runs the Lua file in the session's environment: the
                    globals it defines are at hand afterwards. Errors show FILE:LINE.
                    The file is remembered: :reload runs it again after you edit it.
                    """,
                completeArgument: { prefix, _ in filePaths(prefix) },
                run: { argument, session in
                    let path = unquoted(argument)
                    guard !path.isEmpty else { throw ReplCommandError("usage: :load FILE") }
                    session.load(file: path)
                    return .continue
                }))
        registry.register(
            ReplMetaCommand(
                name: "reload", summary: "reload the policy, plugins and loaded files after an edit",
                help: """
                    :reload loads the policy and its plugins again (with --policy), then
                    runs the files loaded with :load again, in order, in the same
                    environment. The loaded data and your own globals stay.
                    """,
                run: { _, session in
                    session.reload()
                    return .continue
                }))
        registry.register(
            ReplMetaCommand(
                name: "data", summary: "summary of the loaded data (--data)",
                help: """
                    :data summarises the files given with --data: records per file and,
                    for Vigie activity streams, counts per platform and kind and the
                    date range. It never prints texts. In Lua the data is the global
                    `data`: one file's content (a JSONL file as an array of its lines),
                    or with several files all their records in one array.
                    """,
                run: { _, session in
                    guard !session.datasets.isEmpty else {
                        session.output.line("no data loaded: run with --data FILE (JSON or JSONL)")
                        return .continue
                    }
                    for set in session.datasets {
                        for line in set.summary() { session.output.line(line) }
                    }
                    if session.datasets.count > 1 {
                        let total = session.datasets.reduce(0) { $0 + $1.records.count }
                        session.output.line("data: \(total) records from \(session.datasets.count) files")
                    }
                    return .continue
                }))
        registry.register(
            topic: ReplHelpTopic(
                name: "keys", summary: "editing keys, history, completion, paste",
                text: """
                    Tab          completes globals, table fields (data.fi, s:up), Lua keywords,
                                 meta-commands and their arguments; twice lists the choices
                    Up/Down      history; an entry of several lines comes back whole
                    Ctrl-C       stops a running evaluation, or drops the line being typed;
                                 the session and its globals stay
                    Ctrl-D       on an empty line: quit
                    Paste        pasted text is inserted as it is (tabs are not completions,
                                 lines are not run one by one); Enter runs it as one entry
                    History is kept in $VIGIE_HISTORY, or ~/.vigie_history.
                    """))
        registry.register(
            topic: ReplHelpTopic(
                name: "lua", summary: "how entries are evaluated, the sandbox",
                text: """
                    Type an expression to see its value (no `return` needed), or a
                    statement to run it. An entry that is not finished (an open
                    function, if, table or string) continues on the next line, at the
                    `>>` prompt. Each entry is its own chunk, as in `lua`: `local`
                    variables do not outlive their entry; globals do.
                    Tables show with their keys sorted, up to 4 levels and 40 entries.
                    Entries run in the policies' sandbox, under the same limits (time,
                    memory, instructions): base, string, table, math, utf8, coroutine,
                    os.time/date/clock; no io, no debug, no package.
                    """))
    }

    static func registerQuit(in registry: ReplCommandRegistry) {
        registry.register(
            ReplMetaCommand(
                name: "quit", summary: "leave the REPL (Ctrl-D too)",
                help: ":quit leaves the REPL; so does Ctrl-D on an empty line.",
                run: { _, _ in .quit }))

    }

    static func help(_ argument: String, registry: ReplCommandRegistry) throws -> String {
        let name = argument.hasPrefix(":") ? String(argument.dropFirst()) : argument
        if name.isEmpty {
            var lines = ["Meta-commands:"]
            let width = registry.all.map { $0.name.count + $0.usage.count + 2 }.max() ?? 0
            for command in registry.all {
                let head = ":" + command.name + (command.usage.isEmpty ? "" : " " + command.usage)
                lines.append("  " + head.padding(toLength: width + 2, withPad: " ", startingAt: 0) + command.summary)
            }
            if !registry.topics.isEmpty {
                lines.append("Topics (:help TOPIC):")
                for topic in registry.topics {
                    lines.append("  " + topic.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + topic.summary)
                }
            }
            lines.append("Type Lua to evaluate it; Tab completes; Ctrl-C interrupts; Ctrl-D quits.")
            return lines.joined(separator: "\n")
        }
        if let topic = registry.topic(named: name) { return topic.text }
        if let command = registry.command(named: name) {
            return ":" + command.name + (command.usage.isEmpty ? "" : " " + command.usage) + "\n" + command.help
        }
        throw ReplCommandError("no help on \"\(name)\" (:help lists the commands and topics)")
    }

    /// Strips one level of quotes: `"my file.lua"` → `my file.lua`.
    static func unquoted(_ text: String) -> String {
        if text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first {
            return String(text.dropFirst().dropLast())
        }
        return text
    }

    /// Files and folders (with a trailing `/`) whose path starts with `prefix`.
    static func filePaths(_ prefix: String) -> [String] {
        let slash = prefix.lastIndex(of: "/")
        let folder = slash.map { String(prefix[...$0]) } ?? ""
        let listed = folder.isEmpty ? "." : (folder.hasPrefix("~") ? NSString(string: folder).expandingTildeInPath : folder)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: listed) else { return [] }
        let start = slash.map { String(prefix[prefix.index(after: $0)...]) } ?? prefix
        return names.filter { $0.hasPrefix(start) && (!$0.hasPrefix(".") || start.hasPrefix(".")) }.map { name in
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: (listed as NSString).appendingPathComponent(name), isDirectory: &isFolder)
            return folder + name + (isFolder.boolValue ? "/" : "")
        }
    }
}
