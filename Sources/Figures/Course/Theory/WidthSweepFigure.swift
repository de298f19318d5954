import Foundation
import NeuralODE
import Render

/// Theorem 3.1.2 measured: how well a one-hidden-layer tanh network f_θ(y) = W₂·tanh(W₁y + b₁) + b₂
/// fits a known right-hand side g(y) = sin(y) − y³ on K = [−2, 2], as the hidden width grows.
///
/// Each width is fitted by plain regression: Adam on the mean squared error over `trainingCount`
/// evenly spaced points of K, full batch, from seeded initialisations, the learning rate decaying
/// geometrically from `learningRate` to `finalLearningRate`; targets are divided by max |g| while
/// training (errors are reported in g's units). Of `restarts` initialisations the one with the lowest
/// training loss is kept. For its hidden layer the best output layer (W₂, b₂) is a linear
/// least-squares problem, solved by Householder QR with a tiny ridge term: the "best fit" drawn. Errors are measured
/// on a held-out grid of `gridCount` points of K (sharing only the ends with the training points):
/// the largest error (the theorem's sup norm) and the RMS error, for Adam alone and for the best fit.
public struct WidthSweepFigure: CourseFigure {
    public var widths = [1, 2, 4, 8, 16, 32, 64]
    /// The interval K.
    public var lower = -2.0
    public var upper = 2.0
    public var trainingCount = 128
    public var gridCount = 401
    public var iterations = 3000
    public var restarts = 2
    public var learningRate = 0.02
    public var finalLearningRate = 2e-4
    public var seed: UInt64 = 7
    /// Widths whose fit is drawn over g.
    public var drawnWidths = [1, 2, 4, 64]

    /// The known right-hand side g(y) = sin(y) − y³.
    public static func target(_ y: Double) -> Double { sin(y) - y * y * y }

    public struct Fit: Sendable {
        public var width: Int
        /// Training MSE of the kept Adam fit (in g's units).
        public var trainingLoss: Double
        /// Held-out largest error of Adam's fit.
        public var adamSupError: Double
        /// Held-out errors of the best fit (Adam's hidden layer, least-squares output layer).
        public var supError: Double
        public var rmsError: Double
        /// The best fit f_θ on the grid.
        public var values: [Double]
    }

    public struct Numbers: Sendable {
        public var grid: [Double]
        public var truth: [Double]
        public var fits: [Fit]
        /// Sup error at the first width over sup error at the last.
        public var improvement: Double
    }

    public init() {}

    public var defaultTitle: String { "Theorem 3.1.2: best one-hidden-layer fit against width" }

    public var preferredSize: PageSize { PageSize(width: .inches(6.5), height: .inches(6.6)) }

    public func compute() throws(FigureError) -> Numbers {
        guard !widths.isEmpty, widths.allSatisfy({ $0 >= 1 }), upper > lower, trainingCount >= 2, gridCount >= 2,
              iterations >= 1, restarts >= 1 else {
            throw .invalidInput("the width sweep needs positive widths, a non-empty K and positive counts")
        }
        let samples = (0..<trainingCount).map { lower + (upper - lower) * Double($0) / Double(trainingCount - 1) }
        let targets = samples.map(Self.target)
        let scale = targets.map { abs($0) }.max() ?? 1
        let grid = (0..<gridCount).map { lower + (upper - lower) * Double($0) / Double(gridCount - 1) }
        let truth = grid.map(Self.target)
        var fits: [Fit] = []
        for (i, width) in widths.enumerated() {
            var best: (loss: Double, parameters: [Double], network: MLP)?
            for r in 0..<restarts {
                let network = MLP(stateDim: 1, hidden: [width], activation: .tanh, seed: seed &+ UInt64(1000 * i + r + 1))
                let (loss, parameters) = regress(network, samples: samples, targets: targets.map { $0 / scale })
                if loss.isFinite, best.map({ loss < $0.loss }) ?? true { best = (loss, parameters, network) }
            }
            guard let kept = best else { throw .computationFailed("every fit of width \(width) diverged") }
            var network = kept.network
            network.parameters = kept.parameters
            let adam = Self.errors(network, grid: grid, truth: truth, scale: scale)
            if let polished = Self.leastSquaresOutput(network, samples: samples, targets: targets.map { $0 / scale }) {
                network = polished
            }
            let bestFit = Self.errors(network, grid: grid, truth: truth, scale: scale)
            fits.append(Fit(width: width, trainingLoss: kept.loss * scale * scale, adamSupError: adam.sup,
                            supError: bestFit.sup, rmsError: bestFit.rms, values: bestFit.values))
        }
        let improvement = (fits.first?.supError ?? .nan) / (fits.last?.supError ?? .nan)
        return Numbers(grid: grid, truth: truth, fits: fits, improvement: improvement)
    }

