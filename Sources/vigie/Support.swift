import ArgumentParser
import Foundation
import LuaHost
import VigieImport
import VigieModel

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
struct SandboxLimitOptions: ParsableArguments, LimitOptions {
    @Option(help: "Wall-clock limit of each evaluation, in seconds.")
    var timeout: Double = 5

    @Option(help: "Memory limit in MiB.")
    var memory: Int = 64

    @Option(help: "Virtual-machine instruction limit of each evaluation.")
    var instructions: Int = 200_000_000

}

/// Options that set the sandbox's three limits (`SandboxLimitOptions`,
/// `ServeLimitOptions`: the same checks and conversion, other defaults).
protocol LimitOptions: ParsableArguments {
    var timeout: Double { get }
    var memory: Int { get }
    var instructions: Int { get }
}

extension LimitOptions {
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

/// What `check` and `report` say about their inputs when some was lost: each
/// file refused or partly imported, with the reason and where, and the
/// counts; then the exit code (4) unless the user asked to go on.
struct LostInput: ParsableArguments {
    @Flag(name: .customLong("keep-going"), help: "Go on and exit as usual when an input file is refused or partly imported (the summary still lists them).")
    var keepGoing = false

    /// Prints what was lost (nothing when nothing was) on standard error.
    func report(_ sources: [ImportSummary]) {
        let lost = sources.flatMap(\.files).filter { $0.status != .imported }
        guard !lost.isEmpty else { return }
        var text = ""
        for source in sources where source.lostInput {
            text += "input \(DiagnosticText.escaped(source.source)): \(source.filesImported) file(s) imported, \(source.filesPartlyImported) partly imported, \(source.filesRefused) refused; records read \(source.recordsRead), imported \(source.imported), skipped \(source.skipped), lost \(source.lost)\n"
            for file in source.files where file.status != .imported { text += "  \(file)\n" }
        }
        text += "input lost in \(lost.count) file\(lost.count == 1 ? "" : "s") (listed above)"
        text += keepGoing ? "; going on (--keep-going)\n" : "; exit \(ImportCommand.lostInputExitCode) (--keep-going to go on)\n"
        FileHandle.standardError.write(Data(Privacy.mask(text).utf8))
    }

    /// Exits 4 when input was lost and the user did not ask to go on.
    func exitIfLost(_ sources: [ImportSummary]) throws {
        if !keepGoing, sources.contains(where: \.lostInput) { throw ExitCode(ImportCommand.lostInputExitCode) }
    }
}
