import Foundation
import NeuralODE
import Render

/// The non-unique failure mode: y' = √|y| from y(0) = 0 has infinitely many solutions, because
/// √|y| is not Lipschitz at 0 (|f(y) − f(0)| / |y| = 1/√|y| grows without bound).
///
/// Drawn: y ≡ 0 and, for each c, y_c(t) = 0 for t < c and (t − c)²/4 after, over the slope field;
/// what dopri5 returns from y(0) = 0 (it stays at 0: f(0) = 0 and every stage sees y = 0); and what it
/// returns from y(0) = ε, which follows (t/2 + √ε)², almost the c = 0 branch. Each branch is checked:
/// its residual y_c' − √|y_c| on the sample grid, and a dopri5 solve started on it at t = c + 1
/// (where the field is Lipschitz, so the solution is unique again) that must stay on it.
public struct NonUniqueFigure: CourseFigure {
    /// Where the branches leave zero.
    public var departures = [0.0, 1, 2, 3, 4]
    public var t1 = 6.0
    /// The perturbed initial value.
    public var epsilon = 1e-8
    public var samples = 601

    /// One drawn solution branch.
    public struct Branch: Sendable {
        /// Departure time c (infinity for y ≡ 0).
        public var departure: Double
        public var values: [Double]
        /// Largest |y_c'(t) − √|y_c(t)|| over the samples, with the exact derivative max(0, t − c)/2.
        public var residual: Double
        /// Largest |y_solver − y_c| of a dopri5 solve (rtol 10⁻¹²) started on the branch at t = c + 1.
        public var solverDeviation: Double
    }

    public struct Numbers: Sendable {
        public var times: [Double]
        public var branches: [Branch]
        /// dopri5 from y(0) = 0: 25 evenly spaced outputs, the largest |y| there and its accepted steps.
        public var zeroStartTimes: [Double]
        public var zeroStartValues: [Double]
        public var zeroStartLargest: Double
        public var zeroStartSteps: Int
        /// dopri5 from y(0) = ε at `times`, and its largest deviation from (t/2 + √ε)².
        public var perturbed: [Double]
        public var perturbedDeviation: Double
    }

    public init() {}

    public var defaultTitle: String { "Non-unique solutions: y' = √|y|, y(0) = 0" }

    public var preferredSize: PageSize { PageSize(width: .inches(6.5), height: .inches(5)) }

    /// y_c(t): zero until c, (t − c)²/4 after.
    static func branch(_ c: Double, at t: Double) -> Double { t < c ? 0 : (t - c) * (t - c) / 4 }

    public func compute() throws(FigureError) -> Numbers {
        guard t1 > 0, samples >= 2, epsilon > 0 else { throw .invalidInput("need t1 > 0, at least 2 samples and ε > 0") }
        let times = (0..<samples).map { t1 * Double($0) / Double(samples - 1) }
        let field = SquareRootField()
        let tight = StepSizeController.tolerances(rtol: 1e-12, atol: 1e-14)
        var branches: [Branch] = []
        for c in [Double.infinity] + departures {
            let values = times.map { Self.branch(c, at: $0) }
            var residual = 0.0
            for (t, y) in zip(times, values) {
                residual = max(residual, abs(max(0, t - c) / 2 - abs(y).squareRoot()))
            }
            var deviation = 0.0
            if c.isFinite, c + 1 < t1 {
                let start = c + 1
                let later = times.filter { $0 > start }
                let solution = try Self.solve(field, y0: Self.branch(c, at: start), t0: start, t1: t1,
                                              controller: tight, saveAt: .times(later))
                for (t, y) in zip(solution.times, solution.states) { deviation = max(deviation, abs(y - Self.branch(c, at: t))) }
            }
            branches.append(Branch(departure: c, values: values, residual: residual, solverDeviation: deviation))
        }
        let zero = try Self.solve(field, y0: 0, t0: 0, t1: t1, controller: .tolerances(rtol: 1e-6, atol: 1e-9), saveAt: .points(25))
        let perturbed = try Self.solve(field, y0: epsilon, t0: 0, t1: t1, controller: tight, saveAt: .times(times))
        var perturbedDeviation = 0.0
        for (t, y) in zip(times, perturbed.states) {
            let exact = (t / 2 + epsilon.squareRoot()) * (t / 2 + epsilon.squareRoot())
            perturbedDeviation = max(perturbedDeviation, abs(y - exact))
        }
        return Numbers(times: times, branches: branches, zeroStartTimes: zero.times, zeroStartValues: zero.states,
                       zeroStartLargest: zero.states.map { abs($0) }.max() ?? 0,
                       zeroStartSteps: zero.statistics.acceptedSteps,
                       perturbed: perturbed.states, perturbedDeviation: perturbedDeviation)
    }

    static func solve(_ field: SquareRootField, y0: Double, t0: Double, t1: Double, controller: StepSizeController,
                      saveAt: SaveAt) throws(FigureError) -> ODESolution {
        let solution: ODESolution
        do {
            solution = try ODESolve.solve(ODEProblem(field: field, t0: t0, t1: t1, y0: [y0]), method: .dopri5,
                                          controller: controller, saveAt: saveAt)
        } catch {
            throw .solverSettings(error.description)
        }
        if let failure = solution.failure { throw .computationFailed("y' = √|y| from \(y0): \(failure.description)") }
        return solution
    }

