import ArgumentParser
import Foundation
import VigieModel
import VigieRun

// The command line's conventions, the same for every command:
//   -p/--policy DIR    the policy folder
//   -o/--output FILE   where a document goes (`-` or nothing: standard output);
//                      its extension chooses the format when --format is not
//                      given (`.sarif.json` is SARIF); PDF is refused, never
//                      silently written as HTML
//   -                  standard input, where a command reads exports or data
//   --color WHEN       auto (a terminal, without NO_COLOR, TERM=dumb), always, never
//   error: …           the one prefix of every error the command line writes

/// `-o/--output FILE`: where a command writes its document.
struct OutputOption: ParsableArguments {
    @Option(
        name: [.customShort("o"), .customLong("output")],
        help: ArgumentHelp("The file to write (default, or `-`: standard output).", valueName: "file"),
        completion: .file())
    var output: String?

    /// The file to write, nil for standard output.
    var path: String? { output == "-" ? nil : output }

    /// The format a file's extension asks for: `.sarif.json` and `.sarif`
    /// are SARIF, `.md` Markdown, `.txt` text…; nil when it says none.
    /// `.pdf` is refused: Vigie writes no PDF.
    static func format(of path: String) throws -> String? {
        let name = (path as NSString).lastPathComponent.lowercased()
        if name.hasSuffix(".sarif.json") || name.hasSuffix(".sarif") { return "sarif" }
        switch (name as NSString).pathExtension {
        case "json": return "json"
        case "html", "htm": return "html"
        case "md", "markdown": return "markdown"
        case "txt", "text": return "text"
        case "csv": return "csv"
        case "jsonl", "ndjson": return "jsonl"
        case "xml": return "xml"
        case "tap": return "tap"
        case "pdf":
            throw CLIError.input(
                "\(path): Vigie writes no PDF; write HTML (-o \(((path as NSString).deletingPathExtension as NSString).lastPathComponent).html) and print it to PDF from a browser")
        default: return nil
        }
    }

    /// The format to write: the one given, else the output's extension's
    /// (which must be one of `allowed`), else `fallback`. An extension that
    /// contradicts the given format is refused, as one that names a format
    /// the command does not write.
    func resolve<F: RawRepresentable & CaseIterable & Equatable>(
        _ given: F?, fallback: F, names: [String: F] = [:], compatible: (F, F) -> Bool = { $0 == $1 }
    ) throws -> F where F.RawValue == String {
        let fromExtension: F?
        if let path, let ext = try Self.format(of: path) {
            guard let f = names[ext] ?? F(rawValue: ext) else {
                let allowed = F.allCases.map(\.rawValue).joined(separator: ", ")
                throw CLIError.input("\(path): this command does not write \(ext); it writes \(allowed) (give --format, or another extension)")
            }
            fromExtension = f
        } else {
            fromExtension = nil
        }
        if let given, let fromExtension, !compatible(given, fromExtension), let path {
            throw CLIError.input("\(path): the extension says \(fromExtension.rawValue), --format says \(given.rawValue); make them agree")
        }
        return given ?? fromExtension ?? fallback
    }

    /// Writes the document: to the file, whole and then renamed (an
    /// interrupted run leaves no half file), or to standard output.
    func write(_ data: Data) throws {
        if let path {
            try AtomicFile.write(data, to: path)
        } else {
            FileHandle.standardOutput.write(data)
        }
    }

    func write(_ text: String) throws { try write(Data(text.utf8)) }
}

/// `-` among a command's inputs: standard input, kept in a private
/// temporary file for the run (the importers detect its format by content).
enum StandardInput {
    nonisolated(unsafe) private static var saved: String?

    /// The paths with `-` replaced by the file that holds standard input
    /// (read once, whatever the number of `-`).
    static func resolve(_ paths: [String]) throws -> [String] {
        try paths.map { $0 == "-" ? try file() : $0 }
    }

    static func file() throws -> String {
        if let saved { return saved }
        let data = FileHandle.standardInput.readDataToEndOfFile()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-stdin-\(getpid())")
        try? FileManager.default.removeItem(at: folder)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw CLIError.input("cannot keep standard input in \(folder.path): \(error.localizedDescription)")
        }
        // A zip by its signature, a stream by its extension; the rest is
        // recognised by content, as a single file.
        let isZip = data.starts(with: [0x50, 0x4B, 0x03, 0x04])
        let head = String(decoding: data.prefix(4096), as: UTF8.self)
        let isStream = head.drop { $0.isWhitespace }.hasPrefix("{") && head.contains("vigie.activity/")
        let name = isZip ? "stdin.zip" : isStream ? "stdin.jsonl" : "stdin"
        let url = folder.appendingPathComponent(name)
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw CLIError.input("cannot keep standard input in \(url.path): \(error.localizedDescription)")
        }
        atexit { if let saved = StandardInput.saved { try? FileManager.default.removeItem(atPath: (saved as NSString).deletingLastPathComponent) } }
        saved = url.path
        return url.path
    }
}

/// When to colour the output.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
    case auto, always, never
}

/// Whether output is coloured: `--color`, else on a terminal unless
/// `NO_COLOR` is set or `TERM` is `dumb`.
enum Terminal {
    nonisolated(unsafe) static var choice: ColorChoice = .auto

    static func colors(on descriptor: Int32, environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        switch choice {
        case .always: true
        case .never: false
        case .auto: isatty(descriptor) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
        }
    }
}

/// `--color auto|always|never`, for the commands that colour their output.
struct DisplayOptions: ParsableArguments {
    @Option(name: .customLong("color"), help: "Colour the output: auto (on a terminal, unless NO_COLOR is set or TERM=dumb), always or never.")
    var color: ColorChoice = .auto

    func validate() throws {
        Terminal.choice = color
    }
}
