import ArgumentParser
import Foundation
import LuaHost

/// Errors of the command line itself: they print a message and exit 2.
enum CLIError: Error, CustomStringConvertible {
    /// Bad input or usage, said in a sentence ("error: " comes before it).
    case input(String)
    /// A diagnostic already formatted as `file:line: error: …`.
    case diagnostic(String)

    var description: String {
        switch self {
        case .input(let message), .diagnostic(let message): message
        }
    }

    /// What the user reads on standard error.
    var printed: String {
        switch self {
        case .input(let message): "error: " + message
        case .diagnostic(let message): message
        }
    }
}

extension CLIError: CustomNSError {
    var errorUserInfo: [String: Any] { [NSLocalizedDescriptionKey: description] }
}

/// Buffered standard output (what scripts print goes through here).
final class StandardOutput {
    private var pending = Data()

    func write(_ text: String) {
        pending.append(contentsOf: text.utf8)
        if pending.count >= 1 << 16 { flush() }
    }

    func flush() {
        guard !pending.isEmpty else { return }
        FileHandle.standardOutput.write(pending)
        pending.removeAll(keepingCapacity: true)
    }
}

enum TextFile {
    struct ReadError: Error, CustomStringConvertible {
        let description: String
    }

    /// Reads a UTF-8 text file, with an error that says what to do.
    static func read(_ path: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ReadError(description: "\(path): no such file (check the path)")
        }
        guard !isDirectory.boolValue else {
            throw ReadError(description: "\(path): is a folder, not a file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReadError(description: "\(path): cannot be read (check its permissions)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ReadError(description: "\(path): is not UTF-8 text")
        }
        return text
    }
}

enum DataFile {
    struct LoadError: Error, CustomStringConvertible {
        let description: String
    }

    /// Loads JSON (one value) or JSONL (an array of the lines' values).
    static func load(_ path: String) throws -> LuaValue {
        let text = try TextFile.read(path)
        if path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson") {
            var values: [LuaValue] = []
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty { continue }
                do {
                    values.append(try json(Data(trimmed.utf8)))
                } catch {
                    throw LoadError(description: "\(path):\(n + 1): invalid JSON line (\(error.localizedDescription))")
                }
            }
            return .array(values)
        }
        do {
            return try json(Data(text.utf8))
        } catch {
            throw LoadError(description: "\(path): invalid JSON (\(error.localizedDescription))")
        }
    }

    static func json(_ data: Data) throws -> LuaValue {
        try JSONDecoder().decode(JSONValue.self, from: data).value
    }
}

/// Any JSON value, decoded strictly (a JSON `true` is never the number 1).
struct JSONValue: Decodable {
    let value: LuaValue

    init(from decoder: any Decoder) throws {
        if var array = try? decoder.unkeyedContainer() {
            var items: [LuaValue] = []
            while !array.isAtEnd { items.append(try array.decode(JSONValue.self).value) }
            value = .array(items)
            return
        }
        if let object = try? decoder.container(keyedBy: AnyKey.self) {
            var table: [LuaValue: LuaValue] = [:]
            for key in object.allKeys {
                table[.string(key.stringValue)] = try object.decode(JSONValue.self, forKey: key).value
            }
            value = .table(table)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            value = .nil
        } else if let b = try? single.decode(Bool.self) {
            value = .boolean(b)
        } else if let i = try? single.decode(Int64.self) {
            value = .integer(i)
        } else if let d = try? single.decode(Double.self) {
            value = .number(d)
        } else {
            value = .string(try single.decode(String.self))
        }
    }

    struct AnyKey: CodingKey {
        let stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }
}
