import VigieModel
/// One export format's importer: given the recognised files of a source, it
/// reads their records into the session.
protocol FormatImporter {
    static var format: ExportFormat { get }
    func run(files: [(entry: ExportEntry, kind: FileKind)], in container: any ExportContainer, session: ImportSession)
        throws
}

extension FormatImporter {
    /// Loads a whole-document file, or records why it could not (and returns nil).
    func document(
        _ entry: ExportEntry, in container: any ExportContainer, session: ImportSession, repairMojibake: Bool = false
    ) -> JSONDocument? {
        // Called within `session.file(…)`: a failure refuses that file.
        do {
            let bytes = try container.read(entry, limit: session.options.maxDocumentBytes)
            session.usedFile()
            return JSONDocument(bytes: bytes, file: container.displayName(of: entry), repairMojibake: repairMojibake)
        } catch {
            session.failed(error)
            return nil
        }
    }

    /// The offset of the records array, or records why the file has none.
    func records(in document: JSONDocument, key: String?, from start: Int = 0, session: ImportSession) -> Int? {
        if let offset = document.arrayOffset(key: key, from: start) { return offset }
        // The members before the records may be damaged: the records can still be found.
        if let key, let offset = document.arrayOffsetBySearch(key: key) {
            session.warn(ImportIssue(
                file: document.file, line: document.line(at: offset), reason: .invalidJSON,
                detail: "the document is damaged before its \"\(key)\" array; its records are read all the same"))
            return offset
        }
        let what = key.map { "a top-level \"\($0)\" array" } ?? "a top-level array"
        let line = document.firstByte(from: start).map { document.line(at: $0) }
        session.failed(.malformed(path: document.file, line: line, detail: "expected \(what) of records; is the file truncated or from another export?"))
        return nil
    }
}

extension JSONValue {
    /// A Unix time in seconds, milliseconds or microseconds (Facebook
    /// `timestamp`, Instagram `creation_timestamp`, Meta `timestamp_ms`;
    /// the unit is recognised from the magnitude), in 1990–2100; nil for
    /// anything else (it never traps).
    var unixTimestamp: Timestamp? {
        guard let number = double else { return nil }
        return Timestamp.unixTime(number)?.timestamp
    }

    /// What a message says about a value, without quoting it.
    var shapeDescription: String {
        switch self {
        case .null: "null"
        case .bool: "true or false"
        case .number(let n): DiagnosticText.describe(number: n)
        case .string(let s): DiagnosticText.describe(text: s)
        case .array: "a list"
        case .object: "an object"
        }
    }

    /// The strings of an array, or of a single string.
    var strings: [String] {
        if let s = string { return [s] }
        return items.compactMap(\.string)
    }
}

/// The Unix time of a field, checked: missing, not a number, or not a time
/// in 1990–2100 in any unit, it is refused with an issue that says so
/// (describing the value, never quoting it).
func unixTime(_ value: JSONValue?, field: String) throws(ImportIssue) -> Timestamp {
    guard let value else { throw recordIssue(.missingField, "missing field \"\(field)\"") }
    guard let number = value.double else {
        throw recordIssue(.invalidValue, "\"\(field)\" is not a Unix time (\(value.shapeDescription))")
    }
    guard let (timestamp, _) = Timestamp.unixTime(number) else {
        throw recordIssue(
            .implausibleTime,
            "\"\(field)\" is not a time between 1990 and 2100 in seconds, milliseconds or microseconds (\(DiagnosticText.describe(number: number)))")
    }
    return timestamp
}

/// An ISO 8601 time of a field, checked the same way.
func isoTime(_ text: String, field: String, example: String = "2023-05-13T17:20:09Z") throws(ImportIssue) -> Timestamp {
    guard let timestamp = Timestamp(iso8601: text) else {
        throw recordIssue(
            .invalidValue, "\"\(field)\" is not a date like \(example) (\(DiagnosticText.describe(text: text)))")
    }
    guard timestamp.isPlausible else {
        throw recordIssue(.implausibleTime, "\"\(field)\" is not a time between 1990 and 2100")
    }
    return timestamp
}

/// The whole seconds of a time, as text (for stable ids); the time is in
/// 1990–2100, so the conversion cannot overflow.
func wholeSeconds(_ timestamp: Timestamp) -> String {
    let seconds = timestamp.secondsSince1970
    guard seconds.isFinite, abs(seconds) < 1e15 else { return "0" }
    return String(Int64(seconds.rounded(.down)))
}

/// EXIF data in the Facebook/Instagram shape: `exif_data: [{latitude, longitude, …}]`.
func metaExif(_ media: JSONValue) -> Exif? {
    let metadata = media["media_metadata"]
    let entries = (metadata?["photo_metadata"]?["exif_data"] ?? metadata?["video_metadata"]?["exif_data"])?.items ?? []
    var exif = Exif()
    for entry in entries {
        if exif.location == nil {
            exif.location = GeoPoint(latitude: entry["latitude"]?.double, longitude: entry["longitude"]?.double)
        }
        if exif.takenAt == nil {
            exif.takenAt = entry["taken_timestamp"]?.unixTimestamp ?? entry["date_time_original"]?.string.flatMap(exifDate)
        }
        if exif.device == nil {
            let parts = [entry["camera_make"]?.string, entry["camera_model"]?.string].compactMap { $0 }
            if !parts.isEmpty { exif.device = parts.joined(separator: " ") }
        }
    }
    return exif.isEmpty ? nil : exif
}

/// EXIF's `2023:05:13 17:20:09` (local time without a zone, taken as UTC).
func exifDate(_ text: String) -> Timestamp? {
    let chars = Array(text)
    guard chars.count >= 19 else { return nil }
    var fixed = chars
    fixed[4] = "-"
    fixed[7] = "-"
    return Timestamp(iso8601: String(fixed.prefix(19)))
}
