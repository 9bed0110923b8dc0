/// A meta-command: a line that starts with `:` (Lua lines never do).
///
/// The session's registry holds the built-in commands; front ends and the
/// policy engine add theirs with `ReplCommandRegistry.register(_:)`.
public struct ReplMetaCommand {
    /// What follows the colon: `load` for `:load`.
    public var name: String
    /// How the argument is written in the help (`FILE`, `"text"`, `[topic]`).
    public var usage: String
    /// One line for `:help`.
    public var summary: String
    /// The text of `:help NAME`.
    public var help: String
    /// Candidates for the argument being typed (filtered by prefix after).
    public var completeArgument: ((_ prefix: String, _ session: ReplSession) -> [String])?
    /// Runs the command with the rest of the line (trimmed). A thrown error
    /// is shown as the command's error; the session goes on.
    public var run: (_ argument: String, _ session: ReplSession) throws -> ReplCommandResult

    public init(
        name: String, usage: String = "", summary: String, help: String,
        completeArgument: ((String, ReplSession) -> [String])? = nil,
        run: @escaping (String, ReplSession) throws -> ReplCommandResult
    ) {
        self.name = name
        self.usage = usage
        self.summary = summary
        self.help = help
        self.completeArgument = completeArgument
        self.run = run
    }
}

public enum ReplCommandResult: Sendable {
    case `continue`
    case quit
}

/// An error a meta-command reports to the user (shown as is).
public struct ReplCommandError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) { self.description = description }
}

/// A `:help` topic that is not a command (`:help keys`).
public struct ReplHelpTopic: Sendable {
    public var name: String
    public var summary: String
    public var text: String

    public init(name: String, summary: String, text: String) {
        self.name = name
        self.summary = summary
        self.text = text
    }
}
