/// Where a declaration (or an error) is in a policy or plugin file.
public struct SourceLocation: Hashable, Codable, Sendable, CustomStringConvertible {
    /// The file as the engine was given it (`Policies/eclat-net/policy.lua`).
    public var file: String
    /// One-based line; 0 when unknown.
    public var line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    /// `file:line`.
    public var description: String { line > 0 ? "\(file):\(line)" : file }
}
