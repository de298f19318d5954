import NeuralODE

/// Solver timings on Van der Pol (μ = 1), the problems of the peers' `solve_scipy.py`.
enum SolveBench {
    static func run() throws -> [BenchRecord] {
        let field = try SystemRegistry.field(named: "van-der-pol")
        var records: [BenchRecord] = []
        let adaptive: [(SolverMethod, Double, Double)] = [
            (.dopri5, 1e-6, 1e-9), (.dopri5, 1e-10, 1e-10), (.tsit5, 1e-6, 1e-9), (.tsit5, 1e-10, 1e-10),
        ]
        let problem = ODEProblem(field: field, t0: 0, t1: 20, y0: [2, 0])
        for (method, rtol, atol) in adaptive {
            let controller = StepSizeController.tolerances(rtol: rtol, atol: atol)
            var solution: ODESolution?
            let seconds = Timing.median(repeats: 50) {
                solution = try? ODESolve.solve(problem, method: method, controller: controller, saveAt: .points(201))
            }
            guard let solution, solution.succeeded else { throw BenchError.solveFailed("\(method)") }
            records.append(BenchRecord(bench: "solve", configuration: "van-der-pol [0,20] 201 outputs \(method) rtol \(rtol) atol \(atol)",
                                       seconds: seconds, functionEvaluations: solution.statistics.functionEvaluations,
                                       extra: ["accepted": Double(solution.statistics.acceptedSteps),
                                               "rejected": Double(solution.statistics.rejectedSteps)]))
        }
        let fixed = ODEProblem(field: field, t0: 0, t1: 10, y0: [2, 0])
        var solution: ODESolution?
        let seconds = Timing.median(repeats: 50) {
            solution = try? ODESolve.solve(fixed, method: .rk4, controller: .fixed(dt: 0.05), saveAt: .points(101))
        }
        guard let solution, solution.succeeded else { throw BenchError.solveFailed("rk4") }
        records.append(BenchRecord(bench: "solve", configuration: "van-der-pol [0,10] 101 outputs rk4 dt 0.05",
                                   seconds: seconds, functionEvaluations: solution.statistics.functionEvaluations))
        return records
    }
}

/// Why a benchmark could not run.
enum BenchError: Error, CustomStringConvertible {
    case solveFailed(String)
    case unknownSection(String)
    case badArguments(String)

    var description: String {
        switch self {
        case .solveFailed(let what): return "the \(what) solve failed"
        case .unknownSection(let name): return "unknown section '\(name)'; valid: solve, network, grad, train, figure, text, kernels, peak, scale DIR…, all"
        case .badArguments(let message): return message
        }
    }
}
