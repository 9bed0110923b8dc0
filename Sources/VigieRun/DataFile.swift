import Foundation
import LuaHost

public enum TextFile {
    public struct ReadError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Reads a UTF-8 text file, with an error that says what to do.
    public static func read(_ path: String) throws -> String {
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

public enum DataFile {
    public struct LoadError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Loads JSON (one value) or JSONL (an array of the lines' values).
    public static func load(_ path: String) throws -> LuaValue {
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

    public static func json(_ data: Data) throws -> LuaValue {
        try JSONDecoder().decode(JSONValue.self, from: data).value
    }
}

/// Any JSON value, decoded strictly (a JSON `true` is never the number 1).
public struct JSONValue: Decodable {
    public let value: LuaValue

    public init(from decoder: any Decoder) throws {
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
