import Foundation
import Render

/// Training (and held-out) loss per epoch or per second of wall time, on a log axis, for one or more runs.
///
/// Each run has its own colour; its held-out error is dashed in the same colour. A run whose loss
/// became NaN or infinite ends with a marker at its last finite value and the note "diverged at
/// epoch k", so a diverged run is never silently cut short. Legend labels carry the final loss.
public struct LossCurves: FigureRecipe {
    /// One training log with its legend label (plain text, not notation).
    public struct Run: Sendable {
        public var label: String
        public var log: TrainingLog
        public init(label: String, log: TrainingLog) { self.label = label; self.log = log }
    }

    /// What the horizontal axis shows.
    public enum Abscissa: String, Sendable, CaseIterable {
        case epoch
        /// Wall time since training started (the log's `seconds` column).
        case time
    }

    public var runs: [Run]
    /// Also draw each run's held-out error (rows without one are skipped; the line joins the evaluated epochs).
    public var showsHeldOut = false
    public var abscissa: Abscissa = .epoch

    /// Throws `invalidInput` for an empty list of runs.
    public init(runs: [Run]) throws(FigureError) {
        guard !runs.isEmpty else { throw .invalidInput("give at least one training log") }
        self.runs = runs
    }

    public var defaultTitle: String {
        let what = showsHeldOut ? "Training and held-out loss" : "Training loss"
        return runs.count == 1 ? what : "\(what) of \(runs.count) runs"
    }

    /// Runs without any held-out value (so a `--heldout` request drew nothing for them).
    public var runsWithoutHeldOut: [String] {
        runs.filter { run in
            !(run.log.heldOut ?? []).contains { value in value.map { $0 > 0 && $0.isFinite } ?? false }
        }.map(\.label)
    }

    /// The vertical range: the smallest drawn value to the largest, the top capped at 10⁴ times the
    /// largest starting loss so one run that blew up does not flatten every other curve.
    func yLimits() -> (Double, Double) {
        var lo = Double.infinity, hi = 0.0, start = 0.0
        for run in runs {
            let log = run.log, end = log.divergedRow ?? log.count
            var values = log.loss[0..<end].filter { $0 > 0 && $0.isFinite }
            if let first = values.first { start = max(start, first) }
            if showsHeldOut, let held = log.heldOut {
                values += held[0..<end].compactMap { $0 }.filter { $0 > 0 && $0.isFinite }
            }
            lo = min(lo, values.min() ?? .infinity)
            hi = max(hi, values.max() ?? 0)
        }
        guard lo.isFinite, hi > 0 else { return (0.1, 10) }
        hi = min(hi, 1e4 * start)
        if hi <= lo { (lo, hi) = (lo / 2, lo * 2) }
        let pad = 0.04 * (log10(hi) - log10(lo))
        return (lo / pow(10, pad), hi * pow(10, pad))
    }

    /// The x value of every row of `log`.
    func abscissae(_ log: TrainingLog) throws(FigureError) -> [Double] {
        switch abscissa {
        case .epoch: return log.epochs.map(Double.init)
        case .time:
            guard let s = log.seconds else {
                throw .invalidInput("\(log.name) has no seconds column: cannot plot against wall time")
            }
            return s
        }
    }

    /// Key numbers of the first run: final training loss and held-out error, their ratio, where the
    /// held-out error was smallest, and the epoch the training windows reached full length.
    public func keyNumbers(_ abscissae: [[Double]]) -> [KeyNumber] {
        guard let log = runs.first?.log else { return [] }
        var out: [KeyNumber] = []
        let end = log.divergedRow ?? log.count
        if let last = log.loss[0..<end].last(where: \.isFinite) { out.append(KeyNumber("finalLoss", last, significant: 3)) }
        out.append(KeyNumber("epochs", count: log.count))
        if let held = log.heldOut {
            let rows = (0..<end).filter { held[$0].map(\.isFinite) ?? false }
            if let r = rows.last, let v = held[r] {
                out.append(KeyNumber("finalHeldOut", v, significant: 3))
                if let loss = log.loss[0..<end].last(where: \.isFinite), loss > 0 {
                    out.append(KeyNumber("gap", v / loss, significant: 2, meaning: "final held-out error over final training loss"))
                }
            }
            if let r = rows.min(by: { (held[$0] ?? .infinity) < (held[$1] ?? .infinity) }), let v = held[r] {
                out.append(KeyNumber("bestHeldOut", v, significant: 3))
                out.append(KeyNumber("bestHeldOutEpoch", count: log.epochs[r]))
            }
        }
        if let row = log.fullWindowRow {
            out.append(KeyNumber("fullWindowEpoch", count: log.epochs[row]))
            let before = log.loss[max(0, row - 200)..<max(0, row - 20)].filter(\.isFinite).sorted()
            if !before.isEmpty {
                out.append(KeyNumber("windowedLoss", before[before.count / 2], significant: 2,
                                     meaning: "median training loss from 200 to 20 epochs before the windows reach full length"))
            }
        }
        return out
    }

