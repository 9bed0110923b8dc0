import VigieModel
import Foundation
import Yams

/// Loads an `OrganisationProfile` from a YAML or JSON file (JSON is read as
/// YAML, of which it is a subset, so both get line numbers in their errors).
public enum ProfileLoader {
    public static func load(path: String) throws(ProfileError) -> OrganisationProfile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ProfileError(file: path, message: "cannot read the file; check the path")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ProfileError(file: path, message: "the file is not valid UTF-8")
        }
        return try load(yaml: text, file: path)
    }

    /// Parses profile text; `file` only names it in errors.
    public static func load(yaml text: String, file: String) throws(ProfileError) -> OrganisationProfile {
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
        do {
            return try YAMLDecoder().decode(OrganisationProfile.self, from: root)
        } catch let error as DecodingError {
            throw describe(error, root: root, file: file)
        } catch {
            throw ProfileError(file: file, message: "\(error)")
        }
    }

    private static func profileError(_ error: YamlError, file: String) -> ProfileError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return ProfileError(file: file, line: mark.line, column: mark.column, message: "invalid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ProfileError(
                file: file, line: context.mark.line, column: context.mark.column,
                message: "duplicated keys: \(duplicates.joined(separator: ", "))")
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
            message = "invalid value \"\(node.scalar?.string ?? "")\""
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
