import Foundation
import NeuralODE
import Render

/// How a model learned, snapshot by snapshot: the learned field and solution curves against the
/// true ones in the phase plane, beside the loss curve with a cursor at the snapshot's epoch
/// (`ode-plot training --model snapshots.json`).
///
/// Each frame shows one snapshot of a `flowscope.snapshots.v1` file (frames spread evenly over the
/// snapshots, first and last included): the true field's grey streamlines, the learned field as
/// arrows, true (black, solid) and learned (dashed) solution curves from `initialStates`. A learned
/// curve whose solve fails (an early, wild model) is drawn up to where it stopped.
public struct TrainingEvolution: AnimatedRecipe {
    public var snapshots: [TrainingSnapshot]
    public var system: SystemField
    public var window: PhaseWindow
    public var componentNames: [String]
    public var initialStates: [SIMD2<Double>] = []
    public var duration = 10.0
    public var arrowsAcross = 15

    /// Throws `incompatible` unless the models and the system are planar with the same dimension.
    public init(snapshots: [TrainingSnapshot], system: SystemField, window: PhaseWindow) throws(FigureError) {
        guard let first = snapshots.first else { throw .invalidInput("the snapshot file holds no snapshot") }
        guard system.dimension == 2 else { throw .incompatible("the training animation needs a planar system; \(system.spec.name) has \(system.dimension) components") }
        guard first.model.stateDim == 2 else { throw .incompatible("the snapshots' models have state_dim \(first.model.stateDim); the phase plane needs 2") }
        self.snapshots = snapshots; self.system = system; self.window = window
        componentNames = system.spec.componentNames
    }

    public var defaultTitle: String { SystemLabels.title(for: system) + ": the learned field during training" }

    public struct Data {
        /// Snapshot shown at each frame.
        public var frameSnapshot: [Int]
        /// True curves, one per initial state.
        public var truth: [PlanarPath]
        /// Per snapshot, the learned curves.
        public var learned: [[PlanarPath]]
    }

    /// The snapshot frame `i` of `frameCount` shows.
    public static func snapshotIndex(frame i: Int, of frameCount: Int, snapshots: Int) -> Int {
        guard frameCount > 1, snapshots > 1 else { return 0 }
        return Int((Double(min(max(i, 0), frameCount - 1)) * Double(snapshots - 1) / Double(frameCount - 1)).rounded())
    }

    public func compute(frameCount: Int) throws(FigureError) -> Data {
        guard frameCount >= 2 else { throw .invalidInput("an animation needs at least 2 frames (got \(frameCount))") }
        guard duration > 0, duration.isFinite else { throw .invalidInput("the curves' duration must be positive") }
        let points = max(200, Int((duration * 40).rounded()))
        let single: SystemField
        do { single = try system.batched(1) } catch { throw .incompatible("\(error)") }
        var truth: [PlanarPath] = []
        for s in initialStates { truth.append(try PlanarPath.solve(single, from: s, duration: duration, points: points)) }
        let frameSnapshot = (0..<frameCount).map { Self.snapshotIndex(frame: $0, of: frameCount, snapshots: snapshots.count) }
        var learned = [[PlanarPath]](repeating: [], count: snapshots.count)
        for k in Set(frameSnapshot).sorted() {
            let field = LearnedModel(snapshots[k].model).makeField()
            for s in initialStates { learned[k].append(try PlanarPath.solve(field, from: s, duration: duration, points: points)) }
        }
        return Data(frameSnapshot: frameSnapshot, truth: truth, learned: learned)
    }

    /// The first and last snapshot's epoch and loss.
    public func keyNumbers(_ data: Data) -> [KeyNumber] {
        guard let first = snapshots.first, let last = snapshots.last else { return [] }
        return [KeyNumber("snapshots", count: snapshots.count), KeyNumber("firstEpoch", count: first.epoch),
                KeyNumber("lastEpoch", count: last.epoch), KeyNumber("firstLoss", first.loss, significant: 2),
                KeyNumber("lastLoss", last.loss, significant: 2)]
    }

