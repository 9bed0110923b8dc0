import Foundation
#if canImport(Glibc)
import Glibc
#endif
import VigieRun

/// What the command line does when a run is interrupted (SIGINT, SIGTERM,
/// SIGHUP): removes the runs' temporary folders and marks their runs
/// `interrupted` in the case file (`RunsInProgress`), then exits with 128 +
/// the signal's number, as a shell reports a process the signal killed. The handlers are Dispatch sources: nothing runs inside a
/// signal handler. Installed by the commands that run a check, once.
enum Interruption {
    private static let installed = Installed()

    static func cleanUpRunsOnSignal() {
        installed.once {
            for number in [SIGINT, SIGTERM, SIGHUP] {
                // Dispatch sees the signal only once its default action is off.
                Glibc.signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler {
                    let name = number == SIGINT ? "SIGINT" : number == SIGTERM ? "SIGTERM" : "SIGHUP"
                    RunsInProgress.shared.interrupt(reason: "interrupted by \(name)")
                    // Dispatch keeps the signal to itself: end with the status a
                    // shell gives a process killed by it (130 for Ctrl-C).
                    _exit(128 + number)
                }
                source.resume()
                installed.sources.append(source)
            }
        }
    }

    private final class Installed: @unchecked Sendable {
        let lock = NSLock()
        var done = false
        var sources: [any DispatchSourceSignal] = []

        func once(_ body: () -> Void) {
            lock.lock()
            defer { lock.unlock() }
            guard !done else { return }
            done = true
            body()
        }
    }
}
