import LuaHost
import Testing

/// `require` through the host's resolver (plugin modules), cached per
/// environment; the engine relies on it for plugins' init.lua and modules.
@Test func requireResolvesThroughTheHostAndCaches() throws {
    let s = try LuaState()
    final class Log { var names: [String] = [] }
    let log = Log()
    s.moduleResolver = { name in
        log.names.append(name)
        return name == "m" ? ("return { x = 1 }", "m.lua") : nil
    }
    let env = try s.makeEnvironment()
    let r = try s.run("return require('m').x + require('m').x", chunkName: "t", environment: env)
    #expect(r == [.integer(2)])
    #expect(log.names == ["m"])
    #expect(throws: LuaError.self) { try s.run("return require('absent')", chunkName: "t", environment: env) }
}
