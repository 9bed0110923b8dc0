import Foundation

/// The server's counters, rendered in the Prometheus text format
/// (`GET /metrics`). Labels carry routes, statuses, decisions and rule ids:
/// never a draft, a person or a token.
public final class ServeMetrics: @unchecked Sendable {
    /// Upper bounds of the latency histogram, in seconds.
    public static let latencyBuckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    private let lock = NSLock()
    private var requests: [Pair: Int] = [:]
    private var decisions: [String: Int] = [:]
    private var ruleFailures: [Pair: Int] = [:]
    private var reloads: [String: Int] = [:]
    private var bucketCounts = [Int](repeating: 0, count: ServeMetrics.latencyBuckets.count)
    private var latencyCount = 0
    private var latencySum = 0.0
    private var logWritten = 0
    private var logDropped = 0
    private var logErrors = 0

    private struct Pair: Hashable, Comparable {
        var a: String
        var b: String
        static func < (l: Pair, r: Pair) -> Bool { (l.a, l.b) < (r.a, r.b) }
    }

    public init() {}

    func request(route: String, status: Int) {
        lock.lock()
        requests[Pair(a: route, b: String(status)), default: 0] += 1
        lock.unlock()
    }

    /// A decision given, and the time from the request to the answer.
    func decision(_ decision: ServeDecision, seconds: Double) {
        lock.lock()
        decisions[decision.rawValue, default: 0] += 1
        latencyCount += 1
        latencySum += seconds
        if let i = Self.latencyBuckets.firstIndex(where: { seconds <= $0 }) { bucketCounts[i] += 1 }
        lock.unlock()
    }

    func ruleFailure(rule: String, reason: String) {
        lock.lock()
        ruleFailures[Pair(a: rule, b: reason), default: 0] += 1
        lock.unlock()
    }

    func reload(ok: Bool) {
        lock.lock()
        reloads[ok ? "ok" : "failed", default: 0] += 1
        lock.unlock()
    }

    func decisionLog(written: Int = 0, dropped: Int = 0, errors: Int = 0) {
        lock.lock()
        logWritten += written
        logDropped += dropped
        logErrors += errors
        lock.unlock()
    }

    /// The value of one series, for tests: `requests`, `decisions`, `rule_failures` by their first label.
    public func count(requestsTo route: String, status: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        return requests[Pair(a: route, b: String(status))] ?? 0
    }

    /// The Prometheus text exposition (version 0.0.4).
    func render(generation: Int, waiting: Int, busy: Int, workers: Int) -> String {
        lock.lock()
        defer { lock.unlock() }
        var out = ""
        func line(_ text: String) { out += text + "\n" }
        line("# HELP vigie_serve_requests_total HTTP requests answered, by route and status.")
        line("# TYPE vigie_serve_requests_total counter")
        for (key, value) in requests.sorted(by: { $0.key < $1.key }) {
            line("vigie_serve_requests_total{route=\"\(Self.escape(key.a))\",status=\"\(key.b)\"} \(value)")
        }
        line("# HELP vigie_serve_decisions_total Drafts checked, by decision.")
        line("# TYPE vigie_serve_decisions_total counter")
        for decision in ServeDecision.allCases {
            line("vigie_serve_decisions_total{decision=\"\(decision.rawValue)\"} \(decisions[decision.rawValue] ?? 0)")
        }
        line("# HELP vigie_serve_check_duration_seconds Time from a check request to its answer.")
        line("# TYPE vigie_serve_check_duration_seconds histogram")
        var cumulative = 0
        for (i, bound) in Self.latencyBuckets.enumerated() {
            cumulative += bucketCounts[i]
            line("vigie_serve_check_duration_seconds_bucket{le=\"\(Self.number(bound))\"} \(cumulative)")
        }
        line("vigie_serve_check_duration_seconds_bucket{le=\"+Inf\"} \(latencyCount)")
        line("vigie_serve_check_duration_seconds_sum \(Self.number(latencySum))")
        line("vigie_serve_check_duration_seconds_count \(latencyCount)")
        line("# HELP vigie_serve_rule_failures_total Rules that failed or hit a sandbox limit on a draft, by rule and reason.")
        line("# TYPE vigie_serve_rule_failures_total counter")
        for (key, value) in ruleFailures.sorted(by: { $0.key < $1.key }) {
            line("vigie_serve_rule_failures_total{rule=\"\(Self.escape(key.a))\",reason=\"\(Self.escape(key.b))\"} \(value)")
        }
        line("# HELP vigie_serve_policy_reloads_total Reloads of the policy, by result.")
        line("# TYPE vigie_serve_policy_reloads_total counter")
        for result in ["ok", "failed"] {
            line("vigie_serve_policy_reloads_total{result=\"\(result)\"} \(reloads[result] ?? 0)")
        }
        line("# HELP vigie_serve_policy_generation The generation of the policy serving now (1 at start).")
        line("# TYPE vigie_serve_policy_generation gauge")
        line("vigie_serve_policy_generation \(generation)")
        line("# HELP vigie_serve_queue_waiting Drafts waiting for a worker.")
        line("# TYPE vigie_serve_queue_waiting gauge")
        line("vigie_serve_queue_waiting \(waiting)")
        line("# HELP vigie_serve_workers_busy Workers checking a draft now.")
        line("# TYPE vigie_serve_workers_busy gauge")
        line("vigie_serve_workers_busy \(busy)")
        line("# HELP vigie_serve_workers Workers, each with its own Lua state.")
        line("# TYPE vigie_serve_workers gauge")
        line("vigie_serve_workers \(workers)")
        line("# HELP vigie_serve_decision_log_total Decisions written to the case file, dropped, and failed writes.")
        line("# TYPE vigie_serve_decision_log_total counter")
        line("vigie_serve_decision_log_total{outcome=\"written\"} \(logWritten)")
        line("vigie_serve_decision_log_total{outcome=\"dropped\"} \(logDropped)")
        line("vigie_serve_decision_log_total{outcome=\"error\"} \(logErrors)")
        return out
    }

    static func escape(_ value: String) -> String {
        var out = ""
        for c in value.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }
}
