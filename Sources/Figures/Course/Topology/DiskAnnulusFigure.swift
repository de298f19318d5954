import Foundation
import NeuralODE
import Render

/// Exercise 3.1.3: a disk cannot flow onto an annulus. A planar neural ODE is trained to send the
/// unit disk onto the annulus 1 ≤ r ≤ 1.5 (each point x to (1 + r/2)·x/r); a grid on the disk is
/// carried by the learned flow and drawn at several times.
///
/// The flow is a homeomorphism, so the grid stays one piece: the grid lines through the centre
/// are stretched across the would-be hole but never break, and the image of the boundary circle
/// stays a simple closed curve with the image of the centre inside it. The grid lines are refined
/// until neighbouring images are within `maxGap`, so what is drawn is the images themselves.
public struct DiskAnnulusFigure: CourseFigure {
    public var hidden = [32]
    public var endTime = 1.0
    public var epochs = 300
    public var learningRate = 0.01
    /// Training points, uniform in the disk.
    public var trainingPoints = 200
    public var seed: UInt64 = 11
    /// Grid lines per direction (x = c and y = c for `gridLines` values of c in (−1, 1)).
    public var gridLines = 9
    /// Times drawn (small multiples), fractions of T.
    public var fractions = [0.0, 1.0 / 3, 2.0 / 3, 1.0]
    /// Largest allowed distance between neighbouring image points after refinement.
    public var maxGap = 0.04

    public init() {}

    public struct Numbers: Sendable {
        public var times: [Double]
        /// Per curve (vertical grid lines, then horizontal ones, then the boundary circle last),
        /// per time, the image's x and y.
        public var curvesX: [[[Double]]]
        public var curvesY: [[[Double]]]
        /// Index of the boundary circle in the curves.
        public var boundaryIndex: Int
        /// The centre's image at each time.
        public var centre: [[Double]]
        /// Final training MSE and the fraction of training points whose image lies in 1 ≤ r ≤ 1.5.
        public var loss: Double
        public var inAnnulus: Double
        /// Fraction of training points whose image lies inside r < 1 (the would-be hole).
        public var inHole: Double
        /// Per time: the boundary's image is simple, and the centre's winding number in it.
        public var boundarySimple: [Bool]
        public var centreWinding: [Int]
        /// Refinement: largest neighbour gap left, points inserted, largest stretch of a grid segment.
        public var largestGap: Double
        public var insertedPoints: Int
        public var largestStretch: Double
    }

    public var defaultTitle: String { "Exercise 3.1.3: a flow cannot tear a disk into an annulus" }

    public var preferredSize: PageSize { PageSize(width: .inches(6.5), height: .inches(5.2)) }

    /// The annulus map the network is trained on: x ↦ (1 + |x|/2)·x/|x|.
    static func annulusTarget(_ x: Double, _ y: Double) -> (Double, Double) {
        let r = (x * x + y * y).squareRoot()
        guard r > 0 else { return (1, 0) }
        let scale = (1 + r / 2) / r
        return (x * scale, y * scale)
    }

    public func compute() throws(FigureError) -> Numbers {
        guard !fractions.isEmpty, gridLines >= 1, maxGap > 0 else {
            throw .invalidInput("the disk figure needs at least one time, one grid line and a positive gap")
        }
        let mlp = try train()
        let times = fractions.map { $0 * endTime }
        let flow = { (points: [Double]) throws(FigureError) -> [[Double]] in
            try Self.carry(points, network: mlp, times: times)
        }
        var starts: [(x: [Double], y: [Double], closed: Bool)] = []
        let levels = (1...gridLines).map { -1 + 2 * Double($0) / Double(gridLines + 1) }
        for c in levels {
            let h = (1 - c * c).squareRoot()
            let s = TopologyTraining.linspace(-h, h, 41)
            starts.append((Array(repeating: c, count: s.count), s, false))
        }
        for c in levels {
            let h = (1 - c * c).squareRoot()
            let s = TopologyTraining.linspace(-h, h, 41)
            starts.append((s, Array(repeating: c, count: s.count), false))
        }
        let angles = (0..<160).map { 2 * Double.pi * Double($0) / 160 }
        starts.append((angles.map { cos($0) }, angles.map { sin($0) }, true))
        let carried = try CarriedCurves(starts: starts, timeCount: times.count, maxGap: maxGap, flow: flow)
        let centreImages = try flow([0, 0])
        let centre = centreImages.map { [$0[0], $0[1]] }
        let boundary = carried.curves[starts.count - 1]
        let simple = times.indices.map { PlanarCurves.isSimple(x: boundary.imageX[$0], y: boundary.imageY[$0]) }
        let winding = times.indices.map {
            PlanarCurves.windingNumber(x: boundary.imageX[$0], y: boundary.imageY[$0], around: centre[$0][0], centre[$0][1])
        }
        let (points, _) = trainingSet()
        let finals = try flow(points)
        let last = finals[finals.count - 1]
        var inAnnulus = 0, inHole = 0, loss = 0.0
        for k in 0..<(points.count / 2) {
            let x = last[2 * k], y = last[2 * k + 1]
            let r = (x * x + y * y).squareRoot()
            if r >= 1 && r <= 1.5 { inAnnulus += 1 }
            if r < 1 { inHole += 1 }
            let target = Self.annulusTarget(points[2 * k], points[2 * k + 1])
            loss += ((x - target.0) * (x - target.0) + (y - target.1) * (y - target.1)) / Double(points.count)
        }
        let count = Double(points.count / 2)
        return Numbers(times: times, curvesX: carried.curves.map(\.imageX), curvesY: carried.curves.map(\.imageY),
                       boundaryIndex: starts.count - 1, centre: centre, loss: loss,
                       inAnnulus: Double(inAnnulus) / count, inHole: Double(inHole) / count,
                       boundarySimple: simple, centreWinding: winding, largestGap: carried.largestGap,
                       insertedPoints: carried.insertedPoints, largestStretch: carried.largestStretch)
    }

