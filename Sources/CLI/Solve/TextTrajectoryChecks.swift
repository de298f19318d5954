import NeuralODE

/// What a `.ode` system adds to a solved trajectory: aux columns, its `@ bound`, and the name of
/// the component whose derivative stopped being finite.
public enum TextTrajectoryChecks {
    /// `trajectory` cut at the first output beyond `@ bound` (`SolveFailure.beyondBound`), with the
    /// non-finite component named on a non-finite failure (`.nonFiniteComponent`), and aux columns
    /// appended when `aux` is set.
    public static func apply(_ system: TextSystem, field: SystemField, to trajectory: Trajectory,
                             parameters: [String: Double], aux: Bool) throws -> Trajectory {
        var result = trajectory
        let names = system.spec.componentNames
        let d = names.count
        if case .nonFiniteState(let t)? = trajectory.failure, trajectory.lastState.count >= d {
            let (component, detail) = nonFiniteDetail(field: field, state: Array(trajectory.lastState.prefix(d)), t: t, names: names)
            result.failure = .nonFiniteComponent(t: t, component: component, detail: detail)
        }
        if let bound = system.options.bound {
            outer: for i in 0..<trajectory.times.count {
                for j in 0..<d where !(abs(trajectory.states[i * trajectory.stride + j]) <= bound) {
                    result.times = Array(trajectory.times.prefix(i))
                    result.states = Array(trajectory.states.prefix(i * trajectory.stride))
                    result.failure = .beyondBound(t: trajectory.times[i], component: names[j],
                                                  value: trajectory.states[i * trajectory.stride + j], bound: bound)
                    break outer
                }
            }
        }
        if aux, !system.auxNames.isEmpty {
            let evaluator = try system.auxEvaluator(parameters: parameters)
            let width = d + system.auxNames.count
            var states: [Double] = []
            states.reserveCapacity(result.times.count * width)
            for (i, t) in result.times.enumerated() {
                let y = Array(result.states[i * result.stride..<i * result.stride + d])
                states += y + evaluator.values(t: t, state: y)
            }
            result.states = states
            result.stride = width
            result.componentNames = names + system.auxNames
        }
        return result
    }

    /// Which derivative component is NaN or infinite at the solver's last state or just past it
    /// (along the Euler ray y + τ f(y), τ from the step scale down), or which state blew up: the
    /// component's name and a sentence saying how it was found.
    static func nonFiniteDetail(field: SystemField, state: [Double], t: Double, names: [String]) -> (String, String) {
        let derivative = field.velocity(at: state, t: t)
        if let j = derivative.indices.first(where: { !derivative[$0].isFinite }) {
            return (names[j], "the derivative of \(names[j]) is \(derivative[j].isNaN ? "NaN" : "\(derivative[j])") at t = \(t)")
        }
        var tau = max(1, abs(t))
        for _ in 0..<60 {
            let probe = zip(state, derivative).map { $0 + tau * $1 }
            let f = field.velocity(at: probe, t: t + tau)
            if probe.allSatisfy(\.isFinite), let j = f.indices.first(where: { !f[$0].isFinite }) {
                let at = zip(names, probe).map { "\($0) = \($1)" }.joined(separator: ", ")
                return (names[j], "the derivative of \(names[j]) becomes \(f[j].isNaN ? "NaN" : "\(f[j])") just after t = \(t) (at \(at))")
            }
            tau /= 2
        }
        let j = state.indices.max { abs(state[$0]) < abs(state[$1]) } ?? 0
        return (names[j], "\(names[j]) = \(state[j]) at t = \(t) was the largest state when the step failed")
    }
}
