import ArgumentParser
import Foundation

/// `--manifest` and `--jobs`, shared by the ode-gallery subcommands.
public struct GalleryOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The manifest; the gallery is written next to it and commands run from its folder's parent.",
                               valueName: "file"))
    public var manifest: String = "gallery/gallery.json"

    @Option(name: [.customShort("j"), .customLong("jobs")],
            parsing: .unconditional, help: ArgumentHelp("Figures built at the same time (default: the number of cores).", valueName: "n"))
    public var jobs: Int?

    public init() {}

    public func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1 (got \(jobs))") }
    }

    /// The number of figures to build at once.
    public var jobCount: Int { jobs ?? ProcessInfo.processInfo.activeProcessorCount }

    /// The manifest, read and validated (throws `ProgramError.badInput` with one line).
    public func readManifest() throws -> GalleryManifest {
        try GalleryManifestReader.read(path: manifest)
    }

    /// The layout of the gallery the manifest describes.
    public var layout: GalleryLayout { GalleryLayout(manifestPath: manifest) }
}
