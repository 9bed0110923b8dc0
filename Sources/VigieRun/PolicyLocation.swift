import Foundation
import LuaHost
import VigieEngine

/// Where a policy is and where its plugins are looked for: what every
/// command that loads a policy is given.
public struct PolicyLocation: Sendable {
    /// The policy folder (holding `policy.lua`).
    public var folder: String
    /// Plugin folders, in search order.
    public var pluginPaths: [String]

    /// The policy in `folder`, its plugins searched in `given`, then
    /// `$VIGIE_PLUGINS`, then any `Plugins` folder in the policy folder or
    /// up to five folders above it.
    public init(folder: String, given: [String] = [], environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.folder = folder
        self.pluginPaths = Self.pluginSearchPaths(policy: folder, given: given, environment: environment)
    }

    public static func pluginSearchPaths(
        policy: String, given: [String] = [], environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> [String] {
        var paths = given
        if let env = environment["VIGIE_PLUGINS"] {
            // An empty element (`a::b`, a trailing `:`) names no folder.
            paths += env.split(separator: ":").map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        }
        var dir = URL(fileURLWithPath: policy).standardizedFileURL
        let cwd = FileManager.default.currentDirectoryPath + "/"
        for _ in 0..<6 {
            var candidate = dir.appendingPathComponent("Plugins").path
            if candidate.hasPrefix(cwd) { candidate.removeFirst(cwd.count) }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), isDirectory.boolValue,
                !paths.contains(candidate)
            {
                paths.append(candidate)
            }
            dir = dir.deletingLastPathComponent()
        }
        return paths
    }

    /// Loads the policy and lints it (`vigie lint`): every mistake that
    /// stops it from loading, or once loaded everything lint checks.
    public func lintRun(limits: LuaLimits = .default) throws(RunError) -> (PolicyLint, PolicyEngine?) {
        try PolicyLint.run(self, limits: limits)
    }

    /// `policy.lua` in the folder.
    public var policyFile: String { (folder as NSString).appendingPathComponent("policy.lua") }

    /// Loads the policy and its plugins.
    public func load(limits: LuaLimits = .default) throws(RunError) -> PolicyEngine {
        guard FileManager.default.fileExists(atPath: policyFile) else {
            throw RunError(
                .missingInput, "\(policyFile): no policy here; give the policy folder with --policy DIR (it holds policy.lua)")
        }
        let started = Date()
        do {
            let engine = try PolicyEngine(policyDirectory: folder, pluginPaths: pluginPaths, limits: limits)
            let d = engine.declarations
            RunLog.logger.info("policy loaded", metadata: [
                "policy": "\(d.manifest.name) \(d.manifest.version)", "folder": "\(folder)",
                "plugins": "\(d.plugins.map { "\($0.name) \($0.version)" }.joined(separator: ", "))",
                "rules": "\(d.rules.count)", "indicators": "\(d.indicators.count)",
                "milliseconds": "\(Int(Date().timeIntervalSince(started) * 1000))",
            ])
            return engine
        } catch {
            RunLog.logger.debug("policy did not load", metadata: ["folder": "\(folder)"])
            throw RunError(.policy, error.description)
        }
    }
}
