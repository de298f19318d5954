import ArgumentParser
import NeuralODE

/// The dynamics a command analyses: a system (`--system`, `--param`) or a learned model (`--model`).
enum DynamicsSource {
    case system(SystemField)
    case model(MLP, path: String)

    /// From the options: `--model` wins when both are given (the system then only supplies a default y0).
    static func resolve(_ options: DynamicsOptions) throws -> DynamicsSource {
        if let model = options.model { return .model(try LearnedInputs.model(model).mlp, path: model) }
        guard options.systemOptions.isGiven else { throw ProgramError.badInput("give --system NAME|FILE.ode, --equations TEXT or --model FILE") }
        return .system(try options.systemOptions.field())
    }

    /// Components of the integrated state (a model's augmented components included).
    var dimension: Int {
        switch self {
        case .system(let field): field.dimension
        case .model(let mlp, _): mlp.odeDimension
        }
    }

    /// How the source is named in JSON and messages.
    var label: String {
        switch self {
        case .system(let field): "system \(field.spec.name)"
        case .model(_, let path): "model \(path)"
        }
    }

    /// The field with its exact Jacobian (the network's by forward-mode differentiation).
    func jacobianField() -> any JacobianField {
        switch self {
        case .system(let field): field
        case .model(let mlp, _): MLPJacobianField(mlp)
        }
    }

    /// The initial state: `--y0` if given (augmented with zeros for a model), else the system's example state.
    func initialState(_ given: [Double]?, system options: SystemOptions) throws -> [Double] {
        let observed: Int
        switch self {
        case .system(let field): observed = field.dimension
        case .model(let mlp, _): observed = mlp.stateDim
        }
        var state: [Double]
        if let given {
            state = given
        } else if case .system(let field) = self {
            state = field.spec.exampleInitialState
        } else if options.isGiven {
            state = try options.field().spec.exampleInitialState
        } else {
            throw ProgramError.badInput("give --y0 (or --system for its example state) with --model")
        }
        guard state.count == observed else {
            throw ProgramError.badInput("--y0 has \(state.count) values but \(label) has \(observed) components")
        }
        if case .model(let mlp, _) = self { state = mlp.augmentedInitialState(state) }
        return state
    }
}