    public func scene(_ data: Data, options: FigureOptions) -> (Int) -> Figure {
        let theme = options.theme
        let truthField = PlanarField(system).closure
        let title = options.resolvedTitle(defaultTitle)
        let labels = SystemLabels.phaseAxisLabels(componentNames: componentNames, secondIsDerivative: false)
        let epochs = snapshots.map { Double($0.epoch) }, losses = snapshots.map { $0.loss > 0 ? $0.loss : .nan }
        let finite = losses.filter(\.isFinite)
        let lossLimits = (finite.min().map { $0 / 1.6 } ?? 1e-3, finite.max().map { $0 * 1.6 } ?? 1)
        let truthStyle = LineStyle(color: theme.truth, width: 1.2 * theme.lineWidth)
        let learnedStyle = LineStyle(color: theme.learned, width: 1.4 * theme.lineWidth, dash: .pattern(theme.learnedDash))
        let n = Double(max(2, arrowsAcross))
        let cells = window.width >= window.height ? (Int(n), max(2, Int((n * window.height / window.width).rounded())))
            : (max(2, Int((n * window.width / window.height).rounded())), Int(n))
        return { i in
            let k = data.frameSnapshot[min(max(i, 0), data.frameSnapshot.count - 1)]
            let snapshot = snapshots[k]
            let page = options.makeFigure(rows: 1, columns: 2)
            page.suptitle = title
            let ax = page.axes[0], lossAx = page.axes[1]
            ax.xLabel = labels.x
            ax.yLabel = labels.y
            ax.xLimits = (window.x.lowerBound, window.x.upperBound)
            ax.yLimits = (window.y.lowerBound, window.y.upperBound)
            ax.equalAspect = true
            ax.title = "Epoch \(snapshot.epoch)"
            ax.add(Clipped(Streamlines(field: truthField, density: 0.8, style: LineStyle(color: Color(hex: 0xBDBDBD), width: 0.7),
                                       arrowSize: 0, seed: 1)))
            var q = Quiver.grid(x: window.x, y: window.y, nx: cells.0, ny: cells.1,
                                field: PlanarField(LearnedModel(snapshot.model).makeField()).closure,
                                color: theme.learned.withAlpha(0.55), unitLength: true)
            q.width = theme.arrowWidth
            ax.add(Clipped(q))
            let marker = MarkerStyle(.circle, size: max(6, 1.5 * theme.markerSize), fill: theme.truth, edge: .white)
            for path in data.truth {
                ax.add(Clipped(DirectedPath(x: path.x, y: path.y, style: truthStyle, startMarker: marker, arrowAt: 0.5)))
            }
            for path in data.learned[k] where path.x.count >= 2 {
                ax.add(Clipped(LineSeries(x: path.x, y: path.y, style: learnedStyle)))
            }
            lossAx.title = "Loss " + NumberText.short(snapshot.loss, significant: 3)
            lossAx.xLabel = "epoch"
            lossAx.yLabel = "training loss (MSE)"
            lossAx.yScale = .log
            lossAx.showsGrid = true
            // A little room after the last epoch, so the cursor and its dot are not cut by the frame.
            let span = max((epochs.last ?? 1) - (epochs.first ?? 0), 1)
            lossAx.xLimits = ((epochs.first ?? 0) - 0.02 * span, (epochs.last ?? 1) + 0.03 * span)
            lossAx.yLimits = lossLimits
            lossAx.add(LineSeries(x: epochs, y: losses, style: LineStyle(color: theme.seriesColor(0), width: theme.lineWidth)))
            lossAx.add(LineSeries(x: [epochs[k], epochs[k]], y: [lossLimits.0, lossLimits.1], style: theme.line(.reference, width: 1.2)))
            // The key on the loss panel, whose upper right a falling loss leaves free.
            lossAx.add(LineSeries(x: [], y: [], style: truthStyle, label: "true solution"))
            lossAx.add(LineSeries(x: [], y: [], style: learnedStyle, label: "learned solution"))
            lossAx.add(LineSeries(x: [], y: [], style: LineStyle(color: theme.learned.withAlpha(0.55), width: theme.arrowWidth),
                                  label: "learned field (arrows)"))
            lossAx.legend = .upperRight
            if losses[k].isFinite {
                lossAx.add(Scatter(x: [epochs[k]], y: [losses[k]], marker: MarkerStyle(.circle, size: 7, fill: theme.foreground, edge: .white)))
            }
            return page
        }
    }
}
