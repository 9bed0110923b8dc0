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
        @Option(name: .customLong("plugins"), help: "A folder of plugins (repeatable); default: $VIGIE_PLUGINS and the Plugins folders here and above.", completion: .directory)
        var pluginPaths: [String] = []

        @Option(help: "The language of the plugins' texts, fr or en (default: the environment's).")
        var language: String?

        func validate() throws {
            try PolicyOptions.checkPluginPaths(pluginPaths)
            if let language, language != "fr", language != "en" { throw ValidationError("--language is fr or en.") }
        }

        /// The language the texts are shown in.
        var textLanguage: String { language ?? CLIWords(policyLanguage: nil).language }

        var paths: [String] { PolicyOptions.searchPaths(policy: ".", given: pluginPaths) }
    }

    /// A plugin loaded through a policy that uses it with its defaults.
    static func load(_ name: String, paths: [String], language: String = "fr") throws -> (PluginManifest, PolicyDeclarations) {
        let source = "policy { name = \"plugin-info\", version = \"0.0.0\", language = \"\(language)\", uses = { [\"\(name)\"] = {} } }"
        do {
            let engine = try PolicyEngine(source: source, file: "(vigie plugins)", pluginPaths: paths)
            guard let manifest = engine.declarations.plugins.first else { throw CLIError.input("\(name): no manifest") }
            return (manifest, engine.declarations)
        } catch let error as PolicyError {
            throw CLIError.diagnostic(error.description)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "The plugins in the plugin folders.")
        @OptionGroup var location: Location

        func run() throws {
            let paths = location.paths
            if paths.isEmpty {
                throw CLIError.input(
                    "no plugin folder to look in: no --plugins, $VIGIE_PLUGINS is unset or empty, and no Plugins folder here or above; give the folder with --plugins DIR")
            }
            let names = PluginCatalog(searchPaths: paths).availableNames()
            if names.isEmpty {
                throw CLIError.input("no plugin (a folder with plugin.lua) in \(paths.joined(separator: ", ")); give the folder with --plugins DIR")
            }
            for name in names {
                do {
                    let (m, _) = try PluginsCommand.load(name, paths: location.paths, language: location.textLanguage)
                    let provides = m.provides.keys.sorted().map { "\(m.provides[$0]!.count) \($0)" }.joined(separator: ", ")
                    print("\(m.name) \(m.version) — \(m.texts.title ?? "")\(provides.isEmpty ? "" : " (\(provides))")")
                } catch {
                    print("\(name): cannot load: \(error)")
                }
            }
        }
    }

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "info", abstract: "A plugin's description, parameters and declarations.")
        @OptionGroup var location: Location
        @Argument(help: "The plugin's name.", completion: .custom(DynamicCompletion.plugins)) var name: String

        func run() throws {
            let (m, d) = try PluginsCommand.load(name, paths: location.paths, language: location.textLanguage)
            print("\(m.name) \(m.version) — \(m.texts.title ?? "")")
            print("  folder: \(m.directory)")
            if let description = m.texts.description { print("  \(description)") }
            if !m.parameters.isEmpty {
                print("Parameters (give them in the policy: uses = { [\"\(m.name)\"] = { … } }):")
                for p in m.parameters {
                    let values = p.values.isEmpty ? "" : " (\(p.values.joined(separator: ", ")))"
                    print("  \(p.name)\(p.englishName.map { " (in English: \($0))" } ?? ""): \(p.kind.rawValue)\(values), default \(p.defaultValue.description)\(p.description.map { " — \($0)" } ?? "")")
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
