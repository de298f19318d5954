import ArgumentParser
import Foundation

/// `ode-gallery check`: rebuild every figure into a temporary folder and compare its PNG with the committed one.
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

        Exit codes: 0 every figure ok (extras allowed); 1 a figure drifted or is missing; \
        2 bad input (malformed manifest, missing input or program); 3 a figure could not be rebuilt.
        """)

    @OptionGroup public var options: GalleryOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("Largest RMS (0–255 scale) still ok.", valueName: "rms"))
    public var tolerance: Double = defaultTolerance

    @Option(name: .customLong("diff-folder"),
            help: ArgumentHelp("Where diff images go (default: gallery-diff in the project root).", valueName: "folder"))
    public var diffFolder: String?

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
        let selected = try planner.selection([])
        try planner.preflight(selected)
        let plan = planner.plan(selected, stamps: GalleryStamps(), force: true)
        let start = ProcessInfo.processInfo.systemUptime
        let outcomes = GalleryRunner.run(plan, builder: GalleryFigureBuilder(planner: planner), jobs: options.jobCount) {
            figure, outcome in
            if case .built = outcome { StandardStreams.writeError(GalleryProgress.line(figure, outcome, reason: nil) + "\n") }
        }

        let checker = GalleryChecker(committedFolder: committed.outFolder, rebuiltFolder: scratch,
                                     diffFolder: diffFolder ?? committed.root + "/gallery-diff", tolerance: tolerance)
        var status = ExitStatus.ok
        var counts = (ok: 0, drifted: 0, missing: 0, failed: 0, unfit: 0)
        for figure in manifest.figures {
            let verdict: GalleryChecker.Verdict
            if case let .failed(message) = outcomes[figure.name] {
                verdict = .failed(message)
            } else {
                let pixels = checker.verdict(for: figure.name)
                let problems = checker.sidecarProblems(for: figure.name)
                verdict = pixels.fails || problems.isEmpty ? pixels : .unfit(problems.joined(separator: "; "))
            }
            switch verdict {
            case .ok: counts.ok += 1
            case .drifted: counts.drifted += 1
            case .missing: counts.missing += 1
            case .failed: counts.failed += 1
            case .unfit: counts.unfit += 1
            }
            if case .failed = verdict { status = .failure } else if verdict.fails, status == .ok { status = .overTolerance }
            StandardStreams.writeOutput(GalleryChecker.line(figure.name, verdict) + "\n")
        }
        for extra in checker.extras(known: Set(manifest.figures.map(\.name))) {
            StandardStreams.writeOutput("extra \(extra)\n")
        }
        let seconds = ProcessInfo.processInfo.systemUptime - start
        StandardStreams.writeError("check: \(counts.ok) ok, \(counts.drifted) drifted, \(counts.missing) missing, "
                                   + "\(counts.failed) failed, \(counts.unfit) unfit in \(GalleryProgress.format(seconds)) s\n")
        if status != .ok { throw ExitCode(status.rawValue) }
    }
}
