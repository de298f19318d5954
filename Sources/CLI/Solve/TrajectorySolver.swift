import Foundation
import InputSafety
import NeuralODE

/// Runs one solve for a command: checks the initial state, integrates, keeps the printed components.
public enum TrajectorySolver {
    /// Solves `field` (one state) from `y0` and returns `points` evenly spaced outputs.
    ///
    /// `what` names the field in messages ("system van-der-pol"). Throws `ProgramError.badInput`
    /// for a y0 of the wrong dimension or settings the solver rejects; a solver failure is
    /// returned in `Trajectory.failure`, not thrown.
    public static func solve<F: VectorField>(_ field: F, componentNames: [String], what: String, y0: [Double],
                                             t0: Double, t1: Double, points: Int,
                                             settings: SolverSettings) throws -> Trajectory {
        guard y0.count == componentNames.count else {
            throw ProgramError.badInput("--y0 has \(y0.count) value\(y0.count == 1 ? "" : "s") but \(what) has "
                + "\(componentNames.count) component\(componentNames.count == 1 ? "" : "s") (\(componentNames.joined(separator: ", ")))")
        }
        try MemoryCheck.require(MemoryCheck.values(points, MemoryCheck.csvValueBytes) * (field.stateSize + 1),
                                for: "--points \(points)")
        if case .constant(let constant) = settings.controller {
            // A constant-step solve keeps its step history (statistics): 8 bytes a step, twice while it grows.
            let steps = abs(t1 - t0) / constant.dt
            let estimate = steps < 1e17 ? MemoryCheck.values(Int(steps.rounded(.up)), 16) : MemoryBudget.Estimate(Int.max)
            try MemoryCheck.require(estimate, for: "--dt \(constant.dt) over [\(min(t0, t1)), \(max(t0, t1))]")
        }
        let fullState = y0 + Array(repeating: 0, count: field.stateSize - y0.count)
        let solution: ODESolution
        do {
            solution = try ODESolve.solve(ODEProblem(field: field, t0: t0, t1: t1, y0: fullState),
                                          method: settings.method, controller: settings.controller,
                                          saveAt: .points(points))
        } catch {
            throw ProgramError.badInput(error.description)
        }
        var trajectory = Trajectory(componentNames: componentNames, times: solution.times, states: solution.states,
                                    stride: solution.stateSize, statistics: solution.statistics, failure: solution.failure)
        trajectory.lastState = solution.lastState
        return trajectory
    }

    /// Loads a model file and solves its network from `y0` (state components only; augmented ones start at 0).
    ///
    /// Columns are named y0, y1, … for the model's `state_dim` components; augmented components are not printed.
    public static func solveModel(path: String, y0: [Double], t0: Double, t1: Double, points: Int,
                                  settings: SolverSettings) throws -> Trajectory {
        let mlp: MLP
        do {
            mlp = try ModelFile.load(path: path)
        } catch {
            throw ProgramError.badInput("\(path): \(error.description)")
        }
        let names = (0..<mlp.stateDim).map { "y\($0)" }
        return try solve(MLPField(mlp), componentNames: names, what: "model \(path)", y0: y0,
                         t0: t0, t1: t1, points: points, settings: settings)
    }
}