    public func keyNumbers(_ n: Numbers) -> [KeyNumber] {
        [KeyNumber("branches", count: n.branches.count), KeyNumber("residual", n.branches.map(\.residual).max() ?? 0, significant: 1),
         KeyNumber("zeroLargest", n.zeroStartLargest, significant: 2), KeyNumber("epsilon", epsilon, significant: 1),
         KeyNumber("perturbedEnd", n.perturbed.last ?? .nan, significant: 4)]
    }

    public func summary(_ numbers: Numbers) -> String {
        let residual = numbers.branches.map(\.residual).max() ?? 0
        let deviation = numbers.branches.map(\.solverDeviation).max() ?? 0
        let cs = departures.map { NumberText.short($0).replacingOccurrences(of: NumberText.minus, with: "-") }
        return "y' = sqrt|y|, y(0) = 0 on [0, \(NumberText.short(t1))]: y = 0 and y = (t - c)^2/4 for c in {"
            + cs.joined(separator: ", ") + "}"
            + String(format: " all solve it (largest residual %.1e; dopri5 restarted on each branch at t = c + 1 stays within %.1e)", residual, deviation)
            + String(format: "; dopri5 from 0 returns max |y| = %g in %d steps", numbers.zeroStartLargest, numbers.zeroStartSteps)
            + String(format: "; from y(0) = %g it reaches y(%g) = %.4f, (t/2 + sqrt(eps))^2 to %.1e", epsilon, t1,
                     numbers.perturbed.last ?? .nan, numbers.perturbedDeviation)
    }

    public func layout(_ numbers: Numbers, options: FigureOptions) -> Figure {
        let theme = options.theme
        let figure = options.makeFigure()
        let ax = figure[0, 0]
        figure.suptitle = options.resolvedTitle(defaultTitle)
        ax.xLabel = "t"
        ax.yLabel = "y"
        let top = Self.branch(departures.min() ?? 0, at: t1)
        ax.xLimits = (0, t1)
        ax.yLimits = (-0.06 * top, 1.12 * top)
        // No arrows under the key and the note in the upper left (the branches never reach it).
        let noteBox = { (t: Double, y: Double) in t < 0.88 * t1 && y > 0.5 * top }
        ax.add(Quiver.grid(x: 0...t1, y: (-0.06 * top)...(1.12 * top), nx: 15, ny: 11,
                           field: { t, y in noteBox(t, y) ? (.nan, .nan) : (1, abs(y).squareRoot()) },
                           color: Color(hex: 0xC8C8C8), unitLength: true))
        let colors = departures.indices.map { theme.rampColor($0, of: departures.count) }
        for (i, branch) in numbers.branches.enumerated() where branch.departure.isFinite {
            let k = i - 1
            ax.add(LineSeries(x: numbers.times, y: branch.values, style: LineStyle(color: colors[k], width: theme.lineWidth),
                              label: k == 0 ? "y = (t − c)^{2}/4 for t ≥ c" : nil))
            ax.annotate(.text("c = \(NumberText.short(branch.departure))", at: (t1, branch.values.last ?? 0), offset: (-4, 2),
                              anchor: .bottomRight, size: theme.annotationSize * 0.9))
        }
        ax.add(LineSeries(x: [0, t1], y: [0, 0], style: LineStyle(color: theme.truth, width: theme.thickLineWidth), label: "y ≡ 0"))
        // The solves in dopri5's colour, dashed so the c = 0 branch they follow shows through.
        let dopri5 = theme.role(.dopri5).color
        ax.add(LineSeries(x: numbers.times, y: numbers.perturbed,
                          style: LineStyle(color: dopri5, width: theme.lineWidth, dash: .dashed),
                          label: "dopri5 from y(0) = \(NumberText.short(epsilon))"))
        ax.add(Scatter(x: numbers.zeroStartTimes, y: numbers.zeroStartValues,
                       marker: MarkerStyle(.diamond, size: 6, fill: .white, edge: dopri5, edgeWidth: 1.2),
                       label: "dopri5 from y(0) = 0 (stays at 0)"))
        // The key in the upper left, the note under it: outside, the key left half the page empty.
        ax.legend = .upperLeft
        let lines = ["f(y) = √|y| is not Lipschitz at y = 0:", "|f(y) − f(0)| / |y| = 1/√|y| → ∞,",
                     "so a solution may leave 0 at any time c"]
        for (i, line) in lines.enumerated() {
            ax.annotate(.text(line, at: (0.04 * t1, 0.76 * top), offset: (0, -15 * Double(i)), anchor: .topLeft))
        }
        return figure
    }
}

/// y' = √|y| on one state component (not Lipschitz at 0).
struct SquareRootField: VectorField {
    var stateSize: Int { 1 }

    func evaluate(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>) {
        dy[0] = abs(y[0]).squareRoot()
    }
}
