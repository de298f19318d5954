import Foundation
import Render

/// What each figure was last built from, kept in `<out>/.stamps.json` (committed; sorted keys, no dates).
///
/// A figure is fresh when its staleness key (see `GalleryPlanner.key`) equals the stamp's and every
/// output file the build needs still has the SHA-256 recorded when it was written.
public struct GalleryStamps: Equatable, Sendable {
    /// One figure's record.
    public struct Stamp: Codable, Equatable, Sendable {
        /// SHA-256 of the figure's commands, inputs' contents, program version and needed figures' keys.
        public var key: String
        /// The program version it was built with (to say why a figure is stale).
        public var version: String
        /// File name (e.g. `vdp-phase.png`) → SHA-256 of its contents.
        public var outputs: [String: String]

        public init(key: String, version: String, outputs: [String: String]) {
            self.key = key; self.version = version; self.outputs = outputs
        }
    }

    /// The format string of the stamps file.
    public static let format = "flowscope.gallery-stamps.v1"

    public var figures: [String: Stamp]

    public init(figures: [String: Stamp] = [:]) { self.figures = figures }

    private struct File: Codable {
        var format: String
        var figures: [String: Stamp]
    }

    /// Reads the stamps at `path`: none when the file is missing; nil when it cannot be read (everything is then stale).
    public static func load(path: String) -> GalleryStamps? {
        guard let data = FileManager.default.contents(atPath: path) else { return GalleryStamps() }
        guard let file = try? JSONDecoder().decode(File.self, from: data), file.format == format else { return nil }
        return GalleryStamps(figures: file.figures)
    }

    /// The file's bytes: pretty-printed with sorted keys and a final newline, so equal stamps give equal bytes.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(File(format: Self.format, figures: figures)) + Data("\n".utf8)
    }

    /// Writes the stamps atomically.
    public func save(path: String) throws {
        do {
            try AtomicFile.write(try encoded(), to: path)
        } catch {
            throw ProgramError.failure("cannot write \(path): \(error)")
        }
    }
}
