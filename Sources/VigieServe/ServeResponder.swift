import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import VigieCaseFile
import VigieEngine
import VigieModel

/// Answers the routes. Every error is a JSON body (`ServeError`); nothing of
/// a draft, a person or a token reaches the log.
struct ServeResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let server: ServeServer

    static let routes = ["/", "/healthz", "/metrics", "/v1/check", "/v1/policy"]
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!

    func respond(to request: Request, context: Context) async throws -> Response {
        let started = ContinuousClock.now
        let path = request.uri.path
        let route = Self.routes.contains(path) ? path : "other"
        var response: Response
        var decision: ServeDecision?
        do {
            (response, decision) = try await answer(request, path: path)
        } catch {
            response = Self.error(error)
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[Self.referrerPolicy] = "no-referrer"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        let elapsed = (ContinuousClock.now - started).components
        let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        server.metrics.request(route: route, status: Int(response.status.code))
        if let decision { server.metrics.decision(decision, seconds: seconds) }
        server.logger.debug("request", metadata: [
            "method": "\(request.method.rawValue)", "route": "\(route)", "status": "\(response.status.code)",
            "milliseconds": "\(Int(seconds * 1000))",
        ])
        return response
    }

    private func answer(_ request: Request, path: String) async throws(ServeError) -> (Response, ServeDecision?) {
        switch (path, request.method) {
        case ("/", .get):
            var response = Self.data(server.snapshot.page, type: "text/html; charset=utf-8")
            response.headers[.contentSecurityPolicy] = ServePage.contentSecurityPolicy
            response.headers[.cacheControl] = "no-cache"
            return (response, nil)
        case ("/healthz", .get):
            return (Self.data(health(), type: "application/json"), nil)
        case ("/v1/policy", .get):
            try authorise(request)
            return (Self.data(server.snapshot.policyDocument, type: "application/json"), nil)
        case ("/metrics", .get):
            try authorise(request)
            let text = server.metrics.render(
                generation: server.snapshot.generation, waiting: server.pool.waiting, busy: server.pool.busy,
                workers: server.pool.workers)
            return (Self.data(Data(text.utf8), type: "text/plain; version=0.0.4; charset=utf-8"), nil)
        case ("/v1/check", .post):
            try authorise(request)
            return try await check(request)
        case ("/", _), ("/healthz", _), ("/v1/policy", _), ("/metrics", _), ("/v1/check", _):
            var error = ServeError(.methodNotAllowed, "method-not-allowed", "\(request.method.rawValue) is not allowed on \(path)")
            error.allow = path == "/v1/check" ? "POST" : "GET"
            throw error
        default:
            throw .notFound
        }
    }

    private func authorise(_ request: Request) throws(ServeError) {
        guard server.authorised(request) else { throw .unauthorized }
    }

    // MARK: - POST /v1/check

    private func check(_ request: Request) async throws(ServeError) -> (Response, ServeDecision?) {
        try Self.checkContentType(request.headers[.contentType])
        let limit = server.options.bodyLimit
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw .tooLarge(limit)
        }
        var body: [UInt8] = []
        do {
            for try await chunk in request.body {
                guard body.count + chunk.readableBytes <= limit else { throw ServeError.tooLarge(limit) }
                body.append(contentsOf: chunk.readableBytesView)
            }
        } catch let error as ServeError {
            throw error
        } catch {
            throw ServeError(.badRequest, "incomplete-body", "the body could not be read to its end")
        }
        let draft = try Draft.parse(body)
        let snapshot = server.snapshot
        if let person = draft.person, !snapshot.people.contains(person) {
            throw .badRequest(
                "unknown-person",
                "\"person\" is not a person of the profile; give a person's id, organisation, or a kind such as employee")
        }
        let result = try await server.pool.check(draft)
        let answer = CheckAnswer(result)
        for failure in result.failures {
            let reason = failure.limit ?? "error"
            server.metrics.ruleFailure(rule: failure.ruleID, reason: reason)
            server.logger.warning("a rule did not finish on a draft", metadata: [
                "rule": "\(failure.ruleID)", "reason": "\(reason)",
                "policy": "\(result.snapshot.name) \(result.snapshot.version)",
            ])
        }
        if let log = server.decisionLog, let hash = result.draftHash {
            var rules: [String] = []
            for finding in result.findings where !rules.contains(finding.ruleID) { rules.append(finding.ruleID) }
            log.record(ServeDecisionRecord(
                decidedAt: Date(), policyName: result.snapshot.name, policyVersion: result.snapshot.version,
                decision: answer.decision.rawValue, rules: rules, failedRules: answer.failures.map(\.rule),
                person: draft.person, draftHash: hash, platform: draft.platform ?? result.snapshot.defaultPlatform,
                kind: (draft.kind ?? .post).rawValue))
        }
        return (Self.data(answer.json, type: "application/json"), answer.decision)
    }

    /// `application/json`, in UTF-8 if a charset is given.
    static func checkContentType(_ value: String?) throws(ServeError) {
        guard let value else {
            throw .badRequest("unsupported-content-type", "send the draft as JSON: Content-Type: application/json")
        }
        if value == "application/json" || value == "application/json; charset=utf-8" { return }
        let parts = value.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard parts.first == "application/json" else {
            throw .badRequest("unsupported-content-type", "send the draft as JSON: Content-Type: application/json")
        }
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.first == "charset", pair.count == 2, pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) != "utf-8" {
                throw .badRequest("unsupported-charset", "the draft must be UTF-8 (charset=utf-8)")
            }
        }
    }

    // MARK: - GET /healthz

    private func health() -> Data {
        let snapshot = server.snapshot
        let reload = server.lastReload
        var document: [String: Any] = [
            "status": (reload?.succeeded ?? true) ? "ok" : "degraded",
            "policy": ["name": snapshot.name, "version": snapshot.version, "generation": snapshot.generation,
                       "loadedAt": Self.iso8601(snapshot.loadedAt)] as [String: Any],
            "workers": server.pool.workers,
        ]
        if let reload {
            var last: [String: Any] = ["at": Self.iso8601(reload.at), "reason": reload.reason, "succeeded": reload.succeeded]
            if let error = reload.error { last["error"] = error }
            document["lastReload"] = last
        }
        return (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{\"status\":\"ok\"}".utf8)
    }

    static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    // MARK: - Responses

    static func data(_ data: Data, type: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func error(_ error: any Error) -> Response {
        let serveError = (error as? ServeError) ?? ServeError(.internalServerError, "internal", "the server failed to answer")
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        if serveError.status == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        if serveError.status == .serviceUnavailable { headers[.retryAfter] = "1" }
        if let allow = serveError.allow { headers[.allow] = allow }
        return Response(status: serveError.status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: serveError.body)))
    }
}

