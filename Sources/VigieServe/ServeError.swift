import Foundation
import HTTPTypes

/// Why a request gets no decision: an HTTP status, a code a program can act
/// on, and a sentence for people. Sent as `{"error": {"code", "message"}}`;
/// the message never quotes the draft.
public struct ServeError: Error, Hashable, Sendable, CustomStringConvertible {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String
    /// For 405: the methods the resource takes.
    var allow: String?

    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    public var description: String { "\(status.code) \(code): \(message)" }

    static func badRequest(_ code: String, _ message: String) -> ServeError { ServeError(.badRequest, code, message) }

    static let unauthorized = ServeError(
        .unauthorized, "unauthorized", "this server needs an API token: send the header Authorization: Bearer <token>")
    static func tooLarge(_ limit: Int) -> ServeError {
        ServeError(.contentTooLarge, "body-too-large", "the body is larger than \(limit) bytes")
    }
    static let busy = ServeError(
        .serviceUnavailable, "busy", "too many drafts are waiting to be checked; retry in a moment")
    static let stopping = ServeError(.serviceUnavailable, "stopping", "the server is stopping")
    static let requestTimeout = ServeError(
        .requestTimeout, "request-timeout", "the request was not received in time")
    static let notFound = ServeError(.notFound, "not-found", "no such resource; see GET /v1/policy, POST /v1/check")

    /// The JSON body.
    var body: Data {
        var json = Data("{\"error\":{\"code\":".utf8)
        json.append(JSONText.quoted(code))
        json.append(contentsOf: ",\"message\":".utf8)
        json.append(JSONText.quoted(message))
        json.append(contentsOf: "}}".utf8)
        return json
    }
}

/// Small JSON writing helpers (strings quoted as JSON requires).
enum JSONText {
    static func quoted(_ text: String) -> Data {
        var out: [UInt8] = [0x22]
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += [0x5c, 0x22]
            case "\\": out += [0x5c, 0x5c]
            case "\n": out += [0x5c, 0x6e]
            case "\r": out += [0x5c, 0x72]
            case "\t": out += [0x5c, 0x74]
            case "\u{2028}", "\u{2029}", "<", ">", "&":
                // Safe to inline in a page's script, and in any JSON reader.
                out += Array(String(format: "\\u%04x", scalar.value).utf8)
            default:
                if scalar.value < 0x20 {
                    out += Array(String(format: "\\u%04x", scalar.value).utf8)
                } else {
                    out += Array(String(scalar).utf8)
                }
            }
        }
        out.append(0x22)
        return Data(out)
    }
}
