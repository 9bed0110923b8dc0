internal import CLua
internal import CLuaShim
import Foundation

/// A sandboxed Lua 5.4 state.
///
/// The state owns its `lua_State` and closes it in `deinit`. It is not
/// `Sendable`: it lives on the thread (or in the isolation domain) that made
/// it. Parallel work uses one state per worker. To stop a running script
/// from another thread, use `interruptHandle`.
///
/// Every script runs in an environment of its own (`makeEnvironment()`),
/// with only the safe libraries, under the limits of `limits`. Errors and
/// limits come back as `LuaError`; Lua never unwinds Swift frames.
public final class LuaState {
    let L: OpaquePointer
    let control: ControlBlock
    public let limits: LuaLimits

    /// Where `print` writes. Each call's output is capped by `limits.output`.
    public var output: ((String) -> Void)?
    /// Resolves `require(name)` to a module's source and chunk name; modules
    /// run in the requiring script's environment. `nil` answers "not found".
    public var moduleResolver: ((String) -> (source: String, chunkName: String)?)?
    /// What `require` says of a module the resolver does not find (nil:
    /// the sandbox's own message).
    public var moduleNotFound: ((String) -> String?)?

    private var functions: [FunctionBox] = []
    private var knownChunks: [String] = []
    private var outputBytes = 0
    var pendingReleases: [Int32] = []
    let buffer = ValueBuffer()

    /// Creates a state with the sandbox opened and the given limits.
    public init(limits: LuaLimits = .default) throws(LuaError) {
        self.limits = limits
        control = ControlBlock()
        let c = control.pointer
        c.pointee.mem_limit = limits.memory.map { max(0, $0) } ?? 0
        c.pointee.mem_headroom = max(0, limits.hostHeadroom)
        c.pointee.hook_interval = 1000
        c.pointee.exact_count = limits.exactInstructionCount ? 1 : 0
        c.pointee.pattern_base_steps = Int64(limits.patternSteps)
        c.pointee.pattern_steps_per_byte = Int64(limits.patternStepsPerByte)
        c.pointee.close_depth_limit = Int32(limits.closeDepth)
        c.pointee.max_string = limits.stringSize ?? limits.memory ?? (1 << 30)
        c.pointee.host_mode = 1
        guard let L = vigie_newstate(c) else {
            throw LuaError(kind: .host, message: "cannot create a Lua state (out of memory)")
        }
        self.L = L
        let status = vigie_open_sandbox(L)
        guard status == LUA_OK else {
            let message = LuaState.string(L, at: -1)
            vigie_close(L)
            throw LuaError(kind: .host, message: "cannot open the sandbox: \(message)")
        }
        c.pointee.host_mode = 0
        try installHostFunctions()
    }

    deinit {
        // Anything Lua still runs while closing (pending __close handlers)
        // is stopped at once (vigie_close kills it first).
        vigie_close(L)
    }

    /// A handle that may stop the running script from any thread.
    public var interruptHandle: LuaInterruptHandle { LuaInterruptHandle(block: control) }

    /// Bytes of memory Lua uses now, and the peak since the state was made.
    public var memoryInUse: Int { control.pointer.pointee.mem_used }
    public var memoryPeak: Int { control.pointer.pointee.mem_peak }

    /// A full garbage collection, now (outside any call).
    public func collectGarbage() { _ = vigie_gc(L, LUA_GCCOLLECT, 0) }

    /// The collector's pause: a cycle starts when the heap reaches this
    /// percentage of what the last cycle kept (300 from the start: few
    /// cycles while a stream is checked; Lua's own default is 200).
    public func setCollectorPause(_ percent: Int) { vigie_gc_pause(L, Int32(percent)) }

    /// Whether the main thread has a hook now (for tests: outside a call it
    /// has none, unless `exactInstructionCount`).
    var hookIsSet: Bool { lua_gethook(L) != nil }

    /// How many times the watchdog armed the hook of a call that ran past
    /// its slice, in this process (for tests and benchmarks); the signal it
    /// uses (0 when none could be installed: every call then keeps the hook).
    public static var watchdogArmings: Int { Int(vigie_watchdog_fired()) }
    public static var watchdogSignal: Int32 { vigie_watchdog_signal() }