    /// The x values of every run's rows; throws when a run lacks the abscissa's column or no log
    /// has a finite, positive value to plot.
    public func compute() throws(FigureError) -> [[Double]] {
        var xs: [[Double]] = []
        var anyPoint = false
        for run in runs {
            let log = run.log
            xs.append(try abscissae(log))
            let end = log.divergedRow ?? log.count
            if (0..<end).contains(where: { log.loss[$0] > 0 && log.loss[$0].isFinite }) { anyPoint = true }
            if showsHeldOut, let held = log.heldOut,
               (0..<end).contains(where: { held[$0].map { $0 > 0 && $0.isFinite } ?? false }) { anyPoint = true }
        }
        guard anyPoint else { throw .invalidInput("no log has a finite, positive loss to plot") }
        return xs
    }

    /// Lays out the runs against their x values from `compute()`.
    public func layout(_ abscissae: [[Double]], options: FigureOptions) -> Figure {
        let theme = options.theme
        let figure = options.makeFigure()
        let ax = figure[0, 0]
        figure.suptitle = options.resolvedTitle(defaultTitle)
        ax.yScale = .log
        ax.showsGrid = true
        ax.xLabel = abscissa == .epoch ? "epoch" : "wall time (s)"
        ax.yLabel = showsHeldOut ? "loss (MSE)" : "training loss (MSE)"
        var divergedMarkers: [(x: Double, y: Double, text: String)] = []
        for (k, run) in runs.enumerated() {
            let color = theme.seriesColor(k)
            let log = run.log
            let xs = abscissae[k]
            let end = log.divergedRow ?? log.count
            // Values a log axis cannot show (≤ 0) break the line instead of vanishing silently into a joint.
            let ys = (0..<end).map { log.loss[$0] > 0 ? log.loss[$0] : .nan }
            let name = LiteralText.escaped(run.label)
            let lastFinite = ys.lastIndex(where: \.isFinite)
            var suffix = ""
            if let i = lastFinite, log.divergedRow == nil {
                suffix = " (final " + NumberFormat.real(ys[i], significant: 3, style: .label) + ")"
            } else if let d = log.divergedRow {
                suffix = " (diverged at epoch \(log.epochs[d]))"
            }
            // Runs differ in marker shape as well as colour (readable in grey); markers every ~1/12 of a long run.
            let shapes: [MarkerShape] = [.circle, .square, .triangle, .diamond]
            let marked = runs.count > 1 || ys.count <= 30
            ax.add(LineSeries(x: Array(xs[0..<end]), y: ys,
                              style: LineStyle(color: color, width: theme.lineWidth),
                              marker: marked ? MarkerStyle(shapes[k % shapes.count], size: 5, fill: color) : nil,
                              markEvery: max(1, ys.count / 12),
                              label: (runs.count == 1 && showsHeldOut ? "training" : name) + suffix))
            if let d = log.divergedRow, let i = lastFinite {
                divergedMarkers.append((xs[i], ys[i], "diverged at epoch \(log.epochs[d])"))
            }
            if showsHeldOut, let held = log.heldOut {
                let rows = (0..<end).filter { if let v = held[$0] { return v > 0 && v.isFinite } else { return false } }
                if !rows.isEmpty {
                    let hx = rows.map { xs[$0] }, hy = rows.map { held[$0] ?? .nan }
                    let finalText = log.divergedRow == nil ? " (final " + NumberFormat.real(hy[hy.count - 1], significant: 3, style: .label) + ")" : ""
                    // One run: the held-out role; several: the run's colour, dash-dotted like the role.
                    let style = runs.count == 1 ? theme.line(.heldOut) : LineStyle(color: color, width: theme.lineWidth, dash: .dashDot)
                    ax.add(LineSeries(x: hx, y: hy, style: style,
                                      marker: rows.count <= 30 ? MarkerStyle(.triangle, size: 5, fill: style.color) : nil,
                                      label: runs.count == 1 ? "held-out" + finalText : name + ", held-out" + finalText))
                }
            }
        }
        let limits = yLimits()
        ax.yLimits = limits
        if !divergedMarkers.isEmpty {
            let marker = MarkerStyle(.diamond, size: 9, fill: theme.foreground, edge: .white, edgeWidth: 1)
            // A run that blew up past the top of the axis gets its marker on the top edge.
            let top = pow(10, log10(limits.1) - 0.03 * (log10(limits.1) - log10(limits.0)))
            let ys = divergedMarkers.map { min($0.y, top) }
            ax.add(Scatter(x: divergedMarkers.map(\.x), y: ys, marker: marker, label: "loss became NaN/∞"))
            let allX = abscissae.flatMap { $0 }
            let lo = allX.min() ?? 0, hi = allX.max() ?? 1
            for (m, y) in zip(divergedMarkers, ys) {
                let leftHalf = m.x - lo < 0.5 * (hi - lo)
                let atTop = y >= top
                ax.annotate(.text(m.text, at: (m.x, y), offset: (leftHalf ? 7 : -7, atTop ? -7 : 7),
                                  anchor: TextAnchor(leftHalf ? .left : .right, atTop ? .top : .bottom)))
            }
        }
        if runs.count == 1, abscissa == .epoch, let row = runs[0].log.fullWindowRow {
            let e = Double(runs[0].log.epochs[row])
            ax.add(LineSeries(x: [e, e], y: [limits.0, limits.1], style: theme.line(.reference, width: 0.9)))
            ax.annotate(.text("windows reach full length", at: (e, limits.1), offset: (-4, -4), anchor: .topRight,
                              color: theme.role(.reference).color))
        }
        ax.legend = .best
        return figure
    }
}
