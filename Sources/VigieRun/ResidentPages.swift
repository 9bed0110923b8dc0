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
/// its resident set to the end, though the rest of the run never executes
/// them again: on a million activities they are a sixth of the peak.
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
    public static func residentCodeKB() -> Int {
        codeMappings().reduce(0) { $0 + $1.residentKB }
    }

    struct Mapping {
        var start: UInt, end: UInt
        var residentKB = 0, anonymousKB = 0
    }

    /// The private, executable mappings of a file (`r-xp` with a path), read
    /// from `/proc/self/smaps`.
    static func codeMappings() -> [Mapping] {
        #if os(Linux)
        guard let file = fopen("/proc/self/smaps", "r") else { return [] }
        defer { fclose(file) }
        var mappings: [Mapping] = []
        var current: Mapping?
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, file) > 0, let line {
            let text = String(cString: line)
            if let header = header(text) {
                if let current { mappings.append(current) }
                current = header
            } else if current != nil {
                if text.hasPrefix("Rss:") {
                    current!.residentKB = kilobytes(text)
                } else if text.hasPrefix("Anonymous:") {
                    current!.anonymousKB = kilobytes(text)
                }
            }
        }
        if let current { mappings.append(current) }
        return mappings.filter { $0.end > $0.start }
        #else
        return []
        #endif
    }

    /// A header line `start-end perms offset dev inode path`: the mapping
    /// when it is a file's private executable code, else nil. Any other
    /// header ends the previous mapping too (returned as a sentinel with
    /// start == end, which codeMappings drops).
    private static func header(_ line: String) -> Mapping? {
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count >= 5, let dash = fields[0].firstIndex(of: "-"),
              let start = UInt(fields[0][..<dash], radix: 16),
              let end = UInt(fields[0][fields[0].index(after: dash)...], radix: 16)
        else { return nil }
        let isCode = fields[1] == "r-xp" && fields.count >= 6 && fields[5].hasPrefix("/")
        return isCode ? Mapping(start: start, end: end) : Mapping(start: 0, end: 0)
    }

    private static func kilobytes(_ line: String) -> Int {
        line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
    }
}
