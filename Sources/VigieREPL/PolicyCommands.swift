import LuaHost

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
                name: "check", usage: "[--actor WHO] [--platform P] [--kind K] \"text\"",
                summary: "evaluate an ad-hoc post against the policy",
                help: """
                    :check "text" runs the policy's rules on a post with this text and
                    shows who the rules take the author for, what they flag, with the
                    evidence and the advice. Quotes are optional; inside them, \\" and
                    \\n work as in Lua.

                    Without options the post is a public Facebook post by an account
                    that is no one of the profile (rules see no actor: an outsider).
                    Say who posts, where and what with options before the text:
                      :check --actor client --kind comment "Service décevant"
                      :check --actor nadia --platform instagram "En vacances demain !"
                    --actor is a person of the profile or a kind of actor (client,
                    employee, organisation, competitor, stranger…); any field of a post
                    works the same way (--visibility followers, --time 2026-05-04T23:00:00Z,
                    --language en). Or give the post as a Lua table:
                      :check { text = "…", actor = "client", kind = "comment" }
                    """,
                completeArgument: { prefix, _ in prefix.hasPrefix("-") ? postOptions : [] },
                run: { argument, session in
                    let policy = try provider(session)
                    let post = try post(argument, in: session, usage: ":check \"text of a post\"")
                    session.output.line(trimmed(post.isPlainText ? try policy.check(text: post.text) : try policy.check(post: post)))
                    return .continue
                }))
        registry.register(
            ReplMetaCommand(
                name: "explain", usage: "RULE [\"text\"]",
                summary: "what a rule looks at and why it flags a text, with the evidence",
                help: """
                    :explain RULE shows what the rule looks at, its examples run now, and
                    why they flag, with the evidence.
                    :explain RULE "text" runs the rule alone on a post with this text and
                    says why it flags it or not; the options of :check say who posts,
                    where and what (:explain RULE --actor client "text").
                    """,
                completeArgument: { _, session in session.policy?.rules().map(\.id) ?? [] },
                run: { argument, session in
                    let policy = try provider(session)
                    let id = String(argument.prefix { !$0.isWhitespace })
                    let rest = argument.dropFirst(id.count).trimmingCharacters(in: .whitespaces)
                    let rule = BuiltinCommands.unquoted(id)
                    guard !rule.isEmpty else { throw ReplCommandError("usage: :explain RULE [\"text\"] (:rules lists them)") }
                    if rest.isEmpty {
                        session.output.line(trimmed(try policy.explain(rule: rule)))
                    } else {
                        let post = try post(rest, in: session, usage: ":explain RULE \"text of a post\"")
                        session.output.line(trimmed(try policy.explain(rule: rule, post: post)))
                    }
                    return .continue
                }))
    }

    /// A report without its last line breaks (the output adds one).
    static func trimmed(_ text: String) -> String {
        var text = Substring(text)
        while text.last == "\n" { text = text.dropLast() }
        return String(text)
    }

    /// The options `:check` completes.
    static let postOptions = ["--actor", "--platform", "--kind", "--visibility", "--time", "--language", "--handle"]

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

    /// The post of `:check` and `:explain`: a Lua table (`{ text = ... }`),
    /// or options (`--actor client`, `--kind=comment`) then the text.
    static func post(_ argument: String, in session: ReplSession, usage: String) throws -> ReplPost {
        let trimmed = argument.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("{") {
            let value: LuaValue
            do {
                value = try session.state.run("return " + trimmed, chunkName: "=:check", environment: session.environment).first ?? .nil
            } catch {
                throw ReplCommandError("the post \(trimmed) is not a Lua table: \(error.message)")
            }
            guard case .table = value else { throw ReplCommandError("the post must be a table { text = \"...\", ... }") }
            return ReplPost(spec: value)
        }
        var fields: [LuaValue: LuaValue] = [:]
        var rest = Substring(trimmed)
        while rest.hasPrefix("--") {
            let word = rest.prefix { !$0.isWhitespace && $0 != "=" }
            let name = word.dropFirst(2).replacingOccurrences(of: "-", with: "_")
            guard !name.isEmpty else { throw ReplCommandError("an option needs a name: --actor, --platform, --kind…") }
            rest = rest.dropFirst(word.count)
            if rest.hasPrefix("=") { rest = rest.dropFirst() } else { rest = rest.drop { $0.isWhitespace } }
            let (raw, after) = try token(rest, option: String(word))
            rest = after.drop { $0.isWhitespace }
            fields[.string(name)] = optionValue(raw, field: name)
        }
        let text = try postText(String(rest), usage: usage)
        if fields.isEmpty { return ReplPost(text: text) }
        fields["text"] = .string(text)
        return ReplPost(spec: .table(fields))
    }

    /// An option's value: a quoted string or a word, and what follows it.
    static func token(_ text: Substring, option: String) throws -> (String, Substring) {
        guard let quote = text.first, quote == "\"" || quote == "'" else {
            let word = text.prefix { !$0.isWhitespace }
            guard !word.isEmpty else { throw ReplCommandError("\(option) needs a value") }
            return (String(word), text.dropFirst(word.count))
        }
        var value = ""
        var escaped = false
        var index = text.index(after: text.startIndex)
        while index < text.endIndex {
            let c = text[index]
            if escaped {
                value.append(c == "n" ? "\n" : c == "t" ? "\t" : c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == quote {
                return (value, text[text.index(after: index)...])
            } else {
                value.append(c)
            }
            index = text.index(after: index)
        }
        throw ReplCommandError("\(option): the value's closing \(quote) is missing")
    }

    /// `true`/`false` are booleans, whole numbers of `time` and
    /// `utc_offset` are numbers; the rest is text (the post builder checks).
    static func optionValue(_ raw: String, field: String) -> LuaValue {
        if raw == "true" { return .boolean(true) }
        if raw == "false" { return .boolean(false) }
        if field == "time" || field == "utc_offset", let n = Int64(raw) { return .integer(n) }
        return .string(raw)
    }

    /// The text of `:check`: a quoted string with Lua's simple escapes, or
    /// the rest of the line as it is.
    static func postText(_ argument: String, usage: String = ":check \"text of a post\"") throws -> String {
        guard let quote = argument.first, quote == "\"" || quote == "'" else {
            guard !argument.isEmpty else { throw ReplCommandError("usage: \(usage)") }
            return argument
        }
        var text = ""
        var escaped = false
        var closed = false
        for character in argument.dropFirst() {
            if closed {
                if character.isWhitespace { continue }
                throw ReplCommandError("the post takes one quoted text; nothing may follow it (options go before the text)")
            }
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
