/// A source of completions. Each provider answers with whole replacements
/// of `request.word` (for `string.fo`: `string.format`); the session merges
/// and sorts them. Providers that do not handle a request return `[]`.
public protocol ReplCompletionProvider: AnyObject {
    func completions(for request: ReplCompletionRequest, in session: ReplSession) -> [String]
}

/// The candidates for the text before the cursor.
public struct ReplCompletion: Equatable, Sendable {
    /// What the candidates replace.
    public var word: String
    /// Sorted, without duplicates.
    public var candidates: [String]

    /// The longest common prefix of the candidates.
    public var commonPrefix: String {
        guard var prefix = candidates.first else { return word }
        for candidate in candidates.dropFirst() {
            while !candidate.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }
}
