/// Noisy observations of a named system, made the way the peers' scripts make theirs.
public enum SimulatedData {
    /// Why simulated data could not be made.
    public enum Failure: Error, CustomStringConvertible, Equatable {
        case invalid(String)
        case solveFailed(initialState: [Double], reason: String)

        public var description: String {
            switch self {
            case .invalid(let message): message
            case .solveFailed(let state, let reason):
                "simulating from initial state (\(state.map { "\($0)" }.joined(separator: ", "))) failed: \(reason)"
            }
        }
    }

    /// One trajectory per initial state, observed at `points` evenly spaced times on [0, t1].
    ///
    /// The clean states come from Tsitouras 5(4) at rtol 1e-10, atol 1e-12. Every row but each
    /// trajectory's first gets independent N(0, noise²) noise on every component (the initial state
    /// is observed exactly), drawn from `SeededGenerator(seed:)` trajectory by trajectory, row by
    /// row, component by component. Labels are "0", "1", … in order. With a `transient`, each
    /// initial state is first carried that long by the system and observation starts there (on the
    /// attractor, for a chaotic system).
    public static func make(system: SystemField, initialStates: [[Double]], t1: Double, points: Int,
                            noise: Double, seed: UInt64, transient: Double = 0) throws(Failure) -> TrajectoryDataset {
        let clean = try trajectories(system: system, initialStates: initialStates, t1: t1, points: points,
                                     transient: transient)
        guard noise >= 0, noise.isFinite else { throw .invalid("noise must be a finite number ≥ 0, got \(noise)") }
        guard noise > 0 else { return clean }
        var generator = SeededGenerator(seed: seed)
        var noisy = clean
        let d = clean.dimension
        for k in noisy.trajectories.indices {
            for i in d..<noisy.trajectories[k].values.count {
                noisy.trajectories[k].values[i] += noise * generator.nextGaussian()
            }
        }
        return noisy
    }

    /// The exact (noise-free) trajectories from `initialStates` at `points` evenly spaced times on
    /// [0, t1], each started `transient` time units after its initial state.
    public static func trajectories(system: SystemField, initialStates: [[Double]], t1: Double,
                                    points: Int, transient: Double = 0) throws(Failure) -> TrajectoryDataset {
        let d = system.dimension
        guard transient >= 0, transient.isFinite else { throw .invalid("the transient must be a finite number ≥ 0, got \(transient)") }
        guard !initialStates.isEmpty else { throw .invalid("give at least one initial state") }
        guard t1 > 0, t1.isFinite else { throw .invalid("the end time t1 must be a positive number, got \(t1)") }
        guard points >= 2 else { throw .invalid("at least 2 observation points are needed, got \(points)") }
        let single: SystemField
        do {
            single = try system.batched(1)
        } catch {
            throw .invalid("\(error)")
        }
        var result: [TrajectoryDataset.Trajectory] = []
        for (k, state) in initialStates.enumerated() {
            guard state.count == d else {
                throw .invalid("initial state \(k + 1) has \(state.count) components, \(system.spec.name) has \(d)")
            }
            let start = try transient > 0 ? solve(single, from: state, duration: transient, saveAt: .final).states : state
            let solution = try solve(single, from: start, duration: t1, saveAt: .points(points))
            result.append(.init(label: "\(k)", times: solution.times, values: solution.states))
        }
        return TrajectoryDataset(componentNames: system.spec.componentNames, trajectories: result)
    }

    private static func solve(_ field: SystemField, from state: [Double], duration: Double,
                              saveAt: SaveAt) throws(Failure) -> ODESolution {
        let problem = ODEProblem(field: field, t0: 0, t1: duration, y0: state)
        let solution: ODESolution
        do {
            solution = try ODESolve.solve(problem, method: .tsit5, controller: .tolerances(rtol: 1e-10, atol: 1e-12),
                                          saveAt: saveAt)
        } catch {
            throw .invalid(error.description)
        }
        if let failure = solution.failure {
            throw .solveFailed(initialState: state, reason: failure.description)
        }
        return solution
    }
}
