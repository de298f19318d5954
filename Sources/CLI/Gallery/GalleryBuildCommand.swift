import ArgumentParser
import Foundation

/// `ode-gallery build`: rebuild the stale figures on all cores, then the stamps and README.md.
public struct GalleryBuildCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Rebuild the stale figures (all, or the named ones and what they need) and write README.md and index.html.",
        discussion: """
        A figure is stale when its commands, the contents of its inputs, the program version or \
        a figure it needs changed, or when one of its images is missing or was changed since it \
        was built. Stamps are kept in .stamps.json next to the manifest. Each finished figure \
        prints a line with its time; a failed figure keeps its previous images and is retried \
        next time. A figure rebuilt without --pdf loses its old PDF (it would be out of date). \
        Programs are not hashed: after changing drawing code, run `ode-gallery check` or \
        `build --force`. README.md and index.html (thumbnails by section; each opens the figure \
        with its caption, commands and links to its SVG and PDF) are rewritten every time.
        """)

    @OptionGroup public var options: GalleryOptions

    @Argument(help: ArgumentHelp("Figures to build (default: all).", valueName: "name"))
    public var names: [String] = []

    @Flag(help: "Write a PDF of each built figure as well.")
    public var pdf = false

    @Flag(help: "Rebuild the selected figures even when fresh.")
    public var force = false

    @OptionGroup(title: "Resources") public var memory: MemoryBudgetOptions

    public init() {}

    public func run() throws {
        let start = ProcessInfo.processInfo.systemUptime
        let manifest = try options.readManifest()
        let layout = options.layout
        let planner = GalleryPlanner(manifest: manifest, layout: layout, formats: GalleryFormat.building(pdf: pdf))
        let selected = try planner.selection(names)
        try planner.preflight(selected)
        let loaded = GalleryStamps.load(path: layout.stampsPath)
        if loaded == nil {
            StandardStreams.writeError("warning: \(layout.stampsPath) cannot be read; every figure is rebuilt\n")
        }
        let plan = planner.plan(selected, stamps: loaded, force: force)
        let reasons = Dictionary(uniqueKeysWithValues: plan.stale.map { ($0.figure.name, $0.rebuildReason) })
        let outcomes = GalleryRunner.run(plan, builder: GalleryFigureBuilder(planner: planner), jobs: options.jobCount) {
            figure, outcome in
            StandardStreams.writeError(GalleryProgress.line(figure, outcome, reason: reasons[figure.name] ?? nil) + "\n")
        }

        var stamps = loaded ?? GalleryStamps()
        var failed: [String] = []
        for (name, outcome) in outcomes {
            switch outcome {
            case let .built(stamp, _): stamps.figures[name] = stamp
            case .failed: stamps.figures[name] = nil; failed.append(name)
            }
        }
        let known = Set(manifest.figures.map(\.name))
        stamps.figures = stamps.figures.filter { known.contains($0.key) }
        try stamps.save(path: layout.stampsPath)
        try GalleryReadmeWriter.write(manifest, layout: layout)
        try GalleryIndexWriter.write(manifest, layout: layout)
        let unfilled = GalleryReadmeWriter.unfilled(manifest, layout: layout)
        if failed.isEmpty, !unfilled.isEmpty {
            throw ProgramError.failure("captions quote numbers no sidecar holds: " + unfilled.joined(separator: ", "))
        }

        let seconds = ProcessInfo.processInfo.systemUptime - start
        StandardStreams.writeError(GalleryProgress.summary(built: outcomes.count - failed.count, fresh: plan.fresh.count,
                                                           failed: failed.count, seconds: seconds) + "\n")
        if !failed.isEmpty {
            let list = manifest.figures.map(\.name).filter(failed.contains).joined(separator: ", ")
            throw ProgramError.failure("\(failed.count) figure\(failed.count == 1 ? "" : "s") failed: \(list)")
        }
    }
}
