import Foundation
import LeadscoreData
import Testing

/// Finished outputs replace old ones whole: a second `leadscore score --out same.csv` or a rewritten
/// directory leaves the new content, nothing of the old, and no staging or aside folder behind.
@Suite("Atomic replacement of outputs") struct AtomicReplaceTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func aFileIsReplacedAndANewOneAppears() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("scored.csv")
        for (round, text) in ["first\n", "second\n"].enumerated() {
            let staging = folder.appendingPathComponent(".scored.csv.tmp-\(round)")
            try text.write(to: staging, atomically: false, encoding: .utf8)
            try AtomicReplace.move(staging, to: output)
            #expect(try String(contentsOf: output, encoding: .utf8) == text)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["scored.csv"])
    }

    @Test func aDirectoryIsReplacedWhole() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out")
        for (round, files) in [["a.txt", "b.txt"], ["c.txt"]].enumerated() {
            let staging = folder.appendingPathComponent(".out.tmp-\(round)")
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
            for file in files { try file.write(to: staging.appendingPathComponent(file), atomically: false, encoding: .utf8) }
            try AtomicReplace.move(staging, to: output)
            #expect(try FileManager.default.contentsOfDirectory(atPath: output.path).sorted() == files)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out"])
    }

    @Test func aFailedMoveNamesTheDestinationAndKeepsTheOldOutput() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: false)
        try "kept".write(to: output.appendingPathComponent("old.txt"), atomically: false, encoding: .utf8)
        #expect {
            try AtomicReplace.move(folder.appendingPathComponent("never-written"), to: output)
        } throws: { error in
            (error as? InputError)?.source == output.path && (error as? InputError)?.problem.contains("No such file") == true
        }
        #expect(try String(contentsOf: output.appendingPathComponent("old.txt"), encoding: .utf8) == "kept")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out"])
    }
}
