import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where a case file lives: a SQLite file (the default, inside the policy
/// folder) or a schema of a PostgreSQL database shared by a team.
///
/// Written as a path (`Policies/acme/.vigie/case.sqlite`) or as a URL
/// (`postgres://alice@db.example:5432/vigie?schema=vigie_acme`). A URL never
/// carries a password: the password comes from `PGPASSWORD` or the password
/// file (`~/.pgpass`, or `PGPASSFILE`), as for PostgreSQL's own tools.
public enum CaseFileLocation: Hashable, Sendable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresLocation)

    /// The environment variable that chooses a case file when no
    /// `--case-file` is given.
    public static let environmentVariable = "VIGIE_CASE_FILE"

    /// The location `given` (a `--case-file` value), else `$VIGIE_CASE_FILE`,
    /// else the SQLite file of the policy in `policyFolder`. A PostgreSQL URL
    /// without `schema=` gets the schema of the policy named `policyName`
    /// (`vigie_` and the name, see `PostgresLocation.schemaName(forPolicy:)`).
    public static func resolve(
        _ given: String?, policyFolder: String, policyName: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> CaseFileLocation {
        let text = given ?? environment[environmentVariable].flatMap { $0.isEmpty ? nil : $0 }
        guard let text else {
            return .sqlite(path: URL(fileURLWithPath: policyFolder).appendingPathComponent(CaseFile.defaultRelativePath).path)
        }
        return try parse(text, policyName: policyName ?? URL(fileURLWithPath: policyFolder).standardizedFileURL.lastPathComponent,
                         environment: environment)
    }

    /// A location as written: a `postgres://` or `postgresql://` URL, else a path.
    public static func parse(
        _ text: String, policyName: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> CaseFileLocation {
        if PostgresLocation.isURL(text) {
            return .postgres(try PostgresLocation(url: text, policyName: policyName, environment: environment))
        }
        return .sqlite(path: text)
    }

    public var isPostgres: Bool {
        if case .postgres = self { return true }
        return false
    }

    /// As it is shown in messages (never with a password).
    public var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let location): location.description
        }
    }
}

/// A PostgreSQL case file: a server, a database, a role, and the schema that
/// holds one client's records.
public struct PostgresLocation: Hashable, Sendable, CustomStringConvertible {
    /// A host name or address, or the folder of a Unix-domain socket (a path).
    public var host: String
    public var port: Int
    public var user: String
    public var database: String
    public var schema: String
    public var sslMode: SSLMode
    /// Seconds to wait for the server when connecting.
    public var connectTimeout: Int
    /// The password, from `PGPASSWORD` or the password file (never from the URL).
    public var password: String?

    public enum SSLMode: String, Hashable, Sendable, CaseIterable {
        /// No TLS.
        case disable
        /// TLS when the server offers it, without checking its certificate (PostgreSQL's default).
        case prefer
        /// TLS or nothing, without checking the certificate.
        case require
        /// TLS, with the certificate checked against the host name.
        case verifyFull = "verify-full"
    }

    static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    public init(
        host: String = "localhost", port: Int = 5432, user: String, database: String, schema: String,
        sslMode: SSLMode = .prefer, connectTimeout: Int = 10, password: String? = nil
    ) {
        self.host = host
        self.port = port
        self.user = user
        self.database = database
        self.schema = schema
        self.sslMode = sslMode
        self.connectTimeout = connectTimeout
        self.password = password
    }

