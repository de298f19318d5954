import NeuralODE
import Render

/// Why a figure could not be made; each case reads as one line.
public enum FigureError: Error, CustomStringConvertible, Equatable {
    /// The figure needs a system with exactly two state components.
    case notPlanar(system: String, dimension: Int)
    /// A plotting window with an empty, reversed or non-finite range.
    case invalidWindow(String)
    /// The system has no limit cycle to draw.
    case noLimitCycle(system: String, systemsWithOne: [String])
    /// Integrating to convergence did not settle on a periodic orbit.
    case limitCycleNotFound(LimitCycleError)
    /// The solver rejected its settings (a programming or input error, not a solve failure).
    case solverSettings(String)
    /// Input the figure cannot use (a malformed log, an empty list, a bad step-size range), with its reason.
    case invalidInput(String)
    /// A solve or gradient computation the figure needs failed, with its reason.
    case computationFailed(String)
    /// Drawing or writing failed.
    case render(RenderError)
    /// A model, data set or state does not fit the system or the figure (wrong dimension, bad state).
    case incompatible(String)

    public var description: String {
        switch self {
        case let .notPlanar(system, dimension):
            return "a phase portrait needs a system with 2 components; \(system) has \(dimension)"
        case let .invalidWindow(reason): return "invalid window: \(reason)"
        case let .noLimitCycle(system, valid):
            return "\(system) has no limit cycle (systems with one: \(valid.joined(separator: ", ")))"
        case let .limitCycleNotFound(error): return "no limit cycle found: \(error.description)"
        case let .solverSettings(reason): return "solver settings rejected: \(reason)"
        case let .render(error): return error.description
        case let .incompatible(reason): return reason
        case let .invalidInput(reason): return reason
        case let .computationFailed(reason): return reason
        }
    }

    /// True for errors caused by what the user asked for (as opposed to work that failed).
    public var isBadInput: Bool {
        switch self {
        case .notPlanar, .invalidWindow, .noLimitCycle, .incompatible, .invalidInput: return true
        case .render(.unsupportedFormat), .render(.invalidSize), .render(.unsupportedAnimation), .render(.invalidAnimation),
             .render(.toolMissing): return true
        case .limitCycleNotFound, .solverSettings, .computationFailed, .render: return false
        }
    }
}
