import ArgumentParser
import Foundation
import Render

/// `ode-gallery check`: rebuild every figure (or the named ones) into a temporary folder and compare its PNG with the committed one.
public struct GalleryCheckCommand: ParsableCommand {
    /// Largest RMS difference (0–255 scale, every channel) a figure may drift by.
    ///
    /// The same build on the same machine gives identical pixels (RMS 0; debug and release builds
    /// too). Another CPU or libm moves curves by a fraction of a pixel, which changes anti-aliased
    /// edge pixels by a few levels. Measured on the 900×900 Van der Pol portrait: changing μ by
    /// 1e-6 (far more than float rounding) gives RMS 0.04, by 1e-4 gives 0.73; the smallest
    /// visible changes tried (one legend entry's text, a moved initial state) give 8.5 and 13.
    public static let defaultTolerance = 1.0

    public static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Rebuild every figure into a temporary folder and compare the PNGs with the committed ones.",
        discussion: """
        Prints one line per figure: `ok NAME`, `drifted NAME rms=…` (a diff image is written to \
        the diff folder: the committed figure faded, differing pixels red, anti-aliasing yellow), \
        `missing NAME` (no committed PNG), `failed NAME: …` (could not be rebuilt), and \
        `unfit NAME: …` (pixels match but its sidecar shows text printing under 8 pt at the 6.5 in \
        text width, a legend over drawn data, or caption numbers that changed), and \
        `extra NAME` for committed PNGs no figure makes. RMS is over every channel of every pixel \
        on the 0–255 scale. On the machine that built the figures it is 0; the default \
        tolerance, \(defaultTolerance), covers the sub-pixel anti-aliasing differences another \
        CPU's floating point gives (about 0.04 when a parameter moves by 1e-6), while the \
        smallest visible change (one legend entry) gives about 8.

        --report FOLDER writes FOLDER/index.html (failures first; baseline, new and diff images \
        side by side, copied next to the page) and --junit FILE a JUnit XML file with one test \
        case per figure, for CI systems; both are written whether the check passes or not.

        Examples:
          ode-gallery check
          ode-gallery check vdp-phase stiff
          ode-gallery check --report gallery-report --junit gallery-report/junit.xml

        Exit codes: 0 every figure ok (extras allowed); 1 a figure drifted or is missing; \
        2 bad input (malformed manifest, missing input or program); 3 a figure could not be rebuilt.
        """)

    @OptionGroup public var options: GalleryOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("Largest RMS (0–255 scale) still ok.", valueName: "rms"))
    public var tolerance: Double = defaultTolerance

    @Option(name: .customLong("diff-folder"),
            help: ArgumentHelp("Where diff images go (default: gallery-diff in the project root).", valueName: "folder"))
    public var diffFolder: String?

    @Option(help: ArgumentHelp("Write an HTML report to <folder>/index.html: per figure its status, RMS, the baseline, "
                               + "new and diff images side by side (copied next to the page) and its commands.", valueName: "folder"))
    public var report: String?

    @Option(help: ArgumentHelp("Write a JUnit XML report (one test case per figure) to <file>.", valueName: "file"))
    public var junit: String?

    @Argument(help: ArgumentHelp("Figures to check (default: all); the figures they need are rebuilt too.", valueName: "name"))
    public var names: [String] = []

    @OptionGroup(title: "Resources") public var memory: MemoryBudgetOptions

    public init() {}

    public func validate() throws {
        guard tolerance.isFinite, tolerance >= 0 else { throw ValidationError("--tolerance must be a number ≥ 0 (got \(tolerance))") }
    }

    public func run() throws {
        let manifest = try options.readManifest()
        let committed = options.layout
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ode-gallery-check-\(UUID().uuidString)").path
        do {
            try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        } catch {
            throw ProgramError.failure("cannot create a temporary folder: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let layout = GalleryLayout(root: committed.root, outFolder: scratch, programFolder: committed.programFolder)
        let planner = GalleryPlanner(manifest: manifest, layout: layout, formats: [.png])
        let selected = try planner.selection(names)
        try planner.preflight(selected)
        let plan = planner.plan(selected, stamps: GalleryStamps(), force: true)
        let start = ProcessInfo.processInfo.systemUptime
        let outcomes = GalleryRunner.run(plan, builder: GalleryFigureBuilder(planner: planner), jobs: options.jobCount) {
            figure, outcome in
            if case .built = outcome { StandardStreams.writeError(GalleryProgress.line(figure, outcome, reason: nil) + "\n") }
        }

        let diffs = diffFolder ?? committed.root + "/gallery-diff"
        let checker = GalleryChecker(committedFolder: committed.outFolder, rebuiltFolder: scratch,
                                     diffFolder: diffs, tolerance: tolerance)
        let checked = names.isEmpty ? manifest.figures : manifest.figures.filter { names.contains($0.name) }
        var results: [GalleryCheckResult] = []
        for figure in checked {
            var seconds: Double?
            let verdict: GalleryChecker.Verdict
            switch outcomes[figure.name] {
            case let .failed(message)?:
                verdict = .failed(message)
            case let .built(_, took)?:
                seconds = took
                verdict = Self.verdict(figure, checker: checker)
            case nil:
                verdict = Self.verdict(figure, checker: checker)
            }
            results.append(GalleryCheckResult(figure: figure, verdict: verdict, seconds: seconds))
            StandardStreams.writeOutput(GalleryChecker.line(figure.name, verdict) + "\n")
        }
        if names.isEmpty {
            for extra in checker.extras(known: Set(manifest.figures.map(\.name))) {
                StandardStreams.writeOutput("extra \(extra)\n")
            }
        }
        let seconds = ProcessInfo.processInfo.systemUptime - start
        if let report {
            let writer = GalleryCheckReport(folder: report, committedFolder: committed.outFolder, rebuiltFolder: scratch,
                                            diffFolder: diffs, tolerance: tolerance, layout: committed)
            try writer.write(results, seconds: seconds)
            StandardStreams.writeError("check: report in \(report)/index.html\n")
        }
        if let junit {
            let xml = GalleryJUnitReport.text(results, tolerance: tolerance, seconds: seconds)
            do { try AtomicFile.write(Data(xml.utf8), to: junit) } catch {
                throw ProgramError.failure("cannot write \(junit): \(error)")
            }
        }
        let count = { (status: String) in results.filter { $0.status == status }.count }
        StandardStreams.writeError("check: \(count("ok")) ok, \(count("drifted")) drifted, \(count("missing")) missing, "
                                   + "\(count("failed")) failed, \(count("unfit")) unfit in \(GalleryProgress.format(seconds)) s\n")
        if results.contains(where: { if case .failed = $0.verdict { true } else { false } }) {
            throw ExitCode(ExitStatus.failure.rawValue)
        }
        if results.contains(where: \.verdict.fails) { throw ExitCode(ExitStatus.overTolerance.rawValue) }
    }

    /// The pixel verdict, or `unfit` when the pixels pass but the figure's sidecar shows it unfit for the page.
    private static func verdict(_ figure: GalleryFigure, checker: GalleryChecker) -> GalleryChecker.Verdict {
        let name = figure.name
        var pixels = checker.verdict(for: name)
        if !pixels.fails, let ext = figure.animation { pixels = checker.animationVerdict(for: name, extension: ext) }
        let problems = checker.sidecarProblems(for: name)
        return pixels.fails || problems.isEmpty ? pixels : .unfit(problems.joined(separator: "; "))
    }
}
