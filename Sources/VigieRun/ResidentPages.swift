#if canImport(Glibc)
import Glibc
#endif

/// The pages of program code a long run keeps resident.
///
/// Starting a check runs a great deal of code once: parsing the command
/// line, reading the organisation profile, compiling the policy and its
/// plugins, the Swift runtime's first look at every type. The kernel maps
/// those pages of the executable and of the shared libraries into the
/// process as they are first run (with their neighbours), and they stay in
/// its resident set to the end, whether the run executes them again or
/// not: on a million activities, about 9 MB of a 63 MB peak were code only
/// the start-up ran (BENCHMARKS.md, "An eighth pass").
///
/// `releaseStartupCode()` unmaps the resident pages of every executable
/// file mapping; the code the run still executes is mapped again at its
/// next use, from the kernel's page cache (a minor fault, no disk read).
/// Nothing is lost: a code page is the file's own bytes. A mapping whose
/// pages were written (a text relocation, a debugger's breakpoint) holds
/// anonymous pages and is left alone; data mappings are never touched.
///
/// This lowers the resident set, which peak memory measures; the kernel
/// keeps the files' pages in its cache either way, so a control group that
/// charges the page cache sees no change.
public enum ResidentPages {
    /// Unmaps the resident code pages of the process's executable file
    /// mappings that hold no written page; returns how many kilobytes were
    /// resident in them. 0 where `/proc/self/smaps` cannot be read (not Linux).
    @discardableResult
    public static func releaseStartupCode() -> Int {
        #if os(Linux)
        var released = 0
        for mapping in codeMappings() where mapping.anonymousKB == 0 && mapping.residentKB > 0 {
            guard let start = UnsafeMutableRawPointer(bitPattern: mapping.start) else { continue }
            if madvise(start, Int(mapping.end - mapping.start), MADV_DONTNEED) == 0 { released += mapping.residentKB }
        }
        return released
        #else
        return 0
        #endif
    }

    /// The kilobytes of code now resident in executable file mappings.
    static func residentCodeKB() -> Int {
        codeMappings().reduce(0) { $0 + $1.residentKB }
    }

    struct Mapping {
        var start: UInt, end: UInt
        var residentKB = 0, anonymousKB = 0
    }

    /// The private, executable mappings of a file (`r-xp` with a path), read
    /// from `/proc/self/smaps` byte by byte: a header line per mapping
    /// (`start-end perms offset dev inode path`), then its fields
    /// (`Rss:   120 kB`, `Anonymous:   0 kB`, …).
    static func codeMappings() -> [Mapping] {
        #if os(Linux)
        guard let file = fopen("/proc/self/smaps", "r") else { return [] }
        defer { fclose(file) }
        var mappings: [Mapping] = []
        var current: Mapping?   // nil while in a mapping that is not code
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, file) > 0, let line {
            if let header = header(line) {
                if let current { mappings.append(current) }
                current = header.isCode ? Mapping(start: header.start, end: header.end) : nil
            } else if current != nil {
                if strncmp(line, "Rss:", 4) == 0 {
                    current!.residentKB = strtol(line + 4, nil, 10)
                } else if strncmp(line, "Anonymous:", 10) == 0 {
                    current!.anonymousKB = strtol(line + 10, nil, 10)
                }
            }
        }
        if let current { mappings.append(current) }
        return mappings
        #else
        return []
        #endif
    }

    #if os(Linux)
    /// A header line: its range, and whether it maps a file's private,
    /// executable code (`r-xp` and a path). nil for a field line (`Rss:`),
    /// which has no `-` right after hexadecimal digits.
    private static func header(_ line: UnsafeMutablePointer<CChar>) -> (start: UInt, end: UInt, isCode: Bool)? {
        var stop: UnsafeMutablePointer<CChar>?
        let start = strtoul(line, &stop, 16)
        guard let dash = stop, dash != line, dash.pointee == 0x2D else { return nil }
        let end = strtoul(dash + 1, &stop, 16)
        guard let space = stop, space.pointee == 0x20 else { return nil }
        let perms = space + 1
        let isCode = strncmp(perms, "r-xp", 4) == 0 && strchr(perms, 0x2F) != nil
        return (UInt(start), UInt(end), isCode)
    }
    #endif
}
