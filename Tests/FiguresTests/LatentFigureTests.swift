import Foundation
import Testing
@testable import Figures
import NeuralODE
import Render

@Suite("Latent training, PCA and sampling figures")
struct LatentFigureTests {
    private let model = LatentModel(observationSize: 2, latentSize: 3, encoderHidden: 6, fieldHidden: [8], decoderHidden: 6, seed: 2)

    @Test("the log parses by header; the running mean and the final numbers are the log's")
    func trainingCurves() throws {
        var text = LatentIterationRecord.csvHeader + "\n"
        for i in 1...30 {
            let held = i % 10 == 0 ? "\(1.0 / Double(i)),\(2.0 / Double(i))" : ","
            text += "\(i),\(Double(100 - i)),\(Double(60 - i)),\(Double(i) / 10),\(held),10,12,\(Double(i) * 0.01)\n"
        }
        let log = try LatentTrainingLog.parse(text, name: "log.csv")
        #expect(log.count == 30 && log.reconstruction.compactMap { $0 } == [0.1, 0.05, 1.0 / 30])
        var recipe = LatentTrainingFigure(log: log)
        recipe.window = 4
        let data = try recipe.compute()
        // Mean of −ELBO over steps 27…30 is 100 − 28.5; the first rows average what there is.
        #expect(data.runningMean.last == 71.5 && data.runningMean[0] == 99 && data.runningMean[1] == 98.5)
        #expect(data.heldOut.count == 3 && data.heldOut[2].extrapolation == 2.0 / 30)
        let numbers = Dictionary(uniqueKeysWithValues: recipe.keyNumbers(data).map { ($0.key, $0.value) })
        #expect(numbers["finalELBO"] == 71.5)
        #expect(numbers["finalKL"]! == (2.7 + 2.8 + 2.9 + 3.0) / 4)
        #expect(numbers["bestExtrapolationStep"] == 30)
        let figure = recipe.layout(data, options: FigureOptions())
        #expect(figure.axes.count == 2)
        #expect(throws: FigureError.self) { try LatentTrainingLog.parse("epoch,loss\n1,2\n", name: "mlp-log.csv") }
        #expect(throws: FigureError.self) { try LatentTrainingLog.parse(LatentIterationRecord.csvHeader + "\n2,1,1,1,,,1,1,1\n1,1,1,1,,,1,1,1\n", name: "x") }
    }

    @Test("the projection is centred and its first axis carries the first component's share of the variance")
    func principalComponents() throws {
        var recipe = LatentPCAFigure(model: model, seed: 5)
        recipe.count = 8
        let data = try recipe.compute()
        #expect(data.paths.count == 8)
        #expect(Set(data.paths.map(\.clockwise)).count == 2)
        let xs = data.paths.flatMap(\.x), ys = data.paths.flatMap(\.y)
        let n = Double(xs.count)
        let meanX = xs.reduce(0, +) / n, meanY = ys.reduce(0, +) / n
        #expect(Swift.abs(meanX) < 1e-9 && Swift.abs(meanY) < 1e-9)
        // Recompute the total variance from the latent paths the figure solved: the first axis's share must match.
        var total = 0.0
        let predictor = LatentPredictor(model: model)
        let task = LatentSpiralsPreset.heldOutTask(seed: 5)
        let end = Double(task.samplePoints - 1 + LatentSpiralsPreset.extrapolationPoints) * task.gridStep
        let times = (0..<150).map { end * Double($0) / 149 }
        var points: [Double] = []
        for spiral in task.generate().prefix(8) {
            points += try predictor.predict(spiral.sequence, times: times.filter { $0 <= task.stop - spiral.startTime }).latent
        }
        #expect(points.count == xs.count * 3)
        for l in 0..<3 {
            let column = stride(from: l, to: points.count, by: 3).map { points[$0] }
            let m = column.reduce(0, +) / n
            total += column.reduce(0) { $0 + ($1 - m) * ($1 - m) }
        }
        let alongFirst = xs.reduce(0) { $0 + $1 * $1 }, alongSecond = ys.reduce(0) { $0 + $1 * $1 }
        #expect(Swift.abs(alongFirst / total - data.explained[0]) < 1e-9)
        #expect(Swift.abs(alongSecond / total - data.explained[1]) < 1e-9)
        #expect(data.explained[0] >= data.explained[1])
    }

    @Test("quartiles by linear interpolation; every observation gives the held-out set's own errors")
    func sampling() throws {
        let s = LatentSamplingFigure.spread([5, 1, 4, 2, 3])
        #expect(s.lower == 2 && s.median == 3 && s.upper == 4)
        #expect(LatentSamplingFigure.spread([1, 2]).median == 1.5)
        var recipe = LatentSamplingFigure(model: model, seed: 5)
        recipe.spirals = 6
        recipe.counts = [3, 100]
        let data = try recipe.compute()
        #expect(data.counts == [3, 100])
        let task = LatentSpiralsPreset.heldOutTask(seed: 5)
        let heldOut = LatentHeldOut(task: task, spirals: Array(task.generate().prefix(6)), extrapolationPoints: 100)
        let predictor = LatentPredictor(model: model)
        var perSpiral: [Double] = []
        for item in heldOut.cases {
            let p = try predictor.predict(item.sequence, times: item.sequence.times + item.extrapolationTimes)
            let split = item.reconstructionTruth.count
            var e = 0.0
            for i in 0..<item.extrapolationTruth.count { e += pow(p.observations[split + i] - item.extrapolationTruth[i], 2) }
            perSpiral.append(e / Double(item.extrapolationTruth.count))
        }
        #expect(Swift.abs(data.extrapolation[1].median - LatentSamplingFigure.spread(perSpiral).median) < 1e-12)
        for spread in data.extrapolation + data.reconstruction { #expect(spread.lower <= spread.median && spread.median <= spread.upper) }
        let keys = recipe.keyNumbers(data).map(\.key)
        #expect(keys.contains("mostExtrapolation") && keys.contains("fewestExtrapolation"))
    }
}
