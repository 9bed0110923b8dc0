import Foundation
import VigieRun

/// A progress line on standard error for long runs, on a terminal only
/// (never in pipes, files or CI logs): `⠿ 12,340 activities checked (4,120/s)`.
final class ProgressLine {
    private let enabled: Bool
    private let label: String
    private var count = 0
    private var lastDraw = Date.distantPast
    private let start = Date()
    private var drawn = false

    init(label: String) {
        self.label = label
        let env = ProcessInfo.processInfo.environment
        enabled = isatty(STDERR_FILENO) != 0 && env["CI"] == nil && env["VIGIE_NO_PROGRESS"] == nil
    }

    /// One more item; redraws at most ten times a second.
    func tick() {
        count += 1
        guard enabled, count & 255 == 0 else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        draw(now)
    }

    private func draw(_ now: Date) {
        let rate = Double(count) / max(now.timeIntervalSince(start), 0.001)
        let text = "\r\(Self.grouped(count)) \(label) (\(Self.grouped(Int(rate)))/s)\u{1B}[K"
        FileHandle.standardError.write(Data(text.utf8))
        drawn = true
    }

    /// Clears the line before the results are printed.
    func finish() {
        guard enabled, drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return out
    }
}

/// What a check does per activity from the command line: `each` (the
/// progress line), and once the run is well past its start-up, ten thousand
/// activities in (`run.activities`), letting go of the code pages only the
/// start-up ran (`ResidentPages`, once): on a long stream they would
/// otherwise stay in the resident set to the end.
func perActivity(of run: CheckRun, _ each: @escaping () -> Void) -> () -> Void {
    { [unowned run] in
        each()
        if run.activities == 10_000 { ResidentPages.releaseStartupCode() }
    }
}
