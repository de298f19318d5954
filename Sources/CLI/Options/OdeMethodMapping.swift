import NeuralODE

/// Maps an `.ode` file's `@ meth`, `dt`, `tol` and `atol` onto `SolverOptions` the user left unset.
public enum OdeMethodMapping {
    /// XPPAUT's methods by name prefix: the Flowscope method and whether it is the same method.
    static let methods: [(prefixes: [String], method: SolverMethod, exact: Bool)] = [
        (["5", "dopri5"], .dopri5, true),
        (["83", "8"], .dopri5, false),
        (["q"], .dopri5, false),
        (["r"], .rk4, true),
        (["e"], .euler, true),
        (["mod", "m"], .midpoint, false),
        (["2"], .rosenbrock23, true),
        (["s", "g", "c", "b"], .rosenbrock23, false),
        (["a", "y"], .rk4, false),
    ]

    /// `options` with the file's solver settings filled in where the command line gave none, and
    /// a one-line note when the file's method has no exact Flowscope equivalent.
    ///
    /// Throws `ProgramError.badInput` for `meth=discrete` (maps are not ODEs) or an unknown method.
    public static func apply(_ file: OdeOptions, to options: SolverOptions) throws -> (SolverOptions, note: String?) {
        var result = options
        var note: String?
        if result.method == nil, let name = file.method {
            if name.hasPrefix("d") || name.hasPrefix("v") {
                throw ProgramError.badInput("@ meth=\(name): discrete maps and Volterra equations are not supported")
            }
            guard let entry = methods.first(where: { $0.prefixes.contains { name.hasPrefix($0) } }) else {
                throw ProgramError.badInput("@ meth=\(name): unknown XPPAUT method")
            }
            if result.dt != nil && entry.method.isAdaptive {
                // A --dt on the command line keeps constant steps: leave the method to the default.
            } else {
                result.method = entry.method
            }
            if !entry.exact {
                note = "note: @ meth=\(name) has no Flowscope equivalent; using \(entry.method.name)"
            }
        }
        let method = result.method ?? (result.dt == nil ? .dopri5 : .rk4)
        if method.isAdaptive {
            if result.dt == nil, result.rtol == nil, let tol = file.relativeTolerance { result.rtol = tol }
            if result.dt == nil, result.atol == nil, let atol = file.absoluteTolerance { result.atol = atol }
        } else if result.dt == nil, result.rtol == nil, result.atol == nil {
            // XPPAUT's default step is 0.05.
            result.dt = file.dt ?? 0.05
        }
        return (result, note)
    }
}
