/// Provenance written into every output file: PNG tEXt chunks, PDF document info, an SVG title.
public struct ImageMetadata: Hashable, Sendable {
    /// The figure's title (PNG `Title`, PDF `/Title`, SVG `<title>`).
    public var title: String
    /// Flowscope's version; written as `Flowscope <version>` (PNG `Software`, PDF `/Creator`).
    public var version: String
    /// The exact command that made the file (PNG `Source`, PDF `/Subject`).
    public var command: String

    public init(title: String = "", version: String, command: String = "") {
        self.title = title; self.version = version; self.command = command
    }

    /// The `Software` value.
    public var software: String { "Flowscope \(version)" }

    /// Key–value pairs in the order they are written, empty values left out.
    var entries: [(key: String, value: String)] {
        [("Title", title), ("Software", software), ("Source", command)].filter { !$0.value.isEmpty }
    }
}