    /// Training points uniform in the unit disk (seeded) and their annulus targets, flat (x, y).
    func trainingSet() -> (points: [Double], targets: [Double]) {
        var generator = SeededGenerator(seed: seed &+ 1)
        var points: [Double] = [], targets: [Double] = []
        for _ in 0..<trainingPoints {
            let r = generator.nextUniform().squareRoot(), angle = generator.nextUniform(in: 0, 2 * Double.pi)
            let x = r * cos(angle), y = r * sin(angle)
            let target = Self.annulusTarget(x, y)
            points += [x, y]
            targets += [target.0, target.1]
        }
        return (points, targets)
    }

    /// Full-batch Adam on the MSE between z(T) and the annulus targets, backprop through dopri5.
    func train() throws(FigureError) -> MLP {
        var mlp = MLP(stateDim: 2, hidden: hidden, seed: seed)
        let (points, targets) = trainingSet()
        let field = MLPField(mlp, batchSize: trainingPoints)
        let engine = GradientEngine(field: field)
        let settings = GradientSettings(method: .dopri5, controller: .tolerances(rtol: 1e-4, atol: 1e-6))
        let batch: ObservationBatch
        do {
            batch = try ObservationBatch(t0: 0, times: [endTime], initialStates: points, targets: targets,
                                         trajectoryCount: trainingPoints, stateDimension: 2)
        } catch {
            throw .invalidInput(error.description)
        }
        var optimizer = Optimizer(.adam, parameterCount: mlp.parameterCount)
        var theta = mlp.parameters
        for epoch in 0..<epochs {
            let result: GradientResult
            do { result = try engine.gradient(batch, method: .backprop, settings: settings) } catch {
                throw .solverSettings(error.description)
            }
            if let failure = result.failure {
                throw .computationFailed("training stopped at epoch \(epoch): \(failure.description)")
            }
            optimizer.step(&theta, gradient: result.parameterGradient, learningRate: learningRate)
            field.setParameters(theta)
        }
        mlp.parameters = theta
        return mlp
    }

    /// The images of flat (x, y) `points` at `times` under the network's flow.
    static func carry(_ points: [Double], network: MLP, times: [Double]) throws(FigureError) -> [[Double]] {
        let batch = MLPField(network, batchSize: points.count / 2)
        let solution = try CourseNumerics.solve(batch, y0: points, t1: times.last ?? 1,
                                                controller: TopologyTraining.drawing, saveAt: .times(times))
        return (0..<solution.count).map { Array(solution.state($0)) }
    }

    public func keyNumbers(_ n: Numbers) -> [KeyNumber] {
        [KeyNumber("loss", n.loss, significant: 2), KeyNumber("inAnnulus", percent: n.inAnnulus, significant: 2),
         KeyNumber("inHole", percent: n.inHole, significant: 1),
         KeyNumber("winding", text: Set(n.centreWinding).sorted().map(String.init).joined(separator: ", "))]
    }

    public func summary(_ n: Numbers) -> String {
        let simple = n.boundarySimple.allSatisfy { $0 } ? "simple closed curve at every time" : "NOT simple at some time"
        let winding = Set(n.centreWinding).sorted().map(String.init).joined(separator: "/")
        return "disk -> annulus 1 <= r <= 1.5 by a trained 2-D flow: final MSE \(TopologyTraining.text(n.loss, 3)), "
            + "\(TopologyTraining.text(100 * n.inAnnulus, 3))% of the points land in the annulus, "
            + "\(TopologyTraining.text(100 * n.inHole, 3))% stay in the hole r < 1; boundary image: \(simple), "
            + "centre's winding number \(winding); grid lines unbroken (neighbour gap <= "
            + "\(TopologyTraining.text(n.largestGap, 3)) after \(n.insertedPoints) inserted points, "
            + "largest stretch x\(TopologyTraining.text(n.largestStretch, 3)))"
    }

