import Foundation
import NeuralODE
import Render

/// Trajectories cannot cross (Misconception 1, Definition 3.1.5): a 1-D neural ODE trained to send
/// −1 → 1 and 1 → −1 fails, and the same network with one augmented dimension succeeds.
///
/// Both models are trained on the two points with the read-out fixed to z₁(T) (a regression of the
/// final position on the target), the MSE loss and full-batch Adam. A 1-D flow keeps the order of
/// points, so its two images satisfy u < v and the loss ½[(u − 1)² + (v + 1)²] is at least 1
/// (the minimum over u ≤ v is at u = v = 0). Panels: the plain model's flow in the (t, x) plane;
/// the augmented model's x(t), whose projections cross; its (x, a) plane, where they do not.
public struct CrossingFigure: CourseFigure {
    /// Hidden widths of f_θ (tanh).
    public var hidden = [16]
    /// T, the end of the flow.
    public var endTime = 1.0
    public var epochs = 300
    public var learningRate = 0.02
    /// Seed of both networks' initial weights (the same weights up to the augmented inputs).
    public var seed: UInt64 = 7
    /// Starting points of the grey trajectories (must include −1 and 1).
    public var starts = TopologyTraining.linspace(-2, 2, 17)

    public init() {}

    public struct Numbers: Sendable {
        /// Saved times of every drawn trajectory.
        public var times: [Double]
        /// Plain model: x(t) from each start.
        public var plainPaths: [[Double]]
        /// Augmented model: x(t) and a(t) from each start (a(0) = 0).
        public var augmentedX: [[Double]]
        public var augmentedA: [[Double]]
        /// Final training losses (MSE over the two points) and the images of −1 and 1.
        public var plainLoss: Double
        public var augmentedLoss: Double
        public var plainImages: [Double]
        public var augmentedImages: [Double]
        /// Forward function evaluations of the last epoch, plain and augmented.
        public var plainEvaluations: Int
        public var augmentedEvaluations: Int
        /// Indices in `starts` of −1 and 1.
        public var trainingIndices: [Int]
    }

    public var defaultTitle: String { "Trajectories cannot cross: \(NumberText.minus)1 \u{2192} 1 and 1 \u{2192} \(NumberText.minus)1" }

    public var preferredSize: PageSize { PageSize(width: .inches(6.5), height: .inches(8.8)) }

    /// The lower bound on the plain model's MSE: ½·min over u ≤ v of [(u − 1)² + (v + 1)²] = 1.
    public static let plainLossBound = 1.0

    public func compute() throws(FigureError) -> Numbers {
        guard let low = starts.firstIndex(of: -1), let high = starts.firstIndex(of: 1) else {
            throw .invalidInput("the starting points must include -1 and 1")
        }
        let configuration = ClassifierTrainingConfiguration(epochs: epochs, learningRate: learningRate)
        let times = TopologyTraining.linspace(0, endTime, 81)
        var trained: [ClassifierTrainer.Outcome] = []
        var solutions: [ODESolution] = []
        for augment in [0, 1] {
            let mlp = MLP(stateDim: 1, augmentDim: augment, hidden: hidden, seed: seed)
            let model = try TopologyTraining.classifier(mlp, readout: .firstComponent(dimension: mlp.odeDimension),
                                                        endTime: endTime)
            let outcome = try TopologyTraining.train(model, on: .crossing, configuration: configuration)
            trained.append(outcome)
            solutions.append(try TopologyTraining.flow(outcome.classifier, points: starts, times: times))
        }
        let plain = solutions[0], augmented = solutions[1]
        let plainPaths = starts.indices.map { TopologyTraining.path(plain, index: $0, component: 0, dimension: 1) }
        let ax = starts.indices.map { TopologyTraining.path(augmented, index: $0, component: 0, dimension: 2) }
        let aa = starts.indices.map { TopologyTraining.path(augmented, index: $0, component: 1, dimension: 2) }
        return Numbers(times: times, plainPaths: plainPaths, augmentedX: ax, augmentedA: aa,
                       plainLoss: trained[0].finalLoss, augmentedLoss: trained[1].finalLoss,
                       plainImages: [plainPaths[low].last ?? .nan, plainPaths[high].last ?? .nan],
                       augmentedImages: [ax[low].last ?? .nan, ax[high].last ?? .nan],
                       plainEvaluations: trained[0].finalForwardEvaluations,
                       augmentedEvaluations: trained[1].finalForwardEvaluations, trainingIndices: [low, high])
    }

    public func keyNumbers(_ n: Numbers) -> [KeyNumber] {
        [KeyNumber("plainLoss", n.plainLoss, significant: 5), KeyNumber("augmentedLoss", n.augmentedLoss, significant: 2)]
    }

    public func summary(_ n: Numbers) -> String {
        func images(_ v: [Double]) -> String {
            "-1 -> \(TopologyTraining.text(v[0], 4)), 1 -> \(TopologyTraining.text(v[1], 4))"
        }
        return "1-D neural ODE: final MSE \(TopologyTraining.text(n.plainLoss, 5)) "
            + "(bound >= \(NumberText.short(Self.plainLossBound)): a 1-D flow keeps order), \(images(n.plainImages)); "
            + "augmented (1 extra dimension): final MSE \(TopologyTraining.text(n.augmentedLoss, 3)), "
            + "\(images(n.augmentedImages)); NFE per forward solve \(n.plainEvaluations) vs \(n.augmentedEvaluations)"
    }

