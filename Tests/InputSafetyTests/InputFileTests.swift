import Foundation
import InputSafety
import Testing

@Suite struct InputFileTests {
    @Test func folderMissingAndTooLargeHaveReasons() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("inputfile-\(getpid())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: InputFile.Failure.isFolder) { try InputFile.read(dir) }
        #expect(throws: InputFile.Failure.notFound) { try InputFile.read(dir + "/none") }
        let path = dir + "/ten"
        try Data(repeating: 7, count: 10).write(to: URL(fileURLWithPath: path))
        #expect(try InputFile.read(path) == Data(repeating: 7, count: 10))
        #expect(throws: InputFile.Failure.tooLarge(bytes: 10, limit: 9)) { try InputFile.read(path, maximumBytes: 9) }
        #expect(InputFile.Failure.isFolder.description == "it is a folder, not a file")
    }
}
