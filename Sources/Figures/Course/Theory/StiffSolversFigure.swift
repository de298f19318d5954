import Foundation
import NeuralODE
import Render

/// Misconception 3 and the stiff failure mode: Van der Pol with large μ solved by an explicit (dopri5)
/// and an implicit (rosenbrock23) method at the same tolerances.
///
/// Top: x(t) from both solvers. Bottom: the size of every accepted step at its start time (log axis).
/// The explicit method's steps are pinned near its stability limit (about 3.3/|λ_max| with
/// λ_max ≈ −μ·(x² − 1) in the slow phases) however smooth the solution; the implicit one's grow with
/// the slow phases and shrink only at the fast jumps. Long step histories are drawn as a band (the
/// smallest and largest step in each time bin) with their geometric mean.
public struct StiffSolversFigure: CourseFigure {
    /// μ of Van der Pol x' = v, v' = μ(1 − x²)v − x.
    public var mu = 1000.0
    public var initialState = [2.0, 0.0]
    public var t1 = 3000.0
    public var rtol = 1e-6
    public var atol = 1e-6
    public var explicitMethod = SolverMethod.dopri5
    public var implicitMethod = SolverMethod.rosenbrock23
    /// Attempted-step limit of each solve (dopri5 needs about 1.6 million on [0, 3000]).
    public var maxSteps = 5_000_000
    /// Time bins for drawing a step history longer than `drawnStepLimit`.
    public var bins = 600
    public var drawnStepLimit = 4000

    /// One solver's run.
    public struct Run: Sendable {
        public var method: SolverMethod
        /// x and v at `times` (dense output; does not change the steps).
        public var x: [Double]
        public var v: [Double]
        public var statistics: SolveStatistics
        public var failure: SolveFailure?
        public var largestStep: Double
    }

    public struct Numbers: Sendable {
        public var times: [Double]
        public var explicit: Run
        public var implicit: Run
        /// Explicit accepted steps over implicit accepted steps.
        public var stepRatio: Double
        public var evaluationRatio: Double
        /// How far the explicit method's stability interval reaches along the negative real axis (|hλ| ≤ this).
        public var stabilityRadius: Double
        /// The explicit method's stability limit radius/|λ| at `limitTimes`, λ the most negative real
        /// eigenvalue of the Jacobian on the solution (only where both eigenvalues are real and negative).
        public var limitTimes: [Double]
        public var limitSteps: [Double]
        /// Median over `limitTimes` of the explicit method's step there divided by the stability limit.
        public var stepOverLimit: Double
        /// Times where x changes sign (the jumps), by linear interpolation between output samples.
        public var jumpTimes: [Double]
    }

    public init() {}

    public var defaultTitle: String {
        "Stiff Van der Pol (\\mu = \(NumberText.short(mu))): explicit vs implicit steps"
    }

    public var preferredSize: PageSize { PageSize(width: .inches(6.5), height: .inches(6.5)) }

