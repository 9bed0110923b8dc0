import ArgumentParser
import Foundation
import VigieEngine
import VigiePolicy

struct PluginsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugins",
        abstract: "List the plugins a policy can use, or show one.",
        discussion: """
            Examples:
              vigie plugins list
              vigie plugins info donnees-personnelles
              vigie plugins info divulgation --plugins ~/mes-plugins
            """,
        subcommands: [List.self, Info.self],
        defaultSubcommand: List.self
    )

    struct Location: ParsableArguments {
        @Option(name: .customLong("plugins"), help: "A folder of plugins (repeatable); default: $VIGIE_PLUGINS and the Plugins folders here and above.")
        var pluginPaths: [String] = []

        var paths: [String] { PolicyOptions.searchPaths(policy: ".", given: pluginPaths) }
    }

    /// A plugin loaded through a policy that uses it with its defaults.
    static func load(_ name: String, paths: [String]) throws -> (PluginManifest, PolicyDeclarations) {
        let source = "policy { name = \"plugin-info\", version = \"0.0.0\", uses = { [\"\(name)\"] = {} } }"
        do {
            let engine = try PolicyEngine(source: source, file: "(vigie plugins)", pluginPaths: paths)
            guard let manifest = engine.declarations.plugins.first else { throw CLIError.input("\(name): no manifest") }
            return (manifest, engine.declarations)
        } catch let error as PolicyError {
            throw CLIError.diagnostic(error.description)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The plugins in the plugin folders.")
        @OptionGroup var location: Location

        func run() throws {
            let names = PluginCatalog(searchPaths: location.paths).availableNames()
            if names.isEmpty {
                throw CLIError.input("no plugin in \(location.paths.joined(separator: ", ")); give the folder with --plugins DIR")
            }
            for name in names {
                do {
                    let (m, _) = try PluginsCommand.load(name, paths: location.paths)
                    let provides = m.provides.keys.sorted().map { "\(m.provides[$0]!.count) \($0)" }.joined(separator: ", ")
                    print("\(m.name) \(m.version) — \(m.texts.title ?? "")\(provides.isEmpty ? "" : " (\(provides))")")
                } catch {
                    print("\(name): cannot load: \(error)")
                }
            }
        }
    }

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A plugin's description, parameters and declarations.")
        @OptionGroup var location: Location
        @Argument(help: "The plugin's name.") var name: String

        func run() throws {
            let (m, d) = try PluginsCommand.load(name, paths: location.paths)
            print("\(m.name) \(m.version) — \(m.texts.title ?? "")")
            print("  folder: \(m.directory)")
            if let description = m.texts.description { print("  \(description)") }
            if !m.parameters.isEmpty {
                print("Parameters (give them in the policy: uses = { [\"\(m.name)\"] = { … } }):")
                for p in m.parameters {
                    let values = p.values.isEmpty ? "" : " (\(p.values.joined(separator: ", ")))"
                    print("  \(p.name): \(p.kind.rawValue)\(values), default \(p.defaultValue.description)\(p.description.map { " — \($0)" } ?? "")")
                }
            }
            let owned = (d.rules + d.indicators).filter { $0.location.file.hasPrefix(m.directory) }
            if !owned.isEmpty {
                print("Rules and indicators:")
                for r in owned {
                    print("  \(r.id) [\(r.isIndicator ? "indicator, " : "")\(r.severity.rawValue)] \(r.texts.title ?? "") — \(r.location)")
                }
            }
        }
    }
}
