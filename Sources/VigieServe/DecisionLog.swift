import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Logging
import VigieCaseFile

/// The keyed hash of a draft: HMAC-SHA256 of its text under a secret of the
/// case file, so that the decision log recognises the same draft without
/// holding it, and nobody without the secret can test guesses against it.
public struct DraftHasher: Sendable {
    let key: [UInt8]

    public init(key: [UInt8]) { self.key = key }

    /// Hexadecimal HMAC-SHA256 of the text's UTF-8 bytes.
    public func hash(_ text: String) -> String {
        HMACSHA256.authenticationCode(for: Array(text.utf8), key: key).hex
    }

    /// The secret beside the case file (`serve.key`, mode 0600), created on
    /// first use with 32 random bytes. A key file others may read is refused.
    public static func loadOrCreate(at path: String) throws(ServeLoadError) -> DraftHasher {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        if fd >= 0 {
            var generator = SystemRandomNumberGenerator()
            let key = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let text = Array((key.hex + "\n").utf8)
            let written = text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            close(fd)
            guard written == text.count else {
                unlink(path)
                throw ServeLoadError("\(path): cannot write the decision log's key (\(String(cString: strerror(errno))))")
            }
            return DraftHasher(key: key)
        }
        guard errno == EEXIST else {
            throw ServeLoadError("\(path): cannot create the decision log's key (\(String(cString: strerror(errno))))")
        }
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw ServeLoadError("\(path): cannot read the decision log's key (\(String(cString: strerror(errno))))")
        }
        guard info.st_mode & 0o077 == 0 else {
            throw ServeLoadError(
                "\(path): the decision log's key can be read by other users; restrict it with chmod 600 \(path)")
        }
        guard let data = FileManager.default.contents(atPath: path),
            let key = Self.bytes(hex: String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)),
            key.count >= 16
        else {
            throw ServeLoadError(
                "\(path): the decision log's key is not 32 bytes in hexadecimal; move it aside to get a new one (drafts logged before will no longer be recognised)")
        }
        return DraftHasher(key: key)
    }

    static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(digits.count / 2)
        func value(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: c - 48
            case 97...102: c - 87
            case 65...70: c - 55
            default: nil
            }
        }
        var i = 0
        while i < digits.count {
            guard let hi = value(digits[i]), let lo = value(digits[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }
}

/// Writes the server's decisions to the case file from a thread of its own,
/// a batch per transaction, so that a request never waits for the disk or
/// the database. A failed write is logged and counted
/// (`vigie_serve_decision_log_total`), as are decisions dropped when more
/// than `capacity` wait.
///
/// With a PostgreSQL case file (shared by several instances), a write that
/// fails because the database cannot be reached keeps its decisions waiting
/// (up to `capacity`) and is tried again every second: the server goes on
/// answering, `/healthz` and the log say that decisions are not being
/// recorded, and they are written once the database answers. While idle the
/// thread looks at the database every few seconds, so that `/healthz` tells
/// an outage before the next decision does.
final class DecisionLog: @unchecked Sendable {
    let caseFile: CaseFile
    let hasher: DraftHasher
    private let metrics: ServeMetrics
    private let logger: Logger
    private let interval: TimeInterval
    private let capacity: Int
    /// Keep a batch whose write failed, and try again (PostgreSQL).
    private let keepWhenFailing: Bool
    private let condition = NSCondition()
    private var pending: [ServeDecisionRecord] = []
    /// A batch whose write failed (PostgreSQL out of reach), tried again
    /// whole with its token, so that a write whose commit did happen but
    /// whose answer was lost is not recorded twice.
    private var held: (token: String, records: [ServeDecisionRecord])?
    private var writing = false
    private var stopped = false
    private var recording = true
    private var lastError: String?
    private var retryAt: Date?
    private var lastActivity = Date()
    private var lastReminder = Date.distantPast
    private let done = DispatchSemaphore(value: 0)

    /// Where the decision log stands, for `/healthz`.
    struct Status {
        var recording: Bool
        var waiting: Int
        var error: String?
        var backend: String
    }

    init(caseFile: CaseFile, hasher: DraftHasher, metrics: ServeMetrics, logger: Logger,
         interval: TimeInterval = 0.1, capacity: Int = 100_000) {
        self.caseFile = caseFile
        self.hasher = hasher
        self.metrics = metrics
        self.logger = logger
        self.interval = interval
        self.capacity = capacity
        keepWhenFailing = caseFile.isShared
        let thread = Thread { [self] in
            self.run()
            self.done.signal()
        }
        thread.name = "vigie-serve-decision-log"
        thread.start()
    }

    var status: Status {
        condition.lock()
        defer { condition.unlock() }
        return Status(
            recording: recording, waiting: pending.count + (held?.records.count ?? 0), error: recording ? nil : lastError,
            backend: caseFile.isShared ? "postgres" : "sqlite")
    }

    func record(_ record: ServeDecisionRecord) {
        condition.lock()
        if pending.count + (held?.records.count ?? 0) >= capacity {
            condition.unlock()
            metrics.decisionLog(dropped: 1)
            logger.warning("decision log: a decision was dropped, the case file is not keeping up", metadata: [
                "waiting": "\(capacity)",
            ])
            return
        }
        pending.append(record)
        condition.unlock()
    }

    /// Waits until every decision recorded so far is written (or, with the
    /// database out of reach, until the log knows it is not recording).
    func flush() {
        condition.lock()
        while (!pending.isEmpty || held != nil || writing) && (recording || writing) {
            condition.signal()
            _ = condition.wait(until: Date().addingTimeInterval(0.01))
        }
        condition.unlock()
    }

    /// Writes what is left (one last try) and stops the thread.
    func close() {
        condition.lock()
        stopped = true
        retryAt = nil
        condition.broadcast()
        condition.unlock()
        done.wait()
    }

    private func run() {
        while true {
            condition.lock()
            if !stopped {
                if let retryAt {
                    _ = condition.wait(until: retryAt)
                } else if pending.isEmpty {
                    _ = condition.wait(until: Date().addingTimeInterval(interval))
                }
            }
            if let retryAt, retryAt > Date(), !stopped {
                condition.unlock()
                continue
            }
            let batch: [ServeDecisionRecord]
            let token: String
            if let again = held {
                (token, batch) = again
                held = nil
            } else {
                batch = pending
                token = UUID().uuidString
                pending.removeAll(keepingCapacity: true)
            }
            let last = stopped
            writing = !batch.isEmpty
            condition.unlock()
            if !batch.isEmpty {
                write(batch, token: token, last: last)
            } else if keepWhenFailing, !last {
                probe()
            }
            if last {
                condition.lock()
                let rest = pending.isEmpty && held == nil
                condition.unlock()
                if rest { return }
            }
        }
    }

    private func write(_ batch: [ServeDecisionRecord], token: String, last: Bool) {
        do {
            try caseFile.recordServeDecisions(batch, token: token)
            metrics.decisionLog(written: batch.count)
            condition.lock()
            let was = recording
            recording = true
            retryAt = nil
            lastActivity = Date()
            condition.unlock()
            if !was {
                logger.notice("decision log: the database answers again; decisions are recorded", metadata: [
                    "written": "\(batch.count)", "caseFile": "\(caseFile.path)",
                ])
            }
        } catch {
            condition.lock()
            let was = recording
            recording = false
            lastError = "\(error)"
            var dropped = batch.count
            if keepWhenFailing && !last {
                // Tried again first, whole and with its token (new decisions
                // wait behind it, within the capacity).
                held = (token, batch)
                dropped = 0
                retryAt = Date().addingTimeInterval(1)
            }
            let waiting = pending.count + (held?.records.count ?? 0)
            let remind = Date().timeIntervalSince(lastReminder) >= 30
            if was || remind { lastReminder = Date() }
            condition.unlock()
            metrics.decisionLog(dropped: dropped, errors: 1)
            if was || remind || dropped > 0 {
                logger.error(
                    "decision log: decisions are not being recorded: the case file cannot be written",
                    metadata: [
                        "decisions": "\(batch.count)", "waiting": "\(waiting)", "dropped": "\(dropped)",
                        "error": "\(error)",
                    ])
            }
        }
        condition.lock()
        writing = false
        condition.broadcast()
        condition.unlock()
    }

    /// While idle, asks the database whether it answers (every 5 seconds),
    /// so that `/healthz` tells an outage without waiting for a decision.
    private func probe() {
        condition.lock()
        let due = Date().timeIntervalSince(lastActivity) >= 5
        if due { lastActivity = Date() }
        condition.unlock()
        guard due, let answer = caseFile.databaseReachable() else { return }
        condition.lock()
        let was = recording
        if answer.reachable {
            if pending.isEmpty && held == nil { recording = true }
        } else {
            recording = false
            lastError = answer.error
        }
        let now = recording
        condition.unlock()
        if was && !now {
            logger.error("decision log: decisions are not being recorded: the database does not answer", metadata: [
                "error": "\(answer.error ?? "")", "caseFile": "\(caseFile.path)",
            ])
        } else if !was && now {
            logger.notice("decision log: the database answers again; decisions are recorded", metadata: [
                "caseFile": "\(caseFile.path)",
            ])
        }
    }
}
