import ArgumentParser
import Foundation
import LuaHost

/// Errors of the command line itself: they print a message and exit 2.
enum CLIError: Error, CustomStringConvertible {
    /// Bad input or usage, said in a sentence ("error: " comes before it).
    case input(String)
    /// A diagnostic already formatted as `file:line: error: …`.
    case diagnostic(String)

    var description: String {
        switch self {
        case .input(let message), .diagnostic(let message): message
        }
    }

    /// What the user reads on standard error.
    var printed: String {
        switch self {
        case .input(let message): "error: " + message
        case .diagnostic(let message): message
        }
    }
}

extension CLIError: CustomNSError {
    var errorUserInfo: [String: Any] { [NSLocalizedDescriptionKey: description] }
}

/// Buffered standard output (what scripts print goes through here).
final class StandardOutput {
    private var pending = Data()

    func write(_ text: String) {
        pending.append(contentsOf: text.utf8)
        if pending.count >= 1 << 16 { flush() }
    }

    func write(bytes: UnsafeRawBufferPointer) {
        pending.append(contentsOf: bytes)
        if pending.count >= 1 << 16 { flush() }
    }

    func flush() {
        guard !pending.isEmpty else { return }
        FileHandle.standardOutput.write(pending)
        pending.removeAll(keepingCapacity: true)
    }
}


/// The sandbox's limits a user may set (`vigie run`, `vigie repl`): each
/// evaluation's wall-clock time, the memory of the Lua state, and the
/// virtual machine's instructions.
struct SandboxLimitOptions: ParsableArguments {
    @Option(help: "Wall-clock limit of each evaluation, in seconds.")
    var timeout: Double = 5

    @Option(help: "Memory limit in MiB.")
    var memory: Int = 64

    @Option(help: "Virtual-machine instruction limit of each evaluation.")
    var instructions: Int = 200_000_000

    func validate() throws {
        guard timeout > 0 else { throw ValidationError("--timeout must be positive (seconds).") }
        guard memory > 0 else { throw ValidationError("--memory must be positive (MiB).") }
        guard instructions > 0 else { throw ValidationError("--instructions must be positive.") }
    }

    var luaLimits: LuaLimits {
        var limits = LuaLimits()
        limits.timeout = timeout
        limits.memory = memory << 20
        limits.instructions = instructions
        return limits
    }
}
