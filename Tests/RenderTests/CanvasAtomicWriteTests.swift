import Foundation
import Testing
@testable import Render

@Suite("Atomic file writes")
struct CanvasAtomicWriteTests {
    func listing(_ dir: String) throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: dir).sorted() }

    @Test func writesAndReplaces() throws {
        let dir = try makeTemporaryFolder("atomic")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/fig.svg"
        try AtomicFile.write(Data("one".utf8), to: path)
        try AtomicFile.write(Data("two".utf8), to: path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("two".utf8))
        #expect(try listing(dir) == ["fig.svg"])
    }

    @Test func missingFolderLeavesNothing() throws {
        let dir = try makeTemporaryFolder("atomic-missing")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let error = #expect(throws: RenderError.self) { try AtomicFile.write(Data("x".utf8), to: dir + "/no/such/fig.png") }
        #expect(error?.description.contains("does not exist") == true)
        #expect(try listing(dir) == [])
    }

    @Test func failedRenderKeepsTheExistingFile() throws {
        let dir = try makeTemporaryFolder("atomic-keep")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/fig.png"
        try AtomicFile.write(Data("previous".utf8), to: path)
        // An invalid drawing call makes finishing fail before anything is written.
        let b = try CairoBackend(format: .png, size: PageSize(width: .pt(20), height: .pt(20)), dpi: 72)
        b.drawImage(rgba: [1, 0, 0], pixelWidth: 1, pixelHeight: 1, in: Rect(x: 0, y: 0, width: 5, height: 5), smooth: false)
        #expect(throws: RenderError.self) { try b.write(to: path, metadata: ImageMetadata(version: "test")) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("previous".utf8))
        #expect(try listing(dir) == ["fig.png"])
    }

    @Test func unwritableTargetKeepsTheExistingFile() throws {
        let dir = try makeTemporaryFolder("atomic-dir")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Renaming a file over a non-empty folder fails after the temporary file was written.
        let target = dir + "/target.png"
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)
        try Data("inside".utf8).write(to: URL(fileURLWithPath: target + "/keep"))
        #expect(throws: RenderError.self) { try AtomicFile.write(Data("x".utf8), to: target) }
        #expect(try listing(dir) == ["target.png"])
        #expect(try listing(target) == ["keep"])
    }

    @Test func drawingAfterFinishIsAnError() throws {
        let b = try CairoBackend(format: .svg, size: PageSize(width: .pt(20), height: .pt(20)))
        _ = try b.finish(metadata: ImageMetadata(version: "test"))
        #expect(throws: RenderError.alreadyFinished) { try b.finish(metadata: ImageMetadata(version: "test")) }
    }

    @Test func lengthsConvert() {
        #expect(Length.inches(1).points == 72)
        #expect(abs(Length.cm(2.54).points - 72) < 1e-12)
        #expect(Length(parsing: "6in") == .inches(6))
        #expect(Length(parsing: "432pt") == .pt(432))
        #expect(abs((Length(parsing: "10 cm")?.points ?? 0) - 283.46456692913387) < 1e-9)
        #expect(Length(parsing: "12 furlongs") == nil)
        #expect(Length.inches(4).pixels(dpi: 150) == 600)
    }
}
