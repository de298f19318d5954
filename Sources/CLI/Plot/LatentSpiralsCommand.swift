import ArgumentParser
import Figures
import Foundation
import NeuralODE
import Render

/// `ode-plot latent-spirals`: the neural ODE paper's spiral figure for a trained latent ODE.
public struct LatentSpiralsCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "latent-spirals",
        abstract: "Held-out spirals with a latent ODE's reconstruction and extrapolation (Chen et al. 2018, figure 8).",
        discussion: """
        MODEL is a latent model file (flowscope.latent.v1) trained by ode-train --preset \
        latent-spirals. The figure draws held-out spirals of the preset for --seed (the same \
        seed as the training run), three clockwise and three counter-clockwise: observations \
        (points), the true spiral (solid), the reconstruction over the observed window \
        (dashed) and the extrapolation forward and backward in time (dotted). The sidecar \
        holds the held-out reconstruction and extrapolation MSE over the whole held-out set.

        Examples:
          ode-train --preset latent-spirals -o latent.json
          ode-plot latent-spirals --model latent.json -o spirals.png

        Exit codes: 0 success; 2 bad input (a model file that is not a 2-D latent model); \
        3 a solve failed or the figure could not be written.
        """)

    @OptionGroup(title: "Model") public var latent: LatentFigureOptions

    @OptionGroup(title: "Reproducibility") public var seed: SeedOptions

    @OptionGroup(title: "Figure") public var figure: FigureOutputOptions

    public init() {}

    public func run() throws {
        let options = try figure.figureOptions(defaultSize: PageSize(width: .inches(6.5), height: .inches(4.2)))
        var recipe = LatentSpiralFigure(model: try latent.loadModel(), seed: seed.seed)
        recipe.keep = try latent.keepRange()
        do {
            try recipe.write(to: figure.output, options: options, version: flowscopeVersion, command: CommandLineText.current())
        } catch {
            throw ProgramError(error.isBadInput ? .badInput : .failure, error.description)
        }
    }
}
