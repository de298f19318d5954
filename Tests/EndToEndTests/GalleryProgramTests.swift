import Foundation
import Render
import Testing

/// `ode-gallery` run as a built program on a tiny two-figure manifest in a temporary project folder.
///
/// Figure `vdp` solves Van der Pol into `{data}/vdp.csv` and draws its field; figure `pendulum`
/// needs `vdp` (reads its CSV) and the input `notes.txt`. Images are 80×80 pixels to stay quick.
@Suite struct GalleryProgramTests {
    static let manifest = """
    {
      "format": "flowscope.gallery.v1",
      "title": "Test gallery",
      "intro": "Two small phase portraits.",
      "sections": [
        {"id": "planar", "title": "Planar systems", "intro": "Fields of two planar systems."}
      ],
      "figures": [
        {
          "name": "vdp",
          "section": "planar",
          "caption": "Van der Pol field, arrows coloured by speed.",
          "commands": [
            "ode-solve --system van-der-pol --y0 2,0 --t1 5 --points 11 -o {data}/vdp.csv",
            "ode-plot phase --system van-der-pol --quiver --size 4.5x3in --dpi 40 -o {out}/vdp.{ext}"
          ]
        },
        {
          "name": "pendulum",
          "section": "planar",
          "caption": "Pendulum field with one solution curve.",
          "inputs": ["{data}/vdp.csv", "notes.txt"],
          "needs": ["vdp"],
          "commands": [
            "ode-plot phase --system pendulum --quiver --ics '2,0' --t1 5 --size 4.5x3in --dpi 40 -o {out}/pendulum.{ext}"
          ]
        }
      ]
    }
    """

    /// A project folder with `gallery/gallery.json` (the manifest above, or `manifest`) and `notes.txt`.
    private final class Project {
        let scratch: ScratchFolder
        var root: URL { scratch.url }

        init(manifest: String = GalleryProgramTests.manifest) throws {
            scratch = try ScratchFolder()
            try FileManager.default.createDirectory(at: root.appendingPathComponent("gallery"), withIntermediateDirectories: true)
            try write("gallery/gallery.json", manifest)
            try write("notes.txt", "an input file\n")
        }

        func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

        func write(_ relative: String, _ text: String) throws {
            try text.write(toFile: path(relative), atomically: true, encoding: .utf8)
        }

        func read(_ relative: String) throws -> Data {
            try Data(contentsOf: URL(fileURLWithPath: path(relative)))
        }

