import Foundation

/// Where a gallery build reads and writes: the project root, the output folder, and the programs it runs.
///
/// The manifest lives in the output folder (`gallery/gallery.json`) and the project root is that
/// folder's parent: commands run there, inputs are relative to it, and `{out}` expands to the
/// output folder as seen from it (`gallery`), so the commands in the README work from the root.
public struct GalleryLayout: Sendable {
    /// The project root (absolute); commands run with it as their working folder.
    public let root: String
    /// The output folder (absolute).
    public let outFolder: String
    /// What `{out}` expands to: relative to the root when inside it, else absolute.
    public let outInCommands: String
    /// The folder holding the ode-* programs (absolute).
    public let programFolder: String

    /// The layout for the manifest at `manifestPath`, writing next to it.
    public init(manifestPath: String, programFolder: String = GalleryLayout.runningProgramFolder()) {
        let out = URL(fileURLWithPath: manifestPath).standardizedFileURL.deletingLastPathComponent()
        let root = out.deletingLastPathComponent().path
        self.init(root: root, outFolder: out.path, programFolder: programFolder)
    }

    /// A layout writing to `outFolder` with commands run in `root`.
    public init(root: String, outFolder: String, programFolder: String) {
        self.root = root
        self.outFolder = outFolder
        self.programFolder = programFolder
        let prefix = root.hasSuffix("/") ? root : root + "/"
        outInCommands = outFolder.hasPrefix(prefix) ? String(outFolder.dropFirst(prefix.count)) : outFolder
    }

    /// What `{data}` expands to.
    public var dataInCommands: String { outInCommands + "/data" }

    /// The data folder (absolute).
    public var dataFolder: String { outFolder + "/data" }

    public var stampsPath: String { outFolder + "/.stamps.json" }

    /// The sidecar of figure `name`: its key numbers and layout checks (`FigureSidecar`).
    public func sidecarPath(_ name: String) -> String { dataFolder + "/" + name + ".figure.json" }

    public var readmePath: String { outFolder + "/README.md" }

    /// The placeholder values for commands writing format `ext`.
    public func placeholders(ext: String = "png") -> GalleryPlaceholders {
        GalleryPlaceholders(out: outInCommands, data: dataInCommands, ext: ext)
    }

    /// The absolute path of a path relative to the root (`{data}` substituted).
    public func resolve(_ path: String) -> String {
        let substituted = placeholders().substitute(path)
        return substituted.hasPrefix("/") ? substituted : root + "/" + substituted
    }

    /// The folder of the running executable, so a release ode-gallery runs release programs.
    public static func runningProgramFolder() -> String {
        let executable = Bundle.main.executableURL
            ?? URL(fileURLWithPath: CommandLine.arguments.first ?? ".").standardizedFileURL
        return executable.resolvingSymlinksInPath().deletingLastPathComponent().path
    }
}
