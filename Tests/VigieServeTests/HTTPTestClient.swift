import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// An HTTP/1.1 response as read off the socket.
struct HTTPResult: Sendable {
    var status: Int
    /// Header names in lowercase.
    var headers: [String: String]
    var body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as a JSON object (nil when it is not one).
    var json: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
    }
}

enum TestClientError: Error, CustomStringConvertible {
    case connect(Int32)
    case closed(String)
    case timeout(String)
    case malformed(String)

    var description: String {
        switch self {
        case .connect(let code): "cannot connect: \(String(cString: strerror(code)))"
        case .closed(let what): "connection closed \(what)"
        case .timeout(let what): "timed out \(what)"
        case .malformed(let what): "malformed response: \(what)"
        }
    }
}

/// One TCP connection to the server on loopback, with blocking sockets:
/// what a hostile client needs (send part of a request, wait, send garbage,
/// hold a connection open). Blocking calls run on threads of their own
/// (`blocking`), never on the cooperative pool the server's tasks need.
final class TestConnection: @unchecked Sendable {
    let fd: Int32
    private var buffer: [UInt8] = []

    /// Connects to 127.0.0.1:`port`; reads give up after `timeout` seconds.
    init(port: Int, timeout: Double = 30) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestClientError.connect(errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            let code = errno
            Glibc.close(fd)
            throw TestClientError.connect(code)
        }
        var time = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    deinit { Glibc.close(fd) }

    func close() { shutdown(fd, Int32(SHUT_RDWR)) }

    /// Sends every byte (false if the server closed the connection).
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            sent += n
        }
        return true
    }

    @discardableResult
    func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    /// Reads one response (Content-Length or chunked bodies, or up to the end of the stream).
    func readResponse() throws -> HTTPResult {
        let headEnd = try readUntil([13, 10, 13, 10])
        let head = String(decoding: buffer[..<headEnd], as: UTF8.self)
        buffer.removeFirst(headEnd + 4)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw TestClientError.malformed(head) }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body: [UInt8] = []
        if let length = headers["content-length"].flatMap(Int.init) {
            try fill(length)
            body = Array(buffer[..<length])
            buffer.removeFirst(length)
        } else if headers["transfer-encoding"]?.lowercased() == "chunked" {
            while true {
                let lineEnd = try readUntil([13, 10])
                let size = Int(String(decoding: buffer[..<lineEnd], as: UTF8.self).split(separator: ";")[0], radix: 16) ?? 0
                buffer.removeFirst(lineEnd + 2)
                try fill(size + 2)
                body += buffer[..<size]
                buffer.removeFirst(size + 2)
                if size == 0 { break }
            }
        } else {
            while try readMore() {}
            body = buffer
            buffer.removeAll()
        }
        return HTTPResult(status: status, headers: headers, body: body)
    }

    /// Whether something can be read within `seconds`.
    func waitReadable(seconds: Double) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, Int32(seconds * 1000)) > 0
    }

    /// Whether the server closed the connection (reads until it does, or until the timeout).
    func waitForClose() -> Bool {
        var scratch = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { return true }
            if n < 0 { return errno == ECONNRESET }
        }
    }

    private func readMore() throws -> Bool {
        var scratch = [UInt8](repeating: 0, count: 65536)
        let n = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n > 0 {
            buffer += scratch[..<n]
            return true
        }
        if n == 0 { return false }
        if errno == EAGAIN || errno == EWOULDBLOCK { throw TestClientError.timeout("waiting for the server") }
        if errno == ECONNRESET { return false }
        throw TestClientError.closed("(\(String(cString: strerror(errno))))")
    }

    private func readUntil(_ marker: [UInt8]) throws -> Int {
        var from = 0
        while true {
            if buffer.count >= marker.count {
                for i in from...(buffer.count - marker.count) where Array(buffer[i..<(i + marker.count)]) == marker {
                    return i
                }
                from = buffer.count - marker.count + 1
            }
            guard try readMore() else { throw TestClientError.closed("before the end of the head") }
        }
    }

    private func fill(_ count: Int) throws {
        while buffer.count < count {
            guard try readMore() else { throw TestClientError.closed("before the end of the body") }
        }
    }
}

/// Runs blocking work on a thread of its own and awaits it. Not on
/// Dispatch's global queues: on Linux, Swift's cooperative pool runs on
/// their threads, and the server under test needs them.
func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            continuation.resume(with: Result { try body() })
        }
        thread.stackSize = 1 << 20
        thread.start()
    }
}

/// Builds the bytes of a request.
func requestBytes(
    _ method: String, _ path: String, headers: [String: String] = [:], body: [UInt8] = [], contentLength: Bool = true
) -> [UInt8] {
    var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
    if contentLength && (!body.isEmpty || method == "POST") { head += "Content-Length: \(body.count)\r\n" }
    head += "\r\n"
    return Array(head.utf8) + body
}

/// One request on a new connection. The response is checked against the
/// OpenAPI document unless `conform` is false (paths it does not describe).
func request(
    _ port: Int, _ method: String, _ path: String, headers: [String: String] = [:], body: [UInt8] = [],
    timeout: Double = 30, conform: Bool = true, sourceLocation: SourceLocation = #_sourceLocation
) async throws -> HTTPResult {
    let result = try await blocking {
        let connection = try TestConnection(port: port, timeout: timeout)
        connection.send(requestBytes(method, path, headers: headers, body: body))
        return try connection.readResponse()
    }
    if conform { expectConforms(method, path, result, sourceLocation: sourceLocation) }
    return result
}

/// `POST /v1/check` with a JSON draft.
func check(
    _ port: Int, _ draft: [String: Any], token: String? = nil, timeout: Double = 30,
    sourceLocation: SourceLocation = #_sourceLocation
) async throws -> HTTPResult {
    var headers = ["Content-Type": "application/json"]
    if let token { headers["Authorization"] = "Bearer \(token)" }
    let body = try JSONSerialization.data(withJSONObject: draft)
    return try await request(
        port, "POST", "/v1/check", headers: headers, body: Array(body), timeout: timeout, sourceLocation: sourceLocation)
}

extension HTTPResult {
    /// `decision` of a check's answer.
    var decision: String? { json?["decision"] as? String }
    /// `findings` of a check's answer.
    var findings: [[String: Any]] { json?["findings"] as? [[String: Any]] ?? [] }
    /// The rule ids of the findings, in order.
    var rules: [String] { findings.compactMap { $0["rule"] as? String } }
    /// `error.code` of an error answer.
    var errorCode: String? { (json?["error"] as? [String: Any])?["code"] as? String }
}