    /// The styles of the figure's parts, shared by the still figure and the animation.
    struct Styles {
        var families: [LineStyle]
        var boundary: LineStyle
        var target: LineStyle
        var centre: MarkerStyle

        init(theme: Theme) {
            // Slate and copper: colours no role has (the classes are blue and gold), apart in grey too.
            families = [LineStyle(color: theme.seriesColor(0), width: 0.9), LineStyle(color: theme.seriesColor(1), width: 0.9)]
            boundary = LineStyle(color: theme.foreground, width: 2.2)
            target = LineStyle(color: Color(hex: 0x777777), width: 1.1, dash: .dashed)
            centre = MarkerStyle(.circle, size: 8, fill: theme.foreground, edge: .white, edgeWidth: 1.2)
        }
    }

    /// Half-width of the square window holding every image at every time (rounded up to a tenth).
    static func extent(_ n: Numbers) -> Double {
        var extent = 1.6
        for c in n.curvesX { for t in c { for v in t { extent = max(extent, abs(v)) } } }
        for c in n.curvesY { for t in c { for v in t { extent = max(extent, abs(v)) } } }
        return (extent * 1.08 * 10).rounded(.up) / 10
    }

    /// Draws the grid, boundary and centre carried to time index `j` in `ax`, over the target annulus.
    func panel(_ ax: Axes, _ n: Numbers, time j: Int, extent: Double, styles: Styles) {
        let circle = (0...120).map { 2 * Double.pi * Double($0) / 120 }
        ax.equalAspect = true
        ax.xLimits = (-extent, extent)
        ax.yLimits = (-extent, extent)
        ax.xLabel = "x_1"
        for r in [1.0, 1.5] {
            ax.add(LineSeries(x: circle.map { r * cos($0) }, y: circle.map { r * sin($0) }, style: styles.target, label: nil))
        }
        let lines = n.boundaryIndex / 2
        for c in 0..<n.boundaryIndex {
            ax.add(LineSeries(x: n.curvesX[c][j], y: n.curvesY[c][j], style: styles.families[c < lines ? 0 : 1]))
        }
        let bx = n.curvesX[n.boundaryIndex][j], by = n.curvesY[n.boundaryIndex][j]
        ax.add(LineSeries(x: bx + bx.prefix(1), y: by + by.prefix(1), style: styles.boundary, label: nil))
        ax.add(LineSeries(x: [n.centre[j][0]], y: [n.centre[j][1]], style: styles.boundary, marker: styles.centre,
                          showsLine: false, label: nil))
    }

    /// The legend's entries, on label-only marks in `key`.
    static func addKey(to key: Axes, styles: Styles) {
        key.add(LineSeries(x: [], y: [], style: styles.target, label: "target annulus 1 \u{2264} r \u{2264} 1.5"))
        key.add(LineSeries(x: [], y: [], style: styles.boundary, label: "image of the boundary circle"))
        key.add(LineSeries(x: [], y: [], style: styles.boundary, marker: styles.centre, showsLine: false, label: "image of the centre"))
        // One entry per family: they differ in colour, and the reader should know which is which.
        key.add(LineSeries(x: [], y: [], style: styles.families[0], label: "grid lines x_{1} = const at t = 0"))
        key.add(LineSeries(x: [], y: [], style: styles.families[1], label: "grid lines x_{2} = const at t = 0"))
    }

    public func layout(_ n: Numbers, options: FigureOptions) -> Figure {
        // Two rows for the page's width; a spare cell holds the legend.
        let columns = (n.times.count + 2) / 2
        let figure = options.makeFigure(rows: 2, columns: columns)
        figure.suptitle = options.resolvedTitle(defaultTitle)
        let styles = Styles(theme: options.theme)
        let extent = Self.extent(n)
        for (j, t) in n.times.enumerated() {
            let ax = figure.axes[j]
            // Titles no wider than the plots: what the first panel shows and that T is the end time are in the caption.
            ax.title = "t = \(NumberText.short(t, significant: 2))"
            panel(ax, n, time: j, extent: extent, styles: styles)
            ax.yLabel = j % columns == 0 ? "x_2" : nil
            ax.showsYTickLabels = j % columns == 0
        }
        let last = figure.axes[n.times.count - 1]
        // The legend in the spare cell, on label-only marks.
        for spare in figure.axes[n.times.count...] {
            spare.showsFrame = false
            spare.showsXTickLabels = false
            spare.showsYTickLabels = false
            spare.xLimits = (0, 1); spare.yLimits = (0, 1)
        }
        if figure.axes.count > n.times.count {
            let key = figure.axes[n.times.count]
            Self.addKey(to: key, styles: styles)
            key.legend = .centerLeft
        } else {
            last.legend = .outsideRight
        }
        last.title = "t = \(NumberText.short(endTime)): \(Int((100 * n.inAnnulus).rounded()))% on target"
        return figure
    }
}
