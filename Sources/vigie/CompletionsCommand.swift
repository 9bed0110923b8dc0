import ArgumentParser
import Foundation
import VigieEngine
import VigieRun

/// `vigie completions bash|zsh|fish`: the shell completion script, which
/// completes the commands, their options, paths (policy folders, exports,
/// output files) and, from the policy given on the line, scenario ids and
/// plugin names.
struct CompletionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "completions",
        abstract: "Print the shell completion script (bash, zsh or fish).",
        discussion: """
            Install it once, for example:
              vigie completions bash > ~/.local/share/bash-completion/completions/vigie
              vigie completions zsh > "${fpath[1]}/_vigie"
              vigie completions fish > ~/.config/fish/completions/vigie.fish

            The script completes commands and options, folders after --policy and
            --plugins, files after the exports, --data and --output, the scenario
            ids of the policy on the line after `vigie simulate`, and plugin names
            after `vigie plugins info`.
            """
    )

    @Argument(help: "The shell: bash, zsh or fish.")
    var shell: String

    func validate() throws {
        guard CompletionShell(rawValue: shell) != nil else { throw ValidationError("The shell is bash, zsh or fish.") }
    }

    func run() throws {
        print(Vigie.completionScript(for: CompletionShell(rawValue: shell)!))
    }
}

/// Completions that read the policy named on the command line.
enum DynamicCompletion {
    /// The value of `-p`/`--policy` among the words typed, else the current folder.
    static func policy(in words: [String]) -> String {
        for (i, word) in words.enumerated() {
            if (word == "-p" || word == "--policy"), i + 1 < words.count { return words[i + 1] }
            if word.hasPrefix("--policy=") { return String(word.dropFirst("--policy=".count)) }
        }
        return "."
    }

    /// The scenario ids of the policy on the line.
    static func scenarios(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        let location = PolicyLocation(folder: policy(in: words))
        guard let engine = try? location.load() else { return [] }
        return engine.declarations.scenarios.map(\.id).filter { $0.hasPrefix(prefix) }
    }

    /// The plugins in the plugin folders.
    static func plugins(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        PluginCatalog(searchPaths: PolicyLocation.pluginSearchPaths(policy: ".")).availableNames().filter { $0.hasPrefix(prefix) }
    }
}
