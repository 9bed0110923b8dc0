import Foundation
import VigieModel

/// A draft to check before it is posted: `{"text", "platform", "kind",
/// "visibility", "person"}`, all but `text` optional.
public struct Draft: Hashable, Sendable {
    public var text: String
    /// The platform it is meant for (`facebook`, `linkedin`…); nil: the policy's default.
    public var platform: String?
    public var kind: ActivityKind?
    public var visibility: Visibility?
    /// Who would post it: a person of the profile (`karine`), `organisation`,
    /// or a kind of actor (`employee`, `client`…) standing for someone of that kind.
    public var person: String?

    public init(text: String, platform: String? = nil, kind: ActivityKind? = nil, visibility: Visibility? = nil,
                person: String? = nil) {
        self.text = text
        self.platform = platform
        self.kind = kind
        self.visibility = visibility
        self.person = person
    }

    static let fields: Set<String> = ["text", "platform", "kind", "visibility", "person"]

    /// Reads a request body: valid UTF-8, one JSON object, known fields of
    /// the right types. Errors name the field, never its value.
    public static func parse(_ body: [UInt8]) throws(ServeError) -> Draft {
        // Foundation would replace or reject bad bytes with a vaguer message.
        guard String(validating: body, as: UTF8.self) != nil else {
            throw .badRequest("invalid-utf8", "the body is not valid UTF-8")
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(body), options: [])
        } catch {
            throw .badRequest("invalid-json", "the body is not valid JSON")
        }
        guard let fields = object as? [String: Any] else {
            throw .badRequest("invalid-draft", "the body must be a JSON object: {\"text\": \"...\"}")
        }
        if let unknown = fields.keys.sorted().first(where: { !Self.fields.contains($0) }) {
            throw .badRequest(
                "invalid-draft", "unknown field \"\(unknown)\"; a draft has text, platform, kind, visibility and person")
        }
        func string(_ name: String) throws(ServeError) -> String? {
            guard let value = fields[name], !(value is NSNull) else { return nil }
            // JSONSerialization gives numbers and booleans as NSNumber, texts as String.
            guard !(value is NSNumber), let text = value as? String else {
                throw .badRequest("invalid-draft", "\"\(name)\" must be a text")
            }
            return text
        }
        guard let text = try string("text") else {
            throw .badRequest("invalid-draft", "\"text\" is required: the draft to check")
        }
        var draft = Draft(text: text)
        if let platform = try string("platform") {
            let lowered = platform.lowercased()
            guard !lowered.isEmpty, lowered.utf8.count <= 64,
                lowered.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "." })
            else {
                throw .badRequest("invalid-draft", "\"platform\" must be a platform name such as facebook, linkedin or mastodon")
            }
            draft.platform = lowered
        }
        if let kind = try string("kind") {
            guard let value = ActivityKind(rawValue: kind) else {
                throw .badRequest(
                    "invalid-draft", "\"kind\" must be one of \(ActivityKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            draft.kind = value
        }
        if let visibility = try string("visibility") {
            guard let value = Visibility(rawValue: visibility) else {
                throw .badRequest(
                    "invalid-draft",
                    "\"visibility\" must be one of \(Visibility.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            draft.visibility = value
        }
        if let person = try string("person") {
            guard !person.isEmpty, person.utf8.count <= 200 else {
                throw .badRequest("invalid-draft", "\"person\" must be the id of a person of the profile")
            }
            draft.person = person
        }
        return draft
    }
}

/// The activity the engine checks for a draft. The only place where a draft
/// becomes an `Activity`: when the engine gets its own builder for posts,
/// this is the function to switch.
enum DraftActivity {
    static func activity(for draft: Draft, defaultPlatform: String, at date: Date = Date()) -> Activity {
        let platform = Platform(draft.platform ?? defaultPlatform)
        return Activity(
            id: "draft", kind: draft.kind ?? .post, platform: platform,
            author: Account(platform: platform, handle: draft.person ?? "draft"), actorID: draft.person,
            timestamp: Timestamp(date: date), visibility: draft.visibility ?? .public, text: draft.text,
            source: RecordSource(file: "draft", index: 0))
    }
}
