import VigieModel
import Foundation
import Yams

/// Loads an `OrganisationProfile` from a YAML or JSON file (JSON is read as
/// YAML, of which it is a subset, so both get line numbers in their errors).
///
/// A profile is small and written by hand: what expands is bounded. The
/// file is at most `maxBytes` (1 MiB); flow collections and indentation
/// nest at most `maxNesting` deep (the YAML composer recurses); at most
/// `maxAliases` aliases (`*name`), and the document, aliases expanded, at
/// most `maxNodes` nodes (a "billion laughs" expands a few lines into
/// billions). Each limit is refused with a message that names it.
public enum ProfileLoader {
    public static let maxBytes = 1024 * 1024
    public static let maxNesting = 64
    public static let maxAliases = 256
    public static let maxNodes = 100_000

    public static func load(path: String) throws(ProfileError) -> OrganisationProfile {
        let read: (bytes: [UInt8]?, size: Int64)
        do {
            read = try SafeFile.readAll(path, limit: Int64(maxBytes))
        } catch {
            throw ProfileError(file: path, message: "cannot read the file (\(error.importError(path: path).reason))")
        }
        guard let bytes = read.bytes else {
            throw ProfileError(file: path, message: "the profile is \(read.size) bytes, over the limit of \(maxBytes)")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ProfileError(file: path, message: "the file is not valid UTF-8")
        }
        return try load(yaml: text, file: path)
    }

