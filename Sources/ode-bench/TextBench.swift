import NeuralODE

/// Van der Pol from text against the built-in one: the same solve and the same field grid,
/// measured back to back (alternating rounds, medians) so the ratio compares like with like.
enum TextBench {
    static let equations = "x' = y\ny' = mu*(1 - x^2)*y - x\npar mu=1"

    static func run() throws -> [BenchRecord] {
        let builtin = try SystemRegistry.field(named: "van-der-pol")
        let text = try TextSystem.parse(equations, name: "van-der-pol-text").field()
        var records: [BenchRecord] = []

        // A dopri5 solve to t1 = 1e4: about 1 500 periods of the limit cycle (period 6.66).
        let controller = StepSizeController.tolerances(rtol: 1e-6, atol: 1e-9)
        func solve(_ field: SystemField) -> (Double, Int) {
            var evaluations = 0
            let seconds = Timing.median(repeats: 5) {
                let solution = try? ODESolve.solve(ODEProblem(field: field, t0: 0, t1: 1e4, y0: [2, 0]), method: .dopri5,
                                                   controller: controller, saveAt: .points(101))
                evaluations = solution?.statistics.functionEvaluations ?? 0
            }
            return (seconds, evaluations)
        }
        records += try compare(what: "van-der-pol dopri5 [0,1e4] rtol 1e-6 atol 1e-9", run: solve, builtin: builtin, text: text)

        // The field on a 200 × 200 grid: one batched evaluation of 40 000 states.
        let grid = 200
        var states: [Double] = []
        states.reserveCapacity(2 * grid * grid)
        for i in 0..<grid {
            for j in 0..<grid { states += [-3 + 6 * Double(j) / Double(grid - 1), -4 + 8 * Double(i) / Double(grid - 1)] }
        }
        func evaluate(_ field: SystemField) -> (Double, Int) {
            guard let batched = try? field.batched(grid * grid) else { return (.nan, 0) }
            var out = [Double](repeating: 0, count: states.count)
            let seconds = Timing.median(repeats: 30) {
                states.withUnsafeBufferPointer { y in
                    out.withUnsafeMutableBufferPointer { dy in
                        if let yb = y.baseAddress, let db = dy.baseAddress { batched.evaluate(t: 0, y: yb, dy: db) }
                    }
                }
            }
            return (seconds, 1)
        }
        records += try compare(what: "van-der-pol field on a 200x200 grid", run: evaluate, builtin: builtin, text: text)
        return records
    }

    /// Alternates built-in and text runs for three rounds and reports the medians and their ratio.
    static func compare(what: String, run: (SystemField) -> (Double, Int), builtin: SystemField,
                        text: SystemField) throws -> [BenchRecord] {
        var builtinTimes: [Double] = [], textTimes: [Double] = []
        var evaluations = 0
        for _ in 0..<3 {
            let b = run(builtin), t = run(text)
            guard b.1 > 0, t.1 > 0 else { throw BenchError.solveFailed(what) }
            builtinTimes.append(b.0)
            textTimes.append(t.0)
            evaluations = t.1
        }
        let b = builtinTimes.sorted()[1], t = textTimes.sorted()[1]
        return [
            BenchRecord(bench: "text", configuration: "\(what), built-in", seconds: b, functionEvaluations: evaluations),
            BenchRecord(bench: "text", configuration: "\(what), from text", seconds: t, functionEvaluations: evaluations,
                        extra: ["ratioToBuiltin": t / b]),
        ]
    }
}
