import Foundation
import LuaHost

/// The pipe the SIGINT handler writes to; only `write` runs in the
/// handler, which is async-signal-safe.
private let interruptPipe: (read: Int32, write: Int32) = {
    var fds: [Int32] = [-1, -1]
    guard pipe(&fds) == 0 else { return (-1, -1) }
    return (fds[0], fds[1])
}()

/// Whether the session is evaluating, shared with the interrupt thread.
///
/// The host re-arms its limits (and clears an interrupt) when a call
/// starts, so an interrupt that lands just before would be lost. The
/// watcher therefore keeps interrupting while the same evaluation runs,
/// and a Ctrl-C that comes between Enter and the start of the evaluation
/// is kept pending until it starts (a new prompt drops it).
final class EvaluationState: @unchecked Sendable {
    private let lock = NSLock()
    private var running = false
    private var generation = 0
    private var pending = false

    /// An evaluation starts.
    func begin() {
        lock.withLock {
            running = true
            generation += 1
        }
    }

    /// It ended.
    func end() {
        lock.withLock {
            running = false
            pending = false
        }
    }

    /// A prompt is shown: a Ctrl-C from before is no longer meant for any
    /// evaluation.
    func prompt() {
        lock.withLock { pending = false }
    }

    /// Ctrl-C: the evaluation to stop, or nil (then it is pending).
    fileprivate func request() -> Int? {
        lock.withLock {
            if running { return generation }
            pending = true
            return nil
        }
    }

    /// The evaluation a pending Ctrl-C is for, once one runs; nil while
    /// none runs, and `-1` when the request was dropped.
    fileprivate func pendingTarget() -> Int? {
        lock.withLock {
            if !pending && !running { return -1 }
            return running ? generation : nil
        }
    }

    fileprivate func isRunning(_ target: Int) -> Bool {
        lock.withLock { running && generation == target }
    }
}

/// Turns Ctrl-C (SIGINT) into `LuaInterruptHandle.interrupt()`: the running
/// evaluation stops at the next hook with an "interrupted" error, and the
/// state stays usable. A thread waits on a pipe that the signal handler
/// writes one byte to.
enum InterruptWatcher {
    static func install(_ handle: LuaInterruptHandle, evaluation: EvaluationState) {
        let fds = interruptPipe
        guard fds.read >= 0 else { return }
        _ = signal(SIGINT) { _ in
            var byte: UInt8 = 3
            _ = write(interruptPipe.write, &byte, 1)
        }
        let thread = Thread {
            var byte: UInt8 = 0
            while true {
                let n = read(fds.read, &byte, 1)
                if n < 0 && errno == EINTR { continue }
                guard n == 1 else { return }
                var target = evaluation.request()
                while target == nil {
                    usleep(2000)
                    target = evaluation.pendingTarget()
                }
                guard let target, target >= 0 else { continue }
                while evaluation.isRunning(target) {
                    handle.interrupt()
                    usleep(5000)
                }
            }
        }
        thread.name = "vigie-interrupt"
        thread.start()
    }
}