    /// Parses profile text; `file` only names it in errors.
    public static func load(yaml text: String, file: String) throws(ProfileError) -> OrganisationProfile {
        guard text.utf8.count <= maxBytes else {
            throw ProfileError(file: file, message: "the profile is \(text.utf8.count) bytes, over the limit of \(maxBytes)")
        }
        let scan = scan(text)
        if let (line, depth) = scan.deepest, depth > maxNesting {
            throw ProfileError(
                file: file, line: line, message: "the profile nests more than \(maxNesting) levels deep here")
        }
        if scan.aliases > maxAliases {
            throw ProfileError(
                file: file, message: "the profile uses \(scan.aliases) aliases, over the limit of \(maxAliases)")
        }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw ProfileError(file: file, line: 1, message: "the profile is empty")
            }
            root = node
        } catch let error as ProfileError {
            throw error
        } catch let error as YamlError {
            throw profileError(error, file: file)
        } catch {
            throw ProfileError(file: file, message: "cannot parse: \(error)")
        }
        var budget = Budget()
        budget.walk(root)
        if budget.nodes > maxNodes {
            throw ProfileError(
                file: file,
                message: "the profile expands to more than \(maxNodes) values once its aliases are replaced (a \"billion laughs\"?)")
        }
        do {
            return try YAMLDecoder().decode(OrganisationProfile.self, from: root)
        } catch let error as DecodingError {
            throw describe(error, root: root, file: file)
        } catch {
            throw ProfileError(file: file, message: "\(error)")
        }
    }

    /// Counts the nodes of a composed document, aliases expanded, up to
    /// just over `maxNodes` (the walk stops there: it is bounded too).
    private struct Budget {
        var nodes = 0

        mutating func walk(_ node: Node) {
            var stack = [node]
            while let next = stack.popLast() {
                nodes += 1
                if nodes > ProfileLoader.maxNodes { return }
                switch next {
                case .mapping(let mapping):
                    for (key, value) in mapping {
                        stack.append(key)
                        stack.append(value)
                    }
                case .sequence(let sequence):
                    stack.append(contentsOf: sequence)
                default:
                    break
                }
            }
        }
    }

    /// A scan of the text before any parsing: the deepest nesting, with its
    /// line (indentation, flow brackets and block-sequence dashes on one
    /// line all count: the YAML composer recurses once per level), and the
    /// aliases (`*name` where a value starts). Text in quotes and comments
    /// is not counted.
    static func scan(_ text: String) -> (deepest: (line: Int, depth: Int)?, aliases: Int) {
        var deepest: (line: Int, depth: Int)?
        var aliases = 0
        var flow = 0
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var indent = 0
            var dashes = 0
            var quote: Character?
            var atStart = true
            var previous: Character = " "
            var pendingAlias = false
            for c in line {
                if pendingAlias {
                    // An alias names an anchor right after its `*`.
                    if c != " " && c != "\t" && c != "," && c != "]" && c != "}" { aliases += 1 }
                    pendingAlias = false
                }
                if let q = quote {
                    if c == q { quote = nil }
                    previous = c
                    continue
                }
                if c == "#" && (previous == " " || atStart) { break }
                if atStart {
                    if c == " " {
                        indent += 1
                        previous = c
                        continue
                    }
                    if c == "-" || c == "?" {
                        dashes += 1
                        previous = c
                        continue
                    }
                    atStart = false
                }
                switch c {
                case "\"", "'": quote = c
                case "[", "{": flow += 1
                case "]", "}": flow = Swift.max(0, flow - 1)
                case "*" where " \t[{,:-".contains(previous):
                    pendingAlias = true
                default: break
                }
                let depth = indent / 2 + dashes + flow
                if deepest == nil || depth > deepest!.depth { deepest = (lineNumber, depth) }
                previous = c
            }
            let depth = indent / 2 + dashes + flow
            if deepest == nil || depth > deepest!.depth { deepest = (lineNumber, depth) }
        }
        return (deepest, aliases)
    }

    private static func profileError(_ error: YamlError, file: String) -> ProfileError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return ProfileError(file: file, line: mark.line, column: mark.column, message: "invalid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ProfileError(
                file: file, line: context.mark.line, column: context.mark.column,
                message: "duplicated keys: \(duplicates.map { DiagnosticText.memberName($0) }.joined(separator: ", "))")
        case .reader(let problem, _, _, _):
            return ProfileError(file: file, message: "invalid text: \(problem)")
        default:
            return ProfileError(file: file, message: "invalid YAML: \(error)")
        }
    }

    /// Finds the node a decoding error is about, for its line and column.
    private static func describe(_ error: DecodingError, root: Node, file: String) -> ProfileError {
        let context: DecodingError.Context
        var message: String
        switch error {
        case .keyNotFound(let key, let c):
            context = c
            message = "missing key \"\(key.stringValue)\""
        case .typeMismatch(let type, let c):
            context = c
            message = "expected \(readable(type))"
        case .valueNotFound(let type, let c):
            context = c
            message = "expected \(readable(type)), found nothing"
        case .dataCorrupted(let c):
            context = c
            message = c.debugDescription
        @unknown default:
            return ProfileError(file: file, message: "\(error)")
        }
        var node = root
        var path: [String] = []
        for key in context.codingPath {
            if let index = key.intValue, let items = node.sequence, index < items.count {
                node = items[index]
                path.append("[\(index)]")
            } else if let child = node.mapping?[key.stringValue] {
                node = child
                path.append((path.isEmpty ? "" : ".") + key.stringValue)
            } else {
                break
            }
        }
        if case .dataCorrupted = error, message.contains("Cannot initialize") || message.contains("cannot initialize") {
            // The value is described, not quoted: a profile holds people's contacts.
            message = "invalid value \(DiagnosticText.memberName(node.scalar?.string ?? ""))"
        }
        let location = path.isEmpty ? "" : " at \(path.joined())"
        return ProfileError(file: file, line: node.mark?.line, column: node.mark?.column, message: message + location)
    }

    private static func readable(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a text"
        case is Bool.Type: return "true or false"
        case is Int.Type, is Double.Type: return "a number"
        default:
            let name = "\(type)"
            if name.hasPrefix("Array") || name.hasSuffix("Sequence") { return "a list" }
            if name.hasPrefix("Dictionary") || name.hasSuffix("Mapping") { return "a mapping" }
            if name.hasSuffix("Scalar") { return "a single value" }
            return "a \(name)"
        }
    }
}
