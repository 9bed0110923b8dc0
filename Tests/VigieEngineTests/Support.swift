import Foundation
import LuaHost
import VigieEngine
import VigieModel

/// The path of a fixture under `Fixtures/`.
func fixture(_ path: String) -> String {
    let root = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
    return root.appendingPathComponent(path).path
}

var pluginPaths: [String] { [fixture("plugins")] }

/// Small, fast limits for tests.
var testLimits: LuaLimits {
    var l = LuaLimits()
    l.instructions = 2_000_000
    l.timeout = 2
    return l
}

/// Loads a policy written in the test.
func engine(
    _ source: String, file: String = "test/policy.lua", plugins: [String]? = nil,
    profile: OrganisationProfile? = nil, testing: Bool = false
) throws -> PolicyEngine {
    try PolicyEngine(
        source: source, file: file, pluginPaths: plugins ?? pluginPaths, profile: profile, limits: testLimits,
        testing: testing)
}

/// The error a policy fails to load with.
func loadError(_ source: String, plugins: [String]? = nil, testing: Bool = false) -> PolicyError? {
    do {
        _ = try engine(source, plugins: plugins, testing: testing)
        return nil
    } catch let error as PolicyError {
        return error
    } catch {
        return nil
    }
}

func post(
    _ text: String, id: String? = nil, platform: Platform = .facebook, handle: String = "someone",
    actor: String? = nil, at iso: String = "2026-03-02T10:00:00Z", kind: ActivityKind = .post
) -> Activity {
    Activity(
        id: id ?? "t:" + StableHash.hex(text, iso, handle), kind: kind, platform: platform, author: Account(platform: platform, handle: handle),
        actorID: actor, timestamp: Timestamp(iso8601: iso)!, visibility: .public, text: text,
        source: RecordSource(file: "test.jsonl", index: 0, line: 1))
}

let header = #"policy { name = "essai", version = "1.0.0", language = "fr" }"#

/// A folder removed when the value goes.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("vigie-engine-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes a file (its folders made as needed); returns its path.
    @discardableResult
    func write(_ name: String, _ content: String) throws -> String {
        let file = (path as NSString).appendingPathComponent(name)
        try FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try content.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }
}