        func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative)) }

        /// Replaces `old` (which must occur) by `new` in the manifest.
        func editManifest(_ old: String, _ new: String) throws {
            let text = try String(contentsOfFile: path("gallery/gallery.json"), encoding: .utf8)
            #expect(text.contains(old), "manifest has no '\(old)'")
            try write("gallery/gallery.json", text.replacingOccurrences(of: old, with: new))
        }

        /// Files in the gallery folder (hidden ones included), sorted.
        func galleryFiles() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: path("gallery")).sorted()
        }

        func gallery(_ arguments: [String]) throws -> BuiltProgram.Result {
            try BuiltProgram("ode-gallery").run(arguments, in: root)
        }

        /// Builds and expects success.
        @discardableResult
        func build(_ arguments: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) throws -> BuiltProgram.Result {
            let result = try gallery(["build"] + arguments)
            #expect(result.status == 0, "build failed: \(result.stderr)", sourceLocation: sourceLocation)
            return result
        }
    }

    /// The lines of `text` starting with `prefix`.
    private func lines(_ text: String, starting prefix: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { $0.hasPrefix(prefix) }
    }

    @Test func buildWritesImagesStampsReadmeThenCheckPasses() throws {
        let project = try Project()
        let result = try project.build(["--jobs", "2"])
        #expect(lines(result.stderr, starting: "built ").count == 2)
        #expect(result.stderr.contains("gallery: 2 built, 0 fresh, 0 failed in "))
        #expect(try project.galleryFiles() == [".stamps.json", "README.md", "data", "gallery.json", "index.html",
                                                "pendulum.png", "pendulum.svg", "vdp.png", "vdp.svg"])
        #expect(project.exists("gallery/data/vdp.csv"))
        let image = try RGBAImage(contentsOfFile: project.path("gallery/vdp.png"))
        #expect(image.width == 180 && image.height == 120)

        let readme = String(decoding: try project.read("gallery/README.md"), as: UTF8.self)
        #expect(readme.hasPrefix("# Test gallery\n"))
        #expect(readme.contains("## Planar systems"))
        #expect(readme.contains("![Van der Pol field, arrows coloured by speed](vdp.png)"))
        #expect(readme.contains("ode-solve --system van-der-pol --y0 2,0 --t1 5 --points 11 -o gallery/data/vdp.csv\n"))
        #expect(readme.contains("--dpi 40 -o gallery/pendulum.png\n"))
        #expect(readme.contains("--dpi 40 -o gallery/pendulum.svg\n"))
        #expect(try #require(readme.range(of: "### vdp")).lowerBound < #require(readme.range(of: "### pendulum")).lowerBound)

        let stamps = try #require(try JSONSerialization.jsonObject(with: project.read("gallery/.stamps.json")) as? [String: Any])
        let figures = try #require(stamps["figures"] as? [String: [String: Any]])
        #expect(Set(figures.keys) == ["vdp", "pendulum"])
        let outputs = try #require(figures["vdp"]?["outputs"] as? [String: String])
        #expect(Set(outputs.keys) == ["vdp.png", "vdp.svg"])

        let check = try project.gallery(["check"])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout == "ok vdp\nok pendulum\n")
        #expect(!project.exists("gallery-diff"))
    }

    @Test func secondBuildSkipsEverythingAndChangesNoFile() throws {
        let project = try Project()
        try project.build()
        let files = try project.galleryFiles()
        let before = try files.filter { $0 != "data" }.map { try project.read("gallery/" + $0) }
        let again = try project.build()
        #expect(lines(again.stderr, starting: "built ").isEmpty, "\(again.stderr)")
        #expect(again.stderr.contains("gallery: 0 built, 2 fresh, 0 failed"))
        #expect(try project.galleryFiles() == files)
        #expect(try files.filter { $0 != "data" }.map { try project.read("gallery/" + $0) } == before)
    }

    @Test func changedCommandOrInputMakesOnlyThatFigureStale() throws {
        let project = try Project()
        try project.build()
        let vdp = try project.read("gallery/vdp.png")

        try project.editManifest("--ics '2,0' --t1 5", "--ics '2,0' --t1 4")
        var result = try project.build()
        #expect(lines(result.stderr, starting: "built ").map { $0.split(separator: " ")[1] } == ["pendulum"])
        #expect(result.stderr.contains("(commands or inputs changed)"))
        #expect(result.stderr.contains("gallery: 1 built, 1 fresh, 0 failed"))
        #expect(try project.read("gallery/vdp.png") == vdp)

        try project.write("notes.txt", "an edited input file\n")
        result = try project.build()
        #expect(lines(result.stderr, starting: "built ").map { $0.split(separator: " ")[1] } == ["pendulum"])

        // A figure that others need takes them along.
        try project.editManifest("--points 11", "--points 12")
        result = try project.build()
        #expect(lines(result.stderr, starting: "built ").map { $0.split(separator: " ")[1] } == ["vdp", "pendulum"])
        #expect(result.stderr.contains("built pendulum in ") && result.stderr.contains("(needs vdp, which is rebuilt)"))
    }

    @Test func namedBuildTakesOnlyWhatItNeeds() throws {
        let project = try Project()
        let result = try project.build(["vdp"])
        #expect(lines(result.stderr, starting: "built ").map { $0.split(separator: " ")[1] } == ["vdp"])
        #expect(!project.exists("gallery/pendulum.png"))
        let unknown = try project.gallery(["build", "pendullum"])
        #expect(unknown.status == 2)
        #expect(unknown.stderrLines == ["ode-gallery: error: no figure named 'pendullum' in the manifest (see 'ode-gallery list')"])
    }

    @Test func changedCommittedImageFailsCheckWithItsNameAndADiff() throws {
        let project = try Project()
        try project.build()
        // Same size, other pixels: the pendulum's image where Van der Pol's should be.
        try project.read("gallery/pendulum.png").write(to: URL(fileURLWithPath: project.path("gallery/vdp.png")))
        let check = try project.gallery(["check"])
        #expect(check.status == 1, "\(check.stderr)")
        let out = check.stdout.split(separator: "\n").map(String.init)
        #expect(out.count == 2)
        #expect(out.first?.hasPrefix("drifted vdp rms=") == true)
        #expect(out.last == "ok pendulum")
        let rms = try #require(out.first.flatMap { $0.split(separator: " ")[2].split(separator: "=").last }.flatMap { Double($0) })
        #expect(rms > 1, "over the default tolerance of 1")
        let diff = try RGBAImage(contentsOfFile: project.path("gallery-diff/vdp.png"))
        #expect(diff.width == 180 && diff.height == 120)
        #expect(!project.exists("gallery-diff/pendulum.png"))
    }

    @Test func missingAndExtraImagesAreNamed() throws {
        let project = try Project()
        try project.build()
        try FileManager.default.moveItem(atPath: project.path("gallery/pendulum.png"), toPath: project.path("gallery/old-figure.png"))
        let check = try project.gallery(["check"])
        #expect(check.status == 1)
        #expect(check.stdout == "ok vdp\nmissing pendulum\nextra old-figure\n")
    }

    @Test func failingCommandKeepsThePreviousImagesAndExitsThree() throws {
        let project = try Project()
        try project.build()
        let png = try project.read("gallery/pendulum.png"), svg = try project.read("gallery/pendulum.svg")
        // The images are redrawn (smaller), then a later command fails: the old ones must stay.
        try project.editManifest("--dpi 40 -o {out}/pendulum.{ext}\"",
                                 "--dpi 30 -o {out}/pendulum.{ext}\", \"ode-solve --system nope --y0 1 --t1 1\"")
        let result = try project.gallery(["build"])
        #expect(result.status == 3)
        #expect(result.stderr.contains("failed pendulum: command 2 (ode-solve) exited with 2: ode-solve: error: unknown system 'nope'"))
        #expect(result.stderr.contains("gallery: 0 built, 1 fresh, 1 failed"))
        #expect(result.stderrLines.last == "ode-gallery: error: 1 figure failed: pendulum")
        #expect(try project.read("gallery/pendulum.png") == png)
        #expect(try project.read("gallery/pendulum.svg") == svg)
        #expect(try project.galleryFiles().filter { $0.hasSuffix(".previous") }.isEmpty)
        // The failed figure lost its stamp, so the next build tries it again.
        let retry = try project.gallery(["build"])
        #expect(retry.status == 3)
        #expect(retry.stderr.contains("failed pendulum"))
    }

    @Test(arguments: [
        ("bad JSON", "\"caption\": \"Van der Pol", "\"caption\" \"Van der Pol", "not valid JSON"),
        ("unknown section", "\"section\": \"planar\",\n      \"caption\": \"Pendulum", "\"section\": \"planer\",\n      \"caption\": \"Pendulum",
         "figure 'pendulum': unknown section 'planer'"),
        ("duplicate name", "\"name\": \"pendulum\"", "\"name\": \"vdp\"", "figure name 'vdp' appears twice"),
        ("missing caption", "\"caption\": \"Pendulum field with one solution curve.\",", "", "figure 'pendulum': missing \"caption\""),
        ("unknown need", "\"needs\": [\"vdp\"]", "\"needs\": [\"vdq\"]", "figure 'pendulum': needs 'vdq', which is not a figure"),
        ("unquoted semicolon", "--ics '2,0'", "--ics 2,0;1,1", "figure 'pendulum': command 1: unquoted ';'"),
    ])
    func corruptedManifestIsOneLineExitTwoAndWritesNothing(name: String, old: String, new: String, mention: String) throws {
        let project = try Project()
        try project.editManifest(old, new)
        for command in [["build"], ["check"], ["list"]] {
            let result = try project.gallery(command)
            #expect(result.status == 2, "\(name): \(result.stderr)")
            #expect(result.stderrLines.count == 1, "\(name): \(result.stderr)")
            #expect(result.stderr.hasPrefix("ode-gallery: error: gallery/gallery.json: "), "\(result.stderr)")
            #expect(result.stderr.contains(mention), "\(name): \(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
        #expect(try project.galleryFiles() == ["gallery.json"])
        #expect(!project.exists("gallery-diff"))
    }

    @Test func missingInputNamesFigureAndFileAndWritesNothing() throws {
        let project = try Project()
        try FileManager.default.removeItem(atPath: project.path("notes.txt"))
        let result = try project.gallery(["build"])
        #expect(result.status == 2)
        #expect(result.stderrLines.count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("figure 'pendulum': input notes.txt does not exist"))
        #expect(try project.galleryFiles() == ["gallery.json"])
    }

    @Test func listPrintsNameSectionCaption() throws {
        let project = try Project()
        let result = try project.gallery(["list"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            vdp       planar  Van der Pol field, arrows coloured by speed.
            pendulum  planar  Pendulum field with one solution curve.

            """)
    }

    @Test func buildWritesAnHTMLIndexWithThumbnailsAndPanels() throws {
        let project = try Project()
        try project.build()
        var page = String(decoding: try project.read("gallery/index.html"), as: UTF8.self)
        #expect(page.hasPrefix("<!DOCTYPE html>\n"))
        #expect(page.contains("<h1>Test gallery</h1>"))
        #expect(page.contains("<section id=\"section-planar\">\n<h2>Planar systems</h2>"))
        let vdpThumb = try #require(page.range(of: "<a class=\"thumb\" href=\"#vdp\"><img src=\"vdp.png\""))
        let pendulumThumb = try #require(page.range(of: "<a class=\"thumb\" href=\"#pendulum\"><img src=\"pendulum.png\""))
        #expect(vdpThumb.lowerBound < pendulumThumb.lowerBound)
        let panel = try #require(page.range(of: "<div class=\"panel\" id=\"pendulum\">"))
        let after = page[panel.lowerBound...]
        #expect(after.contains("<p>Pendulum field with one solution curve.</p>"))
        #expect(after.contains("--dpi 40 -o gallery/pendulum.svg"))
        #expect(after.contains("<a href=\"pendulum.svg\">SVG</a>"))
        #expect(!page.contains(".pdf"), "no PDF was built")

        try project.build(["vdp", "--force", "--pdf"])
        page = String(decoding: try project.read("gallery/index.html"), as: UTF8.self)
        #expect(page.contains("<a href=\"vdp.pdf\">PDF</a>"))
        #expect(!page.contains("pendulum.pdf"))
    }

    @Test func checkNamesOnlyTheFiguresAskedFor() throws {
        let project = try Project()
        try project.build()
        let one = try project.gallery(["check", "pendulum"])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout == "ok pendulum\n", "vdp is rebuilt (pendulum needs it) but not reported")
        let unknown = try project.gallery(["check", "pendullum"])
        #expect(unknown.status == 2)
    }

    @Test func checkReportPutsTheDriftedFigureFirstWithItsImagesAndJUnit() throws {
        let project = try Project()
        try project.build()
        try project.read("gallery/vdp.png").write(to: URL(fileURLWithPath: project.path("gallery/pendulum.png")))
        let check = try project.gallery(["check", "--report", "report", "--junit", "report/junit.xml"])
        #expect(check.status == 1, "\(check.stderr)")
        #expect(check.stderr.contains("check: report in report/index.html"))
        let files = try FileManager.default.contentsOfDirectory(atPath: project.path("report")).sorted()
        #expect(files == ["index.html", "junit.xml", "pendulum.baseline.png", "pendulum.diff.png", "pendulum.new.png",
                          "vdp.baseline.png", "vdp.new.png"])
        #expect(try project.read("report/pendulum.baseline.png") == project.read("gallery/pendulum.png"))
        #expect(try project.read("report/pendulum.diff.png") == project.read("gallery-diff/pendulum.png"))

        let page = String(decoding: try project.read("report/index.html"), as: UTF8.self)
        #expect(page.contains("<h1>Gallery check: 1 of 2 figures failing</h1>"))
        let drifted = try #require(page.range(of: "<section class=\"figure drifted\" id=\"pendulum\">"))
        let ok = try #require(page.range(of: "<section class=\"figure ok\" id=\"vdp\">"))
        #expect(drifted.lowerBound < ok.lowerBound, "the drifted figure comes first")
        let rms = try #require(check.stdout.split(separator: "\n").first { $0.hasPrefix("drifted pendulum rms=") })
            .split(separator: " ")[2].dropFirst(4)
        #expect(page[drifted.lowerBound..<ok.lowerBound].contains("RMS \(rms) &gt; 1.000"))
        #expect(page.contains("<img src=\"pendulum.diff.png\""))
        #expect(page.contains("ode-plot phase --system pendulum --quiver --ics 2,0 --t1 5"))

        let xml = String(decoding: try project.read("report/junit.xml"), as: UTF8.self)
        #expect(xml.contains("<testsuite name=\"gallery\" tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\""))
        #expect(xml.contains("<testcase classname=\"gallery.planar\" name=\"vdp\" time=\""))
        #expect(xml.contains("<failure type=\"drifted\" message=\"rms \(rms) over tolerance 1.000\">"))
        #expect(xml.contains("gallery-diff/pendulum.png</failure>"))
    }
}
