import Foundation
import NeuralODE
import Render

/// Exercise 3.1.7: final loss after 120 epochs of the code lab against the learning rate, with the
/// loss curves; the course's rates {0.001, 0.005, 0.01, 0.05, 0.1} and, to answer "what happens for
/// large η", larger ones until training diverges.
///
/// Every run is the code-lab preset (plain gradient descent on central finite-difference gradients,
/// Euler Δt = 0.05, seed 0) with only the rate changed. A run *diverged at epoch k* when its loss at
/// epoch k is not finite or above 10× its starting loss (then it never recovers here); it is drawn
/// up to its last finite value and marked, never dropped.
public struct Exercise317Figure: CourseFigure {
    public var courseRates = [0.001, 0.005, 0.01, 0.05, 0.1]
    public var largerRates = [0.5, 1, 2, 5, 10, 20]
    public var epochs = 120
    public var seed: UInt64 = 0

    public init() {}

    public struct Run: Sendable {
        public var rate: Double
        public var fromCourse: Bool
        public var losses: [Double]
        /// Loss of the final model over every training row (the last epoch's loss when the run failed).
        public var finalLoss: Double
        public var divergedAt: Int?
    }

    public struct Numbers: Sendable {
        public var runs: [Run]
    }

    public var defaultTitle: String { "Exercise 3.1.7: code-lab loss against the learning rate" }
    public var preferredSize: PageSize { PageSize(width: .inches(6.5), height: .inches(6.6)) }

    public func compute() throws(FigureError) -> Numbers {
        let training = CourseTraining(preset: .codeLab, seed: seed)
        let data = try training.data()
        var runs: [Run] = []
        for (rate, fromCourse) in courseRates.map({ ($0, true) }) + largerRates.map({ ($0, false) }) {
            let outcome = try training.run(data: data) { config in
                config.learningRate = rate
                config.epochs = epochs
            }
            let losses = outcome.log.map(\.loss)
            let start = losses.first ?? .nan
            let diverged = losses.firstIndex { !$0.isFinite || $0 > 10 * start }
            let final = outcome.finalLoss ?? (losses.last { $0.isFinite } ?? .nan)
            runs.append(Run(rate: rate, fromCourse: fromCourse, losses: losses, finalLoss: final, divergedAt: diverged))
        }
        return Numbers(runs: runs)
    }

    public func keyNumbers(_ n: Numbers) -> [KeyNumber] {
        var out: [KeyNumber] = []
        for run in n.runs {
            let key = "eta" + NumberText.short(run.rate).replacingOccurrences(of: ".", with: "_")
            out.append(KeyNumber(key, run.finalLoss, significant: 3, meaning: "loss of the model after the last update"))
            if let k = run.divergedAt { out.append(KeyNumber(key + "Unstable", count: k)) }
            if let last = run.losses.last(where: \.isFinite) { out.append(KeyNumber(key + "Last", last, significant: 3)) }
        }
        let stable = n.runs.filter { $0.divergedAt == nil }
        if let largest = stable.map(\.rate).max() { out.append(KeyNumber("largestStable", largest, significant: 2)) }
        if let smallest = n.runs.filter({ $0.divergedAt != nil }).map(\.rate).min() {
            out.append(KeyNumber("smallestUnstable", smallest, significant: 2))
        }
        return out
    }

    public func summary(_ n: Numbers) -> String {
        n.runs.map { run in
            "eta \(NumberText.short(run.rate)): " + (run.divergedAt.map { "diverged at epoch \($0) (final \(String(format: "%.3g", run.finalLoss)))" }
                ?? String(format: "%.3g", run.finalLoss))
        }.joined(separator: "; ")
    }

    /// One look per run, none repeated: a colour from a sequential ramp ordered by rate (dark navy to
    /// olive, the cividis map's darker three quarters, so the order reads in grey and on white), a
    /// marker shape, filled or open, and the dash (solid for the course's rates, dashed for larger
    /// ones): neighbouring rates differ in marker even where their colours are close.
    static func runLooks(_ runs: [Run]) -> [(line: LineStyle, marker: MarkerStyle)] {
        let shapes: [MarkerShape] = [.circle, .square, .triangle, .diamond]
        let logs = runs.map { log10(max($0.rate, 1e-300)) }
        let lo = logs.min() ?? 0, hi = logs.max() ?? 1
        var courseIndex = 0, largerIndex = 0
        return runs.enumerated().map { i, run in
            let t = hi > lo ? 0.75 * (logs[i] - lo) / (hi - lo) : 0
            let color = Colormap.cividis.color(at: t)
            let k: Int
            if run.fromCourse { k = courseIndex; courseIndex += 1 } else { k = largerIndex; largerIndex += 1 }
            let open = (k / shapes.count) % 2 == 1
            let marker = open ? MarkerStyle(shapes[k % shapes.count], size: 7, fill: .white, edge: color, edgeWidth: 1.4)
                              : MarkerStyle(shapes[k % shapes.count], size: 7, fill: color, edge: .white, edgeWidth: 0.6)
            return (LineStyle(color: color, width: 1.4, dash: run.fromCourse ? .solid : .dashed), marker)
        }
    }

