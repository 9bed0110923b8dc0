import Foundation
import VigieTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// `vigie repl` on a pseudo-terminal of its own, driven like a user would:
/// keys in, screen bytes out. The child runs in a new session whose
/// controlling terminal is the PTY, so Ctrl-C is a real SIGINT to it and
/// never to the test process. Waits poll the output with a deadline.
final class TerminalSession {
    struct Timeout: Error, CustomStringConvertible {
        let expected: String
        let transcript: String
        var description: String { "timed out waiting for \(expected.debugDescription); the terminal shows:\n\(transcript)" }
    }

    private let master: Int32
    private let pid: pid_t
    private var bytes: [UInt8] = []
    /// Where `waitFor` starts looking.
    private var mark = 0
    private var exited = false

    init(arguments: [String], environment: [String: String]) throws {
        // posix_openpt, unlockpt and ptsname are not visible from Swift's
        // Glibc module: their Linux equivalents (grantpt does nothing there).
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard master >= 0, ioctl(master, 0x4004_5431 /* TIOCSPTLCK */, &unlock) == 0,
            ioctl(master, 0x8004_5430 /* TIOCGPTN */, &number) == 0
        else {
            throw POSIXError(.ENXIO)
        }
        let slavePath = "/dev/pts/\(number)"
        var size = winsize(ws_row: 40, ws_col: 120, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A new session: opening the PTY then makes it the controlling terminal.
        posix_spawnattr_setflags(&attributes, Int16(0x80))  // POSIX_SPAWN_SETSID
        var signals = sigset_t()
        sigemptyset(&signals)
        posix_spawnattr_setsigmask(&attributes, &signals)
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        posix_spawnattr_setsigdefault(&attributes, &signals)
        posix_spawnattr_setflags(&attributes, Int16(0x80 | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let executable = VigieBinary.url.path
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var child: pid_t = 0
        let status = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EIO) }
        pid = child
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
    }

    /// The REPL with a history file and no colours, in `folder`.
    convenience init(folder: TemporaryFolder, history: String = "history", arguments: [String] = []) throws {
        var environment: [String: String] = [:]
        environment["TERM"] = "xterm"
        environment["LANG"] = "C.UTF-8"
        environment["NO_COLOR"] = "1"
        environment["HOME"] = folder.url.path
        environment["PATH"] = "/usr/bin:/bin"
        environment["VIGIE_HISTORY"] = folder.path(history)
        try self.init(arguments: ["repl"] + arguments, environment: environment)
    }

    deinit {
        if !exited {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        close(master)
    }

    /// Types `keys` (use "\r" for Enter, "\t" for Tab, "\u{3}" for Ctrl-C).
    func send(_ keys: String) {
        let data = Array(keys.utf8)
        var offset = 0
        while offset < data.count {
            let n = data[offset...].withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            if n > 0 { offset += n } else if errno != EAGAIN && errno != EINTR { return } else { usleep(1000) }
        }
    }

    /// Everything the terminal received so far.
    var transcript: String { String(decoding: bytes, as: UTF8.self) }

    /// Waits until `text` appears after the previous match; returns the
    /// output from the previous match up to and including it.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 15) throws -> String {
        let needle = Array(text.utf8)
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let range = find(needle, from: mark) {
                let seen = String(decoding: bytes[mark..<range], as: UTF8.self)
                mark = range
                return seen
            }
            if Date() > deadline { throw Timeout(expected: text, transcript: String(decoding: bytes[mark...], as: UTF8.self)) }
            pump(milliseconds: 50)
        }
    }

    /// Waits for `prompt`, then until libedit has put the terminal in raw
    /// mode: it prints the prompt first and switches when it reads the
    /// first key, and keys typed before that are echoed by the terminal
    /// (and Ctrl-C would be a signal). On Linux the master side reads the
    /// terminal's modes.
    @discardableResult
    func waitForInput(after prompt: String, timeout: Double = 15) throws -> String {
        let seen = try waitFor(prompt, timeout: timeout)
        try waitForMode(canonical: false, timeout: timeout)
        return seen
    }

    /// Waits until the terminal is back in its normal (canonical) mode:
    /// the REPL has taken the line and evaluates it.
    func waitForEvaluation(timeout: Double = 15) throws {
        try waitForMode(canonical: true, timeout: timeout)
    }

    private func waitForMode(canonical: Bool, timeout: Double) throws {
        let deadline = Date().addingTimeInterval(timeout)
        var modes = termios()
        while Date() < deadline {
            if tcgetattr(master, &modes) == 0, ((modes.c_lflag & tcflag_t(ICANON)) != 0) == canonical { return }
            pump(milliseconds: 5)
        }
        throw Timeout(expected: canonical ? "canonical mode" : "raw mode", transcript: transcript)
    }

    /// Whether `text` appears within `timeout`, without failing.
    func appears(_ text: String, within timeout: Double) -> Bool {
        (try? waitFor(text, timeout: timeout)) != nil
    }

    /// Waits for the process to end (after Ctrl-D or :quit); its status.
    func waitForExit(timeout: Double = 15) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while Date() < deadline {
            pump(milliseconds: 20)
            if waitpid(pid, &status, WNOHANG) == pid {
                exited = true
                return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
            }
        }
        throw Timeout(expected: "the end of the process", transcript: transcript)
    }

    private func pump(milliseconds: Int32) {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, milliseconds) > 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(master, &buffer, buffer.count)
            guard n > 0 else { return }
            bytes += buffer[0..<n]
        }
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, bytes.count - start >= needle.count else { return nil }
        var i = start
        while i + needle.count <= bytes.count {
            if bytes[i] == needle[0] && bytes[i..<(i + needle.count)].elementsEqual(needle) { return i + needle.count }
            i += 1
        }
        return nil
    }
}
