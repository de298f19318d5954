import Foundation
import NeuralODE
import Render

/// Exercise 3.1.4: memory of backpropagation through the solver against the adjoint as the number of
/// steps N grows: RK4 with 10 … 10⁴ fixed steps, measured as `GradientResult.tapeBytes`.
///
/// The problem: the damped-oscillator preset's 2→16→2 tanh network (seed 0) on its three initial
/// states, one observation at T = 4 (targets from the true system). Backprop keeps every step's
/// stages (O(N)); the adjoint keeps its augmented state [y, a, ∂L/∂θ] and stage buffers (O(1)).
public struct Exercise314Figure: CourseFigure {
    public var stepCounts = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000]
    public var horizon = 4.0

    public init() {}

    public struct Numbers: Sendable {
        public var steps: [Int]
        public var backpropBytes: [Int]
        public var adjointBytes: [Int]
        /// Slope of log(backprop bytes) against log(N), least squares.
        public var fittedSlope: Double
        public var parameterCount: Int
        public var stateSize: Int
    }

    public var defaultTitle: String { "Exercise 3.1.4: gradient memory against solver steps" }

    public func compute() throws(FigureError) -> Numbers {
        guard stepCounts.count >= 2, stepCounts.allSatisfy({ $0 >= 1 }) else {
            throw .invalidInput("give at least two positive step counts")
        }
        let preset = TrainingPreset.dampedOscillator
        let system: SystemField
        do { system = try preset.makeSystem() } catch { throw .computationFailed("\(error)") }
        let starts = preset.initialStates.flatMap { $0 }
        let count = preset.initialStates.count
        let truth = try CourseNumerics.solve(try batched(system, count), y0: starts, t1: horizon, saveAt: .final)
        let batch: ObservationBatch
        do {
            batch = try ObservationBatch(t0: 0, times: [horizon], initialStates: starts, targets: truth.lastState,
                                         trajectoryCount: count, stateDimension: 2)
        } catch {
            throw .invalidInput(error.description)
        }
        let mlp = MLP(stateDim: 2, hidden: preset.hidden, activation: preset.activation, seed: 0)
        let field = MLPField(mlp, batchSize: count)
        let engine = GradientEngine(field: field)
        var backprop: [Int] = [], adjoint: [Int] = [], taken: [Int] = []
        for n in stepCounts {
            let settings = GradientSettings(method: .rk4, controller: .fixed(dt: horizon / Double(n)))
            do {
                let b = try engine.gradient(batch, method: .backprop, settings: settings)
                let a = try engine.gradient(batch, method: .adjoint, settings: settings)
                if let failure = b.failure ?? a.failure { throw FigureError.computationFailed(failure.description) }
                taken.append(b.forward.acceptedSteps)
                backprop.append(b.tapeBytes)
                adjoint.append(a.tapeBytes)
            } catch let error as FigureError {
                throw error
            } catch {
                throw .solverSettings("\(error)")
            }
        }
        let slope = Self.logLogSlope(x: taken.map(Double.init), y: backprop.map(Double.init))
        return Numbers(steps: taken, backpropBytes: backprop, adjointBytes: adjoint, fittedSlope: slope,
                       parameterCount: mlp.parameterCount, stateSize: 2 * count)
    }

    /// The least-squares slope of log10(y) against log10(x).
    static func logLogSlope(x: [Double], y: [Double]) -> Double {
        let lx = x.map { log10($0) }, ly = y.map { log10($0) }
        let mx = lx.reduce(0, +) / Double(lx.count), my = ly.reduce(0, +) / Double(ly.count)
        var covariance = 0.0, variance = 0.0
        for (a, b) in zip(lx, ly) {
            covariance += (a - mx) * (b - my)
            variance += (a - mx) * (a - mx)
        }
        return covariance / variance
    }

    private func batched(_ system: SystemField, _ count: Int) throws(FigureError) -> SystemField {
        do { return try system.batched(count) } catch { throw .computationFailed("\(error)") }
    }

    public func keyNumbers(_ n: Numbers) -> [KeyNumber] {
        [KeyNumber("firstSteps", count: n.steps.first ?? 0), KeyNumber("lastSteps", count: n.steps.last ?? 0),
         KeyNumber("backpropFirst", count: n.backpropBytes.first ?? 0), KeyNumber("backpropLast", count: n.backpropBytes.last ?? 0),
         KeyNumber("adjointBytes", count: n.adjointBytes.first ?? 0), KeyNumber("slope", n.fittedSlope, significant: 4)]
    }

    public func summary(_ n: Numbers) -> String {
        let perStep = Double(n.backpropBytes.last ?? 0) / Double(n.steps.last ?? 1)
        return "rk4, N = \(n.steps.first ?? 0)...\(n.steps.last ?? 0) steps (d = \(n.stateSize), p = \(n.parameterCount)): backprop tape "
            + "\(n.backpropBytes.first ?? 0) to \(n.backpropBytes.last ?? 0) bytes (\(Int(perStep.rounded())) per step, fitted slope "
            + "\(String(format: "%.3f", n.fittedSlope))); adjoint \(n.adjointBytes.first ?? 0) bytes at every N"
    }

    public func layout(_ n: Numbers, options: FigureOptions) -> Figure {
        let figure = options.makeFigure()
        figure.suptitle = options.resolvedTitle(defaultTitle)
        let theme = options.theme, ax = figure[0, 0]
        ax.xScale = .log
        ax.yScale = .log
        ax.showsGrid = true
        ax.xLabel = "solver steps N (RK4, fixed step)"
        ax.yLabel = "bytes kept for the gradient"
        let x = n.steps.map(Double.init)
        ax.add(LineSeries(x: x, y: n.backpropBytes.map(Double.init), style: theme.line(.backprop),
                          marker: theme.marker(.backprop, size: 6), label: "backprop (its tape)"))
        ax.add(LineSeries(x: x, y: n.adjointBytes.map(Double.init), style: theme.line(.adjoint),
                          marker: theme.marker(.adjoint, size: 7), label: "adjoint"))
        // Slope-1 guide through the first backprop point, offset below so it does not hide the data.
        if let b0 = n.backpropBytes.first, let first = x.first, let last = x.last {
            let scale = 0.25 * Double(b0) / first
            ax.add(LineSeries(x: [first, last], y: [scale * first, scale * last],
                              style: theme.line(.reference, width: 1), label: "slope 1: O(N)"))
        }
        ax.annotate(.text("fitted slope \(String(format: "%.3f", n.fittedSlope))", at: (x[x.count / 2], Double(n.backpropBytes[x.count / 2])),
                          offset: (-8, 8), anchor: .bottomRight, color: theme.role(.backprop).color))
        if let a = n.adjointBytes.last, let last = x.last {
            ax.annotate(.text("\(a) bytes at every N", at: (last, Double(a)), offset: (-4, 6), anchor: .bottomRight,
                              color: theme.role(.adjoint).color))
        }
        ax.legend = .best
        return figure
    }
}
