import LuaHost
import VigiePolicy

/// A mistake in a policy or a plugin, found while loading it: where it is,
/// what is wrong and what to do. Prints like a compiler diagnostic:
/// `Policies/x/policy.lua:3: error: plugin "pii": parameter "min_digits" expects an integer, got a text`.
public struct PolicyError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        /// The Lua code does not compile or raised an error while loading.
        case script
        /// A declaration is malformed (a missing field, an unknown id).
        case declaration
        /// A plugin named by `uses` is in none of the search paths.
        case missingPlugin
        /// No available version of a plugin satisfies what is asked for.
        case versionConflict
        /// A plugin parameter is unknown or of the wrong type.
        case parameter
        /// A file cannot be read.
        case io
    }

    public var kind: Kind
    public var location: SourceLocation?
    public var message: String
    /// What to do about it, when there is something to say.
    public var hint: String?
    /// The other mistakes found in the same load: a policy reports every
    /// malformed declaration, every broken extend and every broken link at
    /// once, not only the first.
    public var more: [PolicyError] = []

    public init(_ kind: Kind, at location: SourceLocation?, _ message: String, hint: String? = nil) {
        self.kind = kind
        self.location = location
        self.message = message
        self.hint = hint
    }

    /// This error and the others found with it, in order.
    public var all: [PolicyError] {
        var first = self
        first.more = []
        return [first] + more.flatMap(\.all)
    }

    /// One error holding all of `errors` (nil when there is none).
    public static func combined(_ errors: [PolicyError]) -> PolicyError? {
        let flat = errors.flatMap(\.all)
        guard var first = flat.first else { return nil }
        first.more = Array(flat.dropFirst())
        return first
    }

    public var description: String {
        all.map(\.single).joined(separator: "\n")
    }

    private var single: String {
        var text = location.map { "\($0): error: " } ?? "error: "
        text += message
        if let hint { text += "\n  hint: " + hint }
        return text
    }

    /// A Lua error met while loading, as a policy error.
    init(loading error: LuaError) {
        let location = error.chunk.map { SourceLocation(file: $0, line: error.line ?? 0) }
        var hint: String?
        if case .limit(let limit) = error.kind {
            hint = "loading stopped at the \(limit.rawValue): loading code must only declare; move heavy work into check functions"
        }
        self.init(.script, at: location, error.message, hint: hint)
    }
}

/// Something worth knowing about a policy that does not stop it from
/// loading: a rule that mitigates an undeclared threat, a threat that no
/// rule mitigates…
public struct PolicyWarning: Hashable, Sendable, CustomStringConvertible {
    public var location: SourceLocation?
    public var message: String

    public init(at location: SourceLocation?, _ message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { (location.map { "\($0): warning: " } ?? "warning: ") + message }
}

/// Splits `file:line: message` as Lua writes error messages.
func splitLuaMessage(_ raw: String) -> (location: SourceLocation?, message: String) {
    // Find ":<digits>: " after the chunk name.
    let scalars = Array(raw.unicodeScalars)
    var i = 0
    while i < scalars.count, scalars[i] != "\n" {
        if scalars[i] == ":" && i > 0 {
            var j = i + 1
            while j < scalars.count, ("0"..."9").contains(scalars[j]) { j += 1 }
            if j > i + 1, j + 1 < scalars.count, scalars[j] == ":", scalars[j + 1] == " " {
                let file = String(String.UnicodeScalarView(scalars[0..<i]))
                let line = Int(String(String.UnicodeScalarView(scalars[(i + 1)..<j]))) ?? 0
                let message = String(String.UnicodeScalarView(scalars[(j + 2)...]))
                return (SourceLocation(file: file, line: line), message)
            }
        }
        i += 1
    }
    return (nil, raw)
}
