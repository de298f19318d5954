import Foundation
import Render
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// `ode-plot phase` run as a built program: the files it writes and every bad-input case.
@Suite struct PlotProgramTests {
    private let course = ["phase", "--system", "van-der-pol", "--limit-cycle", "--ics", "0.1,0;-3,2;2.5,-3"]

    private func odePlot(_ arguments: [String]) throws -> BuiltProgram.Result {
        try BuiltProgram("ode-plot").run(arguments)
    }

    @Test func pngDecodesWithItsDPIAndProvenance() throws {
        let scratch = try ScratchFolder()
        let file = scratch.path("vdp.png")
        let result = try odePlot(course + ["-o", file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty && result.stderr.isEmpty)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        let info = try #require(PNGInfo(data: bytes))
        #expect(info.width == 900 && info.height == 900)
        #expect(abs((info.dpi ?? 0) - 150) < 0.1)
        #expect(info.text["Title"] == "Van der Pol oscillator (μ = 1)")
        #expect(info.text["Software"]?.hasPrefix("Flowscope ") == true)
        #expect(info.text["Source"] == "ode-plot phase --system van-der-pol --limit-cycle --ics '0.1,0;-3,2;2.5,-3' -o \(file)")
        let image = try RGBAImage(pngData: bytes)
        #expect(image.width == 900)
        #expect(try scratch.contents() == ["vdp.png"])
    }

    @Test func svgParsesWithThePageSize() throws {
        let scratch = try ScratchFolder()
        let file = scratch.path("vdp.svg")
        let result = try odePlot(course + ["--size", "16x12cm", "-o", file])
        #expect(result.status == 0, "\(result.stderr)")
        let parser = try #require(XMLParser(contentsOf: URL(fileURLWithPath: file)))
        let root = RootElement()
        parser.delegate = root
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(root.name == "svg")
        let width = try #require(root.attributes["width"].flatMap { Double($0.replacingOccurrences(of: "pt", with: "")) })
        let height = try #require(root.attributes["height"].flatMap { Double($0.replacingOccurrences(of: "pt", with: "")) })
        #expect(abs(width - 16 / 2.54 * 72) < 0.01 && abs(height - 12 / 2.54 * 72) < 0.01)
    }

    @Test func pdfHasTheRightPageBox() throws {
        let scratch = try ScratchFolder()
        let file = scratch.path("vdp.pdf")
        let result = try odePlot(course + ["--size", "4x3in", "-o", file])
        #expect(result.status == 0, "\(result.stderr)")
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: file)), as: UTF8.self)
        #expect(text.hasPrefix("%PDF-"))
        let box = try #require(text.firstMatch(of: /\/MediaBox \[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]/))
        #expect(Double(box.output.1) == 288 && Double(box.output.2) == 216)
    }

    @Test func sameCommandWritesTheSameBytes() throws {
        let scratch = try ScratchFolder()
        for ext in ["png", "svg", "pdf"] {
            // Same arguments (the output path is part of the recorded command), two folders.
            let a = try ScratchFolder(), b = try ScratchFolder()
            for folder in [a, b] {
                let r = try BuiltProgram("ode-plot").run(course + ["-o", "fig." + ext], in: folder.url)
                #expect(r.status == 0, "\(r.stderr)")
            }
            let x = try Data(contentsOf: a.url.appendingPathComponent("fig." + ext))
            let y = try Data(contentsOf: b.url.appendingPathComponent("fig." + ext))
            #expect(x == y, "\(ext) differs between runs")
            #expect(x.count > 10_000)
        }
        _ = scratch
    }

    @Test(arguments: [
        (["phase", "--system", "no-such-system"], "unknown system 'no-such-system'"),
        (["phase", "--system", "van-der-pol", "--window", "3:-3,-3:3"], "--window expects x0:x1,y0:y1"),
        (["phase", "--system", "van-der-pol", "--window", "-3:3"], "--window expects x0:x1,y0:y1"),
        (["phase", "--system", "van-der-pol", "--size", "6by6"], "--size expects width x height"),
        (["phase", "--system", "van-der-pol", "--size", "0x6in"], "--size must be positive"),
        (["phase", "--system", "van-der-pol", "--ics", "1,2,3"], "--ics expects two numbers per state"),
        (["phase", "--system", "lorenz"], "lorenz has 3 components (x, y, z): fix all but two with --slice, e.g. --slice z=25"),
        (["phase", "--system", "lotka-volterra", "--limit-cycle"], "lotka-volterra has no limit cycle"),
        (["phase", "--system", "van-der-pol", "--theme", "missing-theme.json"], "theme file missing-theme.json does not exist"),
    ])
    func badInputExitsTwoWithOneLineAndNoFile(arguments: [String], message: String) throws {
        let scratch = try ScratchFolder()
        let result = try odePlot(arguments + ["-o", scratch.path("out.png")])
        #expect(result.status == 2)
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.hasPrefix("ode-plot: error: "))
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(try scratch.contents().isEmpty)
    }

    @Test func unknownExtensionOrMissingFolderExitsTwo() throws {
        let scratch = try ScratchFolder()
        let gif = try odePlot(["phase", "--system", "van-der-pol", "-o", scratch.path("out.gif")])
        #expect(gif.status == 2)
        #expect(gif.stderr == "ode-plot: error: unsupported image format .gif for \(scratch.path("out.gif")): use .png, .svg or .pdf\n")
        let folder = try odePlot(["phase", "--system", "van-der-pol", "-o", scratch.path("no/such/folder/out.png")])
        #expect(folder.status == 2)
        #expect(folder.stderrLines.count == 1)
        #expect(try scratch.contents().isEmpty)
    }

    @Test func helpAndCompletionListTheChoices() throws {
        let help = try odePlot(["phase", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("(values: learned, side-by-side,"), "\(help.stdout)")
        let script = try odePlot(["--generate-completion-script", "bash"])
        #expect(script.status == 0)
        for choice in ["'side-by-side'", "'rosenbrock23'", "'half-sse'", "'epoch'", "'circles'", "'mini-project'", "'tsit5'"] {
            #expect(script.stdout.contains(choice), "\(choice)")
        }
    }
}

/// Keeps the first element's name and attributes.
final class RootElement: NSObject, XMLParserDelegate {
    var name: String?
    var attributes: [String: String] = [:]

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        guard name == nil else { return }
        name = elementName
        attributes = attributeDict
    }
}
