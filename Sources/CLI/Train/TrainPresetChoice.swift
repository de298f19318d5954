import ArgumentParser
import NeuralODE

/// `ode-train --preset`: a neural ODE preset (`TrainingPreset`) or `latent-spirals`, the latent ODE task.
public struct TrainPresetChoice: ExpressibleByArgument, Sendable {
    /// The neural ODE preset, or nil for `latent-spirals`.
    public let preset: TrainingPreset?

    /// The name of the latent ODE preset.
    public static let latentSpirals = "latent-spirals"

    public init?(argument: String) {
        if argument == Self.latentSpirals {
            preset = nil
            return
        }
        guard let preset = TrainingPreset.named(argument) else { return nil }
        self.preset = preset
    }

    /// True for `latent-spirals`.
    public var isLatent: Bool { preset == nil }

    public static var allValueStrings: [String] { TrainingPreset.names + [latentSpirals] }

    public static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }

    public var defaultValueDescription: String { preset?.name ?? Self.latentSpirals }
}
