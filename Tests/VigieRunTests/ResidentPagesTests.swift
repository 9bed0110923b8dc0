#if os(Linux)
import Foundation
import Glibc
import Testing
@testable import VigieRun

/// Releasing the start-up's code pages (`ResidentPages`): clean code
/// mappings leave the resident set and read back the same; a mapping with a
/// written page keeps it.
@Suite(.serialized) struct ResidentPagesTests {
    /// A two-page file mapped privately, readable and executable, one page of
    /// it touched; `written` writes a byte into the first page first (a copy
    /// of the page, private to the process, as a text relocation makes).
    final class CodeLikeMapping {
        let base: UnsafeMutableRawPointer
        let size: Int
        let path: String

        init(fill: UInt8, written: Bool) throws {
            size = 2 * Int(sysconf(Int32(_SC_PAGESIZE)))
            path = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-pages-\(UUID().uuidString)").path
            try Data(repeating: fill, count: size).write(to: URL(fileURLWithPath: path))
            let fd = open(path, O_RDONLY)
            try #require(fd >= 0)
            defer { close(fd) }
            let p = mmap(nil, size, PROT_READ | PROT_EXEC, MAP_PRIVATE, fd, 0)
            try #require(p != MAP_FAILED && p != nil, "the temporary folder must allow an executable mapping")
            base = p!
            if written {
                try #require(mprotect(base, size, PROT_READ | PROT_WRITE) == 0)
                base.storeBytes(of: 0x42, as: UInt8.self)
                try #require(mprotect(base, size, PROT_READ | PROT_EXEC) == 0)
            } else {
                _ = base.load(as: UInt8.self)   // resident
            }
        }

        deinit {
            munmap(base, size)
            unlink(path)
        }

        var mapping: ResidentPages.Mapping? {
            ResidentPages.codeMappings().first { $0.start == UInt(bitPattern: base) }
        }
    }

    @Test func cleanCodePagesLeaveTheResidentSetAndReadTheSame() throws {
        let clean = try CodeLikeMapping(fill: 0x07, written: false)
        let before = try #require(clean.mapping)
        #expect(before.residentKB > 0)
        #expect(before.anonymousKB == 0)
        let released = ResidentPages.releaseStartupCode()
        #expect(released >= before.residentKB)
        #expect(try #require(clean.mapping).residentKB == 0)
        // Mapped again from the page cache at the next read: the file's bytes.
        #expect(clean.base.load(as: UInt8.self) == 0x07)
        #expect(clean.base.load(fromByteOffset: clean.size - 1, as: UInt8.self) == 0x07)
    }

    @Test func aMappingWithAWrittenPageKeepsIt() throws {
        let written = try CodeLikeMapping(fill: 0x07, written: true)
        let before = try #require(written.mapping)
        #expect(before.anonymousKB > 0)
        ResidentPages.releaseStartupCode()
        #expect(written.base.load(as: UInt8.self) == 0x42)
        #expect(try #require(written.mapping).residentKB == before.residentKB)
    }

    @Test func theProcessKeepsRunningOnItsOwnCodeAfterwards() throws {
        #expect(ResidentPages.residentCodeKB() > 0)
        let released = ResidentPages.releaseStartupCode()
        #expect(released > 0)
        // Code runs again straight away (its pages come back as it runs).
        let words = (1...2_000).map { "mot\($0)" }.joined(separator: " ")
        #expect(words.split(separator: " ").count == 2_000)
        #expect(ResidentPages.codeMappings().allSatisfy { $0.start < $0.end })
    }
}
#endif