    /// The network's values on `grid` times `scale`, and their largest and RMS errors against `truth`.
    static func errors(_ network: MLP, grid: [Double], truth: [Double], scale: Double) -> (values: [Double], sup: Double, rms: Double) {
        let field = MLPField(network, batchSize: grid.count)
        var out = [Double](repeating: 0, count: grid.count)
        grid.withUnsafeBufferPointer { y in
            out.withUnsafeMutableBufferPointer { dy in
                guard let yp = y.baseAddress, let dp = dy.baseAddress else { return }
                field.evaluate(t: 0, y: yp, dy: dp)
            }
        }
        let values = out.map { $0 * scale }
        var sup = 0.0, squares = 0.0
        for (f, g) in zip(values, truth) {
            sup = max(sup, abs(f - g)); squares += (f - g) * (f - g)
        }
        return (values, sup, (squares / Double(max(1, grid.count))).squareRoot())
    }

    /// The ridge weight λ of the output-layer least-squares fit.
    static let ridge = 1e-14

    /// `network` (one hidden layer, 1-D) with its output layer replaced by the least-squares fit of
    /// `targets` on its hidden features tanh(W₁y + b₁) and a constant (with ridge λ); nil when that fails.
    static func leastSquaresOutput(_ network: MLP, samples: [Double], targets: [Double]) -> MLP? {
        guard network.layerCount == 2, network.inputSize == 1 else { return nil }
        let width = network.widths[1]
        let w1 = network.weightOffset(layer: 0), b1 = network.biasOffset(layer: 0)
        var columns = (0..<width).map { j in
            samples.map { network.activations[0].value(network.parameters[w1 + j] * $0 + network.parameters[b1 + j]) }
        }
        columns.append([Double](repeating: 1, count: samples.count))
        // A tiny ridge term (rows √λ·I under A, zeros under b) keeps wide layers, whose features are
        // nearly collinear, solvable without changing well-determined fits.
        let n = columns.count
        for j in 0..<n {
            columns[j] += (0..<n).map { $0 == j ? ridge.squareRoot() : 0 }
        }
        let rhs = targets + [Double](repeating: 0, count: n)
        guard let solution = LeastSquares.solve(columns: columns, rhs: rhs), solution.allSatisfy(\.isFinite) else {
            return nil
        }
        var polished = network
        let w2 = network.weightOffset(layer: 1), b2 = network.biasOffset(layer: 1)
        for j in 0..<width { polished.parameters[w2 + j] = solution[j] }
        polished.parameters[b2] = solution[width]
        return polished
    }

    /// Adam on the full-batch MSE of f_θ(samples) against `targets`; returns the final loss and θ.
    func regress(_ network: MLP, samples: [Double], targets: [Double]) -> (Double, [Double]) {
        let n = samples.count
        let field = MLPField(network, batchSize: n)
        var optimizer = Optimizer(.adam, parameterCount: field.parameterCount)
        var output = [Double](repeating: 0, count: n), cotangent = [Double](repeating: 0, count: n)
        var inputCotangent = [Double](repeating: 0, count: n)
        var gradient = [Double](repeating: 0, count: field.parameterCount)
        let decay = pow(finalLearningRate / learningRate, 1 / Double(max(1, iterations - 1)))
        var loss = Double.nan
        samples.withUnsafeBufferPointer { y in
            output.withUnsafeMutableBufferPointer { f in
                cotangent.withUnsafeMutableBufferPointer { v in
                    inputCotangent.withUnsafeMutableBufferPointer { vy in
                        gradient.withUnsafeMutableBufferPointer { g in
                            guard let yp = y.baseAddress, let fp = f.baseAddress, let vp = v.baseAddress,
                                  let vyp = vy.baseAddress, let gp = g.baseAddress else { return }
                            var rate = learningRate
                            for k in 0...iterations {
                                field.evaluate(t: 0, y: yp, dy: fp)
                                var sum = 0.0
                                for b in 0..<n {
                                    let r = fp[b] - targets[b]
                                    sum += r * r
                                    vp[b] = 2 * r / Double(n)
                                }
                                loss = sum / Double(n)
                                if k == iterations || !loss.isFinite { break }
                                for p in 0..<g.count { gp[p] = 0 }
                                field.vjp(t: 0, y: yp, v: vp, vy: vyp, vtheta: gp)
                                field.withParameters { theta in
                                    optimizer.step(theta, gradient: UnsafeBufferPointer(g), learningRate: rate)
                                }
                                rate *= decay
                            }
                        }
                    }
                }
            }
        }
        return (loss, field.parameters)
    }

