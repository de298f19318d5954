import ArgumentParser

/// `ode-plot`: one subcommand per figure kind.
public struct PlotCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ode-plot",
        abstract: "Draw the figures of the neural ODE course as PNG, SVG or PDF.",
        discussion: """
        Each subcommand draws one kind of figure. The format follows the -o file's extension; the \
        file is written only when the figure is complete (never half-written). PNG files carry \
        their DPI and text chunks Title, Software and Source (the command that made them); the \
        same command writes the same bytes.

        Examples:
          ode-plot phase --system van-der-pol --limit-cycle \\
              --ics "0.1,0;-3,2;2.5,-3" -o vdp.png
          ode-plot phase --system lotka-volterra --ics "5,3;3,2" --streamlines \\
              -o lv.svg

        Exit codes: 0 success; 2 bad input (unknown system, malformed option, unsupported \
        extension, missing folder or theme file); 3 the work failed (no limit cycle found, \
        output could not be written).
        """,
        version: flowscopeVersion,
        subcommands: [PhaseCommand.self, AttractorCommand.self, ButterflyCommand.self, LyapunovPlotCommand.self, ErrorGrowthCommand.self, PredictionTimesCommand.self, GradientHorizonCommand.self, TrajectoriesCommand.self, LimitCycleCommand.self, LossCommand.self, StatsCommand.self, ConvergenceCommand.self, AdjointCommand.self, TrainingCommand.self, CourseCommand.self, RolesCommand.self, LatentSpiralsCommand.self, LatentTrainingCommand.self, LatentPCACommand.self, LatentSamplingCommand.self])

    public init() {}
}
