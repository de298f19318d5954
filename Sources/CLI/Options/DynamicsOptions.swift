import ArgumentParser
import Figures
import NeuralODE

/// `--system`/`--equations`/`--param`, `--model` and `--y0`: the dynamics of a command that takes a
/// system, a learned model or both, and the state it starts from.
public struct DynamicsOptions: ParsableArguments {
    @OptionGroup public var systemOptions: SystemOptions

    @Option(help: ArgumentHelp("A learned model (flowscope.mlp.v1): analysed or drawn instead of the system, "
                               + "or against it where the command compares the two.", valueName: "model.json"))
    public var model: String?

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Initial state (default: the system's example state, or the .ode file's initial values).",
                               valueName: "x,y,..."),
            transform: { try StateVector(parsing: $0) })
    public var y0: StateVector?

    public init() {}

    /// The system (nil without --system/--equations) and the model (nil without --model), both loaded.
    ///
    /// Throws exit 2 for an unknown system, a bad file, or when neither is given.
    public func inputs() throws -> (system: SystemField?, model: LearnedModel?) {
        guard systemOptions.isGiven || model != nil else {
            throw ProgramError.badInput("give --system NAME|FILE.ode, --equations TEXT or --model FILE")
        }
        let system = systemOptions.isGiven ? try systemOptions.field() : nil
        return (system, try model.map(LearnedInputs.model))
    }
}
