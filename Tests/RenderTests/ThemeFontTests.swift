import Foundation
import Testing
@testable import Render

/// A theme's own fonts: the LaTeX theme (assets/themes/latex.json, Latin Modern from fonts-lmodern).
@Suite("Theme fonts")
struct ThemeFontTests {
    static let latexTheme = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../assets/themes/latex.json").standardized.path

    private func latex() throws -> FontFiles { try Theme.load(path: Self.latexTheme).fonts }

    @Test func latexThemeNamesLatinModernForTextAndMath() throws {
        let fonts = try latex()
        #expect(fonts.text?.hasSuffix("/lmroman10-regular.otf") == true)
        #expect(fonts.math?.hasSuffix("/latinmodern-math.otf") == true)
        #expect(!fonts.isDefault)
        #expect(Theme.standard.fonts.isDefault)
        // Fonts are optional keys: the built-in theme writes none of them.
        #expect(!String(decoding: Theme.standard.jsonData(), as: UTF8.self).contains("font\""))
    }

    @Test func greekAndMinusComeFromTheMathFontInMathItalic() throws {
        let set = try FontSet(files: latex(), directory: nil)
        let math = try FontLibrary.shared.loaded(path: #require(latex().math)).cairo
        let text = try FontLibrary.shared.loaded(path: #require(latex().text)).cairo
        let runs = set.runs("μ = −1", style: .regular)
        #expect(runs.map(\.text) == ["\u{1D707}", " = ", "−", "1"])
        #expect(runs.map(\.face) == [math, text, math, text])
        #expect(runs.allSatisfy { !$0.slant })
        // Italic text uses the italic file, not a slant; monospaced text stays DejaVu in one run.
        let italic = set.runs("loss", style: FontStyle(italic: true))
        let italicFace = try FontLibrary.shared.loaded(path: #require(latex().textItalic)).cairo
        #expect(italic.count == 1 && italic[0].face == italicFace)
        #expect(!italic[0].slant)
        #expect(set.runs("a−b", style: FontStyle(monospace: true)).count == 1)
    }

    @Test func defaultFontsDrawEveryStringAsOneDejaVuRun() throws {
        let set = try FontSet(files: FontFiles(), directory: nil)
        let runs = set.runs("μ = −1 θ", style: FontStyle(italic: true))
        #expect(runs.count == 1)
        #expect(runs[0].text == "μ = −1 θ")
        #expect(runs[0].slant)
    }

    @Test func pdfEmbedsLatinModernAndMeasuresWithIt() throws {
        let files = try latex()
        let size = PageSize(width: .pt(120), height: .pt(40))
        let latin = try CairoBackend(format: .pdf, size: size, fontFiles: files)
        let dejavu = try CairoBackend(format: .pdf, size: size)
        let label = "f_θ(t, y) = −2y"
        #expect(latin.measure(label, size: 10, font: .regular).width != dejavu.measure(label, size: 10, font: .regular).width)
        latin.text(label, at: Point(5, 20), size: 10, font: .regular, color: .black, angle: 0)
        let pdf = String(decoding: try latin.finish(metadata: ImageMetadata(title: "t", version: "v", command: "c")), as: UTF8.self)
        #expect(pdf.contains("+LMRoman10-Regular"), "the text font is embedded (subset)")
        #expect(pdf.contains("+LatinModernMath-Regular"), "θ and − come from the math font")
        #expect(!pdf.contains("DejaVu"))
    }

    @Test func missingFontFileIsAnErrorNamingTheKey() throws {
        let error = #expect(throws: ThemeError.self) {
            try Theme.decode(Data(#"{"math_font": "/nonexistent/math.otf"}"#.utf8), name: "t.json")
        }
        #expect(error?.description == "theme file t.json: \"math_font\" must be an existing TTF or OTF file (/nonexistent/math.otf not found)")
    }
}
