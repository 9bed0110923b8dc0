import Foundation

/// `major.minor.patch` (missing parts are 0).
public struct SemanticVersion: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public var patch: Int

    public init(_ major: Int, _ minor: Int = 0, _ patch: Int = 0) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ".", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count) else { return nil }
        var numbers: [Int] = []
        for part in parts {
            guard let n = Int(part), n >= 0 else { return nil }
            numbers.append(n)
        }
        while numbers.count < 3 { numbers.append(0) }
        self.init(numbers[0], numbers[1], numbers[2])
    }

    public static func < (a: SemanticVersion, b: SemanticVersion) -> Bool {
        (a.major, a.minor, a.patch) < (b.major, b.minor, b.patch)
    }

    public var description: String { "\(major).\(minor).\(patch)" }
}

/// What a policy asks of a plugin's version: `^1.2` (1.2 or later, before
/// 2.0), `~1.2` (1.2.x), `>=1.0`, `<2`, `=1.2.3` or `1.2.3` (exactly), `*`
/// (any); several separated by commas must all hold.
public struct VersionRequirement: Hashable, Codable, Sendable, CustomStringConvertible {
    enum Op: String, Codable, Sendable { case caret = "^", tilde = "~", ge = ">=", gt = ">", le = "<=", lt = "<", eq = "=" }
    struct Clause: Hashable, Codable, Sendable {
        var op: Op
        var version: SemanticVersion
    }

    public let text: String
    let clauses: [Clause]

    public init?(_ text: String) {
        var clauses: [Clause] = []
        for raw in text.split(separator: ",") {
            var part = raw.trimmingCharacters(in: .whitespaces)
            if part == "*" || part.isEmpty { continue }
            var op = Op.eq
            for candidate in [Op.ge, .le, .caret, .tilde, .gt, .lt, .eq] where part.hasPrefix(candidate.rawValue) {
                op = candidate
                part = String(part.dropFirst(candidate.rawValue.count)).trimmingCharacters(in: .whitespaces)
                break
            }
            guard let version = SemanticVersion(part) else { return nil }
            clauses.append(Clause(op: op, version: version))
        }
        self.text = text
        self.clauses = clauses
    }

    public static let any = VersionRequirement("*")!

    public func isSatisfied(by v: SemanticVersion) -> Bool {
        clauses.allSatisfy { c in
            switch c.op {
            case .eq: v == c.version
            case .ge: v >= c.version
            case .gt: v > c.version
            case .le: v <= c.version
            case .lt: v < c.version
            case .caret:
                v >= c.version
                    && (c.version.major > 0 ? v.major == c.version.major
                        : v.major == 0 && v.minor == c.version.minor)
            case .tilde: v >= c.version && v.major == c.version.major && v.minor == c.version.minor
            }
        }
    }

    public var description: String { text }
}
