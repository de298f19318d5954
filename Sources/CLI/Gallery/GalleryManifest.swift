/// The gallery's manifest (`gallery/gallery.json`): its sections and the figures with the commands that make them.
///
/// JSON form (format `flowscope.gallery.v1`):
/// ```
/// {"format": "flowscope.gallery.v1", "title": "…", "intro": "…",
///  "sections": [{"id": "vdp", "title": "Van der Pol", "intro": "…"}],
///  "figures": [{"name": "vdp-phase", "section": "vdp", "caption": "…",
///               "inputs": ["assets/models/m.json"], "needs": [],
///               "commands": ["ode-plot phase --system van-der-pol -o {out}/vdp-phase.{ext}"]}]}
/// ```
/// `GalleryManifestReader` reads and validates it.
public struct GalleryManifest: Equatable, Sendable {
    /// The format string a manifest must declare.
    public static let format = "flowscope.gallery.v1"

    public let title: String
    /// Markdown paragraph at the top of the README; may be empty.
    public let intro: String
    /// In README order.
    public let sections: [GallerySection]
    /// In manifest order (README order within each section).
    public let figures: [GalleryFigure]

    public init(title: String, intro: String, sections: [GallerySection], figures: [GalleryFigure]) {
        self.title = title; self.intro = intro; self.sections = sections; self.figures = figures
    }

    /// The figure called `name`, if any.
    public func figure(named name: String) -> GalleryFigure? {
        figures.first { $0.name == name }
    }

    /// The figures of section `id`, in manifest order.
    public func figures(inSection id: String) -> [GalleryFigure] {
        figures.filter { $0.section == id }
    }

    /// `names` together with every figure they need, directly or not, in manifest order.
    public func closure(of names: Set<String>) -> [GalleryFigure] {
        var wanted = names
        var pending = Array(names)
        while let name = pending.popLast() {
            for need in figure(named: name)?.needs ?? [] where !wanted.contains(need) {
                wanted.insert(need)
                pending.append(need)
            }
        }
        return figures.filter { wanted.contains($0.name) }
    }
}
