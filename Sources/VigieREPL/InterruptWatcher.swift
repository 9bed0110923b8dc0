import Foundation
import LuaHost

/// The pipe the SIGINT handler writes to; only `write` runs in the
/// handler, which is async-signal-safe.
private let interruptPipe: (read: Int32, write: Int32) = {
    var fds: [Int32] = [-1, -1]
    guard pipe(&fds) == 0 else { return (-1, -1) }
    return (fds[0], fds[1])
}()

/// Turns Ctrl-C (SIGINT) into `LuaInterruptHandle.interrupt()`: the running
/// evaluation stops at the next hook with an "interrupted" error, and the
/// state stays usable. A thread waits on a pipe that the signal handler
/// writes one byte to.
enum InterruptWatcher {
    static func install(_ handle: LuaInterruptHandle) {
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
                if n == 1 {
                    handle.interrupt()
                } else if n < 0 && errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
        thread.name = "vigie-interrupt"
        thread.start()
    }
}
