import ArgumentParser
import Figures
import Foundation
import Render

/// `ode-plot latent-pca`: a latent ODE's held-out latent trajectories on their first two principal components.
public struct LatentPCACommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "latent-pca",
        abstract: "Latent trajectories of held-out spirals projected on two principal components, by direction.",
        discussion: """
        MODEL is a latent model file trained by ode-train --preset latent-spirals. The held-out \
        spirals of --seed are encoded and their latent paths solved over the window and the \
        extrapolation after it; every latent state drawn is projected on the first two \
        principal components of all of them (LAPACK dsyev), clockwise and counter-clockwise \
        spirals in two styles, each path's encoded z0 marked.

        Examples:
          ode-plot latent-pca --model latent.json -o latent-pca.png

        Exit codes: 0 success; 2 bad input (not a 2-D latent model file); 3 a solve failed or \
        the figure could not be written.
        """)

    @OptionGroup(title: "Model") public var latent: LatentFigureOptions

    @Option(help: ArgumentHelp("Held-out spirals drawn (at most 100; default 40).", valueName: "n"))
    public var spirals: Int = 40

    @OptionGroup(title: "Reproducibility") public var seed: SeedOptions

    @OptionGroup(title: "Figure") public var figure: FigureOutputOptions

    public init() {}

    public func validate() throws {
        guard (2...100).contains(spirals) else { throw ValidationError("--spirals must be within 2...100 (got \(spirals))") }
    }

    public func run() throws {
        let options = try figure.figureOptions(defaultSize: PageSize(width: .inches(6.5), height: .inches(5)))
        var recipe = LatentPCAFigure(model: try latent.loadModel(), seed: seed.seed)
        recipe.count = spirals
        recipe.keep = try latent.keepRange()
        do {
            try recipe.write(to: figure.output, options: options, version: flowscopeVersion, command: CommandLineText.current())
        } catch {
            throw LearnedInputs.programError(error)
        }
    }
}
