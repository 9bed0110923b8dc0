import Foundation
import LuaHost
import VigieImport
import VigieModel
import VigiePolicy

/// One `it(...)` of a policy test file.
public struct PolicyTestResult: Hashable, Codable, Sendable {
    /// `describe › … › it`.
    public var name: String
    public var location: SourceLocation
    public var passed: Bool
    /// Why it failed, with file:line when the failure is an `expect`.
    public var message: String?
    /// The sandbox limit that stopped it, if one did.
    public var limit: String? = nil
}

extension PolicyEngine {
    /// Runs a test file written with `describe`, `it`, `check` and `expect`
    /// in the policy's environment; each `it` runs in its own call (its own
    /// limits) with a fresh indicator history. Incidents are not touched.
    /// The engine must be loaded with `testing`.
    public func runTests(source: String, file: String) throws(PolicyError) -> [PolicyTestResult] {
        guard testing, let clear = entry[.clearTests], let listFunction = entry[.tests], let runner = entry[.runTest] else {
            throw PolicyError(
                .script, at: SourceLocation(file: file, line: 0),
                "the test framework is not loaded in this engine (load it with testing: true)")
        }
        let list: [LuaValue]
        do {
            try state.call(clear, [])
            testFolder = (file as NSString).deletingLastPathComponent
            try state.run(source, chunkName: file, environment: env)
            list = try state.call(listFunction, []).first?.arrayValue ?? []
        } catch {
            throw PolicyError(loading: error)
        }
        var results: [PolicyTestResult] = []
        for (i, test) in list.enumerated() {
            let location = SourceLocation(file: test["file"].stringValue ?? file, line: test["line"].intValue ?? 0)
            var result = PolicyTestResult(name: test["name"].stringValue ?? "?", location: location, passed: false)
            do {
                let r = try state.call(runner, [.integer(Int64(i + 1))])
                result.passed = r.first?.boolValue ?? false
                if !result.passed { result.message = r.count > 1 ? r[1].stringValue : nil }
            } catch {
                result.message = error.description
                result.limit = error.limit?.rawValue
            }
            results.append(result)
        }
        resetIndicators()
        return results
    }

    /// `fixture("path")` in test files: the activities of an export in any
    /// format `vigie import` reads (a folder, a file, a `.zip`, a JSONL
    /// stream), as specs for `check` (text, platform, kind, visibility,
    /// handle, time, utc_offset). Paths are relative to the test file.
    func fixture(_ path: String?) throws(LuaError) -> [LuaValue] {
        guard let path else { throw LuaError(kind: .runtime, message: "fixture needs a path") }
        let folder = testFolder ?? FileManager.default.currentDirectoryPath
        let full = path.hasPrefix("/") ? path : (folder as NSString).appendingPathComponent(path)
        guard FileManager.default.fileExists(atPath: full) else {
            throw LuaError(kind: .runtime, message: "fixture \"\(path)\": no such file or folder (paths are relative to the test file)")
        }
        var specs: [LuaValue] = []
        do {
            _ = try Importer().importSource(at: full) { imported in
                // The author, as the profile knows them (as a check would).
                var activity = imported
                _ = self.resolveActor(&activity)
                var spec: [LuaValue: LuaValue] = [
                    "text": .string(activity.text), "platform": .string(activity.platform.rawValue),
                    "kind": .string(activity.kind.rawValue), "visibility": .string(activity.visibility.rawValue),
                    "time": .integer(Int64(activity.timestamp.secondsSince1970)),
                    "utc_offset": .integer(Int64(activity.timestamp.utcOffset)),
                    "id": .string(activity.id),
                ]
                if let handle = activity.author.handle { spec["handle"] = .string(handle) }
                if let actor = activity.actorID { spec["actor"] = .string(actor) }
                specs.append(.table(spec))
            }
        } catch {
            throw LuaError(kind: .runtime, message: "fixture \"\(path)\": \(error)")
        }
        return specs
    }

    /// The rules and indicators that flagged in test files' `check` calls
    /// since the last call (what the tests cover).
    public func testedRules() -> [String] {
        guard let f = entry[.tested], let r = try? state.call(f, []) else { return [] }
        return r.first?.arrayValue?.compactMap(\.stringValue) ?? []
    }
}
