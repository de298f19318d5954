import Foundation
import NeuralODE
import Render

/// The latent trajectories of held-out spirals projected on their first two principal components
/// (LAPACK's `dsyev` on the covariance of every latent state drawn), coloured by spiral direction.
///
/// Each path runs from the encoded z0 (the posterior mean, a marker) over the observed window and
/// the extrapolation after it. A latent ODE that learned the task separates the two directions.
public struct LatentPCAFigure: FigureRecipe {
    public var model: LatentModel
    public var seed: UInt64
    /// Held-out spirals drawn (the first of the preset's held-out set for `seed`).
    public var count = 40
    /// Irregular sampling of the held-out spirals (as `ode-train --keep`), nil for whole windows.
    public var keep: ClosedRange<Int>?

    public init(model: LatentModel, seed: UInt64) {
        self.model = model
        self.seed = seed
    }

    public var defaultTitle: String { "Latent trajectories, first two principal components" }

    public struct Path: Sendable {
        public var clockwise: Bool
        public var x: [Double]
        public var y: [Double]
    }

    public struct Result: Sendable {
        public var paths: [Path]
        public var explained: [Double]
        /// Fraction of the spirals whose projected z0 is nearer its own direction's centroid.
        public var centroidAccuracy: Double
    }

    public func compute() throws(FigureError) -> Result {
        guard model.observationSize == 2 else { throw .invalidInput("the latent PCA figure needs a model of 2-D observations") }
        let task = LatentSpiralsPreset.heldOutTask(seed: seed, keep: keep)
        let spirals = Array(task.generate().prefix(count))
        let predictor = LatentPredictor(model: model)
        let latent = model.latentSize
        let end = Double(task.samplePoints - 1 + LatentSpiralsPreset.extrapolationPoints) * task.gridStep
        let times = (0..<150).map { end * Double($0) / 149 }
        var states: [[Double]] = []
        var points: [Double] = []
        for spiral in spirals {
            let room = task.stop - spiral.startTime
            let prediction: LatentPrediction
            do {
                prediction = try predictor.predict(spiral.sequence, times: times.filter { $0 <= room })
            } catch {
                throw .computationFailed(error.description)
            }
            states.append(prediction.latent)
            points += prediction.latent
        }
        let pca: PrincipalComponents
        do { pca = try PrincipalComponents(points: points, dimension: latent) } catch {
            throw .computationFailed("principal components of the latent states: \(error.description)")
        }
        var paths: [Path] = []
        for (spiral, z) in zip(spirals, states) {
            var xs: [Double] = [], ys: [Double] = []
            for p in stride(from: 0, to: z.count, by: latent) {
                let c = pca.project(z[p..<(p + latent)])
                xs.append(c[0]); ys.append(c.count > 1 ? c[1] : 0)
            }
            paths.append(Path(clockwise: spiral.clockwise, x: xs, y: ys))
        }
        func centroid(_ cw: Bool) -> (Double, Double) {
            let chosen = paths.filter { $0.clockwise == cw }
            let n = Double(max(1, chosen.count))
            return (chosen.reduce(0) { $0 + $1.x[0] } / n, chosen.reduce(0) { $0 + $1.y[0] } / n)
        }
        let cw = centroid(true), ccw = centroid(false)
        let right = paths.filter { path in
            let dcw = pow(path.x[0] - cw.0, 2) + pow(path.y[0] - cw.1, 2)
            let dccw = pow(path.x[0] - ccw.0, 2) + pow(path.y[0] - ccw.1, 2)
            return (dcw < dccw) == path.clockwise
        }.count
        return Result(paths: paths, explained: pca.explainedFractions,
                      centroidAccuracy: Double(right) / Double(max(1, paths.count)))
    }

    public func keyNumbers(_ data: Result) -> [KeyNumber] {
        [KeyNumber("spirals", count: data.paths.count),
         KeyNumber("clockwise", count: data.paths.filter(\.clockwise).count),
         KeyNumber("pc1", percent: data.explained.first ?? 0, significant: 2, meaning: "variance along the first component"),
         KeyNumber("pc12", percent: data.explained.prefix(2).reduce(0, +), significant: 2,
                   meaning: "variance along the first two components together"),
         KeyNumber("centroidAccuracy", percent: data.centroidAccuracy, significant: 3,
                   meaning: "spirals whose projected z0 lies nearer the centroid of its own direction's z0s")]
    }

    public func layout(_ data: Result, options: FigureOptions) -> Figure {
        let theme = options.theme
        let figure = options.makeFigure()
        let ax = figure[0, 0]
        figure.suptitle = options.resolvedTitle(defaultTitle)
        ax.equalAspect = true
        ax.showsGrid = true
        let percent = data.explained.map { NumberFormat.percent($0, significant: 2) }
        ax.xLabel = "first component (\(percent.first ?? "") of variance)"
        ax.yLabel = "second component (\(percent.count > 1 ? percent[1] : ""))"
        for clockwise in [true, false] {
            let role: StyleRole = clockwise ? .classA : .classB
            let style = theme.line(role, width: 0.8 * theme.lineWidth)
            let chosen = data.paths.filter { $0.clockwise == clockwise }
            for path in chosen { ax.add(LineSeries(x: path.x, y: path.y, style: style)) }
            let marker = theme.marker(role, size: 7)
            ax.add(Scatter(x: chosen.map { $0.x[0] }, y: chosen.map { $0.y[0] }, marker: marker))
            // One key entry per direction, line and marker (the encoded z₀) together: four entries
            // made a key too wide for any corner.
            ax.add(LineSeries(x: [], y: [], style: style, marker: marker,
                              label: (clockwise ? "clockwise" : "counter-clockwise") + ", from z₀"))
        }
        ax.legend = .best
        return figure
    }
}
