// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Vigie",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "vigie", targets: ["vigie"]),
        .library(name: "LuaHost", targets: ["LuaHost"]),
        .library(name: "VigieModel", targets: ["VigieModel"]),
        .library(name: "VigieImport", targets: ["VigieImport"]),
        .library(name: "VigieToolkit", targets: ["VigieToolkit"]),
        .library(name: "VigiePolicy", targets: ["VigiePolicy"]),
        .library(name: "VigieEngine", targets: ["VigieEngine"]),
        .library(name: "VigieCaseFile", targets: ["VigieCaseFile"]),
        .library(name: "VigieReport", targets: ["VigieReport"]),
        .library(name: "VigieRun", targets: ["VigieRun"]),
        .library(name: "VigieServe", targets: ["VigieServe"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // The case file (SQLite). On Linux GRDB links the system SQLite (apt: libsqlite3-dev).
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // `vigie serve`: the HTTP server (Hummingbird 2 on SwiftNIO), without its optional traits.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // The shared case file (PostgreSQL): the client, and its TLS (swift-nio-ssl, which it depends on anyway).
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // Debian's liblua5.4 (apt: liblua5.4-dev). Only CLuaShim and LuaHost import it.
        .systemLibrary(
            name: "CLua",
            pkgConfig: "lua5.4",
            providers: [.apt(["liblua5.4-dev"])]
        ),
        // The only code allowed to raise Lua errors (longjmp): trampolines, the
        // allocator, the hooks, macro wrappers and the guarded library functions.
        .target(
            name: "CLuaShim",
            dependencies: ["CLua"]
        ),
        // A domain-free, sandboxed Lua 5.4 host.
        .target(
            name: "LuaHost",
            dependencies: ["CLuaShim", "CLua"]
        ),
        // The domain model: profiles, activities, findings, incidents; the
        // JSONL stream and text normalisation. No dependencies.
        .target(name: "VigieModel"),
        // What clients hand over, read into the model: the importers of
        // social-media exports (folders, zips) and the profile (YAML).
        .target(
            name: "VigieImport",
            dependencies: [
                "VigieModel",
                .product(name: "Yams", package: "Yams"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // Debian's Snowball stemmers (apt: libstemmer-dev; no pkg-config file).
        // Only VigieToolkit's linguistic layer imports it.
        .systemLibrary(
            name: "CStemmer",
            providers: [.apt(["libstemmer-dev"])]
        ),
        // Detectors with offsets, lexicon matching, vocabulary lists and the
        // linguistic layer (tokens with stems, inflected lexicons, token patterns).
        .target(name: "VigieToolkit", dependencies: ["VigieModel", "CStemmer"]),
        // What a policy declares (threats, rules, reactions, scenarios,
        // classification, plugin manifests), readable without Lua.
        .target(name: "VigiePolicy", dependencies: ["VigieModel"]),
        // The policy engine: policies and plugins in Lua, the authoring API,
        // the text toolkit bound to Lua, and the phases (analyse, check,
        // react, simulate).
        .target(
            name: "VigieEngine",
            dependencies: ["LuaHost", "VigieModel", "VigiePolicy", "VigieImport", "VigieToolkit"],
            // The engine's Lua half (Lua/vigie/*.lua), read at run time.
            resources: [.copy("Lua/vigie")]
        ),
        // Policy test suites: rule examples, scenarios and tests/*_test.lua.
        .target(name: "VigieTesting", dependencies: ["VigieEngine", "VigiePolicy", "LuaHost"]),
        // The persistent case file of a client: runs, findings, baseline,
        // incidents, the serve decision log; SQLite (a file, the default) or
        // PostgreSQL (shared by a team, serve instances and batch workers).
        .target(
            name: "VigieCaseFile",
            dependencies: [
                "VigieModel",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The deliverable reports: text, JSON, Markdown, CSV, SARIF, HTML.
        .target(
            name: "VigieReport",
            dependencies: ["VigieModel"]
        ),
        // The documents people read: usage charter, crisis cards, consent register.
        // It masks personal data in examples with the reports' one masking (VigieReport's Masker).
        .target(name: "VigieCharter", dependencies: ["VigiePolicy", "VigieModel", "VigieReport"]),
        // The run as a library: import, serial, parallel and replayed checks,
        // the findings' spill, masked excerpts, reactions, report assembly and
        // the case file's transaction. Typed errors; no printing, no exiting.
        .target(
            name: "VigieRun",
            dependencies: [
                "LuaHost", "VigieModel", "VigieImport", "VigiePolicy", "VigieEngine", "VigieToolkit", "VigieCaseFile", "VigieReport", "VigieREPL",
                .product(name: "Logging", package: "swift-log"),
            ],
            // The editor kit `vigie init` and `vigie editor-kit` put beside a
            // policy: LuaLS definitions and the profile's JSON Schema.
            resources: [.copy("EditorKit")]
        ),
        // `vigie serve`: drafts checked before they are posted, over HTTP (a pool
        // of engines, the page, the API, metrics, the decision log).
        .target(
            name: "VigieServe",
            dependencies: [
                "LuaHost", "VigieModel", "VigieEngine", "VigieCaseFile", "VigieRun", "VigieCharter",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Debian's libedit (apt: libedit-dev), for the REPL's line editing.
        .systemLibrary(
            name: "CEdit",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        // The authoring REPL: sessions, meta-commands, completion, line editing.
        .target(
            name: "VigieREPL",
            dependencies: ["LuaHost", "CEdit"]
        ),
        .executableTarget(
            name: "vigie",
            dependencies: [
                "LuaHost", "VigieModel", "VigieImport", "VigiePolicy", "VigieEngine", "VigieTesting", "VigieToolkit", "VigieCaseFile", "VigieReport", "VigieRun", "VigieREPL", "VigieCharter", "VigieServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Benchmarks of the host (BENCHMARKS.md), not tests.
        .executableTarget(name: "host-bench", dependencies: ["LuaHost"], path: "Sources/host-bench"),
        // Decoding of stream lines: JSONDecoder against the fast line reader (not a test).
        .executableTarget(name: "decode-bench", dependencies: ["VigieModel"], path: "Sources/decode-bench"),
        // The robustness suite's generator of malformed inputs and its checks,
        // shared by its short run (RobustnessTests) and its long run (vigie-fuzz, `make fuzz`).
        .target(
            name: "VigieFuzz",
            dependencies: [
                "VigieImport", "VigieModel", "VigieEngine", "LuaHost",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            path: "Tests/VigieFuzz"
        ),
        .executableTarget(name: "vigie-fuzz", dependencies: ["VigieFuzz"], path: "Sources/vigie-fuzz"),
        .testTarget(name: "LuaHostTests", dependencies: ["LuaHost"]),
        .testTarget(name: "VigieTestingTests", dependencies: ["VigieTesting", "VigiePolicy", "LuaHost"], resources: [.copy("Resources")]),
        // End-to-end tests that run the built `vigie` binary.
        // What the CLI and REPL tests share: running the built binary.
        .target(name: "VigieTestSupport", path: "Tests/VigieTestSupport"),
        .testTarget(name: "VigieCLITests", dependencies: ["vigie", "VigieTestSupport", "VigieCaseFile", "CaseFileTestSupport"]),
        .testTarget(name: "VigieCharterTests", dependencies: ["VigieCharter", "VigiePolicy", "VigieModel", "VigieEngine"]),
        .testTarget(name: "VigiePolicyTests", dependencies: ["VigiePolicy", "VigieModel"]),
        .testTarget(name: "VigieToolkitTests", dependencies: ["VigieToolkit"]),
        // The run as a library, in process (spill, workers, replay, case file).
        .testTarget(
            name: "VigieRunTests",
            dependencies: [
                "VigieRun", "VigieEngine", "VigieModel", "VigieImport", "VigieCaseFile", "VigieREPL", "LuaHost",
                .product(name: "Yams", package: "Yams"),
            ]),
        // `vigie serve` over HTTP on loopback, in process and as the built binary.
        .testTarget(
            name: "VigieServeTests",
            dependencies: [
                "VigieServe", "VigieEngine", "VigieModel", "VigieCaseFile", "vigie", "VigieTestSupport", "CaseFileTestSupport",
                .product(name: "Yams", package: "Yams"),
            ],
            resources: [.copy("Fixtures")]
        ),
        // What the tests of both case-file back ends share: a fresh SQLite
        // file or PostgreSQL schema per test (the server: scripts/with-postgres.sh).
        .target(name: "CaseFileTestSupport", dependencies: ["VigieCaseFile"], path: "Tests/CaseFileTestSupport"),
        .testTarget(
            name: "VigieCaseFileTests",
            dependencies: ["VigieCaseFile", "VigieModel", "CaseFileTestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "VigieReportTests", dependencies: ["VigieReport", "VigieModel"]),
        // The short, deterministic run of the robustness suite, in-process and through the built binary.
        .testTarget(
            name: "RobustnessTests",
            dependencies: ["VigieFuzz", "VigieImport", "VigieModel", "vigie", "VigieTestSupport"]
        ),
        // The REPL's core, its piped mode and terminal sessions (a pseudo-terminal) of the built binary.
        .testTarget(name: "VigieREPLTests", dependencies: ["VigieREPL", "LuaHost", "vigie", "VigieTestSupport"]),
        .testTarget(
            name: "VigieModelTests",
            dependencies: [
                "VigieModel", "VigieImport", "VigieFuzz",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "VigieEngineTests",
            dependencies: ["VigieEngine", "VigiePolicy", "LuaHost", "VigieModel", "VigieImport", "VigieToolkit"],
            resources: [.copy("Fixtures")]
        ),
    ]
)

for target in package.targets where target.type != .system && target.name != "CLuaShim" {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    target.swiftSettings = settings
}