    public func layout(_ n: Numbers, options: FigureOptions) -> Figure {
        let figure = options.makeFigure(rows: 3, columns: 1)
        figure.suptitle = options.resolvedTitle(defaultTitle)
        let theme = options.theme
        let grey = LineStyle(color: Color(hex: 0xB4B4B4), width: 0.9)
        // The two training points are the two classes: −1 (target +1) class A, +1 (target −1) class B,
        // which differ in dash and marker too, so they read in grey.
        let classes = [theme.role(.classA), theme.role(.classB)]
        let colors = classes.map(\.color)
        let dashes = classes.map(\.dash)
        let markers = classes.map(\.marker)
        let targets = [1.0, -1.0]
        let minus = NumberText.minus

        let plain = figure[0, 0]
        plain.title = "1-D neural ODE: MSE \(NumberText.short(n.plainLoss, significant: 5)) \u{2265} 1"
        plain.xLabel = "t"
        plain.yLabel = "x(t)"
        let projected = figure[1, 0]
        projected.title = "Augmented: x(t) alone, the paths cross"
        projected.xLabel = "t"
        projected.yLabel = "x(t)"
        for ax in [plain, projected] {
            ax.showsGrid = true
            ax.xLimits = (0, endTime * 1.04)
            ax.yLimits = (-2.25, 3.6)   // room for the legend above the paths
        }
        let lift = figure[2, 0]
        lift.title = "(x, a): MSE \(NumberText.short(n.augmentedLoss, significant: 2)), no crossing"
        lift.xLabel = "x"
        lift.yLabel = "a (augmented)"
        lift.showsGrid = true

        for k in n.plainPaths.indices where !n.trainingIndices.contains(k) {
            plain.add(LineSeries(x: n.times, y: n.plainPaths[k], style: grey))
            projected.add(LineSeries(x: n.times, y: n.augmentedX[k], style: grey))
            lift.add(LineSeries(x: n.augmentedX[k], y: n.augmentedA[k], style: grey))
        }
        let firstGrey = n.plainPaths.indices.first { !n.trainingIndices.contains($0) }
        if firstGrey != nil {
            plain.add(LineSeries(x: [], y: [], style: grey, label: "other starts x_0"))
        }
        for (j, k) in n.trainingIndices.enumerated() {
            let style = LineStyle(color: colors[j], width: theme.thickLineWidth, dash: dashes[j])
            let start = j == 0 ? "\(minus)1" : "1"
            let target = targets[j] < 0 ? "\(minus)1" : "1"
            let label = "x_0 = \(start), target \(target)"
            let marker = MarkerStyle(markers[j], size: 9, fill: .white, edge: colors[j], edgeWidth: 2)
            plain.add(LineSeries(x: n.times, y: n.plainPaths[k], style: style, label: label))
            plain.add(LineSeries(x: [endTime], y: [targets[j]], style: style, marker: marker, showsLine: false))
            projected.add(LineSeries(x: n.times, y: n.augmentedX[k], style: style, label: label))
            projected.add(LineSeries(x: [endTime], y: [targets[j]], style: style, marker: marker, showsLine: false))
            // The panels above name the two paths; this key keeps to its own marks, so it stays narrow.
            lift.add(LineSeries(x: n.augmentedX[k], y: n.augmentedA[k], style: style))
            lift.add(LineSeries(x: [n.augmentedX[k][0]], y: [0], style: style,
                                marker: MarkerStyle(markers[j], size: 7, fill: colors[j]), showsLine: false))
            let end = (n.augmentedX[k].last ?? .nan, n.augmentedA[k].last ?? .nan)
            lift.add(LineSeries(x: [end.0], y: [end.1], style: style, marker: marker, showsLine: false))
        }
        plain.add(LineSeries(x: [], y: [], style: LineStyle(color: theme.foreground, width: 2),
                             marker: MarkerStyle(.circle, size: 9, fill: .white, edge: theme.foreground, edgeWidth: 2),
                             showsLine: false, label: "target at t = T"))
        plain.legend = .best
        projected.legend = .best
        lift.legend = .outsideRight
        plain.annotate(.text("order kept: both end near 0", at: (0.98 * endTime, -0.4), anchor: .topRight,
                             color: theme.foreground))
        // Where each training point must end: x = its target, any a.
        let aRange = n.augmentedA.flatMap { $0 }
        let aLow = (aRange.min() ?? -1) - 0.2, aHigh = (aRange.max() ?? 1) + 0.2
        for (j, t) in targets.enumerated() {
            lift.add(LineSeries(x: [t, t], y: [aLow, aHigh], style: LineStyle(color: colors[j], width: 1.1, dash: .dotted),
                                label: j == 0 ? "targets x = \u{00B1}1" : nil))
        }
        lift.add(LineSeries(x: [], y: [], style: grey, marker: MarkerStyle(.circle, size: 7, fill: theme.foreground),
                            showsLine: false, label: "start (a = 0)"))
        lift.add(LineSeries(x: [], y: [], style: grey,
                            marker: MarkerStyle(.circle, size: 9, fill: .white, edge: theme.foreground, edgeWidth: 2),
                            showsLine: false, label: "end, t = T"))
        return figure
    }
}