    // MARK: - Environments, chunks, calls

    /// A fresh environment: the safe globals, with private copies of the
    /// library tables, so that one script cannot change another's.
    public func makeEnvironment() throws(LuaError) -> LuaEnvironment {
        releasePending()
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        let status = vigie_new_env(L, limits.chunkSize)
        guard status == LUA_OK else { throw hostError(status, "cannot create an environment") }
        return LuaEnvironment(state: self, ref: try reference())
    }

    /// Forgets the modules `require` has cached in `environment`: the next
    /// `require` of each runs it again (a policy loaded again into the same
    /// environment, as the REPL's `:reload` does).
    public func forgetModules(in environment: LuaEnvironment) throws(LuaError) {
        releasePending()
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        let status = vigie_forget_modules(L, environment.ref)
        guard status == LUA_OK else { throw hostError(status, "cannot reset the environment's modules") }
    }

    /// Compiles a text chunk in `environment` (a new one if `nil`).
    ///
    /// `chunkName` is how errors name the chunk: a file path, or any label.
    public func load(_ source: String, chunkName: String, environment: LuaEnvironment? = nil) throws(LuaError)
        -> LuaFunction
    {
        let env: LuaEnvironment
        if let environment { env = environment } else { env = try makeEnvironment() }
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        remember(chunkName)
        guard vigie_getref(L, env.ref) != 0 else { throw hostError(LUA_ERRMEM, "stack overflow") }
        let status = loadChunk(source, name: "@" + chunkName)
        guard status == LUA_OK else {
            let raw = LuaState.string(L, at: -1)
            if status == LUA_ERRSYNTAX || status == LUA_ERRRUN {
                var error = parse(raw, kind: .syntax)
                if let limit = LuaLimit(code: control.pointer.pointee.limit) { error.kind = .limit(limit) }
                if error.chunk == nil { error.chunk = chunkName }
                throw error
            }
            throw hostError(status, raw)
        }
        return LuaFunction(state: self, ref: try reference())
    }

    /// Compiles and runs a chunk; returns what it returns.
    @discardableResult
    public func run(
        _ source: String, chunkName: String, environment: LuaEnvironment? = nil, arguments: [LuaValue] = []
    ) throws(LuaError) -> [LuaValue] {
        let function = try load(source, chunkName: chunkName, environment: environment)
        return try call(function, arguments)
    }

    /// Calls a Lua function under the limits. Tables in `arguments` are
    /// handed over as read-only views unless `readOnly` is false.
    @discardableResult
    public func call(_ function: LuaFunction, _ arguments: [LuaValue] = [], readOnly: Bool = true) throws(LuaError)
        -> [LuaValue]
    {
        buffer.reset()
        for argument in arguments { try buffer.append(argument, readOnly: readOnly) }
        return try callEncoded(function, count: arguments.count)
    }

    /// Calls a Lua function with arguments already encoded (`LuaPacked`),
    /// the fast path for calling a rule once per event.
    @discardableResult
    public func call(_ function: LuaFunction, packed first: LuaPacked, _ more: LuaPacked...) throws(LuaError)
        -> [LuaValue]
    {
        buffer.reset()
        first.append(to: buffer)
        for argument in more { argument.append(to: buffer) }
        return try callEncoded(function, count: 1 + more.count)
    }

    /// Calls `function` with the `count` values encoded in `buffer`.
    func callEncoded(_ function: LuaFunction, count: Int) throws(LuaError) -> [LuaValue] {
        try callEncoded(function, count: count) { (top: Int32) throws(LuaError) -> [LuaValue] in
            var reader = ValueReader(L: L, limits: limits)
            var results: [LuaValue] = []
            let newTop = lua_gettop(L)
            if newTop > top {
                results.reserveCapacity(Int(newTop - top))
                for index in (top + 1)...newTop {
                    results.append(try reader.read(index))
                }
            }
            return results
        }
    }