    public func compute() throws(FigureError) -> Numbers {
        let field: SystemField
        do {
            field = try SystemRegistry.field(named: "van-der-pol", parameters: ["mu": mu])
        } catch {
            throw .invalidInput("\(error)")
        }
        let samples = 1201
        let controller = StepSizeController.adaptive(PIController(rtol: rtol, atol: atol, maxSteps: maxSteps))
        func run(_ method: SolverMethod) throws(FigureError) -> (Run, [Double]) {
            let solution: ODESolution
            do {
                solution = try ODESolve.solve(ODEProblem(field: field, t0: 0, t1: t1, y0: initialState), method: method,
                                              controller: controller, saveAt: .points(samples))
            } catch {
                throw .solverSettings(error.description)
            }
            let stats = solution.statistics
            let x = stride(from: 0, to: solution.states.count, by: 2).map { solution.states[$0] }
            let v = stride(from: 1, to: solution.states.count, by: 2).map { solution.states[$0] }
            return (Run(method: method, x: x, v: v, statistics: stats, failure: solution.failure,
                        largestStep: stats.acceptedStepSizes.map { abs($0) }.max() ?? .nan), solution.times)
        }
        let (explicit, times) = try run(explicitMethod)
        let (implicit, _) = try run(implicitMethod)
        let e = explicit.statistics, i = implicit.statistics
        guard let tableau = explicitMethod.tableau else {
            throw .invalidInput("\(explicitMethod.name) is not an explicit Runge–Kutta method")
        }
        let radius = Self.realStabilityRadius(tableau)
        var limitTimes: [Double] = [], limitSteps: [Double] = []
        var state = [0.0, 0.0], jacobian = [Double](repeating: 0, count: 4)
        for (k, t) in times.enumerated() {
            state[0] = explicit.x[k]
            state[1] = explicit.v[k]
            state.withUnsafeBufferPointer { y in
                jacobian.withUnsafeMutableBufferPointer { j in
                    guard let yp = y.baseAddress, let jp = j.baseAddress else { return }
                    field.jacobian(t: t, y: yp, into: jp)
                }
            }
            let trace = jacobian[0] + jacobian[3], det = jacobian[0] * jacobian[3] - jacobian[1] * jacobian[2]
            let discriminant = trace * trace / 4 - det
            guard abs(explicit.x[k]) > 1.01, discriminant >= 0, trace < 0 else { continue }
            let fastest = trace / 2 - discriminant.squareRoot()
            limitTimes.append(t)
            limitSteps.append(radius / abs(fastest))
        }
        var ratios: [Double] = []
        for (t, limit) in zip(limitTimes, limitSteps) {
            let k = Self.stepIndex(at: t, in: e.acceptedTimes)
            ratios.append(abs(e.acceptedStepSizes[k]) / limit)
        }
        ratios.sort()
        return Numbers(times: times, explicit: explicit, implicit: implicit,
                       stepRatio: Double(e.acceptedSteps) / Double(max(1, i.acceptedSteps)),
                       evaluationRatio: Double(e.functionEvaluations) / Double(max(1, i.functionEvaluations)),
                       stabilityRadius: radius, limitTimes: limitTimes, limitSteps: limitSteps,
                       stepOverLimit: ratios.isEmpty ? .nan : ratios[ratios.count / 2],
                       jumpTimes: Self.signChanges(times: times, values: implicit.x))
    }

    /// Where `values` changes sign, linearly interpolated between neighbouring samples.
    static func signChanges(times: [Double], values: [Double]) -> [Double] {
        var crossings: [Double] = []
        for k in 1..<min(times.count, values.count) where (values[k - 1] < 0) != (values[k] < 0) {
            let a = values[k - 1], b = values[k]
            crossings.append(times[k - 1] + (times[k] - times[k - 1]) * a / (a - b))
        }
        return crossings
    }

