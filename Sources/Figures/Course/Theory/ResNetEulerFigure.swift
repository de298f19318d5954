import Foundation
import NeuralODE
import Render

/// Result 3.1.3: a ResNet of N layers h_{k+1} = h_k + (T/N)·f(h_k) is forward Euler on ḣ = f(h), and
/// converges to the ODE solution with error O(1/N).
///
/// The residual layers run as an explicit loop over the network; the same N steps of `ODESolve`'s
/// Euler method are checked against it layer by layer. The error at T is against a dopri5 solve at
/// rtol 10⁻¹², and its slope in N is fitted by least squares over the depths from `fitFrom` on.
public struct ResNetEulerFigure: CourseFigure {
    /// The shared residual block f: a 2-2-2 tanh network, f(h) = A·tanh(h) with A = [[−0.1, 2], [−2, −0.1]].
    public var network: MLP
    /// Depth of the residual stack ("time" T of the ODE).
    public var horizon = 2.0
    public var initialState = [2.0, 0.0]
    /// The depths N, increasing.
    public var depths = [1, 2, 4, 8, 16, 32, 64]
    /// The smallest depth in the slope fit (the smaller ones are outside the asymptotic range).
    public var fitFrom = 8

    public struct Numbers: Sendable {
        /// Depths N.
        public var depths: [Int]
        /// Each ResNet's hidden states h_0 … h_N, flat (x, y) pairs.
        public var layers: [[Double]]
        /// The ODE solution on [0, T] for drawing, flat (x, y) pairs.
        public var solution: [Double]
        /// h(T) from the reference solve.
        public var reference: [Double]
        /// |h_N − h(T)| (Euclidean) per depth.
        public var errors: [Double]
        /// Largest |h_k(ResNet) − y_k(ODESolve euler)| over every depth, layer and component.
        public var eulerDifference: Double
        /// Least-squares slope of log error against log N over N ≥ `fitFrom`, and log10 of the line at N = 1.
        public var slope: Double
        public var intercept: Double
        public var fitFrom: Int
    }

    public init() {
        // Layout of MLP.parameters: W1 (rows as outputs), b1, W2, b2.
        var block = MLP(stateDim: 2, hidden: [2], activation: .tanh, seed: 0)
        block.parameters = [1, 0, 0, 1, 0, 0, -0.1, 2, -2, -0.1, 0, 0]
        network = block
    }

    public var defaultTitle: String { "Result 3.1.3: a ResNet of N layers is Euler with h = T/N" }

    public var preferredSize: PageSize { PageSize(width: .inches(6.5), height: .inches(6.6)) }

    public func compute() throws(FigureError) -> Numbers {
        guard network.odeDimension == 2, initialState.count == 2, !depths.isEmpty else {
            throw .invalidInput("the ResNet figure needs a 2-D block, a 2-D initial state and at least one depth")
        }
        let field = MLPField(network)
        let dense = try Self.solve(field, y0: initialState, t1: horizon, method: .dopri5,
                                   controller: .tolerances(rtol: 1e-12, atol: 1e-14), saveAt: .points(401))
        let reference = dense.lastState
        var layers: [[Double]] = [], errors: [Double] = []
        var eulerDifference = 0.0
        for n in depths {
            let h = horizon / Double(n)
            let stack = residualStack(field, layers: n, step: h)
            let euler = try Self.solve(field, y0: initialState, t1: horizon, method: .euler,
                                       controller: .fixed(dt: h), saveAt: .steps)
            guard euler.states.count == stack.count else {
                throw .computationFailed("Euler with h = T/\(n) took \(euler.count - 1) steps, not \(n)")
            }
            for (a, b) in zip(stack, euler.states) { eulerDifference = max(eulerDifference, abs(a - b)) }
            layers.append(stack)
            let dx = stack[2 * n] - reference[0], dy = stack[2 * n + 1] - reference[1]
            errors.append((dx * dx + dy * dy).squareRoot())
        }
        let fitted = zip(depths, errors).filter { $0.0 >= fitFrom && $0.1 > 0 }
        guard let fit = ConvergenceStudy<MLPField>.fitLine(x: fitted.map { log10(Double($0.0)) },
                                                           y: fitted.map { log10($0.1) }) else {
            throw .invalidInput("the slope fit needs at least two depths ≥ \(fitFrom)")
        }
        return Numbers(depths: depths, layers: layers, solution: dense.states, reference: reference, errors: errors,
                       eulerDifference: eulerDifference, slope: fit.slope, intercept: fit.intercept, fitFrom: fitFrom)
    }

    /// The ResNet's forward pass: h_0 = y0, then `layers` residual layers sharing the block f; flat states.
    func residualStack(_ block: MLPField, layers: Int, step: Double) -> [Double] {
        var states = [Double](repeating: 0, count: 2 * (layers + 1))
        states[0] = initialState[0]; states[1] = initialState[1]
        var f = [0.0, 0.0]
        for k in 0..<layers {
            states.withUnsafeMutableBufferPointer { s in
                f.withUnsafeMutableBufferPointer { fk in
                    guard let base = s.baseAddress, let out = fk.baseAddress else { return }
                    block.evaluate(t: Double(k) * step, y: base + 2 * k, dy: out)
                    for i in 0..<2 { base[2 * (k + 1) + i] = base[2 * k + i] + step * out[i] }
                }
            }
        }
        return states
    }

