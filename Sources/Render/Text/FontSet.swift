internal import CCairo
import Foundation

/// The faces one backend draws with, and how a string splits into runs of one face each.
///
/// With the default `FontFiles` every string is one run in a DejaVu face, as before themes could
/// name fonts. Otherwise each character goes to the first face that has it: the math font for
/// mathematical characters, the text font for the rest, then the math font, then DejaVu.
final class FontSet {
    /// A piece of text drawn in one face; `slant` asks for the synthetic italic.
    struct Run: Equatable {
        var text: String
        let face: OpaquePointer
        let slant: Bool
    }

    private let library: FontLibrary
    private let dejavu: [FontLibrary.Face: FontLibrary.Loaded]
    private let text: FontLibrary.Loaded?
    private let textBold: FontLibrary.Loaded?
    private let textItalic: FontLibrary.Loaded?
    private let math: FontLibrary.Loaded?

    /// Loads DejaVu from `directory` (default: where fonts-dejavu-core installs it) and the files `files` names.
    init(files: FontFiles, directory: String?) throws(RenderError) {
        let dejavuLibrary = directory.map(FontLibrary.library(directory:)) ?? FontLibrary.shared
        var faces: [FontLibrary.Face: FontLibrary.Loaded] = [:]
        for face in FontLibrary.Face.allCases {
            faces[face] = try dejavuLibrary.loaded(path: dejavuLibrary.directory + "/" + face.fileName)
        }
        dejavu = faces
        library = FontLibrary.shared
        func load(_ path: String?) throws(RenderError) -> FontLibrary.Loaded? {
            guard let path else { return nil }
            return try FontLibrary.shared.loaded(path: path)
        }
        text = try load(files.text)
        textBold = try load(files.textBold)
        textItalic = try load(files.textItalic)
        math = try load(files.math)
    }

    /// `string` split into runs of one face each, in order.
    func runs(_ string: String, style: FontStyle) -> [Run] {
        let fallback = dejavu[FontLibrary.Face(style)] ?? dejavu[.sans]
        guard let fallback else { return [] }
        if style.monospace || (text == nil && math == nil) {
            return [Run(text: string, face: fallback.cairo, slant: style.italic)]
        }
        let primary: FontLibrary.Loaded? = style.bold ? (textBold ?? text) : style.italic ? (textItalic ?? text) : text
        let primaryIsItalic = style.italic && !style.bold && textItalic != nil
        var runs: [Run] = []
        for scalar in string.unicodeScalars {
            var character = scalar
            var face = fallback
            var slant = style.italic
            if let math, Self.isMathematical(scalar), library.hasGlyph(math, scalar) {
                face = math
                if let italic = Self.mathItalic(scalar), library.hasGlyph(math, italic) {
                    character = italic
                    slant = false
                }
            } else if let primary, library.hasGlyph(primary, scalar) {
                face = primary
                slant = style.italic && !primaryIsItalic
            } else if let math, library.hasGlyph(math, scalar) {
                face = math
            }
            if let last = runs.last, last.face == face.cairo, last.slant == slant {
                runs[runs.count - 1].text.unicodeScalars.append(character)
            } else {
                runs.append(Run(text: String(Character(character)), face: face.cairo, slant: slant))
            }
        }
        return runs
    }

    /// Greek letters, arrows, letterlike symbols, mathematical operators and the minus sign.
    static func isMathematical(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x0391...0x03C9, 0x03D1, 0x03D5, 0x03F5: return true
        case 0x2190...0x21FF, 0x2200...0x22FF, 0x2032...0x2034, 0x2016: return true
        case 0x2102, 0x210E, 0x2115, 0x211A, 0x211D, 0x2124: return true
        default: return false
        }
    }

    /// The mathematical italic form of a lowercase Greek letter (α U+03B1 → 𝛼 U+1D6FC), nil for other characters.
    static func mathItalic(_ s: Unicode.Scalar) -> Unicode.Scalar? {
        guard (0x03B1...0x03C9).contains(s.value) else { return nil }
        return Unicode.Scalar(0x1D6FC + (s.value - 0x03B1))
    }
}
