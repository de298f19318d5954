import NeuralODE

/// The observations ode-grad differentiates against, and a one-line description of where they came from.
struct GradObservations {
    let batch: ObservationBatch
    let source: String

    /// Reads a data file; every trajectory must be observed at the same times (one batch).
    static func load(path: String, mlp: MLP) throws -> GradObservations {
        let dataset: TrajectoryDataset
        do {
            dataset = try TrajectoryDataset.load(path: path)
        } catch {
            throw ProgramError.badInput(error.description)
        }
        guard dataset.dimension == mlp.stateDim else {
            throw ProgramError.badInput("\(path) has \(dataset.dimension) state columns but the model's state_dim is \(mlp.stateDim)")
        }
        let assembler = BatchAssembler(dataset: dataset, stateDimension: mlp.odeDimension, absoluteTime: true)
        let batches = assembler.batches(for: assembler.wholeSamples)
        guard batches.count == 1, let batch = batches.first else {
            throw ProgramError.badInput("\(path): every trajectory must be observed at the same times for ode-grad")
        }
        let count = dataset.trajectories.count
        return GradObservations(batch: batch, source: "data \(path) (\(count) trajector\(count == 1 ? "y" : "ies"), "
            + "\(batch.timeCount) times on [\(batch.times[0]), \(batch.times[batch.timeCount - 1])])")
    }

    /// Simulates `--system` from each initial state (`--y0`) at `points` times on [t0, t1] (dopri5, rtol 1e-10, atol 1e-12).
    static func simulate(_ options: SystemOptions, states: [[Double]], t0: Double, t1: Double, points: Int,
                         mlp: MLP) throws -> GradObservations {
        let field = try options.field(batch: states.count)
        let d = field.spec.componentNames.count
        guard d == mlp.stateDim else {
            throw ProgramError.badInput("system \(field.spec.name) has dimension \(d) but the model's state_dim is \(mlp.stateDim)")
        }
        for state in states where state.count != d {
            throw ProgramError.badInput("--y0: each initial state needs \(d) values for \(field.spec.name) (got \(state.count))")
        }
        let flat = states.flatMap { $0 }
        let solution: ODESolution
        do {
            solution = try ODESolve.solve(ODEProblem(field: field, t0: t0, t1: t1, y0: flat), method: .dopri5,
                                          controller: .tolerances(rtol: 1e-10, atol: 1e-12), saveAt: .points(points))
        } catch {
            throw ProgramError.badInput(error.description)
        }
        if let failure = solution.failure {
            throw ProgramError.failure("simulating \(field.spec.name) failed: \(failure.description)")
        }
        let big = mlp.odeDimension
        var initial = [Double](repeating: 0, count: states.count * big)
        for (b, state) in states.enumerated() {
            for i in 0..<d { initial[b * big + i] = state[i] }
        }
        do {
            let batch = try ObservationBatch(t0: t0, times: solution.times, initialStates: initial,
                                             targets: solution.states, trajectoryCount: states.count,
                                             stateDimension: big, observedDimension: d)
            return GradObservations(batch: batch, source: "system \(field.spec.name) simulated from \(states.count) "
                + "initial state\(states.count == 1 ? "" : "s") at \(points) times on [\(t0), \(t1)]")
        } catch {
            throw ProgramError.badInput(error.description)
        }
    }
}
