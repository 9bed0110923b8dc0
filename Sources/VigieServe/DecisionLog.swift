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
/// a batch per transaction, so that a request never waits for the disk. A
/// failed write is logged and counted (`vigie_serve_decision_log_total`),
/// as are decisions dropped when more than `capacity` wait.
final class DecisionLog: @unchecked Sendable {
    let caseFile: CaseFile
    let hasher: DraftHasher
    private let metrics: ServeMetrics
    private let logger: Logger
    private let interval: TimeInterval
    private let capacity: Int
    private let condition = NSCondition()
    private var pending: [ServeDecisionRecord] = []
    private var writing = false
    private var stopped = false
    private let done = DispatchSemaphore(value: 0)

    init(caseFile: CaseFile, hasher: DraftHasher, metrics: ServeMetrics, logger: Logger,
         interval: TimeInterval = 0.1, capacity: Int = 100_000) {
        self.caseFile = caseFile
        self.hasher = hasher
        self.metrics = metrics
        self.logger = logger
        self.interval = interval
        self.capacity = capacity
        let thread = Thread { [self] in
            self.run()
            self.done.signal()
        }
        thread.name = "vigie-serve-decision-log"
        thread.start()
    }

    func record(_ record: ServeDecisionRecord) {
        condition.lock()
        if pending.count >= capacity {
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

    /// Waits until every decision recorded so far is written.
    func flush() {
        condition.lock()
        while !pending.isEmpty || writing {
            condition.signal()
            _ = condition.wait(until: Date().addingTimeInterval(0.01))
        }
        condition.unlock()
    }

    /// Writes what is left and stops the thread.
    func close() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
        done.wait()
    }

    private func run() {
        while true {
            condition.lock()
            if pending.isEmpty && !stopped { _ = condition.wait(until: Date().addingTimeInterval(interval)) }
            let batch = pending
            pending.removeAll(keepingCapacity: true)
            let last = stopped
            writing = !batch.isEmpty
            condition.unlock()
            if !batch.isEmpty {
                do {
                    try caseFile.recordServeDecisions(batch)
                    metrics.decisionLog(written: batch.count)
                } catch {
                    metrics.decisionLog(dropped: batch.count, errors: 1)
                    logger.error("decision log: cannot write to the case file", metadata: [
                        "decisions": "\(batch.count)", "error": "\(error)",
                    ])
                }
                condition.lock()
                writing = false
                condition.broadcast()
                condition.unlock()
            }
            if last {
                condition.lock()
                let rest = pending.isEmpty
                condition.unlock()
                if rest { return }
            }
        }
    }
}
