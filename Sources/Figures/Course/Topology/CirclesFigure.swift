import Foundation
import NeuralODE
import Render

/// Concentric circles (Definition 3.1.5, Misconception 1): points inside r1 labelled −1, points in
/// the annulus r2 ≤ r ≤ r3 labelled +1, classified by a planar neural ODE and by an augmented one,
/// each followed by a trained linear read-out.
///
/// A planar flow keeps the image of the annulus around the image of the disk, so no line separates
/// them: the 2-D model can only squeeze the classes through narrow gaps, with a flow that is harder
/// to integrate. With one extra dimension the disk can be lifted out of the annulus' plane and cut
/// off by a plane. Both models: the same hidden widths, seed, MSE loss, full-batch Adam, dopri5
/// with the same tolerances; function evaluations of each epoch's forward solve are recorded.
public struct CirclesFigure: CourseFigure {
    public var hidden = [32]
    /// Extra dimensions of the augmented model.
    public var augment = 1
    public var endTime = 1.0
    public var epochs = 400
    public var learningRate = 0.01
    public var rtol = 1e-3
    public var atol = 1e-4
    /// Training points inside r1 and in the annulus.
    public var inner = 50
    public var outer = 100
    /// Seed of the training and held-out samples.
    public var dataSeed: UInt64 = 3
    /// Seeds of the initial weights: each model is trained once per seed (the same seeds for both);
    /// the flows and regions drawn are the first seed's.
    public var seeds: [UInt64] = [1, 2, 3]
    /// Side of the decision-region grid.
    public var gridSize = 101
    /// Times, as fractions of `endTime`, at which the first seed's flow is saved (the still figure
    /// draws the second and third; the animation sets one per frame).
    public var flowFractions = [0.0, 0.5, 1.0]

    public init() {}

    /// One architecture's numbers: the first seed's model in detail, every seed's log.
    public struct Model: Sendable {
        public var augment: Int
        /// First seed: per saved time, the training points' states, N × (2 + augment).
        public var states: [[Double]]
        public var readout: LinearReadout
        /// First seed: read-out values on the decision grid, `values[j][i]` at row j (y) and column i (x).
        public var decision: [[Double]]
        /// Per seed, the training log.
        public var logs: [[ClassificationEpoch]]
        /// Per seed: final loss, training and held-out accuracy, mean forward NFE over the last fifth of the epochs.
        public var finalLoss: [Double]
        public var trainAccuracy: [Double]
        public var testAccuracy: [Double]
        public var lateEvaluations: [Double]

