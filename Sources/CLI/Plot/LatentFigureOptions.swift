import ArgumentParser
import NeuralODE

/// `--model` and `--keep` of the latent ODE figures drawn on held-out spirals.
public struct LatentFigureOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The latent model file (flowscope.latent.v1).", valueName: "model.json"))
    public var model: String

    @Option(help: ArgumentHelp("Irregular sampling of the held-out spirals, as ode-train --keep.", valueName: "min:max"))
    public var keep: String?

    public init() {}

    public func validate() throws { _ = try keepRange() }

    /// `--keep` as a range (nil: whole windows).
    func keepRange() throws -> ClosedRange<Int>? {
        var options = TrainLatentOptions()
        options.keep = keep
        return try options.keepRange()
    }

    /// The model file of `--model`.
    func loadModel() throws -> LatentModel { try Self.loadModel(model) }

    /// The latent model file at `path`, every problem with it one line of bad input.
    static func loadModel(_ path: String) throws -> LatentModel {
        do {
            return try LatentModelFile.load(path: path)
        } catch {
            throw ProgramError.badInput("--model \(path): \(error.description)")
        }
    }
}
