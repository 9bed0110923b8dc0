import Foundation
import Testing
@testable import VigieRun

@Suite struct AtomicFileTests {
    @Test func writesWholeReplacesAndLeavesNoTemporaryFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-atomic-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("sub/report.html").path
        try AtomicFile.write(Data("première".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "première")
        try AtomicFile.write(Data(repeating: 0x41, count: 1 << 20), to: path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).count == 1 << 20)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("sub").path) == ["report.html"])
    }

    @Test func aPathThatCannotBeWrittenIsAnErrorNamingIt() throws {
        do {
            try AtomicFile.write(Data("x".utf8), to: "/proc/vigie-cannot/report.html")
            Issue.record("writing under /proc must fail")
        } catch {
            #expect(error.code == .output)
            #expect(error.message.contains("/proc/vigie-cannot"))
        }
    }
}
