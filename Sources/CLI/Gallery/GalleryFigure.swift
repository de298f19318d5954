/// One gallery figure: the commands that make it, what they read, and where it appears.
public struct GalleryFigure: Equatable, Sendable {
    /// Identifier and output basename: the figure is `<out>/<name>.png` and `.svg` (and `.pdf`).
    public let name: String
    /// The id of the section it appears in.
    public let section: String
    /// Markdown text shown under the image.
    public let caption: String
    /// Run in order; a command containing `{ext}` is run once per output format.
    public let commands: [GalleryCommandTemplate]
    /// Files the commands read, relative to the project root; `{data}/…` names another figure's product.
    public let inputs: [String]
    /// Figures that must be built first (their products in `{data}` are this figure's inputs).
    public let needs: [String]
    /// The extension of the figure's animation (`gif`), written next to its images (which are then
    /// a poster: the last frame); nil for a still figure.
    public let animation: String?

    /// The formats an animation may have in the gallery (the check decodes its frames).
    public static let animationFormats = ["gif", "webp", "mp4"]

    public init(name: String, section: String, caption: String, commands: [GalleryCommandTemplate],
                inputs: [String] = [], needs: [String] = [], animation: String? = nil) {
        self.name = name; self.section = section; self.caption = caption
        self.commands = commands; self.inputs = inputs; self.needs = needs; self.animation = animation
    }

    /// The file names of the figure's images for `formats` (e.g. `vdp-phase.png`).
    public func outputFiles(_ formats: [GalleryFormat]) -> [String] {
        formats.map { "\(name).\($0.rawValue)" } + (animation.map { ["\(name).\($0)"] } ?? [])
    }
}
