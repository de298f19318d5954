import Foundation
import NeuralODE
import Render

/// The spiral figure of the neural ODE paper (Chen et al. 2018, figure 8) for a trained latent ODE:
/// held-out spirals of both directions, each with its noisy observations, the true spiral, the
/// model's reconstruction over the observed window and its extrapolation forward and backward.
///
/// The spirals are the `latent-spirals` preset's held-out set for `seed` (never trained on); the
/// first `perDirection` clockwise and counter-clockwise ones are drawn, one panel each. Key numbers
/// are the mean squared errors over the whole held-out set.
public struct LatentSpiralFigure: FigureRecipe {
    public var model: LatentModel
    public var seed: UInt64
    public var perDirection = 3
    /// Irregular sampling of the held-out spirals (as `ode-train --keep`), nil for whole windows.
    public var keep: ClosedRange<Int>?

    public init(model: LatentModel, seed: UInt64) {
        self.model = model
        self.seed = seed
    }

    public struct Panel: Sendable {
        public var clockwise: Bool
        public var observed: (x: [Double], y: [Double])
        public var truth: (x: [Double], y: [Double])
        public var reconstruction: (x: [Double], y: [Double])
        public var forward: (x: [Double], y: [Double])
        public var backward: (x: [Double], y: [Double])
    }

    public struct Result: Sendable {
        public var panels: [Panel]
        public var reconstructionError: Double
        public var extrapolationError: Double
        public var heldOutCount: Int
        public var observations: Int
    }

    public var defaultTitle: String { "Latent ODE on held-out spirals" }

    public func compute() throws(FigureError) -> Result {
        guard model.observationSize == 2 else { throw .invalidInput("the spiral figure needs a model of 2-D observations") }
        let task = LatentSpiralsPreset.heldOutTask(seed: seed, keep: keep)
        let spirals = task.generate()
        let predictor = LatentPredictor(model: model)
        let errors: (reconstruction: Double, extrapolation: Double)
        do {
            errors = try LatentHeldOut(task: task, spirals: spirals, extrapolationPoints: LatentSpiralsPreset.extrapolationPoints)
                .meanSquaredErrors(predictor)
        } catch {
            throw .computationFailed(error.description)
        }
        let chosen = Array(spirals.filter(\.clockwise).prefix(perDirection)) + Array(spirals.filter { !$0.clockwise }.prefix(perDirection))
        var panels: [Panel] = []
        for spiral in chosen {
            let sequence = spiral.sequence
            let windowEnd = sequence.times[sequence.times.count - 1]
            let past = min(1.5, spiral.startTime - task.gridStep)
            let future = min(2 * Double.pi, task.stop - spiral.startTime)
            func grid(_ a: Double, _ b: Double, _ n: Int) -> [Double] { (0..<n).map { a + (b - a) * Double($0) / Double(n - 1) } }
            let back = grid(-past, 0, 120), recon = grid(0, windowEnd, 200), ahead = grid(windowEnd, future, 300)
            let times = back.dropLast() + recon.dropLast() + ahead
            let prediction: LatentPrediction
            do {
                prediction = try predictor.predict(sequence, times: Array(times))
            } catch {
                throw .computationFailed(error.description)
            }
            func slice(_ from: Int, _ count: Int) -> (x: [Double], y: [Double]) {
                ((from..<(from + count)).map { prediction.observations[2 * $0] }, (from..<(from + count)).map { prediction.observations[2 * $0 + 1] })
            }
            let truth = Array(times).map { task.truePosition(clockwise: spiral.clockwise, startTime: spiral.startTime, tau: $0) }
            panels.append(Panel(
                clockwise: spiral.clockwise,
                observed: (stride(from: 0, to: sequence.values.count, by: 2).map { sequence.values[$0] },
                           stride(from: 1, to: sequence.values.count, by: 2).map { sequence.values[$0] }),
                truth: (truth.map(\.x), truth.map(\.y)),
                reconstruction: slice(back.count - 1, recon.count),
                forward: slice(back.count + recon.count - 2, ahead.count),
                backward: slice(0, back.count)))
        }
        return Result(panels: panels, reconstructionError: errors.reconstruction, extrapolationError: errors.extrapolation,
                      heldOutCount: spirals.count, observations: chosen.first?.sequence.times.count ?? 0)
    }