    static func solve<F: VectorField>(_ field: F, y0: [Double], t1: Double, method: SolverMethod,
                                      controller: StepSizeController, saveAt: SaveAt) throws(FigureError) -> ODESolution {
        let solution: ODESolution
        do {
            solution = try ODESolve.solve(ODEProblem(field: field, t0: 0, t1: t1, y0: y0), method: method,
                                          controller: controller, saveAt: saveAt)
        } catch {
            throw .solverSettings(error.description)
        }
        if let failure = solution.failure { throw .computationFailed("\(method.name) solve failed: \(failure.description)") }
        return solution
    }

    public func keyNumbers(_ n: Numbers) -> [KeyNumber] {
        [KeyNumber("eulerDifference", count: Int(n.eulerDifference)), KeyNumber("firstError", n.errors.first ?? .nan, significant: 3),
         KeyNumber("lastError", n.errors.last ?? .nan, significant: 2), KeyNumber("firstDepth", count: n.depths.first ?? 0),
         KeyNumber("lastDepth", count: n.depths.last ?? 0), KeyNumber("slope", n.slope, significant: 3),
         KeyNumber("fitFrom", count: n.fitFrom)]
    }

    public func summary(_ numbers: Numbers) -> String {
        let pairs = zip(numbers.depths, numbers.errors).map { "N=\($0.0) \(String(format: "%.3g", $0.1))" }
        return "ResNet h_{k+1} = h_k + (T/N) f(h_k), T = \(NumberText.short(horizon)): error at T "
            + pairs.joined(separator: ", ")
            + String(format: "; fitted slope %.3f (N >= %d); max |ResNet - ODESolve euler| = %.3g",
                     numbers.slope, numbers.fitFrom, numbers.eulerDifference)
    }

    public func layout(_ numbers: Numbers, options: FigureOptions) -> Figure {
        let theme = options.theme
        let figure = options.makeFigure(rows: 2, columns: 1)
        figure.suptitle = options.resolvedTitle(defaultTitle)
        // Depths are runs ordered by a number: the theme's ramp, a marker shape each.
        let colors = numbers.depths.indices.map { theme.rampColor($0, of: numbers.depths.count) }

        let paths = figure[0, 0]
        paths.title = "Hidden states h_k of each ResNet"
        paths.xLabel = "h_1"
        paths.yLabel = "h_2"
        // Not equal aspect: the states span about as much in h_1 as in h_2, and a square panel
        // beside its legend would use a third of the page.
        let sx = stride(from: 0, to: numbers.solution.count, by: 2).map { numbers.solution[$0] }
        let sy = stride(from: 1, to: numbers.solution.count, by: 2).map { numbers.solution[$0] }
        for (i, n) in numbers.depths.enumerated() {
            let stack = numbers.layers[i]
            let xs = stride(from: 0, to: stack.count, by: 2).map { stack[$0] }
            let ys = stride(from: 1, to: stack.count, by: 2).map { stack[$0] }
            let marker = n <= 8 ? theme.rampMarker(i, of: numbers.depths.count, size: 5) : nil
            paths.add(LineSeries(x: xs, y: ys, style: LineStyle(color: colors[i], width: 1.1), marker: marker,
                                 label: "N = \(n)"))
        }
        paths.add(LineSeries(x: sx, y: sy, style: LineStyle(color: theme.truth, width: theme.thickLineWidth, dash: .dashed),
                             label: "ODE h(t)"))
        paths.add(Scatter(x: [initialState[0]], y: [initialState[1]],
                          marker: MarkerStyle(.square, size: 6, fill: theme.foreground, edge: .white)))
        var xs: [Double] = sx, ys: [Double] = sy
        for stack in numbers.layers {
            xs += stride(from: 0, to: stack.count, by: 2).map { stack[$0] }
            ys += stride(from: 1, to: stack.count, by: 2).map { stack[$0] }
        }
        if let x0 = xs.min(), let x1 = xs.max(), let y0 = ys.min(), let y1 = ys.max() {
            let px = 0.06 * (x1 - x0), py = 0.06 * (y1 - y0)
            paths.xLimits = (x0 - px, x1 + px)
            paths.yLimits = (y0 - py, y1 + py)
        }
        paths.legend = .best

        let error = figure[1, 0]
        error.title = "Error at T against depth"
        error.xLabel = "layers N (h = T/N)"
        error.yLabel = "|h_N − h(T)|"
        error.xScale = .log
        error.yScale = .log
        error.showsGrid = true
        let ns = numbers.depths.map(Double.init)
        // The fitted line as a light band under the data (it would hide under the data line otherwise).
        let fitRange = ns.filter { $0 >= Double(numbers.fitFrom) }
        let fitted = fitRange.map { pow(10, numbers.intercept + numbers.slope * log10($0)) }
        error.add(LineSeries(x: fitRange, y: fitted, style: LineStyle(color: Color(hex: 0xBBBBBB), width: 8),
                             label: "fit N ≥ \(numbers.fitFrom): slope \(NumberText.short(numbers.slope, significant: 3))"))
        // A ResNet is Euler's method, so it takes Euler's role.
        error.add(LineSeries(x: ns, y: numbers.errors, style: theme.line(.euler),
                             marker: theme.marker(.euler, size: 7),
                             label: "ResNet = Euler"))

        for (n, e) in zip(numbers.depths, numbers.errors) {
            error.annotate(.text("N = \(n)", at: (Double(n), e), offset: (6, 4), anchor: .bottomLeft,
                                 size: theme.annotationSize * 0.9))
        }
        error.xLimits = (0.7, Double(numbers.depths.last ?? 64) * 2)
        if let low = numbers.errors.min(), let high = numbers.errors.max() { error.yLimits = (low / 1.6, high * 1.8) }
        error.legend = .best
        return figure
    }
}