    /// The index of the accepted step whose start is the last one at or before `t` (times increasing, not empty).
    static func stepIndex(at t: Double, in starts: [Double]) -> Int {
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= t { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// The largest r with |R(z)| ≤ 1 on [−r, 0] for the tableau's stability function R (one step of
    /// y' = λy with z = hλ), found by scanning in steps of 10⁻³ and refining by bisection.
    static func realStabilityRadius(_ tableau: ButcherTableau) -> Double {
        func amplification(_ z: Double) -> Double {
            var stages = [Double](repeating: 0, count: tableau.stages)
            var sum = 0.0
            for i in 0..<tableau.stages {
                var y = 1.0
                for j in 0..<i { y += z * tableau.a[i][j] * stages[j] }
                stages[i] = y
                sum += tableau.b[i] * y
            }
            return abs(1 + z * sum)
        }
        var inside = 0.0
        while inside < 100, amplification(-(inside + 1e-3)) <= 1 { inside += 1e-3 }
        var outside = inside + 1e-3
        for _ in 0..<50 {
            let mid = (inside + outside) / 2
            if amplification(-mid) <= 1 { inside = mid } else { outside = mid }
        }
        return inside
    }

    public func keyNumbers(_ n: Numbers) -> [KeyNumber] {
        let e = n.explicit.statistics, i = n.implicit.statistics
        return [KeyNumber("explicitSteps", count: e.acceptedSteps), KeyNumber("explicitEvaluations", count: e.functionEvaluations),
                KeyNumber("implicitSteps", count: i.acceptedSteps), KeyNumber("implicitEvaluations", count: i.functionEvaluations),
                KeyNumber("stepRatio", count: Int(n.stepRatio.rounded())), KeyNumber("largestImplicitStep", n.implicit.largestStep, significant: 3),
                KeyNumber("stepOverLimit", n.stepOverLimit, significant: 2)]
    }

    public func summary(_ numbers: Numbers) -> String {
        func describe(_ run: Run) -> String {
            let s = run.statistics
            return "\(run.method.name) \(s.acceptedSteps) steps (\(s.rejectedSteps) rejected), \(s.functionEvaluations) evaluations"
                + (s.jacobianEvaluations > 0 ? ", \(s.jacobianEvaluations) Jacobians" : "")
                + String(format: ", largest step %.3g", run.largestStep)
                + (run.failure.map { " (stopped: \($0.description))" } ?? "")
        }
        return "Van der Pol mu = \(NumberText.short(mu)) on [0, \(NumberText.short(t1))], rtol \(rtol), atol \(atol): "
            + describe(numbers.explicit) + "; " + describe(numbers.implicit)
            + String(format: "; %.0fx fewer steps, %.0fx fewer evaluations; ", numbers.stepRatio, numbers.evaluationRatio)
            + "\(explicitMethod.name) stable for |h lambda| <= " + String(format: "%.3f", numbers.stabilityRadius)
            + String(format: ", its steps in the slow phases are %.2f of that limit (median)", numbers.stepOverLimit)
            + "; jumps at t = " + numbers.jumpTimes.map { String(format: "%.1f", $0) }.joined(separator: ", ")
    }

    public func layout(_ numbers: Numbers, options: FigureOptions) -> Figure {
        let theme = options.theme
        let figure = options.makeFigure(rows: 2, columns: 1)
        figure.suptitle = options.resolvedTitle(defaultTitle)
        // Each solver in its role, as in every figure.
        let explicitColor = theme.solver(explicitMethod).color
        let implicitColor = theme.solver(implicitMethod).color

        let top = figure[0, 0]
        let jumps = numbers.jumpTimes.map { NumberText.short($0, significant: 4) }.joined(separator: ", ")
        top.title = numbers.jumpTimes.isEmpty ? "x(t): a slow drift" : "x(t): slow drifts, sudden jumps at t ≈ \(jumps)"
        top.yLabel = "x"
        top.xLimits = (0, t1)
        top.showsXTickLabels = false
        top.add(LineSeries(x: numbers.times, y: numbers.explicit.x,
                           style: LineStyle(color: explicitColor, width: theme.thickLineWidth)))
        top.add(LineSeries(x: numbers.times, y: numbers.implicit.x,
                           style: LineStyle(color: implicitColor, width: theme.lineWidth, dash: .dashed)))
        // The step panel's key names both methods in the same colours and dashes; a second key
        // here went outside and narrowed both panels.

        let steps = figure[1, 0]
        steps.title = "Accepted step sizes (rtol \(SolverStatsFigure<SystemField>.tolerance(rtol)), "
            + "atol \(SolverStatsFigure<SystemField>.tolerance(atol)))"
        steps.xLabel = "t"
        steps.yLabel = "step size |h|"
        steps.yScale = .log
        steps.xLimits = (0, t1)
        steps.showsGrid = true
        // The stability limit as a wide light band under the explicit steps: they run inside it.
        let spacing = t1 / Double(max(1, numbers.times.count - 1))
        var start = 0
        let limitLabel = "\(explicitMethod.name) stability limit \(NumberText.short(numbers.stabilityRadius, significant: 3))/|λ_{fast}|"
        for k in numbers.limitTimes.indices where k == numbers.limitTimes.count - 1
            || numbers.limitTimes[k + 1] - numbers.limitTimes[k] > 1.5 * spacing {
            steps.add(LineSeries(x: Array(numbers.limitTimes[start...k]), y: Array(numbers.limitSteps[start...k]),
                                 style: LineStyle(color: Color(hex: 0xBBBBBB), width: 7), label: start == 0 ? limitLabel : nil))
            start = k + 1
        }
        addSteps(numbers.explicit, to: steps, color: explicitColor, dash: .solid, theme: theme)
        addSteps(numbers.implicit, to: steps, color: implicitColor, dash: .dashed, theme: theme)
        let all = numbers.explicit.statistics.acceptedStepSizes.map { abs($0) } + numbers.implicit.statistics.acceptedStepSizes.map { abs($0) }
        if let low = all.filter({ $0 > 0 }).min(), let high = all.max() {
            // Room above the curves for the legend.
            steps.yLimits = (low / 2, high * 1e4)
        }
        // Upper right, in the room left above the curves: placed outside, the long entries would
        // narrow both panels to a third of the page.
        steps.legend = .upperRight
        return figure
    }

    /// One run's accepted steps: every step when there are few, else a min–max band per time bin with its geometric mean.
    func addSteps(_ run: Run, to ax: Axes, color: Color, dash: Dash, theme: Theme) {
        let s = run.statistics
        let label = "\(run.method.name): \(NumberFormat.count(s.acceptedSteps)) steps, \(NumberFormat.count(s.functionEvaluations)) evaluations"
        let sizes = s.acceptedStepSizes.map { abs($0) }
        guard sizes.count > drawnStepLimit else {
            // Markers only while they stay apart (they also keep SVG files small).
            ax.add(LineSeries(x: s.acceptedTimes, y: sizes, style: LineStyle(color: color, width: theme.lineWidth, dash: dash),
                              marker: sizes.count <= 400 ? MarkerStyle(.circle, size: 2.8, fill: color, edge: nil) : nil,
                              label: label))
            return
        }
        let band = StepBand(times: s.acceptedTimes, sizes: sizes, t0: 0, t1: t1, bins: bins)
        ax.add(FillBetween(x: band.times, upper: band.largest, lower: band.smallest, color: color.withAlpha(0.3)))
        ax.add(LineSeries(x: band.times, y: band.geometricMean, style: LineStyle(color: color, width: theme.lineWidth, dash: dash),
                          label: label))
    }
}

/// A long step-size history reduced to time bins: the smallest, largest and geometric-mean step in each.
struct StepBand {
    var times: [Double] = []
    var smallest: [Double] = []
    var largest: [Double] = []
    var geometricMean: [Double] = []

    init(times t: [Double], sizes: [Double], t0: Double, t1: Double, bins: Int) {
        let width = (t1 - t0) / Double(bins)
        var lo = [Double](repeating: .infinity, count: bins), hi = [Double](repeating: 0, count: bins)
        var logSum = [Double](repeating: 0, count: bins), count = [Int](repeating: 0, count: bins)
        for (time, h) in zip(t, sizes) where h > 0 {
            let b = min(bins - 1, max(0, Int((time - t0) / width)))
            lo[b] = min(lo[b], h); hi[b] = max(hi[b], h)
            logSum[b] += log(h); count[b] += 1
        }
        for b in 0..<bins where count[b] > 0 {
            times.append(t0 + (Double(b) + 0.5) * width)
            smallest.append(lo[b]); largest.append(hi[b])
            geometricMean.append(exp(logSum[b] / Double(count[b])))
        }
    }
}
