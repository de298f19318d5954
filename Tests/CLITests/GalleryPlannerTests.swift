import CLI
import Foundation
import Testing

/// Staleness: which figures the planner rebuilds and why, from keys, stamps and the files on disk.
@Suite struct GalleryPlannerTests {
    /// A temporary project: `gallery/` for outputs, `in.txt` as an input, `gallery/data/m.json` as a product.
    final class Project {
        let root: String
        let layout: GalleryLayout

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("gallery-planner-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: root + "/gallery/data", withIntermediateDirectories: true)
            layout = GalleryLayout(root: root, outFolder: root + "/gallery", programFolder: root + "/bin")
            try write("in.txt", "input\n")
            try write("gallery/data/m.json", "{}\n")
        }

        func write(_ relative: String, _ text: String) throws {
            try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/" + relative))
        }

        deinit { try? FileManager.default.removeItem(atPath: root) }
    }

    static func figure(_ name: String, command: String = "", inputs: [String] = [], needs: [String] = []) throws -> GalleryFigure {
        GalleryFigure(name: name, section: "s", caption: "C.",
                      commands: [try GalleryCommandTemplate("ode-plot phase \(command) -o {out}/\(name).{ext}")],
                      inputs: inputs, needs: needs)
    }

    static func manifest(_ figures: [GalleryFigure]) -> GalleryManifest {
        GalleryManifest(title: "T", intro: "", sections: [GallerySection(id: "s", title: "S", intro: "")], figures: figures)
    }

    /// Writes the figures' images and stamps as a successful build would.
    func stampAll(_ planner: GalleryPlanner, _ project: Project) throws -> GalleryStamps {
        var stamps = GalleryStamps()
        var keys: [String: String] = [:]
        for figure in try planner.selection([]) {
            var outputs: [String: String] = [:]
            for file in figure.outputFiles(planner.formats) {
                try project.write("gallery/" + file, "image of \(file)")
                outputs[file] = SHA256.hex(Data("image of \(file)".utf8))
            }
            let key = try #require(planner.key(for: figure, needKeys: keys))
            keys[figure.name] = key
            stamps.figures[figure.name] = GalleryStamps.Stamp(key: key, version: flowscopeVersion, outputs: outputs)
        }
        return stamps
    }

    private func reasons(_ plan: GalleryPlan) -> [String: String] {
        Dictionary(uniqueKeysWithValues: plan.entries.map { ($0.figure.name, $0.rebuildReason ?? "fresh") })
    }

