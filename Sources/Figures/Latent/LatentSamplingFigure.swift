import Foundation
import NeuralODE
import Render

/// How many observations the encoder needs: held-out spirals subsampled to n of their window's
/// points (the first kept, the rest drawn at random, seeded), encoded, then scored on the whole
/// window (reconstruction) and over the grid points after it (extrapolation), for each n.
///
/// Per n the figure draws the median MSE over the spirals with the band between the quartiles,
/// against the observation noise variance. Key numbers name the smallest n whose median
/// extrapolation MSE is within `tolerance` times the one with every observation.
public struct LatentSamplingFigure: FigureRecipe {
    public var model: LatentModel
    public var seed: UInt64
    /// Observation counts tried (each within 1...100).
    public var counts = [2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 100]
    /// Held-out spirals per count.
    public var spirals = 60
    /// Ratio to the full-window median that counts as "extrapolation holds".
    public var tolerance = 1.5
    public var noiseVariance = 0.09

    public init(model: LatentModel, seed: UInt64) {
        self.model = model
        self.seed = seed
    }

    public var defaultTitle: String { "Extrapolation against the number of observations" }

    /// Median and quartiles over the spirals of one count.
    public struct Spread: Sendable {
        public var lower: Double
        public var median: Double
        public var upper: Double
    }

    public struct Result: Sendable {
        public var counts: [Int]
        public var reconstruction: [Spread]
        public var extrapolation: [Spread]
        /// Smallest count whose median extrapolation MSE is within `tolerance` of the last count's.
        public var enough: Int?
    }

    static func spread(_ values: [Double]) -> Spread {
        let s = values.sorted()
        func quantile(_ q: Double) -> Double {
            let x = q * Double(s.count - 1), i = Int(x.rounded(.down)), f = x - Double(i)
            return i + 1 < s.count ? s[i] * (1 - f) + s[i + 1] * f : s[i]
        }
        return Spread(lower: quantile(0.25), median: quantile(0.5), upper: quantile(0.75))
    }

    public func compute() throws(FigureError) -> Result {
        guard model.observationSize == 2 else { throw .invalidInput("the sampling figure needs a model of 2-D observations") }
        guard let top = counts.max(), let bottom = counts.min(), bottom >= 1 else { throw .invalidInput("give observation counts of at least 1") }
        let task = LatentSpiralsPreset.heldOutTask(seed: seed)
        guard top <= task.samplePoints else { throw .invalidInput("at most \(task.samplePoints) observations per spiral") }
        let all = Array(task.generate().prefix(spirals))
        let heldOut = LatentHeldOut(task: task, spirals: all, extrapolationPoints: LatentSpiralsPreset.extrapolationPoints)
        let predictor = LatentPredictor(model: model)
        var generator = SeededGenerator(seed: seed &+ 0x5341_4D50)
        var reconstruction: [Spread] = [], extrapolation: [Spread] = []
        for n in counts.sorted() {
            var rs: [Double] = [], es: [Double] = []
            for item in heldOut.cases {
                let sequence = item.sequence, m = sequence.times.count
                let kept = ([0] + generator.permutation(m - 1).prefix(min(n, m) - 1).map { $0 + 1 }).sorted()
                let subset = TrajectoryDataset.Trajectory(label: sequence.label, times: kept.map { sequence.times[$0] },
                                                          values: kept.flatMap { [sequence.values[2 * $0], sequence.values[2 * $0 + 1]] })
                let prediction: LatentPrediction
                do {
                    prediction = try predictor.predict(subset, times: sequence.times + item.extrapolationTimes)
                } catch {
                    throw .computationFailed(error.description)
                }
                let split = item.reconstructionTruth.count
                var r = 0.0, e = 0.0
                for i in 0..<split { r += pow(prediction.observations[i] - item.reconstructionTruth[i], 2) }
                for i in 0..<item.extrapolationTruth.count { e += pow(prediction.observations[split + i] - item.extrapolationTruth[i], 2) }
                rs.append(r / Double(split))
                if !item.extrapolationTruth.isEmpty { es.append(e / Double(item.extrapolationTruth.count)) }
            }
            reconstruction.append(Self.spread(rs))
            extrapolation.append(Self.spread(es))
        }
        let sorted = counts.sorted()
        let target = tolerance * (extrapolation.last?.median ?? 0)
        let enough = zip(sorted, extrapolation).first { $0.1.median <= target }?.0
        return Result(counts: sorted, reconstruction: reconstruction, extrapolation: extrapolation, enough: enough)
    }

