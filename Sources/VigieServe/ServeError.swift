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
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = [0x22]
        out.reserveCapacity(text.utf8.count + 16)
        func escaped(_ value: UInt32) {
            out += [0x5c, 0x75, hex[Int(value >> 12 & 15)], hex[Int(value >> 8 & 15)], hex[Int(value >> 4 & 15)],
                    hex[Int(value & 15)]]
        }
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case 0x22: out += [0x5c, 0x22]
            case 0x5c: out += [0x5c, 0x5c]
            case 0x0a: out += [0x5c, 0x6e]
            case 0x0d: out += [0x5c, 0x72]
            case 0x09: out += [0x5c, 0x74]
            // Safe to inline in a page's script, and in any JSON reader.
            case 0x3c, 0x3e, 0x26: escaped(UInt32(b))
            case 0..<0x20: escaped(UInt32(b))
            case 0xe2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xa8 || bytes[i + 2] == 0xa9):
                // U+2028 and U+2029, line separators to JavaScript.
                escaped(bytes[i + 2] == 0xa8 ? 0x2028 : 0x2029)
                i += 2
            default: out.append(b)
            }
            i += 1
        }
        out.append(0x22)
        return Data(out)
    }
}