    /// Calls `function` with the `count` values encoded in `buffer`; `read`
    /// gets the stack index below the results, which are above it.
    @inline(__always)
    func callEncoded<R>(_ function: LuaFunction, count: Int, read: (Int32) throws(LuaError) -> R) throws(LuaError) -> R {
        let encodedArguments = buffer
        releasePending()
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        arm()
        var hostFailure: Int32 = 0
        let status = vigie_call_encoded(
            L, function.ref, encodedArguments.bytes, encodedArguments.count, Int32(count), &hostFailure)
        if status != LUA_OK && hostFailure != 0 {
            vigie_disarm(L)
            throw hostError(status, "cannot hand the arguments over")
        }
        let killed = control.pointer.pointee.killed
        let limit = control.pointer.pointee.limit
        let refused = control.pointer.pointee.mem_refused
        vigie_disarm(L)  // host work that follows is not the script's
        guard status == LUA_OK else {
            let error = runtimeError(status: status, killed: killed, limit: limit)
            lua_settop(L, top)
            if error.limit == .memory || refused > 0 {
                // The script's garbage goes now, not at the next allocation.
                _ = vigie_gc(L, LUA_GCCOLLECT, 0)
            }
            throw error
        }
        return try read(top)
    }

    /// Calls a Lua function with arguments written straight into the
    /// state's buffer, and reads its results in place (`LuaResults`): no
    /// `LuaValue` on either side, the fast path for calling a function once
    /// per event.
    public func call<R>(
        _ function: LuaFunction, arguments: (inout LuaArgumentWriter) -> Void,
        results: (LuaResults) throws(LuaError) -> R
    ) throws(LuaError) -> R {
        buffer.reset()
        var writer = LuaArgumentWriter(buffer: buffer, tablesReadOnly: true)
        arguments(&writer)
        return try callEncoded(function, count: writer.count) { (top: Int32) throws(LuaError) -> R in
            try results(LuaResults(L: L, base: top, limits: limits, count: Int(lua_gettop(L) - top)))
        }
    }

    // MARK: - Globals and Swift functions

    /// Sets a global of `environment`. Tables are read-only views unless
    /// `readOnly` is false.
    public func setGlobal(_ name: String, _ value: LuaValue, readOnly: Bool = true, in environment: LuaEnvironment)
        throws(LuaError)
    {
        buffer.reset()
        try buffer.append(value, readOnly: readOnly)
        try setGlobal(name, encoded: buffer, in: environment)
    }

    /// Sets a global to a read-only view of an `Encodable` model.
    public func setGlobal<T: Encodable>(_ name: String, encoding model: T, in environment: LuaEnvironment)
        throws(LuaError)
    {
        try setGlobal(name, try LuaValueEncoder().encode(model), readOnly: true, in: environment)
    }

    /// Reads a global of `environment`.
    public func global(_ name: String, in environment: LuaEnvironment) throws(LuaError) -> LuaValue {
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        guard vigie_getref(L, environment.ref) != 0 else { throw hostError(LUA_ERRMEM, "stack overflow") }
        let status = name.withCString { vigie_rawget_field(L, -1, $0, strlen($0)) }
        guard status == LUA_OK else { throw hostError(status, "cannot read global '\(name)'") }
        var reader = ValueReader(L: L, limits: limits)
        return try reader.read(-1)
    }

    /// A global function of `environment`, if the global is a function.
    public func function(_ name: String, in environment: LuaEnvironment) throws(LuaError) -> LuaFunction? {
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        guard vigie_getref(L, environment.ref) != 0 else { throw hostError(LUA_ERRMEM, "stack overflow") }
        let status = name.withCString { vigie_rawget_field(L, -1, $0, strlen($0)) }
        guard status == LUA_OK else { throw hostError(status, "cannot read global '\(name)'") }
        guard lua_type(L, -1) == LUA_TFUNCTION else { return nil }
        return LuaFunction(state: self, ref: try reference())
    }

    /// Makes a Swift closure callable from Lua as the global `name`.
    ///
    /// The closure reads its arguments through `LuaArguments` (valid only
    /// during the call) and returns its results; a thrown error becomes a
    /// Lua error at the caller's line.
    public func register(
        _ name: String, in environment: LuaEnvironment,
        _ body: @escaping (LuaArguments) throws -> [LuaValue]
    ) throws(LuaError) {
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        guard vigie_getref(L, environment.ref) != 0 else { throw hostError(LUA_ERRMEM, "stack overflow") }
        try pushFunction(body)
        let status = name.withCString { vigie_rawset_field(L, -2, $0, strlen($0)) }
        guard status == LUA_OK else { throw hostError(status, "cannot register '\(name)'") }
    }