    public func keyNumbers(_ data: Result) -> [KeyNumber] {
        var out = [KeyNumber("spirals", count: spirals),
                   KeyNumber("fewest", count: data.counts.first ?? 0),
                   KeyNumber("most", count: data.counts.last ?? 0),
                   KeyNumber("tolerance", setting: tolerance),
                   KeyNumber("fewestExtrapolation", data.extrapolation.first?.median ?? .nan, significant: 2,
                             meaning: "median extrapolation MSE from the fewest observations"),
                   KeyNumber("mostExtrapolation", data.extrapolation.last?.median ?? .nan, significant: 2,
                             meaning: "median extrapolation MSE from every observation of the window"),
                   KeyNumber("fewestReconstruction", data.reconstruction.first?.median ?? .nan, significant: 2),
                   KeyNumber("mostReconstruction", data.reconstruction.last?.median ?? .nan, significant: 2)]
        if let enough = data.enough {
            out.append(KeyNumber("enough", count: enough,
                                 meaning: "fewest observations whose median extrapolation MSE is within the tolerance of the full window's"))
        }
        return out
    }

    public func layout(_ data: Result, options: FigureOptions) -> Figure {
        let theme = options.theme
        let figure = options.makeFigure()
        let ax = figure[0, 0]
        figure.suptitle = options.resolvedTitle(defaultTitle)
        ax.xScale = .log
        ax.yScale = .log
        ax.showsGrid = true
        ax.xLabel = "observations the encoder sees (of the window's 100)"
        ax.yLabel = "held-out MSE (median, quartile band)"
        let xs = data.counts.map(Double.init)
        let held = theme.line(.heldOut)
        let solid = LineStyle(color: held.color, width: held.width)
        ax.add(FillBetween(x: xs, upper: data.extrapolation.map(\.upper), lower: data.extrapolation.map(\.lower),
                           color: held.color.withAlpha(0.18)))
        ax.add(FillBetween(x: xs, upper: data.reconstruction.map(\.upper), lower: data.reconstruction.map(\.lower),
                           color: held.color.withAlpha(0.10)))
        ax.add(LineSeries(x: xs, y: data.extrapolation.map(\.median), style: held,
                          marker: theme.marker(.heldOut, size: 6), label: "extrapolation (100 points after the window)"))
        ax.add(LineSeries(x: xs, y: data.reconstruction.map(\.median), style: solid,
                          marker: MarkerStyle(.circle, size: 5, fill: held.color), label: "reconstruction (whole window)"))
        ax.add(LineSeries(x: [xs.first ?? 1, xs.last ?? 100], y: [noiseVariance, noiseVariance],
                          style: theme.line(.reference), label: "noise variance σ²"))
        let values = (data.extrapolation.map(\.upper) + data.reconstruction.map(\.lower)).filter { $0 > 0 }
        let lo = (values.min() ?? 0.01) / 1.3, hi = (values.max() ?? 1) * 1.3
        // Head room above the curves for the legend in the upper right, off the data.
        ax.yLimits = (min(lo, noiseVariance / 1.3), max(hi, noiseVariance * 1.3) * 6)
        // Mark the count where extrapolation holds, unless only the full window does.
        if let enough = data.enough, enough < (data.counts.last ?? 0), let limits = ax.yLimits {
            // Up to just above the curves at that count: the head room above them holds the legend.
            let top = zip(data.counts, data.extrapolation).first { $0.0 == enough }.map { $0.1.upper } ?? hi
            ax.add(LineSeries(x: [Double(enough), Double(enough)], y: [limits.0, max(top, noiseVariance) * 1.5],
                              style: theme.line(.reference)))
            // At the foot of the line, where the curves have fallen away (the legend holds the top).
            ax.annotate(.text("extrapolation holds from \(enough)", at: (Double(enough), limits.0), offset: (-4, 4),
                              anchor: .bottomRight, color: theme.role(.reference).color))
        }
        ax.legend = .upperRight
        return figure
    }
}