/// The answer to `POST /v1/check`, written as JSON by hand (keys sorted, as
/// a `JSONEncoder` with `.sortedKeys` would): Foundation's encoder took as
/// much processor time as the rules themselves.
struct CheckAnswer {
    struct Evidence {
        var start: Int
        var end: Int
        var label: String?
    }
    struct FindingAnswer {
        var rule: String
        var title: String
        var severity: String
        var advice: String?
        var charter: String?
        var evidence: [Evidence]
    }
    struct Failure {
        var rule: String
        var reason: String
    }

    var decision: ServeDecision
    var findings: [FindingAnswer]
    var policyName: String
    var policyVersion: String
    /// Rules that could not finish on the draft: the answer may be incomplete.
    var failures: [Failure]

    init(_ check: DraftCheck) {
        let snapshot = check.snapshot
        decision = snapshot.mapping.decision(for: check.findings.map(\.severity))
        // The most severe first; the engine's order otherwise.
        let ordered = check.findings.enumerated().sorted { a, b in
            a.element.severity != b.element.severity ? a.element.severity > b.element.severity : a.offset < b.offset
        }.map(\.element)
        findings = ordered.map { finding in
            let rule = snapshot.rules[finding.ruleID]
            return FindingAnswer(
                rule: finding.ruleID, title: rule?.title ?? finding.ruleID, severity: finding.severity.rawValue,
                advice: finding.advice, charter: rule?.charter,
                evidence: finding.evidence.map { Evidence(start: $0.start, end: $0.end, label: $0.label) })
        }
        policyName = snapshot.name
        policyVersion = snapshot.version
        failures = check.failures.map { Failure(rule: $0.ruleID, reason: $0.limit ?? "error") }
    }

    /// `{"decision","failures","findings","policy"}`.
    var json: Data {
        var out = Data()
        out.reserveCapacity(256 + findings.count * 400)
        func raw(_ text: StaticString) { out.append(text.utf8Start, count: text.utf8CodeUnitCount) }
        func string(_ text: String?) {
            if let text { out.append(JSONText.quoted(text)) } else { raw("null") }
        }
        raw("{\"decision\":")
        string(decision.rawValue)
        raw(",\"failures\":[")
        for (i, failure) in failures.enumerated() {
            if i > 0 { raw(",") }
            raw("{\"reason\":")
            string(failure.reason)
            raw(",\"rule\":")
            string(failure.rule)
            raw("}")
        }
        raw("],\"findings\":[")
        for (i, finding) in findings.enumerated() {
            if i > 0 { raw(",") }
            raw("{\"advice\":")
            string(finding.advice)
            raw(",\"charter\":")
            string(finding.charter)
            raw(",\"evidence\":[")
            for (j, span) in finding.evidence.enumerated() {
                if j > 0 { raw(",") }
                raw("{\"end\":")
                out.append(contentsOf: String(span.end).utf8)
                raw(",\"label\":")
                string(span.label)
                raw(",\"start\":")
                out.append(contentsOf: String(span.start).utf8)
                raw("}")
            }
            raw("],\"rule\":")
            string(finding.rule)
            raw(",\"severity\":")
            string(finding.severity)
            raw(",\"title\":")
            string(finding.title)
            raw("}")
        }
        raw("],\"policy\":{\"name\":")
        string(policyName)
        raw(",\"version\":")
        string(policyVersion)
        raw("}}")
        return out
    }
}
