/// A section of the gallery: a heading and an introduction, under which its figures appear in manifest order.
public struct GallerySection: Equatable, Sendable {
    /// Short identifier figures refer to (`[a-z0-9-]`).
    public let id: String
    public let title: String
    /// Markdown paragraph shown under the heading; may be empty.
    public let intro: String

    public init(id: String, title: String, intro: String) {
        self.id = id; self.title = title; self.intro = intro
    }
}
