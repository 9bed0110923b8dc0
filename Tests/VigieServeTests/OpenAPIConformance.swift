import Foundation
import Testing
import Yams

/// A JSON value, as a schema check needs it (booleans apart from numbers).
indirect enum JSONValue: Decodable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int.self) { self = .int(i) }
        else if let d = try? c.decode(Double.self) { self = .double(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    /// From what Yams loads.
    init(yaml value: Any?) {
        switch value {
        case nil, is NSNull: self = .null
        case let b as Bool: self = .bool(b)
        case let i as Int: self = .int(i)
        case let d as Double: self = .double(d)
        case let s as String: self = .string(s)
        case let a as [Any]: self = .array(a.map { JSONValue(yaml: $0) })
        case let m as [AnyHashable: Any]:
            var object: [String: JSONValue] = [:]
            for (k, v) in m { object["\(k.base)"] = JSONValue(yaml: v) }
            self = .object(object)
        case let m as [String: Any]: self = .object(m.mapValues { JSONValue(yaml: $0) })
        default: self = .string("\(value!)")
        }
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    var string: String? { if case .string(let s) = self { s } else { nil } }
}

/// docs/openapi/serve.yaml, and a check of responses against its schemas
/// (the subset of OpenAPI 3.0 the document uses: `$ref`, `type`,
/// `properties`, `required`, `additionalProperties`, `items`, `enum`,
/// `nullable`, `pattern`, `minimum`, `minLength`).
struct OpenAPIDocument {
    let root: JSONValue

    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/openapi/serve.yaml")

    static let shared: OpenAPIDocument = {
        let text = try! String(contentsOf: path, encoding: .utf8)
        return OpenAPIDocument(root: JSONValue(yaml: try! Yams.load(yaml: text)))
    }()

    /// What is wrong with `response` to `method path` (empty: it conforms).
    func problems(_ method: String, _ path: String, _ response: HTTPResult) -> [String] {
        guard let operation = root["paths"]?[path]?[method.lowercased()] else {
            return ["\(method) \(path) is not in the document"]
        }
        guard var spec = operation["responses"]?[String(response.status)] else {
            return ["\(method) \(path): status \(response.status) is not documented"]
        }
        if let ref = spec["$ref"]?.string { spec = resolve(ref) ?? .null }
        let type = (response.headers["content-type"] ?? "").split(separator: ";").first.map(String.init) ?? ""
        guard let media = spec["content"]?[type], let schema = media["schema"] else {
            return ["\(method) \(path) \(response.status): content type \(type) is not documented"]
        }
        if type == "application/json" {
            guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(response.body)) else {
                return ["\(method) \(path) \(response.status): the body is not JSON"]
            }
            return validate(value, schema, at: "$")
        }
        return validate(.string(response.text), schema, at: "$")
    }

    func resolve(_ ref: String) -> JSONValue? {
        guard ref.hasPrefix("#/") else { return nil }
        var node: JSONValue? = root
        for part in ref.dropFirst(2).split(separator: "/") { node = node?[String(part)] }
        return node
    }

    func validate(_ value: JSONValue, _ schema: JSONValue, at pointer: String) -> [String] {
        if let ref = schema["$ref"]?.string {
            guard let target = resolve(ref) else { return ["\(pointer): unresolved \(ref)"] }
            return validate(value, target, at: pointer)
        }
        if value == .null {
            if schema["nullable"] == .bool(true) { return [] }
            return ["\(pointer): null where the schema does not allow it"]
        }
        var problems: [String] = []
        if case .array(let allowed)? = schema["enum"], !allowed.contains(value) {
            problems.append("\(pointer): \(value) is not one of the enum")
        }
        switch schema["type"]?.string {
        case "object":
            guard case .object(let object) = value else { return ["\(pointer): expected an object"] }
            var properties: [String: JSONValue] = [:]
            if case .object(let p)? = schema["properties"] { properties = p }
            if case .array(let required)? = schema["required"] {
                for case .string(let name) in required where object[name] == nil {
                    problems.append("\(pointer): missing \(name)")
                }
            }
            for (name, member) in object {
                if let sub = properties[name] {
                    problems += validate(member, sub, at: "\(pointer).\(name)")
                } else if schema["additionalProperties"] == .bool(false) {
                    problems.append("\(pointer): unexpected member \(name)")
                }
            }
        case "array":
            guard case .array(let items) = value else { return ["\(pointer): expected an array"] }
            if let itemSchema = schema["items"] {
                for (i, item) in items.enumerated() { problems += validate(item, itemSchema, at: "\(pointer)[\(i)]") }
            }
        case "string":
            guard case .string(let text) = value else { return ["\(pointer): expected a string"] }
            if case .int(let min)? = schema["minLength"], text.count < min { problems.append("\(pointer): shorter than \(min)") }
            if let pattern = schema["pattern"]?.string, text.range(of: pattern, options: .regularExpression) == nil {
                problems.append("\(pointer): does not match \(pattern)")
            }
        case "integer":
            guard case .int(let n) = value else { return ["\(pointer): expected an integer"] }
            if case .int(let min)? = schema["minimum"], n < min { problems.append("\(pointer): below \(min)") }
        case "number":
            switch value {
            case .int, .double: break
            default: problems.append("\(pointer): expected a number")
            }
        case "boolean":
            guard case .bool = value else { return ["\(pointer): expected a boolean"] }
        default:
            break
        }
        return problems
    }
}

/// Checks a response against the document, as every test's requests do.
func expectConforms(
    _ method: String, _ path: String, _ response: HTTPResult, sourceLocation: SourceLocation = #_sourceLocation
) {
    let problems = OpenAPIDocument.shared.problems(method, path, response)
    #expect(problems.isEmpty, "\(method) \(path) → \(response.status): \(problems.joined(separator: "; "))",
            sourceLocation: sourceLocation)
}

/// Checks an error response to a method or path the document does not
/// describe (404, 405) against its `Error` schema.
func expectErrorConforms(_ response: HTTPResult, sourceLocation: SourceLocation = #_sourceLocation) {
    let document = OpenAPIDocument.shared
    var problems: [String] = []
    if response.headers["content-type"] != "application/json" { problems.append("not JSON") }
    if let value = try? JSONDecoder().decode(JSONValue.self, from: Data(response.body)) {
        problems += document.validate(value, .object(["$ref": .string("#/components/schemas/Error")]), at: "$")
    } else {
        problems.append("the body is not JSON")
    }
    #expect(problems.isEmpty, "\(response.status): \(problems.joined(separator: "; "))", sourceLocation: sourceLocation)
}
