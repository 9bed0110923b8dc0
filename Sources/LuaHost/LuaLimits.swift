internal import CLuaShim

/// The limits a script runs under. Every field has a safe default; `nil`
/// switches a limit off (the host's own tests and tools only).
public struct LuaLimits: Sendable, Equatable {
    /// Bytes of Lua memory a script may use.
    public var memory: Int? = 64 << 20
    /// Extra bytes the host may use on top of `memory` while it hands values
    /// over, so that a script at its limit cannot make the host fail.
    public var hostHeadroom: Int = 8 << 20
    /// Virtual-machine instructions per host call. Approximate unless
    /// `exactInstructionCount`: a call runs without the count hook until a
    /// watchdog finds it still running 5 to 10 ms after it began (Lua's
    /// fast path); only the instructions after that count, so a runaway
    /// script may run that much longer than its budget before the count
    /// starts (coroutines count from their start).
    public var instructions: Int? = 200_000_000
    /// Wall-clock time per host call, in seconds. Holds within 50 ms (the
    /// watchdog arms the check within 10 ms; library calls and the pattern
    /// matcher check on entry).
    public var timeout: Double? = 5
    /// Count every instruction from the start of each call (the count hook
    /// stays on, and every instruction runs in Lua's slower hooked path).
    public var exactInstructionCount = false
    /// Largest source chunk, in bytes (files and `load`).
    public var chunkSize: Int = 1 << 20
    /// Largest string `string.rep` may build; defaults to the memory limit.
    public var stringSize: Int? = nil
    /// Pattern-matching steps per call of find, match, gmatch or gsub:
    /// `patternSteps + patternStepsPerByte × subject length`.
    public var patternSteps: Int = 1_000_000
    public var patternStepsPerByte: Int = 64
    /// Nesting of `coroutine.close` (Lua 5.4.4 crashes on deep chains).
    public var closeDepth: Int = 100
    /// Results converted back to Swift: nesting depth and number of values.
    public var resultDepth: Int = 64
    public var resultValues: Int = 1_000_000
    /// Bytes a single host call may print.
    public var output: Int = 1 << 20

    public init() {}

    /// The defaults: 64 MiB, 200 million instructions, 5 seconds.
    public static let `default` = LuaLimits()

    /// No CPU, memory or output limit: for trusted code only.
    public static var unlimited: LuaLimits {
        var l = LuaLimits()
        l.memory = nil
        l.instructions = nil
        l.timeout = nil
        l.output = Int.max
        return l
    }

    static let maxDecodeDepth = Int(VIGIE_MAX_DECODE_DEPTH)
}

/// Which limit stopped a script.
///
/// The CPU, time, memory and interruption limits are kills: a script cannot
/// catch them (`pcall`, `xpcall`, coroutines re-raise them). The others are
/// errors a script may catch and go on; if the call fails after one of them
/// fired, it is reported as stopped by that limit, whatever message the
/// script raised in the end. The shim records the limit as a code when it
/// fires; the host never reads it from a message.
public enum LuaLimit: String, Sendable, Equatable, CaseIterable {
    case instructions = "instruction limit"
    case time = "time limit"
    case memory = "memory limit"
    case interrupted = "interruption"
    case patternSteps = "pattern step limit"
    case luaStack = "recursion limit"
    case cStack = "C stack limit"
    case closeDepth = "coroutine.close nesting limit"
    case chunkSize = "chunk size limit"
    case stringSize = "string size limit"
    case output = "output limit"
    case resultDepth = "result depth limit"
    case resultSize = "result size limit"
    case resultCycle = "cyclic result"
}

extension LuaLimit {
    /// The limit the shim recorded (a `VigieLimit` code), if any.
    init?(code: Int32) {
        switch UInt32(bitPattern: code) {
        case VIGIE_LIMIT_INSTRUCTIONS.rawValue: self = .instructions
        case VIGIE_LIMIT_DEADLINE.rawValue: self = .time
        case VIGIE_LIMIT_MEMORY.rawValue: self = .memory
        case VIGIE_LIMIT_INTERRUPT.rawValue: self = .interrupted
        case VIGIE_LIMIT_PATTERN_STEPS.rawValue: self = .patternSteps
        case VIGIE_LIMIT_LUA_STACK.rawValue: self = .luaStack
        case VIGIE_LIMIT_C_STACK.rawValue: self = .cStack
        case VIGIE_LIMIT_CLOSE_DEPTH.rawValue: self = .closeDepth
        case VIGIE_LIMIT_CHUNK_SIZE.rawValue: self = .chunkSize
        case VIGIE_LIMIT_STRING_SIZE.rawValue: self = .stringSize
        case VIGIE_LIMIT_OUTPUT.rawValue: self = .output
        default: return nil
        }
    }

    /// The shim's code for a limit a host function raises through Lua
    /// (the limits on results are the host's own and have none).
    var code: Int32? {
        switch self {
        case .output: Int32(VIGIE_LIMIT_OUTPUT.rawValue)
        default: nil
        }
    }
}