        /// The mean over seeds of `values`.
        public static func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(max(values.count, 1)) }
    }

    public struct Numbers: Sendable {
        public var circles: ConcentricCircles
        public var data: LabelledPoints
        public var times: [Double]
        public var plain: Model
        public var augmented: Model
        /// Half-width of the square window of the decision grid.
        public var window: Double
    }

    public var defaultTitle: String { "Concentric circles: a 2-D neural ODE vs an augmented one" }

    public var preferredSize: PageSize { PageSize(width: .inches(6.5), height: .inches(6.3)) }

    public func compute() throws(FigureError) -> Numbers {
        guard augment >= 1, epochs >= 1, gridSize >= 2, !seeds.isEmpty else {
            throw .invalidInput("the circles figure needs augment >= 1, epochs >= 1, a grid of 2 or more and a seed")
        }
        let circles: ConcentricCircles, data: LabelledPoints, test: LabelledPoints
        do {
            circles = try ConcentricCircles()
            data = try circles.sample(inner: inner, outer: outer, seed: dataSeed)
            test = try circles.sample(inner: 2 * inner, outer: 2 * outer, seed: dataSeed &+ 1000)
        } catch {
            throw .invalidInput(error.description)
        }
        guard flowFractions.count >= 3 else { throw .invalidInput("the circles figure needs at least 3 flow times") }
        let times = flowFractions.map { $0 * endTime }
        let window = 2.0
        let grid = TopologyTraining.linspace(-window, window, gridSize)
        var gridPoints: [Double] = []
        for y in grid { for x in grid { gridPoints += [x, y] } }
        let settings = GradientSettings(method: .dopri5, controller: .tolerances(rtol: rtol, atol: atol))
        let configuration = ClassifierTrainingConfiguration(epochs: epochs, learningRate: learningRate, settings: settings)
        var models: [Model] = []
        for extra in [0, augment] {
            var model = Model(augment: extra, states: [], readout: LinearReadout(weights: [0], bias: 0), decision: [],
                              logs: [], finalLoss: [], trainAccuracy: [], testAccuracy: [], lateEvaluations: [])
            for (index, seed) in seeds.enumerated() {
                let mlp = MLP(stateDim: 2, augmentDim: extra, hidden: hidden, seed: seed)
                let start = try TopologyTraining.classifier(
                    mlp, readout: LinearReadout(dimension: mlp.odeDimension, seed: seed &+ 1), endTime: endTime)
                let outcome = try TopologyTraining.train(start, on: data, configuration: configuration)
                let trained = outcome.classifier
                do {
                    model.testAccuracy.append(try trained.accuracy(on: test, controller: settings.controller))
                } catch {
                    throw .computationFailed(error.description)
                }
                let late = outcome.log.suffix(max(1, epochs / 5)).map { Double($0.forwardEvaluations) }
                model.logs.append(outcome.log)
                model.finalLoss.append(outcome.finalLoss)
                model.trainAccuracy.append(outcome.finalAccuracy)
                model.lateEvaluations.append(Model.mean(late))
                guard index == 0 else { continue }
                let flow = try TopologyTraining.flow(trained, points: data.points, times: times)
                model.states = (0..<flow.count).map { Array(flow.state($0)) }
                model.readout = trained.readout
                let values: [Double]
                do { values = try trained.outputs(gridPoints, controller: TopologyTraining.drawing).values } catch {
                    throw .computationFailed(error.description)
                }
                model.decision = (0..<gridSize).map { j in Array(values[(j * gridSize)..<((j + 1) * gridSize)]) }
            }
            models.append(model)
        }
        return Numbers(circles: circles, data: data, times: times, plain: models[0], augmented: models[1], window: window)
    }

    public func keyNumbers(_ n: Numbers) -> [KeyNumber] {
        let late = max(1, epochs / 5)
        let fewer = zip(n.augmented.lateEvaluations, n.plain.lateEvaluations).filter { $0 < $1 }.count
        return [KeyNumber("seeds", count: seeds.count), KeyNumber("epochs", count: epochs), KeyNumber("lateEpochs", count: late),
                KeyNumber("augmentedLoss", Model.mean(n.augmented.finalLoss), significant: 2),
                KeyNumber("plainLoss", Model.mean(n.plain.finalLoss), significant: 2),
                KeyNumber("augmentedEvaluations", Model.mean(n.augmented.lateEvaluations), significant: 3,
                          meaning: "forward evaluations per solve, mean over the last fifth of the epochs and the seeds"),
                KeyNumber("plainEvaluations", Model.mean(n.plain.lateEvaluations), significant: 3),
                KeyNumber("augmentedHeldOut", percent: Model.mean(n.augmented.testAccuracy), significant: 3),
                KeyNumber("plainHeldOut", percent: Model.mean(n.plain.testAccuracy), significant: 3),
                KeyNumber("fewerSeeds", count: fewer)]
    }

    public func summary(_ n: Numbers) -> String {
        let lateEpochs = max(1, epochs / 5)
        func describe(_ m: Model, _ name: String) -> String {
            "\(name): final loss \(TopologyTraining.text(Model.mean(m.finalLoss), 3)), accuracy train "
                + "\(TopologyTraining.text(100 * Model.mean(m.trainAccuracy), 4))% / held-out "
                + "\(TopologyTraining.text(100 * Model.mean(m.testAccuracy), 4))%, NFE per forward solve "
                + "\(TopologyTraining.text(Model.mean(m.lateEvaluations), 3)) over the last \(lateEpochs) epochs "
                + "(per seed " + m.lateEvaluations.map { TopologyTraining.text($0, 3) }.joined(separator: ", ") + ")"
        }
        let fewer = zip(n.augmented.lateEvaluations, n.plain.lateEvaluations).filter { $0 < $1 }.count
        let verdict = Model.mean(n.augmented.lateEvaluations) < Model.mean(n.plain.lateEvaluations)
            ? "the augmented model needs fewer evaluations on average (fewer in \(fewer) of \(seeds.count) seeds)"
            : "measured here, the augmented model does NOT need fewer evaluations on average "
                + "(fewer in \(fewer) of \(seeds.count) seeds)"
        return "means over \(seeds.count) seeds, \(epochs) epochs: " + describe(n.plain, "2-D neural ODE") + "; "
            + describe(n.augmented, "augmented (+\(augment))") + "; " + verdict
    }
}