    /// Reads `postgres://[user@]host[:port][/database][?schema=…&sslmode=…&host=…&connect_timeout=…]`.
    /// Missing parts come from `PGUSER`, `PGHOST`, `PGPORT`, `PGDATABASE`
    /// as for PostgreSQL's tools; the schema from `schema=`, else from
    /// `policyName`. A password in the URL is refused.
    public init(url text: String, policyName: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        func refuse(_ why: String) -> CaseFileError {
            CaseFileError(.badLocation, path: Self.redacted(text), message: why)
        }
        let scheme = text.hasPrefix("postgresql://") ? "postgresql://" : "postgres://"
        var rest = String(text.dropFirst(scheme.count))
        var query = ""
        if let mark = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: mark)...])
            rest = String(rest[..<mark])
        }
        var path = ""
        if let slash = rest.firstIndex(of: "/") {
            path = String(rest[rest.index(after: slash)...])
            rest = String(rest[..<slash])
        }
        var userPart: String?
        if let at = rest.lastIndex(of: "@") {
            userPart = String(rest[..<at])
            rest = String(rest[rest.index(after: at)...])
        }
        if let userPart, userPart.contains(":") {
            throw refuse(
                "a case-file URL must not hold a password (it would show in the process list and the shell's history); remove it and give it in PGPASSWORD or ~/.pgpass")
        }
        var hostPart = rest
        var portPart: String?
        if hostPart.hasPrefix("[") {
            // [IPv6]:port
            if let close = hostPart.firstIndex(of: "]") {
                let after = hostPart[hostPart.index(after: close)...]
                if after.hasPrefix(":") { portPart = String(after.dropFirst()) }
                hostPart = String(hostPart[hostPart.index(after: hostPart.startIndex)..<close])
            }
        } else if let colon = hostPart.lastIndex(of: ":") {
            portPart = String(hostPart[hostPart.index(after: colon)...])
            hostPart = String(hostPart[..<colon])
        }
        var parameters: [String: String] = [:]
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = Self.decode(String(parts[0]))
            let value = parts.count > 1 ? Self.decode(String(parts[1])) : ""
            parameters[key] = value
        }
        if parameters["password"] != nil {
            throw refuse(
                "a case-file URL must not hold a password; remove password= and give it in PGPASSWORD or ~/.pgpass")
        }
        let known: Set<String> = ["schema", "sslmode", "host", "port", "user", "dbname", "connect_timeout", "application_name"]
        if let unknown = parameters.keys.sorted().first(where: { !known.contains($0) }) {
            throw refuse("unknown parameter \"\(unknown)\" in the case-file URL; known: \(known.sorted().joined(separator: ", "))")
        }
        let login = environment["USER"] ?? environment["LOGNAME"] ?? "postgres"
        user = parameters["user"] ?? userPart.map(Self.decode).flatMap { $0.isEmpty ? nil : $0 } ?? environment["PGUSER"] ?? login
        host = parameters["host"] ?? Self.decode(hostPart).nonEmpty ?? environment["PGHOST"] ?? "localhost"
        let portText = parameters["port"] ?? portPart?.nonEmpty ?? environment["PGPORT"] ?? "5432"
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw refuse("the port \"\(portText)\" is not a number from 1 to 65535")
        }
        self.port = port
        database = parameters["dbname"] ?? Self.decode(path).nonEmpty ?? environment["PGDATABASE"] ?? user
        let sslText = parameters["sslmode"] ?? environment["PGSSLMODE"] ?? "prefer"
        guard let ssl = SSLMode(rawValue: sslText) else {
            throw refuse("sslmode \"\(sslText)\" is not one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        sslMode = ssl
        let timeoutText = parameters["connect_timeout"] ?? environment["PGCONNECT_TIMEOUT"] ?? "10"
        guard let timeout = Int(timeoutText), timeout > 0 else {
            throw refuse("connect_timeout \"\(timeoutText)\" is not a number of seconds")
        }
        connectTimeout = timeout
        if let given = parameters["schema"] {
            guard Self.isValidSchema(given) else {
                throw refuse(
                    "the schema \"\(given)\" is not a plain name: lower-case letters, digits and _, starting with a letter, at most 50 characters")
            }
            schema = given
        } else if let policyName {
            schema = Self.schemaName(forPolicy: policyName)
        } else {
            throw refuse("this command needs the schema in the URL: add ?schema=NAME (for example vigie_acme)")
        }
        // An empty PGPASSWORD counts as none (the password file is read then).
        password = environment["PGPASSWORD"].flatMap { $0.isEmpty ? nil : $0 } ?? PasswordFile.lookup(
            host: host, port: port, database: database, user: user, environment: environment)
    }

    /// The schema of a client's policy: `vigie_` and the policy's name in
    /// lower case, other characters than letters and digits as `_`.
    public static func schemaName(forPolicy name: String) -> String {
        var out = "vigie_"
        for scalar in name.lowercased().unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else if !out.hasSuffix("_") {
                out += "_"
            }
        }
        while out.hasSuffix("_") && out.count > 6 { out.removeLast() }
        return String(out.prefix(50))
    }

    /// Lower-case ASCII letters, digits and `_`, starting with a letter; 50
    /// characters at most (role names add a suffix to it).
    static func isValidSchema(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first), name.unicodeScalars.count <= 50 else {
            return false
        }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// Whether `host` names a socket folder.
    public var isSocket: Bool { host.hasPrefix("/") }

    /// The same database and role, another client's schema.
    public func with(schema: String) -> PostgresLocation {
        var copy = self
        copy.schema = schema
        return copy
    }

    /// The URL without a password (none is ever kept in it).
    public var description: String {
        let hostText = isSocket ? "" : (host.contains(":") ? "[\(host)]" : host)
        var text = "postgres://\(Self.encode(user))@\(hostText):\(port)/\(Self.encode(database))?schema=\(schema)"
        if isSocket { text += "&host=\(Self.encode(host))" }
        if sslMode != .prefer { text += "&sslmode=\(sslMode.rawValue)" }
        return text
    }

    /// The roles Vigie creates for this client (`vigie case-file migrate`):
    /// consultants read and write its records, auditors read them, `vigie
    /// serve` only appends to its decision log.
    public var consultantRole: String { schema + "_consultant" }
    public var auditorRole: String { schema + "_auditor" }
    public var serveRole: String { schema + "_serve" }

    static func decode(_ text: String) -> String { text.removingPercentEncoding ?? text }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed.subtracting(CharacterSet(charactersIn: ":@/?#"))) ?? text
    }

    /// `text` with its passwords hidden (the part after `:` between `://`
    /// and `@`, and the value of a `password=` parameter), for messages
    /// about a URL that is refused.
    static func redacted(_ text: String) -> String {
        var out = text
        if let schemeEnd = out.range(of: "://"), let at = out[schemeEnd.upperBound...].lastIndex(of: "@"),
            let colon = out[schemeEnd.upperBound..<at].firstIndex(of: ":")
        {
            out = String(out[..<colon]) + ":***" + String(out[at...])
        }
        guard let mark = out.firstIndex(of: "?") else { return out }
        let query = out[out.index(after: mark)...].split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return decode(String(parts[0])) == "password" && parts.count > 1 ? "\(parts[0])=***" : String(pair)
        }
        return String(out[...mark]) + query.joined(separator: "&")
    }
}