    /// Makes a Swift function callable from Lua as the global `name`, its
    /// results written straight into their encoding (`LuaReturnWriter`):
    /// the fast path for functions called on every event.
    public func register(
        _ name: String, in environment: LuaEnvironment,
        writing body: @escaping (LuaArguments, inout LuaReturnWriter) throws -> Void
    ) throws(LuaError) {
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        guard vigie_getref(L, environment.ref) != 0 else { throw hostError(LUA_ERRMEM, "stack overflow") }
        try pushFunction(FunctionBox(limits: limits, body: body))
        let status = name.withCString { vigie_rawset_field(L, -2, $0, strlen($0)) }
        guard status == LUA_OK else { throw hostError(status, "cannot register '\(name)'") }
    }

    // MARK: - Internals

    private func loadChunk(_ source: String, name: String) -> Int32 {
        let chars = source.utf8CString
        return chars.withUnsafeBufferPointer { buffer -> Int32 in
            vigie_load(L, buffer.baseAddress, buffer.count - 1, name, -1, limits.chunkSize)
        }
    }

    private func setGlobal(_ name: String, encoded: ValueBuffer, in environment: LuaEnvironment) throws(LuaError) {
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        guard vigie_getref(L, environment.ref) != 0 else { throw hostError(LUA_ERRMEM, "stack overflow") }
        var status = vigie_push_encoded(L, encoded.bytes, encoded.count, 1)
        guard status == LUA_OK else { throw hostError(status, "cannot hand the value over") }
        status = name.withCString { vigie_rawset_field(L, -2, $0, strlen($0)) }
        guard status == LUA_OK else { throw hostError(status, "cannot set global '\(name)'") }
    }

    func pushFunction(_ body: @escaping (LuaArguments) throws -> [LuaValue]) throws(LuaError) {
        try pushFunction(FunctionBox(limits: limits, body: body))
    }

    func pushFunction(_ box: FunctionBox) throws(LuaError) {
        functions.append(box)
        let status = vigie_push_swift_function(L, swiftTrampoline, Unmanaged.passUnretained(box).toOpaque())
        guard status == LUA_OK else { throw hostError(status, "cannot create a host function") }
    }

    private func installHostFunctions() throws(LuaError) {
        try pushFunction { [unowned self] args in
            let text = args.string(1) ?? ""
            self.outputBytes += text.utf8.count
            if self.outputBytes > self.limits.output {
                throw LuaError(kind: .limit(.output), message: "output limit exceeded (\(self.limits.output) bytes)")
            }
            self.output?(text)
            return []
        }
        vigie_set_writer(L)
        try pushFunction { [unowned self] args in
            guard let name = args.string(1) else { return [] }
            guard let module = self.moduleResolver?(name) else {
                if let message = self.moduleNotFound?(name) { throw LuaError(kind: .runtime, message: message) }
                return []
            }
            self.remember(module.chunkName)
            return [.string(module.source), .string("@" + module.chunkName)]
        }
        vigie_set_resolver(L)
    }

    /// Pops the value at the top into a registry reference.
    private func reference() throws(LuaError) -> Int32 {
        var ref: Int32 = 0
        let status = vigie_ref(L, &ref)
        guard status == LUA_OK else { throw hostError(status, "cannot keep a reference") }
        return ref
    }

    func releasePending() {
        guard !pendingReleases.isEmpty else { return }
        for ref in pendingReleases { _ = vigie_unref(L, ref) }
        pendingReleases.removeAll()
    }

    private func arm() {
        outputBytes = 0
        let instructions = limits.instructions.map { Int64(max(1, $0)) } ?? 0
        let deadline = limits.timeout.map { vigie_now() + max(0, $0) } ?? 0
        vigie_arm(L, instructions, deadline)
    }

    private func remember(_ chunkName: String) {
        if !knownChunks.contains(chunkName) { knownChunks.append(chunkName) }
    }

