import ArgumentParser
import Figures
import NeuralODE

// The closed choices of the command line as ArgumentParser values: `--help` lists them, shell
// completion offers them, and a bad value is refused at parse time (exit 2) with the valid ones.

extension SolverMethod: ExpressibleByArgument {
    /// A method name, case-insensitive.
    public init?(argument: String) { self.init(name: argument) }
}

extension GradientMethod: ExpressibleByArgument {
    /// A method name, case-insensitive; `fd` is `finite-difference`.
    public init?(argument: String) { self.init(name: argument) }
}

extension LossKind: ExpressibleByArgument {
    /// A loss name, case-insensitive.
    public init?(argument: String) { self.init(name: argument) }
}

extension Activation: ExpressibleByArgument {}

extension PhaseLayout: ExpressibleByArgument {}

extension AttractorColoring: ExpressibleByArgument {}

/// `--optimizer`: the optimiser of a training run.
public enum OptimizerChoice: String, CaseIterable, Sendable, ExpressibleByArgument {
    case adam
    case sgd

    /// An optimiser name, case-insensitive.
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

extension LossCurves.Abscissa: ExpressibleByArgument {
    /// An axis name, case-insensitive.
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

/// A training preset by name (`--preset`): a neural ODE preset, or `latent-spirals`, which a
/// figure of a neural ODE refuses with one line naming the latent figures (`rejectLatent`).
public struct PresetChoice: ExpressibleByArgument, Sendable {
    /// The preset; nil for `latent-spirals`.
    public let preset: TrainingPreset?

    public init?(argument: String) {
        if argument == TrainPresetChoice.latentSpirals {
            preset = nil
            return
        }
        guard let preset = TrainingPreset.named(argument) else { return nil }
        self.preset = preset
    }

    public static var allValueStrings: [String] { TrainingPreset.names + [TrainPresetChoice.latentSpirals] }

    public static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }

    public var defaultValueDescription: String { preset?.name ?? TrainPresetChoice.latentSpirals }

    /// Throws bad input for `latent-spirals`: `program` draws a neural ODE against its true system,
    /// and a latent ODE has neither a state-space field nor a true system.
    func rejectLatent(_ program: String) throws {
        guard preset == nil else { return }
        throw ProgramError.badInput("--preset latent-spirals trains a latent ODE, which \(program) cannot draw (no state-space field, no true system); "
            + "use ode-plot latent-spirals, latent-pca, latent-sampling or latent-training")
    }
}

/// A course figure by name (`ode-plot course NAME`).
public struct CourseFigureChoice: ExpressibleByArgument, Sendable {
    /// The figure's name, one of `CourseFigureCatalog.names`.
    public let name: String

    public init?(argument: String) {
        guard CourseFigureCatalog.names.contains(argument) else { return nil }
        name = argument
    }

    public static var allValueStrings: [String] { CourseFigureCatalog.names }

    public static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }

    public var defaultValueDescription: String { name }
}

/// A comma-separated list of choices (`--methods euler,rk4`); completion offers the single choices.
public struct ChoiceList<Choice: ExpressibleByArgument & Equatable & Sendable>: ExpressibleByArgument, Sendable {
    /// The choices in the order given, without repeats.
    public let values: [Choice]

    public init(_ values: [Choice]) { self.values = values }

    public init?(argument: String) {
        var values: [Choice] = []
        for item in argument.split(separator: ",", omittingEmptySubsequences: false) {
            guard let value = Choice(argument: item.trimmingCharacters(in: .whitespaces)) else { return nil }
            if !values.contains(value) { values.append(value) }
        }
        guard !values.isEmpty else { return nil }
        self.values = values
    }

    public static var allValueStrings: [String] { Choice.allValueStrings }

    public static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }

    public var defaultValueDescription: String { values.map(\.defaultValueDescription).joined(separator: ",") }
}

extension LearningRateSchedule: ExpressibleByArgument {
    /// `constant`, `step:FACTOR:EVERY` or `cosine[:FLOOR]`.
    public init?(argument: String) { self.init(text: argument) }

    public static var defaultCompletionKind: CompletionKind { .list(["constant", "cosine", "step:0.5:100"]) }
}

extension HorizonCurriculum: ExpressibleByArgument {
    /// `START:END:RAMP` with positive horizons.
    public init?(argument: String) { self.init(text: argument) }
}

/// Reads an option's value as a typed value, with a message that shows the expected form.
enum TypedValue {
    /// `T(argument:)` of `text`; throws `ProgramError.badInput` "OPTION expects FORM (got 'TEXT')".
    static func parse<T: ExpressibleByArgument>(_ text: String, option: String, expects form: String) throws -> T {
        guard let value = T(argument: text) else {
            throw ProgramError.badInput("\(option) expects \(form) (got '\(text)')")
        }
        return value
    }
}
