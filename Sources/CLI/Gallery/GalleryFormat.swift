/// An image format the gallery writes each figure in.
public enum GalleryFormat: String, CaseIterable, Sendable {
    case png, svg, pdf

    /// PNG and SVG always; PDF on request.
    public static func building(pdf: Bool) -> [GalleryFormat] { pdf ? [.png, .svg, .pdf] : [.png, .svg] }
}