/// PostgreSQL's password file (`~/.pgpass`, or `$PGPASSFILE`): lines
/// `host:port:database:user:password`, `*` matching anything, `\:` and `\\`
/// escaped. Ignored when others may read it, as libpq does.
enum PasswordFile {
    static func lookup(host: String, port: Int, database: String, user: String, environment: [String: String]) -> String? {
        let path: String
        if let given = environment["PGPASSFILE"] {
            path = given
        } else if let home = environment["HOME"] {
            path = (home as NSString).appendingPathComponent(".pgpass")
        } else {
            return nil
        }
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & 0o077 == 0,
            let text = try? String(contentsOfFile: path, encoding: .utf8)
        else { return nil }
        // libpq matches a socket connection against "localhost".
        let hostKey = host.hasPrefix("/") ? "localhost" : host
        for line in text.split(whereSeparator: \.isNewline) {
            if line.hasPrefix("#") { continue }
            let fields = split(String(line))
            guard fields.count == 5 else { continue }
            func matches(_ field: String, _ value: String) -> Bool { field == "*" || field == value }
            if matches(fields[0], hostKey), matches(fields[1], String(port)), matches(fields[2], database),
                matches(fields[3], user)
            {
                return fields[4]
            }
        }
        return nil
    }

    /// The fields of a line, split on `:` not escaped by `\`.
    static func split(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}

extension String {
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
