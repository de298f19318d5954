/// Font files a theme names for text and for mathematics: any TTF or OTF that FreeType reads, by path.
///
/// Unset files keep DejaVu (fonts-dejavu-core). With a text font, plain text is set in it (bold
/// in `textBold`, else in the text font; italic in `textItalic`, else slanted). With a math font,
/// Greek letters, operators, arrows and the minus sign come from it, lowercase Greek in its math
/// italic (as LaTeX sets `$\theta$`), and so does any character the text font lacks; what neither
/// has comes from DejaVu. Monospaced text stays DejaVu Sans Mono.
public struct FontFiles: Hashable, Sendable {
    public var text: String?
    public var textBold: String?
    public var textItalic: String?
    public var math: String?

    public init(text: String? = nil, textBold: String? = nil, textItalic: String? = nil, math: String? = nil) {
        self.text = text; self.textBold = textBold; self.textItalic = textItalic; self.math = math
    }

    /// Whether every face is DejaVu's.
    public var isDefault: Bool { text == nil && textBold == nil && textItalic == nil && math == nil }
}
