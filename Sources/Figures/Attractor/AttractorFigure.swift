import Foundation
import NeuralODE
import Render

/// How the curves of an attractor figure are coloured.
public enum AttractorColoring: String, CaseIterable, Sendable {
    /// By time along the run (viridis), with a colorbar.
    case time
    /// By speed |f(y)| (viridis), with a colorbar.
    case speed
    /// One colour (the theme's truth colour; the learned curve always takes the learned colour).
    case none
}

/// A 3-D attractor in an oblique view with depth cueing, and its three 2-D projections.
///
/// The true system (if given) first runs `transient` time units from `initialState` so the run
/// starts on the attractor; the learned model (if given) starts from that same state. Both then
/// run `duration` time units sampled at `points` even times (Tsitouras 5(4), rtol 1e-9). With both,
/// they are overlaid: truth solid in the theme's truth colour, learned dashed in its learned colour,
/// and colouring by time or speed applies to a single curve only.
public struct AttractorFigure: FigureRecipe {
    /// The true system (three or more components), or nil to draw the model alone.
    public var system: SystemField?
    /// The learned model, or nil to draw the system alone.
    public var model: LearnedModel?
    /// Where the runs start (observed components); nil takes the system's example state.
    public var initialState: [Double]?
    /// Time run (by the system, or else the model) and discarded before drawing.
    public var transient = 20.0
    /// Time drawn.
    public var duration = 50.0
    /// Samples along the drawn run.
    public var points = 10_000
    /// View angles in degrees: azimuth about the third axis, elevation above the first two.
    public var azimuth = -60.0
    public var elevation = 25.0
    /// Colour by time, speed or neither.
    public var coloring = AttractorColoring.time
    /// The three components drawn (0-based), x, y and the vertical.
    public var components = [0, 1, 2]
    /// Whether the three 2-D projections are drawn next to the 3-D view.
    public var showsProjections = true

    /// A figure of `system` and/or `model`; at least one must be given, with three or more components.
    public init(system: SystemField?, model: LearnedModel?) throws(FigureError) {
        guard system != nil || model != nil else { throw .invalidInput("give a system or a model to draw") }
        if let system, let model { try model.check(against: system) }
        let dimension = system?.dimension ?? model?.stateDimension ?? 0
        guard dimension >= 3 else {
            throw .invalidInput("an attractor figure needs three or more components; \(system.map { $0.spec.name } ?? "the model") has \(dimension)")
        }
        self.system = system
        self.model = model
    }

    /// The computed runs.
    public struct Data: Sendable {
        /// Sample times from 0 (the end of the transient).
        public var times: [Double]
        /// The true run (samples × d, flat), or nil.
        public var truth: [Double]?
        /// The learned run (samples × d observed components, flat), or nil.
        public var learned: [Double]?
        /// Speed |f| of the single drawn curve at each sample (for colouring by speed).
        public var speeds: [Double]
        /// Observed components per state.
        public var dimension: Int
        /// The state the drawn runs start from.
        public var start: [Double]
    }

    public var defaultTitle: String {
        let name = system.map(SystemLabels.title(for:)) ?? (model?.name ?? "learned model")
        if system != nil, model != nil { return "\(name): learned vs true" }
        return name
    }

    /// The `transient`, the drawn `duration`, and the view's `azimuth` and `elevation` in degrees.
    public func keyNumbers(_ data: Data) -> [KeyNumber] {
        [KeyNumber("transient", setting: transient), KeyNumber("duration", setting: duration),
         KeyNumber("azimuth", setting: azimuth), KeyNumber("elevation", setting: elevation)]
    }

    var componentNames: [String] {
        system?.spec.componentNames ?? (0..<(model?.stateDimension ?? 3)).map { "y\($0 + 1)" }
    }

    /// Runs the transient and both fields; throws when the settings are invalid or a solve fails.
    public func compute() throws(FigureError) -> Data {
        let dimension = system?.dimension ?? model?.stateDimension ?? 0
        guard components.count == 3, Set(components).count == 3, components.allSatisfy({ (0..<dimension).contains($0) }) else {
            throw .invalidInput("components must be three different indices in 0..<\(dimension)")
        }
        guard transient >= 0, transient.isFinite, duration > 0, duration.isFinite else {
            throw .invalidInput("the transient must be non-negative and the duration positive")
        }
        guard points >= 2, points <= 1_000_000 else { throw .invalidInput("points must be in 2...1000000, got \(points)") }
        let y0 = initialState ?? system?.spec.exampleInitialState ?? [Double](repeating: 0.1, count: dimension)
        guard y0.count == dimension else {
            throw .invalidInput("the initial state has \(y0.count) values but the dynamics have \(dimension) components")
        }
        var start = y0
        if transient > 0 {
            if let system {
                start = try Self.run(system, from: y0, duration: transient, saveAt: .final)
            } else if let model {
                let field = model.makeField()
                let end = try Self.run(field, from: model.mlp.augmentedInitialState(y0), duration: transient, saveAt: .final)
                start = Array(end.prefix(dimension))
            }
        }
        let times = (0..<points).map { duration * Double($0) / Double(points - 1) }
        var truth: [Double]?, learned: [Double]?
        if let system { truth = try Self.run(system, from: start, duration: duration, saveAt: .points(points)) }
        if let model {
            let field = model.makeField()
            let full = try Self.run(field, from: model.mlp.augmentedInitialState(start), duration: duration,
                                    saveAt: .points(points))
            let width = model.mlp.odeDimension
            learned = (0..<points).flatMap { k in full[(k * width)..<(k * width + dimension)] }
        }
        let drawn = truth ?? learned ?? []
        var speeds = [Double](repeating: 0, count: points)
        if coloring == .speed {
            for k in 0..<points {
                let state = Array(drawn[(k * dimension)..<((k + 1) * dimension)])
                let velocity: [Double]
                if let system { velocity = system.velocity(at: state) } else if let model {
                    velocity = Array(model.mlp.evaluate(t: times[k], state: model.mlp.augmentedInitialState(state)).prefix(dimension))
                } else { velocity = state }
                speeds[k] = velocity.reduce(0) { $0 + $1 * $1 }.squareRoot()
            }
        }
        return Data(times: times, truth: truth, learned: learned, speeds: speeds, dimension: dimension, start: start)
    }

    /// The states of one solve of `field` from `y0` over `duration` (flat), or a figure error naming the failure.
    static func run<F: VectorField>(_ field: F, from y0: [Double], duration: Double, saveAt: SaveAt) throws(FigureError) -> [Double] {
        let solution: ODESolution
        do {
            solution = try ODESolve.solve(ODEProblem(field: field, t0: 0, t1: duration, y0: y0), method: .tsit5,
                                          controller: .tolerances(rtol: 1e-9, atol: 1e-9), saveAt: saveAt)
        } catch {
            throw .invalidInput(error.description)
        }
        if let failure = solution.failure { throw .computationFailed("the run stopped: \(failure.description)") }
        return solution.states
    }

}
