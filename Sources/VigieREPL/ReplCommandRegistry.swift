/// The meta-commands and help topics of a session, in registration order.
public final class ReplCommandRegistry {
    public private(set) var all: [ReplMetaCommand] = []
    public private(set) var topics: [ReplHelpTopic] = []

    public init() {}

    /// Adds a command, or replaces the one with the same name.
    public func register(_ command: ReplMetaCommand) {
        if let index = all.firstIndex(where: { $0.name == command.name }) {
            all[index] = command
        } else {
            all.append(command)
        }
    }

    public func register(topic: ReplHelpTopic) {
        if let index = topics.firstIndex(where: { $0.name == topic.name }) {
            topics[index] = topic
        } else {
            topics.append(topic)
        }
    }

    /// The command with this name, or the only one it is a prefix of
    /// (`:q` is `:quit`).
    public func command(named name: String) -> ReplMetaCommand? {
        if let exact = all.first(where: { $0.name == name }) { return exact }
        let matches = all.filter { $0.name.hasPrefix(name) }
        return matches.count == 1 ? matches[0] : nil
    }

    public func topic(named name: String) -> ReplHelpTopic? {
        topics.first { $0.name == name }
    }
}