    public func layout(_ n: Numbers, options: FigureOptions) -> Figure {
        let figure = options.makeFigure(rows: 2, columns: 1)
        figure.suptitle = options.resolvedTitle(defaultTitle)
        let theme = options.theme
        let looks = Self.runLooks(n.runs)

        let sweep = figure[0, 0]
        sweep.xScale = .log
        sweep.yScale = .log
        sweep.showsGrid = true
        sweep.xLabel = "learning rate \\eta"
        sweep.yLabel = "final loss (MSE)"
        sweep.title = "Final loss after \(epochs) epochs"
        let course = n.runs.filter(\.fromCourse), larger = n.runs.filter { !$0.fromCourse }
        sweep.add(LineSeries(x: n.runs.map(\.rate), y: n.runs.map(\.finalLoss),
                             style: LineStyle(color: Color(hex: 0x888888), width: 1)))
        sweep.add(Scatter(x: course.map(\.rate), y: course.map(\.finalLoss),
                          marker: MarkerStyle(.circle, size: 8, fill: theme.seriesColor(0)), label: "the course's rates"))
        let stable = larger.filter { $0.divergedAt == nil }, diverged = larger.filter { $0.divergedAt != nil }
        sweep.add(Scatter(x: stable.map(\.rate), y: stable.map(\.finalLoss),
                          marker: MarkerStyle(.square, size: 7, fill: Color(r: 1, g: 1, b: 1), edge: theme.seriesColor(0), edgeWidth: 1.4),
                          label: "larger rates"))
        sweep.add(Scatter(x: n.runs.filter { $0.divergedAt != nil }.map(\.rate), y: n.runs.filter { $0.divergedAt != nil }.map(\.finalLoss),
                          marker: MarkerStyle(.triangle, size: 9, fill: theme.foreground), label: "unstable (loss > 10× its start)"))
        for run in diverged {
            sweep.annotate(.text("unstable from epoch \(run.divergedAt ?? 0)", at: (run.rate, run.finalLoss), offset: (-8, 0),
                                 anchor: .middleRight, size: theme.legendSize))
        }
        sweep.legend = .best

        let curves = figure[1, 0]
        curves.yScale = .log
        curves.showsGrid = true
        curves.xLabel = "epoch"
        curves.yLabel = "training loss (MSE)"
        curves.title = "Loss curves"
        let finite = n.runs.flatMap(\.losses).filter { $0.isFinite && $0 > 0 }
        let top = finite.max() ?? 1, bottom = finite.min() ?? 1e-4
        curves.yLimits = (bottom / 1.5, top * 1.5)
        for (i, run) in n.runs.enumerated() {
            var label = "\\eta = \(NumberText.short(run.rate))"
            if let k = run.divergedAt { label += ", unstable from epoch \(k)" }
            let ys = run.losses.map { $0.isFinite ? $0 : .nan }
            let look = looks[i]
            curves.add(LineSeries(x: ys.indices.map(Double.init), y: ys, style: look.line))
            // Markers every 15 epochs, each run starting at its own epoch, so runs that share a curve
            // (the rates that reach the floor together) still show every run's marker.
            let marked = Swift.stride(from: (2 * i) % 15, to: ys.count, by: 15).filter { ys[$0].isFinite }
            curves.add(Scatter(x: marked.map(Double.init), y: marked.map { ys[$0] }, marker: look.marker))
            curves.add(LineSeries(x: [], y: [], style: look.line, marker: look.marker, label: label))
            if let k = run.divergedAt, k < ys.count, ys[k].isFinite {
                curves.add(Scatter(x: [Double(k)], y: [ys[k]], marker: MarkerStyle(.triangle, size: 8, fill: theme.foreground)))
            }
        }
        curves.legend = .outsideRight
        return figure
    }
}