    public func keyNumbers(_ n: Numbers) -> [KeyNumber] {
        guard let first = n.fits.first, let last = n.fits.last else { return [] }
        return [KeyNumber("firstWidth", count: first.width), KeyNumber("firstError", first.supError, significant: 2),
                KeyNumber("lastWidth", count: last.width), KeyNumber("lastError", last.supError, significant: 2)]
    }

    public func summary(_ numbers: Numbers) -> String {
        let parts = numbers.fits.map { String(format: "w=%d %.2g", $0.width, $0.supError) }
        let adam = numbers.fits.map { String(format: "%.2g", $0.adamSupError) }
        return "fit of g(y) = sin(y) - y^3 on [\(NumberText.short(lower)), \(NumberText.short(upper))] by one tanh layer "
            + "(Adam, \(iterations) iterations, best of \(restarts), seed \(seed), then least-squares output layer): "
            + "held-out sup error " + parts.joined(separator: ", ")
            + " (Adam alone " + adam.joined(separator: ", ") + ")"
            + String(format: "; width %d to %d: %.0fx smaller", widths.first ?? 0, widths.last ?? 0, numbers.improvement)
    }

    public func layout(_ numbers: Numbers, options: FigureOptions) -> Figure {
        let theme = options.theme
        let figure = options.makeFigure(rows: 2, columns: 1)
        figure.suptitle = options.resolvedTitle(defaultTitle)

        let fitsAxes = figure[0, 0]
        fitsAxes.title = "g(y) = sin(y) − y^{3} and its best fits by width"
        fitsAxes.xLabel = "y"
        fitsAxes.yLabel = "f_θ(y), g(y)"
        fitsAxes.xLimits = (lower, upper)
        fitsAxes.add(LineSeries(x: numbers.grid, y: numbers.truth,
                                style: LineStyle(color: theme.truth, width: theme.thickLineWidth + 1.5), label: "g (true)"))
        let drawn = numbers.fits.filter { drawnWidths.contains($0.width) }
        let dashes: [Dash] = [.dotted, .dashDot, .dashed, .solid]
        for (k, fit) in drawn.enumerated() {
            let color = theme.rampColor(k, of: drawn.count)
            fitsAxes.add(LineSeries(x: numbers.grid, y: fit.values,
                                    style: LineStyle(color: color, width: theme.lineWidth, dash: dashes[k % dashes.count]),
                                    label: "width \(fit.width)"))
        }
        fitsAxes.legend = .best

        let errors = figure[1, 0]
        errors.title = "Held-out error on \(numbers.grid.count) grid points"
        errors.xLabel = "hidden width"
        errors.yLabel = "error |f_θ − g|"
        errors.xScale = .log
        errors.yScale = .log
        errors.showsGrid = true
        let w = numbers.fits.map { Double($0.width) }
        // Colours off the widths' ramp above (slate, the first series colour, is on it).
        let fitColor = theme.seriesColorBesideRamp(1), adamColor = theme.seriesColorBesideRamp(0)
        errors.add(LineSeries(x: w, y: numbers.fits.map(\.supError), style: LineStyle(color: fitColor, width: theme.lineWidth),
                              marker: MarkerStyle(.circle, size: 6, fill: fitColor, edge: .white),
                              label: "best fit: largest error on K"))
        errors.add(LineSeries(x: w, y: numbers.fits.map(\.rmsError), style: LineStyle(color: fitColor, width: 1.6, dash: .dotted),
                              marker: MarkerStyle(.circle, size: 5.5, fill: .white, edge: fitColor, edgeWidth: 1.5),
                              label: "best fit: RMS error"))
        errors.add(LineSeries(x: w, y: numbers.fits.map(\.adamSupError),
                              style: LineStyle(color: adamColor, width: theme.lineWidth, dash: .dashed),
                              marker: MarkerStyle(.square, size: 5.5, fill: adamColor, edge: .white),
                              label: "Adam alone: largest error"))
        errors.xLimits = (0.7, (w.last ?? 64) * 1.5)
        errors.legend = .best
        return figure
    }
}
