import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Render

@Suite("Canvas output files")
struct CanvasOutputTests {
    let size = PageSize(width: .inches(4), height: .inches(3))
    let metadata = ImageMetadata(title: "Sample f_θ", version: "0.1.0", command: "ode-plot phase --system van-der-pol -o vdp.png")

    func render(_ format: ImageFormat, dpi: Double = 100) throws -> Data {
        let b = try CairoBackend(format: format, size: size, dpi: dpi)
        drawSampleFigure(on: b)
        return try b.finish(metadata: metadata)
    }

    @Test func pngCarriesSizeDPIAndTextChunks() throws {
        let data = try render(.png, dpi: 100)
        let info = try #require(PNGInfo(data: data))
        #expect(info.width == 400)
        #expect(info.height == 300)
        // 100 dpi is stored as round(100 / 0.0254) = 3937 pixels per metre.
        #expect(abs(try #require(info.dpi) - 3937 * 0.0254) < 1e-9)
        #expect(info.text["Title"] == "Sample f_θ")
        #expect(info.text["Software"] == "Flowscope 0.1.0")
        #expect(info.text["Source"] == "ode-plot phase --system van-der-pol -o vdp.png")
        #expect(!info.chunkTypes.contains("tIME"))
        let image = try RGBAImage(pngData: data)
        #expect(image.width == 400 && image.height == 300)
        // The top-left corner is the white background, opaque.
        #expect(image.pixel(x: 2, y: 2) == [255, 255, 255, 255])
    }

    @Test func svgParsesWithPageSizeInPoints() throws {
        let data = try render(.svg)
        let doc = try XMLDocument(data: data)
        let root = try #require(doc.rootElement())
        #expect(root.name == "svg")
        // attribute(forName:) misses attributes of a namespaced element in swift-corelibs-foundation, so look them up by name.
        let attributes = Dictionary((root.attributes ?? []).map { ($0.name ?? "", $0.stringValue ?? "") }, uniquingKeysWith: { a, _ in a })
        #expect(attributes["width"] == "288pt")
        #expect(attributes["height"] == "216pt")
        #expect(attributes["viewBox"] == "0 0 288 216")
        #expect(root.elements(forName: "title").first?.stringValue == "Sample f_θ")
        // The 4×3 sharp image is embedded with each cell repeated 8×8 so viewers' smoothing cannot blur it.
        #expect(String(decoding: data, as: UTF8.self).contains(#"<image id="image1" width="32" height="24""#))
    }

    @Test func pdfHasMediaBoxAndNoDates() throws {
        let data = try render(.pdf)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasPrefix("%PDF-"))
        #expect(text.contains("/MediaBox [ 0 0 288 216 ]"))
        #expect(!text.contains("/CreationDate"))
        #expect(!text.contains("/ModDate"))
        #expect(text.contains("/Creator (Flowscope 0.1.0)"))
    }

    @Test(arguments: ImageFormat.allCases)
    func sameFigureGivesIdenticalBytes(format: ImageFormat) throws {
        let first = try render(format)
        let second = try render(format)
        #expect(first.count > 0)
        #expect(first == second)
    }

    @Test func svgIdsDoNotDependOnEarlierSurfaces() throws {
        // Cairo numbers SVG surface ids from a process-wide counter; the output must not show it.
        let first = try render(.svg)
        for _ in 0..<3 {
            let other = try CairoBackend(format: .svg, size: PageSize(width: .pt(50), height: .pt(50)))
            other.drawImage(rgba: [1, 0, 0, 1], pixelWidth: 1, pixelHeight: 1, in: Rect(x: 0, y: 0, width: 10, height: 10), smooth: false)
            _ = try other.finish(metadata: metadata)
        }
        let second = try render(.svg)
        #expect(first == second)
        #expect(String(decoding: second, as: UTF8.self).contains(#"id="surface1""#))
    }

    /// Cairo folds a zero-length dash into the gaps around it, so the dot of a dash-dot would vanish
    /// and the line read as dashed; the dot is a dash short enough to be all round caps.
    @Test func dashDotKeepsItsDot() throws {
        let b = try CairoBackend(format: .svg, size: PageSize(width: .pt(100), height: .pt(20)))
        b.stroke(.polyline([Point(5, 10), Point(95, 10)], closed: false), style: LineStyle(color: .black, width: 2, dash: .dashDot).stroke)
        let svg = String(decoding: try b.finish(metadata: metadata), as: UTF8.self)
        let array = try #require(svg.range(of: #"stroke-dasharray:[0-9.,]+"#, options: .regularExpression).map { svg[$0] })
        #expect(array.split(separator: ",").count == 4, "\(array)")
    }

    @Test func svgIdRenumbering() {
        let raw = ##"<symbol id="glyph0-2"/><g id="surface7" clip-path="url(#clip3)"><use xlink:href="#glyph0-2"/></g><clipPath id="clip3"/><symbol id="glyph0-1"/><use xlink:href="#glyph0-1"/>"##
        let expected = ##"<symbol id="glyph1"/><g id="surface1" clip-path="url(#clip1)"><use xlink:href="#glyph1"/></g><clipPath id="clip1"/><symbol id="glyph2"/><use xlink:href="#glyph2"/>"##
        #expect(SVGNormalizer.renumberIDs(raw) == expected)
    }

    @Test func formatComesFromExtension() throws {
        #expect(try ImageFormat(path: "out/fig.PNG") == .png)
        #expect(try ImageFormat(path: "a.b/fig.svg") == .svg)
        #expect(throws: RenderError.unsupportedFormat(path: "fig.jpg", extension: "jpg")) { try ImageFormat(path: "fig.jpg") }
        #expect(throws: RenderError.unsupportedFormat(path: "dir.v2/fig", extension: "")) { try ImageFormat(path: "dir.v2/fig") }
    }

    @Test func pngPixelSizeFollowsDPI() throws {
        let b = try CairoBackend(format: .png, size: PageSize(width: .cm(2.54), height: .pt(36)), dpi: 300)
        #expect(b.pixelSize?.width == 300)
        #expect(b.pixelSize?.height == 150)
        #expect(throws: RenderError.self) { try CairoBackend(format: .png, size: PageSize(width: .pt(0), height: .pt(10))) }
    }

    @Test func missingFontNamesThePackage() throws {
        let error = #expect(throws: RenderError.self) {
            try CairoBackend(format: .svg, size: size, fontDirectory: "/nonexistent/fonts")
        }
        #expect(error?.description.contains("fonts-dejavu-core") == true)
    }
}
