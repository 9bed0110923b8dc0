/// Vigie's neutral stream of activities: JSON Lines, one activity per line.
///
/// Each line is a JSON object with a `"schema": "vigie.activity/1"` member and
/// the fields of `Activity` (see `docs/model.md`). Blank lines are ignored.
/// Readers accept any `vigie.activity/1` line and reject other schemas.
public enum ActivityStream {
    public static let schema = "vigie.activity/1"
    /// Lines longer than this are reported and skipped (4 MiB).
    public static let defaultMaxLineBytes = 4 * 1024 * 1024
}