    private func hostError(_ status: Int32, _ message: String) -> LuaError {
        let detail = status == LUA_ERRMEM ? "out of memory" : message
        return LuaError(kind: .host, message: detail)
    }

    /// Builds the error of a failed call from the 4 values vigie_pcall left.
    private func runtimeError(status: Int32, killed: Int32, limit recorded: Int32) -> LuaError {
        let raw = lua_type(L, -4) == LUA_TSTRING ? LuaState.string(L, at: -4) : "not enough memory"
        let traceback = lua_type(L, -3) == LUA_TSTRING ? LuaState.string(L, at: -3) : nil
        let frameSource = lua_type(L, -2) == LUA_TSTRING ? LuaState.string(L, at: -2) : nil
        let frameLine = lua_type(L, -1) == LUA_TNUMBER ? Int(vigie_tointeger(L, -1)) : nil
        var error = parse(raw, kind: .runtime)
        error.traceback = traceback
        if error.chunk == nil, let frameSource {
            error.chunk = resolveChunk(frameSource)
            error.line = frameLine
        }
        // The shim records which limit fired (a kill, or the first limit
        // of the call even if the script caught it and raised another
        // error); a memory error reaching the top is one too.
        let code = killed != 0 ? killed : recorded
        guard let limit = LuaLimit(code: code) ?? (status == LUA_ERRMEM ? .memory : nil) else { return error }
        error.kind = .limit(limit)
        switch limit {
        case .instructions: error.message = "instruction limit exceeded (\(limits.instructions ?? 0) instructions)"
        case .time: error.message = "time limit exceeded (\(LuaState.seconds(limits.timeout ?? 0)))"
        case .memory: error.message = "memory limit exceeded (\(LuaState.megabytes(limits.memory ?? 0)))"
        case .interrupted: error.message = "interrupted"
        default: break
        }
        return error
    }

    /// Splits `chunk:line: message`.
    func parse(_ raw: String, kind: LuaError.Kind) -> LuaError {
        let scalars = Array(raw.unicodeScalars)
        var i = 0
        while i < scalars.count {
            if scalars[i] == ":" && i > 0 {
                var j = i + 1
                while j < scalars.count, ("0"..."9").contains(scalars[j]) { j += 1 }
                if j > i + 1, j + 1 < scalars.count, scalars[j] == ":", scalars[j + 1] == " " {
                    let chunk = String(String.UnicodeScalarView(scalars[0..<i]))
                    let line = Int(String(String.UnicodeScalarView(scalars[(i + 1)..<j])))
                    let message = String(String.UnicodeScalarView(scalars[(j + 2)...]))
                    return LuaError(kind: kind, message: message, chunk: resolveChunk(chunk), line: line)
                }
            }
            if scalars[i] == "\n" { break }
            i += 1
        }
        return LuaError(kind: kind, message: raw)
    }

    /// Maps Lua's short source (possibly `...tail`) back to a known chunk.
    private func resolveChunk(_ short: String) -> String {
        if knownChunks.contains(short) { return short }
        if short.hasPrefix("...") {
            let tail = short.dropFirst(3)
            if let match = knownChunks.last(where: { $0.hasSuffix(tail) }) { return match }
        }
        return short
    }

    static func string(_ L: OpaquePointer, at index: Int32) -> String {
        var length = 0
        guard let pointer = vigie_tolstring_raw(L, index, &length) else {
            return "(a \(String(cString: lua_typename(L, lua_type(L, index)))) value)"
        }
        let bytes = UnsafeRawBufferPointer(start: pointer, count: length)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func seconds(_ s: Double) -> String {
        s == s.rounded() ? "\(Int(s)) s" : String(format: "%.3g s", s)
    }

    static func megabytes(_ bytes: Int) -> String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }
}

/// The control block shared by the state and its interrupt handles.
final class ControlBlock: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<VigieControl>

    init() {
        pointer = .allocate(capacity: 1)
        pointer.initialize(to: VigieControl())
    }

    deinit { pointer.deallocate() }
}

/// Stops the script running in a state, from any thread or signal context.
public struct LuaInterruptHandle: Sendable {
    let block: ControlBlock

    public func interrupt() { vigie_interrupt(block.pointer) }
}