    @Test func keyDependsOnCommandsInputContentsAndNeeds() throws {
        let project = try Project()
        let planner = GalleryPlanner(manifest: Self.manifest([]), layout: project.layout, formats: [.png])
        let base = try Self.figure("a", command: "--system pendulum", inputs: ["in.txt"], needs: ["b"])
        let key = try #require(planner.key(for: base, needKeys: ["b": "k1"]))
        #expect(key.count == 64)
        #expect(planner.key(for: base, needKeys: ["b": "k1"]) == key)
        #expect(planner.key(for: try Self.figure("a", command: "--system spiral", inputs: ["in.txt"], needs: ["b"]),
                            needKeys: ["b": "k1"]) != key)
        #expect(planner.key(for: base, needKeys: ["b": "k2"]) != key)
        try project.write("in.txt", "changed\n")
        #expect(planner.key(for: base, needKeys: ["b": "k1"]) != key)
        #expect(planner.key(for: try Self.figure("a", inputs: ["{data}/none.json"], needs: ["b"]), needKeys: [:]) == nil)
    }

    @Test func freshUntilSomethingChanges() throws {
        let project = try Project()
        let figures = [try Self.figure("a", inputs: ["in.txt"]),
                       try Self.figure("b", inputs: ["{data}/m.json"], needs: ["a"]),
                       try Self.figure("c")]
        let planner = GalleryPlanner(manifest: Self.manifest(figures), layout: project.layout, formats: [.png, .svg])
        let all = try planner.selection([])
        #expect(reasons(planner.plan(all, stamps: GalleryStamps(), force: false))
                == ["a": "never built", "b": "needs a, which is rebuilt", "c": "never built"])
        #expect(reasons(planner.plan(all, stamps: nil, force: false))["c"] == "the stamps file cannot be read")

        var stamps = try stampAll(planner, project)
        #expect(planner.plan(all, stamps: stamps, force: false).stale.isEmpty)
        #expect(planner.plan(all, stamps: stamps, force: true).stale.count == 3)
        // PDFs are not required of a fresh figure unless this build writes them.
        let withPDF = GalleryPlanner(manifest: Self.manifest(figures), layout: project.layout, formats: [.png, .svg, .pdf])
        #expect(reasons(withPDF.plan(all, stamps: stamps, force: false))["c"] == "c.pdf is missing")

        try project.write("gallery/c.svg", "edited by hand")
        #expect(reasons(planner.plan(all, stamps: stamps, force: false)) == ["a": "fresh", "b": "fresh", "c": "c.svg differs from what was built"])
        try FileManager.default.removeItem(atPath: project.root + "/gallery/c.svg")
        #expect(reasons(planner.plan(all, stamps: stamps, force: false))["c"] == "c.svg is missing")

        try project.write("in.txt", "new input\n")
        #expect(reasons(planner.plan(all, stamps: stamps, force: false))
                == ["a": "commands or inputs changed", "b": "needs a, which is rebuilt", "c": "c.svg is missing"])

        stamps = try stampAll(planner, project)
        stamps.figures["c"]?.version = "0.0.1"
        stamps.figures["c"]?.key = "old"
        #expect(reasons(planner.plan(all, stamps: stamps, force: false))["c"] == "program version changed (0.0.1 → \(flowscopeVersion))")
    }

    @Test func missingProductRebuildsTheFiguresThatMakeIt() throws {
        let project = try Project()
        let figures = [try Self.figure("a"), try Self.figure("b", inputs: ["{data}/m.json"], needs: ["a"]), try Self.figure("c")]
        let planner = GalleryPlanner(manifest: Self.manifest(figures), layout: project.layout, formats: [.png])
        let stamps = try stampAll(planner, project)
        try FileManager.default.removeItem(atPath: project.root + "/gallery/data/m.json")
        let plan = planner.plan(try planner.selection([]), stamps: stamps, force: false)
        #expect(reasons(plan) == ["a": "forced", "b": "needs a, which is rebuilt", "c": "fresh"])
        #expect(plan.stale.map(\.figure.name) == ["a", "b"])
    }

    @Test func selectionAddsNeedsAndOrdersThemFirst() throws {
        let project = try Project()
        let figures = [try Self.figure("late", needs: ["early"]), try Self.figure("other"), try Self.figure("early")]
        let planner = GalleryPlanner(manifest: Self.manifest(figures), layout: project.layout, formats: [.png])
        #expect(try planner.selection([]).map(\.name) == ["early", "late", "other"])
        #expect(try planner.selection(["late"]).map(\.name) == ["early", "late"])
        #expect(throws: ProgramError.badInput("no figure named 'nope' in the manifest (see 'ode-gallery list')")) {
            try planner.selection(["nope"])
        }
    }

    @Test func preflightNamesTheFigureAndTheMissingFile() throws {
        let project = try Project()
        let planner = GalleryPlanner(manifest: Self.manifest([]), layout: project.layout, formats: [.png])
        let missing = try Self.figure("a", inputs: ["in.txt", "nope.csv"])
        #expect(throws: ProgramError.badInput("figure 'a': input nope.csv does not exist (paths are relative to \(project.root))")) {
            try planner.preflight([missing])
        }
        #expect(throws: ProgramError.badInput("figure 'b': program ode-plot not found in \(project.root)/bin (build it with swift build)")) {
            try planner.preflight([try Self.figure("b", inputs: ["in.txt", "{data}/later.json"])])
        }
    }

    @Test func commandsMayReadOnlyDeclaredProjectFiles() throws {
        let project = try Project()
        let planner = GalleryPlanner(manifest: Self.manifest([]), layout: project.layout, formats: [.png])
        let undeclared = try Self.figure("a", command: "--theme in.txt")
        #expect(planner.undeclaredFile(undeclared.commands[0], of: undeclared) == "in.txt")
        #expect(throws: ProgramError.badInput("figure 'a': command 1 reads in.txt, which is not in its inputs (declare it, so a change to it rebuilds the figure)")) {
            try planner.preflight([undeclared])
        }
        let equals = try Self.figure("b", command: "--theme=in.txt --model {data}/m.json")
        #expect(planner.undeclaredFile(equals.commands[0], of: equals) == "in.txt")
        let declared = try Self.figure("c", command: "--theme=in.txt --system gallery", inputs: ["in.txt"])
        #expect(planner.undeclaredFile(declared.commands[0], of: declared) == nil)
    }
}
