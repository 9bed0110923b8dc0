// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Vigie",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "vigie", targets: ["vigie"]),
        .library(name: "LuaHost", targets: ["LuaHost"]),
        .library(name: "VigieModel", targets: ["VigieModel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
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
        // The domain model and the importers of social-media exports.
        .target(
            name: "VigieModel",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
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
                "LuaHost", "VigieModel", "VigieREPL",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks of the host (BENCHMARKS.md), not tests.
        .executableTarget(name: "host-bench", dependencies: ["LuaHost"], path: "Sources/host-bench"),
        .testTarget(name: "LuaHostTests", dependencies: ["LuaHost"]),
        // End-to-end tests that run the built `vigie` binary.
        .testTarget(name: "VigieCLITests", dependencies: ["vigie"]),
        // The REPL's core, its piped mode and terminal sessions (tmux) of the built binary.
        .testTarget(name: "VigieREPLTests", dependencies: ["VigieREPL", "LuaHost", "vigie"]),
        .testTarget(
            name: "VigieModelTests",
            dependencies: [
                "VigieModel",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Fixtures")]
        ),
    ]
)

for target in package.targets where target.type != .system && target.name != "CLuaShim" {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    target.swiftSettings = settings
}
