import CLI
import Foundation
import Testing

/// Reading gallery manifests: the model they give and the one-line error for each kind of mistake.
@Suite struct GalleryManifestReaderTests {
    /// A manifest with sections `a`, `b` and the given figure objects (JSON text).
    static func manifest(_ figures: [String], format: String = GalleryManifest.format) -> String {
        """
        {"format": "\(format)", "title": "T", "intro": "I",
         "sections": [{"id": "a", "title": "A"}, {"id": "b", "title": "B", "intro": "about b"}],
         "figures": [\(figures.joined(separator: ",\n"))]}
        """
    }

    static func figure(_ name: String, section: String = "a", extra: String = "") -> String {
        """
        {"name": "\(name)", "section": "\(section)", "caption": "Figure \(name).",
         "commands": ["ode-plot phase --system pendulum -o {out}/\(name).{ext}"]\(extra)}
        """
    }

    private func parse(_ text: String) throws -> GalleryManifest {
        try GalleryManifestReader.parse(Data(text.utf8), name: "m.json")
    }

    @Test func readsSectionsFiguresAndCommands() throws {
        let text = Self.manifest([
            Self.figure("one", extra: #", "inputs": ["assets/x.json"]"#),
            """
            {"name": "two", "section": "b", "caption": "Two.", "needs": ["one"], "inputs": ["{data}/m.json"],
             "commands": ["ode-train --preset code-lab -o {data}/m.json", "ode-plot phase --system spiral --title '\\\\dot{x}' -o {out}/two.{ext}"]}
            """,
        ])
        let manifest = try parse(text)
        #expect(manifest.title == "T" && manifest.intro == "I")
        #expect(manifest.sections == [GallerySection(id: "a", title: "A", intro: ""), GallerySection(id: "b", title: "B", intro: "about b")])
        #expect(manifest.figures.map(\.name) == ["one", "two"])
        let two = try #require(manifest.figure(named: "two"))
        #expect(two.needs == ["one"] && two.inputs == ["{data}/m.json"])
        #expect(two.commands.map(\.program) == ["ode-train", "ode-plot"])
        #expect(two.commands.map(\.perFormat) == [false, true])
        #expect(two.commands[1].words.suffix(4) == ["--title", "\\dot{x}", "-o", "{out}/two.{ext}"])
        let expanded = two.commands[1].expanded(GalleryPlaceholders(out: "gallery", data: "gallery/data", ext: "svg"))
        #expect(expanded.last == "gallery/two.svg")
        #expect(manifest.closure(of: ["two"]).map(\.name) == ["one", "two"])
    }

    @Test(arguments: [
        ("{\"format\": ", "not valid JSON (unexpected end of file"),
        ("[]", "the manifest must be a JSON object"),
        (manifest([figure("x")], format: "flowscope.gallery.v0"), "format is 'flowscope.gallery.v0'"),
        (manifest([figure("x", section: "c")]), "figure 'x': unknown section 'c' (sections: a, b)"),
        (manifest([figure("x"), figure("x")]), "figure name 'x' appears twice"),
        (manifest([figure("Big")]), "figure name 'Big' must be lowercase"),
        (manifest([figure("x", extra: #", "caption ": "y""#)]), "figure 'x': unknown key 'caption '"),
        (manifest([figure("x", extra: #", "needs": ["x"]"#)]), "figure 'x': needs 'x', which is itself"),
        (manifest([figure("x", extra: #", "needs": ["y"]"#), figure("y", extra: #", "needs": ["x"]"#)]),
         "figures need each other in a cycle: x → y → x"),
        (manifest([figure("x", extra: #", "inputs": ["{data}/m.json"]"#)]), "figure 'x': input '{data}/m.json' is another figure's product"),
        (manifest([figure("x", extra: #", "inputs": ["/etc/passwd"]"#)]), "must be a path inside the project"),
        (manifest([figure("x", extra: #", "inputs": "a.txt""#)]), "figure 'x': \"inputs\" must be a list of strings"),
        (manifest([#"{"name": "x", "section": "a", "caption": "C.", "commands": ["ode-plot phase -o {out}/y.{ext}"]}"#]),
         "figure 'x': no command writes {out}/x.{ext}"),
        (manifest([#"{"name": "x", "section": "a", "caption": "C.", "commands": ["rm -rf {out}", "ode-plot phase -o {out}/x.{ext}"]}"#]),
         "figure 'x': command 1: runs 'rm'"),
        (manifest([#"{"name": "x", "section": "a", "caption": "C.", "commands": []}"#]), "figure 'x': commands is empty"),
        (manifest([#"{"section": "a", "caption": "C.", "commands": []}"#]), "figures[0]: missing \"name\""),
        (manifest([figure("x", extra: #", "animation": "apng""#)]), "figure 'x': animation 'apng' must be one of gif, webp, mp4"),
        (manifest([figure("x", extra: #", "animation": "gif""#)]), "figure 'x': no command writes {out}/x.gif"),
    ])
    func errorsAreOneLineNamingTheFigure(text: String, mention: String) {
        do {
            _ = try parse(text)
            Issue.record("no error for: \(mention)")
        } catch let error as ProgramError {
            #expect(error.status == .badInput)
            #expect(error.message.hasPrefix("m.json: "))
            #expect(error.message.contains(mention), "\(error.message)")
            #expect(!error.message.contains("\n"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func anAnimationIsAnOutputNextToItsPoster() throws {
        let text = Self.manifest([#"{"name": "m", "section": "a", "caption": "C.", "animation": "gif", "commands": ["ode-plot phase --animate -o {out}/m.{ext}", "ode-plot phase --animate -o {out}/m.gif"]}"#])
        let figure = try #require(try parse(text).figures.first)
        #expect(figure.animation == "gif")
        #expect(figure.outputFiles([GalleryFormat.png, GalleryFormat.svg]) == ["m.png", "m.svg", "m.gif"])
    }

    @Test func syntaxErrorsGiveLineAndColumn() {
        let text = "{\n  \"format\": \"flowscope.gallery.v1\",\n  \"title\" \"x\"\n}"
        #expect(throws: ProgramError.badInput("m.json: not valid JSON (invalid value at line 3, column 11)")) { try parse(text) }
    }
}