    public func keyNumbers(_ data: Result) -> [KeyNumber] {
        [KeyNumber("reconstructionMSE", data.reconstructionError, significant: 2,
                   meaning: "held-out mean squared error over the observed windows, against the noise-free spiral"),
         KeyNumber("extrapolationMSE", data.extrapolationError, significant: 2,
                   meaning: "held-out mean squared error over the 100 grid points after each window"),
         KeyNumber("heldOut", count: data.heldOutCount),
         KeyNumber("panels", count: data.panels.count)]
    }

    /// A panel's square box: centred on the middle of its true spiral and observations, half its
    /// side the larger half-extent with a 10% margin, in steps of 0.5 and at least 2.
    static func box(_ p: Panel) -> (x: Double, y: Double, half: Double) {
        let pts = zip(p.truth.x + p.observed.x, p.truth.y + p.observed.y).filter { $0.0.isFinite && $0.1.isFinite }
        guard let x0 = pts.map(\.0).min(), let x1 = pts.map(\.0).max(), let y0 = pts.map(\.1).min(), let y1 = pts.map(\.1).max() else {
            return (0, 0, 10)
        }
        let half = max(2, 0.5 * (1.1 * max(x1 - x0, y1 - y0) / 2 / 0.5).rounded(.up))
        return ((x0 + x1) / 2, (y0 + y1) / 2, half)
    }

    public func layout(_ data: Result, options: FigureOptions) -> Figure {
        let theme = options.theme
        let columns = max(1, perDirection)
        let rows = max(1, (data.panels.count + columns - 1) / columns)
        let figure = options.makeFigure(rows: rows, columns: columns)
        figure.suptitle = options.resolvedTitle(defaultTitle)
        let learned = theme.line(.learned)
        let extrapolated = LineStyle(color: learned.color, width: learned.width, dash: .dotted)
        for (i, panel) in data.panels.enumerated() {
            let ax = figure[i / columns, i % columns]
            ax.equalAspect = true
            // Each panel's own square box around its true spiral and observations: the spirals
            // differ threefold in size, and a shared box left the small ones a few points across.
            let box = Self.box(panel)
            ax.xLimits = (box.x - box.half, box.x + box.half)
            ax.yLimits = (box.y - box.half, box.y + box.half)
            ax.title = panel.clockwise ? "Clockwise" : "Anticlockwise"
            // The observations are points (x₁, x₂) of the plane: labels on the outer panels.
            if i % columns == 0 { ax.yLabel = "x_{2}" }
            if i / columns == rows - 1 || i + columns >= data.panels.count { ax.xLabel = "x_{1}" }
            ax.add(LineSeries(x: panel.truth.x, y: panel.truth.y, style: theme.line(.truth)))
            ax.add(Scatter(x: panel.observed.x, y: panel.observed.y, marker: theme.marker(.data, size: 2.5)))
            ax.add(LineSeries(x: panel.reconstruction.x, y: panel.reconstruction.y, style: learned))
            ax.add(LineSeries(x: panel.forward.x, y: panel.forward.y, style: extrapolated))
            ax.add(LineSeries(x: panel.backward.x, y: panel.backward.y, style: extrapolated))
        }
        // The key outside the first row's last panel: the layout keeps room for it, off the data and
        // on the page.
        let key = figure[0, min(columns, data.panels.count) - 1]
        key.add(LineSeries(x: [.nan], y: [.nan], style: theme.line(.truth), label: "true spiral"))
        key.add(Scatter(x: [.nan], y: [.nan], marker: theme.marker(.data, size: 2.5), label: "observed"))
        key.add(LineSeries(x: [.nan], y: [.nan], style: learned, label: "reconstructed"))
        key.add(LineSeries(x: [.nan], y: [.nan], style: extrapolated, label: "extrapolated"))
        key.legend = .outsideRight
        return figure
    }
}
