import ArgumentParser
import Figures
import Foundation
import Render

/// `ode-plot latent-training LOG.csv`: −ELBO and held-out error of a latent ODE's training run.
public struct LatentTrainingCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "latent-training",
        abstract: "A latent ODE's −ELBO per step and its held-out reconstruction and extrapolation MSE.",
        discussion: """
        LOG is the --log of ode-train --latent or --preset latent-spirals. Above: −ELBO of each \
        step's minibatch (faint), its running mean and its KL part; below (when the log has \
        held-out rows, as the preset's has): held-out reconstruction and extrapolation MSE on a \
        log scale against the observation noise variance (--obs-noise squared).

        Examples:
          ode-train --preset latent-spirals -o latent.json --log latent-log.csv
          ode-plot latent-training latent-log.csv -o elbo.png

        Exit codes: 0 success; 2 bad input (not a latent training log); 3 the figure could not be written.
        """)

    @Argument(help: ArgumentHelp("The latent training log (CSV).", valueName: "log.csv"))
    public var log: String

    @Option(name: .customLong("obs-noise"), help: ArgumentHelp("Observation noise standard deviation of the run (default 0.3).", valueName: "s"))
    public var observationNoise: Double = 0.3

    @OptionGroup(title: "Figure") public var figure: FigureOutputOptions

    public init() {}

    public func validate() throws {
        guard observationNoise > 0, observationNoise.isFinite else { throw ValidationError("--obs-noise must be positive (got \(observationNoise))") }
    }

    public func run() throws {
        let options = try figure.figureOptions(defaultSize: PageSize(width: .inches(6.5), height: .inches(5.5)))
        let parsed: LatentTrainingLog
        do { parsed = try LatentTrainingLog.load(path: log) } catch { throw ProgramError.badInput(error.description) }
        var recipe = LatentTrainingFigure(log: parsed)
        recipe.noiseVariance = observationNoise * observationNoise
        do {
            try recipe.write(to: figure.output, options: options, version: flowscopeVersion, command: CommandLineText.current())
        } catch {
            throw LearnedInputs.programError(error)
        }
    }
}
