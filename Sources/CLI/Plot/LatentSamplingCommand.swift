import ArgumentParser
import Figures
import Foundation
import Render

/// `ode-plot latent-sampling`: held-out error against the number of observations the encoder sees.
public struct LatentSamplingCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "latent-sampling",
        abstract: "Held-out reconstruction and extrapolation MSE against how many observations the encoder sees.",
        discussion: """
        MODEL is a latent model file trained by ode-train --preset latent-spirals (best with \
        --keep, so the encoder has seen irregular gaps). Each held-out spiral of --seed is cut \
        to n of its window's 100 points (the first kept, the rest at random), encoded, and scored \
        against the noise-free spiral over the whole window and the 100 grid points after it; \
        the figure draws the median and quartiles over the spirals for each n.

        Examples:
          ode-train --preset latent-spirals --keep 3:100 -o latent.json
          ode-plot latent-sampling --model latent.json -o sampling.png

        Exit codes: 0 success; 2 bad input (not a 2-D latent model file, a count outside \
        1...100); 3 a solve failed or the figure could not be written.
        """)

    @Option(help: ArgumentHelp("The latent model file (flowscope.latent.v1).", valueName: "model.json"))
    public var model: String

    @Option(help: ArgumentHelp("Observation counts, comma-separated, each within 1...100.", valueName: "n,n,…"))
    public var counts: String?

    @Option(help: ArgumentHelp("Held-out spirals per count (at most 100; default 60).", valueName: "n"))
    public var spirals: Int = 60

    @OptionGroup(title: "Reproducibility") public var seed: SeedOptions

    @OptionGroup(title: "Figure") public var figure: FigureOutputOptions

    public init() {}

    func parsedCounts() throws -> [Int]? {
        guard let counts else { return nil }
        let values = counts.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) >= 1 && ($0 ?? 0) <= 100 }) else {
            throw ValidationError("--counts expects whole numbers within 1...100, comma-separated (got '\(counts)')")
        }
        return Array(Set(values.compactMap { $0 })).sorted()
    }

    public func validate() throws {
        guard (1...100).contains(spirals) else { throw ValidationError("--spirals must be within 1...100 (got \(spirals))") }
        _ = try parsedCounts()
    }

    public func run() throws {
        let options = try figure.figureOptions(defaultSize: PageSize(width: .inches(6.5), height: .inches(4.5)))
        var recipe = LatentSamplingFigure(model: try LatentFigureOptions.loadModel(model), seed: seed.seed)
        recipe.spirals = spirals
        if let counts = try parsedCounts() { recipe.counts = counts }
        do {
            try recipe.write(to: figure.output, options: options, version: flowscopeVersion, command: CommandLineText.current())
        } catch {
            throw LearnedInputs.programError(error)
        }
    }
}
