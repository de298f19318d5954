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

    /// The solve table's row `row` (dopri5, dop853-tolerance, tsit5: the problems of `run`) solved
    /// `count` times with nothing else around it: a loop for `perf stat` and profilers.
    static func loop(count: Int, row: String) throws -> BenchRecord {
        let rows: [String: (SolverMethod, Double, Double)] = [
            "dopri5": (.dopri5, 1e-6, 1e-9), "dop853": (.dopri5, 1e-10, 1e-10), "tsit5": (.tsit5, 1e-6, 1e-9),
        ]
        guard let (method, rtol, atol) = rows[row], count >= 1 else {
            throw BenchError.badArguments("usage: ode-bench solve-loop COUNT [dopri5|dop853|tsit5]")
        }
        let field = try SystemRegistry.field(named: "van-der-pol")
        let problem = ODEProblem(field: field, t0: 0, t1: 20, y0: [2, 0])
        let controller = StepSizeController.tolerances(rtol: rtol, atol: atol)
        var solution: ODESolution?
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<count {
                solution = try? ODESolve.solve(problem, method: method, controller: controller, saveAt: .points(201))
            }
        }
        guard let solution, solution.succeeded else { throw BenchError.solveFailed("\(method)") }
        let seconds = (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18) / Double(count)
        // A fingerprint of every saved time and state, to see that a change kept the same bits.
        var fingerprint: UInt64 = 0
        for value in solution.times + solution.states { fingerprint = (fingerprint &* 31) ^ value.bitPattern }
        let hex = String(fingerprint, radix: 16)
        return BenchRecord(bench: "solve-loop", configuration: "van-der-pol [0,20] 201 outputs \(method) rtol \(rtol) atol \(atol), \(count) solves (mean), outputs \(hex)",
                           seconds: seconds, functionEvaluations: solution.statistics.functionEvaluations,
                           extra: ["lastState0": solution.lastState[0], "lastState1": solution.lastState[1]])
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
