/// `:rules`, `:threats`, `:check` and `:explain`, answered by the session's
/// `ReplPolicyProvider`. Without a policy they say so, and fail.
enum PolicyCommands {
    static let noPolicy = "no policy loaded: run with --policy DIR"

    static func register(in registry: ReplCommandRegistry) {
        registry.register(
            ReplMetaCommand(
                name: "rules", summary: "the policy's rules",
                help: ":rules lists the policy's rules: id, severity, title and where each is declared.",
                run: { _, session in
                    let policy = try provider(session)
                    list(policy.rules(), empty: "the policy has no rules", in: session)
                    return .continue
                }))
        registry.register(
            ReplMetaCommand(
                name: "threats", summary: "the policy's threats",
                help: ":threats lists the policy's threats: id, likelihood × impact, title and where each is declared.",
                run: { _, session in
                    let policy = try provider(session)
                    list(policy.threats(), empty: "the policy has no threats", in: session)
                    return .continue
                }))
        registry.register(
            ReplMetaCommand(
                name: "check", usage: "\"text\"", summary: "evaluate an ad-hoc post against the policy",
                help: """
                    :check "text" runs the policy's rules on a post with this text and
                    shows what they flag, with the evidence and the advice. Quotes are
                    optional; inside them, \\" and \\n work as in Lua.
                    """,
                run: { argument, session in
                    let policy = try provider(session)
                    let text = try postText(argument)
                    session.output.line(try policy.check(text: text))
                    return .continue
                }))
        registry.register(
            ReplMetaCommand(
                name: "explain", usage: "RULE", summary: "what a rule looks at and why it flagged, with the evidence",
                help: ":explain RULE shows what the rule looks at, and why it flagged, with the evidence.",
                completeArgument: { _, session in session.policy?.rules().map(\.id) ?? [] },
                run: { argument, session in
                    let policy = try provider(session)
                    let id = BuiltinCommands.unquoted(argument)
                    guard !id.isEmpty else { throw ReplCommandError("usage: :explain RULE (:rules lists them)") }
                    session.output.line(try policy.explain(rule: id))
                    return .continue
                }))
    }

    static func provider(_ session: ReplSession) throws -> any ReplPolicyProvider {
        guard let policy = session.policy else { throw ReplCommandError(noPolicy) }
        return policy
    }

    static func list(_ entries: [ReplCatalogEntry], empty: String, in session: ReplSession) {
        guard !entries.isEmpty else {
            session.output.line(empty)
            return
        }
        let idWidth = entries.map(\.id.count).max() ?? 0
        let detailWidth = entries.map { $0.detail?.count ?? 0 }.max() ?? 0
        for entry in entries {
            var line = entry.id.padding(toLength: idWidth + 2, withPad: " ", startingAt: 0)
            if detailWidth > 0 {
                line += (entry.detail ?? "").padding(toLength: detailWidth + 2, withPad: " ", startingAt: 0)
            }
            line += entry.title
            if let location = entry.location { line += "  (\(location))" }
            session.output.line(line)
        }
    }

    /// The text of `:check`: a quoted string with Lua's simple escapes, or
    /// the rest of the line as it is.
    static func postText(_ argument: String) throws -> String {
        guard let quote = argument.first, quote == "\"" || quote == "'" else {
            guard !argument.isEmpty else { throw ReplCommandError("usage: :check \"text of a post\"") }
            return argument
        }
        var text = ""
        var escaped = false
        var closed = false
        for character in argument.dropFirst() {
            if closed { throw ReplCommandError(":check takes one quoted text; nothing may follow it") }
            if escaped {
                switch character {
                case "n": text.append("\n")
                case "t": text.append("\t")
                default: text.append(character)
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == quote {
                closed = true
            } else {
                text.append(character)
            }
        }
        guard closed else { throw ReplCommandError(":check: the text's closing \(quote) is missing") }
        return text
    }
}
