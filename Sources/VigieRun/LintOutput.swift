import Foundation
import VigieEngine

/// `vigie lint --format json|sarif`: the problems for tools (an editor, a
/// CI's code scanning), with the counts of what was checked.
extension PolicyLint {
    /// What was declared and run, for the summary and the JSON.
    public struct Counts: Codable, Sendable, Hashable {
        public var threats = 0, rules = 0, indicators = 0, reactions = 0, examples = 0, scenarios = 0

        public init(engine: PolicyEngine?, lint: PolicyLint) {
            if let d = engine?.declarations {
                threats = d.threats.count
                rules = d.rules.count
                indicators = d.indicators.count
                reactions = d.reactions.count
            }
            examples = lint.examples
            scenarios = lint.scenarios
        }
    }

    /// `{ "policy", "loaded", "counts", "errors", "warnings", "problems": [{ severity, category, file, line, message, hint }] }`.
    public func json(counts: Counts, loaded: Bool) throws -> String {
        struct Problem: Encodable {
            var severity: String, category: String, file: String?, line: Int?, message: String, hint: String?
        }
        struct Document: Encodable {
            var schema = "vigie.lint/1"
            var policy: String, loaded: Bool, counts: Counts, errors: Int, warnings: Int, problems: [Problem]
        }
        let document = Document(
            policy: file, loaded: loaded, counts: counts, errors: errors, warnings: warnings,
            problems: problems.map {
                Problem(severity: $0.severity.rawValue, category: $0.category.rawValue, file: $0.location?.file,
                        line: $0.location.map(\.line), message: $0.message, hint: $0.hint)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
    }

    /// SARIF 2.1.0: one result per problem, its rule the check that found
    /// it (`vigie-lint/example`…), at the file and line.
    public func sarif(version: String) throws -> String {
        let categories = LintProblem.Category.allCases
        let rules: [[String: Any]] = categories.map {
            ["id": "vigie-lint/\($0.rawValue)", "name": $0.rawValue, "shortDescription": ["text": $0.summary]]
        }
        let results: [[String: Any]] = problems.map { problem in
            var result: [String: Any] = [
                "ruleId": "vigie-lint/\(problem.category.rawValue)",
                "ruleIndex": categories.firstIndex(of: problem.category) ?? 0,
                "level": problem.severity.rawValue,
                "message": ["text": problem.message + (problem.hint.map { " (hint: \($0))" } ?? "")],
            ]
            if let location = problem.location {
                var physical: [String: Any] = ["artifactLocation": ["uri": Self.uri(location.file)]]
                if location.line >= 1 { physical["region"] = ["startLine": location.line] }
                result["locations"] = [["physicalLocation": physical]]
            }
            return result
        }
        let run: [String: Any] = [
            "tool": ["driver": ["name": "vigie lint", "semanticVersion": version, "rules": rules] as [String: Any]],
            "results": results,
            "columnKind": "unicodeCodePoints",
        ]
        let log: [String: Any] = ["$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [run]]
        let data = try JSONSerialization.data(withJSONObject: log, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func uri(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ":")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }
}
