/// The session's own completion sources.

/// Globals and table fields, read from the session's environment by a
/// small Lua function (keys only; values never leave the sandbox), plus
/// Lua's keywords at the top level.
final class LuaNameCompletion: ReplCompletionProvider {
    static let keywords = [
        "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in",
        "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while",
    ]

    func completions(for request: ReplCompletionRequest, in session: ReplSession) -> [String] {
        guard case .lua(let path, let prefix, let method) = request else { return [] }
        let keys = session.fieldNames(path: path, prefix: prefix, methodsOnly: method)
        let head = String(request.word.dropLast(prefix.count))
        var names = keys.map { head + $0 }
        if path.isEmpty {
            names += LuaNameCompletion.keywords.filter { $0.hasPrefix(prefix) }
        }
        return names
    }
}

/// Meta-command names, and their arguments through each command's own
/// completer.
final class MetaCommandCompletion: ReplCompletionProvider {
    func completions(for request: ReplCompletionRequest, in session: ReplSession) -> [String] {
        switch request {
        case .metaCommand(let prefix):
            return session.commands.all.map(\.name).filter { $0.hasPrefix(prefix) }.map { ":" + $0 }
        case .metaArgument(let name, let prefix):
            guard let command = session.commands.command(named: name), let complete = command.completeArgument
            else { return [] }
            return complete(prefix, session).filter { $0.hasPrefix(prefix) }
        case .lua, .stringLiteral:
            return []
        }
    }
}

/// Completes through the policy provider, if any.
final class PolicyCompletion: ReplCompletionProvider {
    func completions(for request: ReplCompletionRequest, in session: ReplSession) -> [String] {
        session.policy?.completions(for: request) ?? []
    }
}
