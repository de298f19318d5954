import ArgumentParser
import Figures
import NeuralODE
import Render

/// `ode-plot training`: the learned field and curves against the true ones, snapshot by snapshot, beside the loss.
public struct TrainingCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "training",
        abstract: "Animate training: the learned field and curves against the true ones, with the loss and a cursor.",
        discussion: """
        --model is a snapshot file written by ode-train --snapshots K (flowscope.snapshots.v1: the \\
        model every K epochs with its loss). Each frame shows one snapshot: the true field's grey \\
        streamlines, the learned field as arrows, true (solid) and learned (dashed) solution curves \\
        from --ics over --t1, and on the right the loss at every snapshot with a cursor at the \\
        frame's epoch. Frames spread evenly over the snapshots; without --frames or --duration \\
        there is one frame per snapshot. -o .mp4, .gif, .webp, .pdf (one frame a page), a folder \\
        ending in / (numbered PNG frames), or .png/.svg (the last frame).

        Examples:
          ode-train --preset mini-project -o vdp.json --snapshots 10
          ode-plot training --model vdp.snapshots.json --system van-der-pol \\
              --ics "0.1,0;-3,2;2.5,-3" --fps 8 -o vdp-training.webp

        Exit codes: 0 success; 2 bad input (snapshot file unreadable or malformed, a non-planar \\
        system, malformed option); 3 the work failed (a solve, the writing of the file).
        """)

    @Option(help: ArgumentHelp("The snapshot file (flowscope.snapshots.v1, from ode-train --snapshots).", valueName: "snapshots.json"))
    public var model: String

    @OptionGroup(title: "System (the true dynamics)") public var systemOptions: SystemOptions

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Region of the plane to draw (default: the system's own).", valueName: "x0:x1,y0:y1"),
            transform: PlotValueParsing.window)
    public var window: PhaseWindow?

    @Option(parsing: .unconditional, help: ArgumentHelp("Initial states of the solution curves.", valueName: "x,y;x,y;..."),
            transform: { try PlotValueParsing.planarStates($0, option: "--ics") })
    public var ics: [SIMD2<Double>]?

    @Option(parsing: .unconditional, help: ArgumentHelp("How long each solution curve runs.", valueName: "t"))
    public var t1: Double = 10

    @OptionGroup(title: "Animation") public var animation: AnimationOptions

    @OptionGroup(title: "Figure") public var figure: FigureOutputOptions

    @OptionGroup(title: "Resources") public var memory: MemoryBudgetOptions

    public init() {}

    public func validate() throws {
        guard t1.isFinite, t1 > 0 else { throw ValidationError("--t1 must be a positive number (got \(t1))") }
    }

    public func run() throws {
        let options = try figure.animationOptions(defaultSize: PageSize(width: .inches(6.5), height: .inches(3.4)))
        let snapshots: [TrainingSnapshot]
        do { snapshots = try SnapshotFile.load(path: model) } catch { throw ProgramError.badInput("\(model): \(error.description)") }
        guard systemOptions.isGiven else { throw ProgramError.badInput("give the true system with --system NAME") }
        let system = try systemOptions.field()
        var settings = try animation.settings()
        if animation.frames == nil && animation.duration == nil { settings.frameCount = max(2, snapshots.count) }
        do throws(FigureError) {
            let w: PhaseWindow
            if let window { w = window } else { w = try PhaseWindow(x: system.spec.window.x, y: system.spec.window.y) }
            var recipe = try TrainingEvolution(snapshots: snapshots, system: system, window: w)
            recipe.initialStates = ics ?? [SIMD2(system.spec.exampleInitialState[0], system.spec.exampleInitialState.count > 1 ? system.spec.exampleInitialState[1] : 0)]
            recipe.duration = t1
            try recipe.write(to: figure.output, options: options, settings: settings, version: flowscopeVersion,
                             command: CommandLineText.current())
        } catch {
            throw ProgramError(error.isBadInput ? .badInput : .failure, error.description)
        }
    }
}
