import Foundation
import Render
import Testing
@testable import Figures

/// Training logs read with line-numbered errors, and the loss figure drawn on a recorder.
@Suite struct LossCurvesTests {
    static let header = "epoch,loss,heldout_mse,nfe_forward,nfe_backward,rejected_steps,seconds,learning_rate,horizon"

    /// A log whose loss halves each epoch; held-out every second epoch.
    static func falling(epochs: Int, name: String = "run.csv") throws -> TrainingLog {
        var lines = [header]
        for e in 0..<epochs {
            let held = e % 2 == 0 ? "\(0.2 * pow(0.5, Double(e)))" : ""
            lines.append("\(e),\(0.1 * pow(0.5, Double(e))),\(held),20,40,0,\(0.01 * Double(e + 1)),0.1,")
        }
        return try TrainingLog.parse(lines.joined(separator: "\n") + "\n", name: name)
    }

    @Test func readsEveryColumnAndMissingHeldOut() throws {
        let log = try Self.falling(epochs: 5)
        #expect(log.epochs == [0, 1, 2, 3, 4])
        #expect(log.loss[3] == 0.1 * 0.125)
        #expect(log.heldOut?[1] == nil && log.heldOut?[2] == 0.2 * 0.25)
        #expect(log.seconds?.last == 0.05)
        #expect(log.forwardEvaluations == [20, 20, 20, 20, 20] && log.backwardEvaluations?.first == 40)
        #expect(log.divergedRow == nil)
    }

    @Test(arguments: [
        ("epoch,loss\n0,0.5\n1,abc\n", "bad.csv line 3: loss 'abc' is not a number"),
        ("epoch,heldout_mse\n0,0.5\n", "bad.csv line 1: the header has no loss column"),
        ("epoch,loss\n0,0.5\n1\n", "bad.csv line 3: 1 cells where the header has 2"),
        ("epoch,loss\n0,0.5\n0,0.4\n", "bad.csv line 3: epoch 0 does not follow epoch 0"),
        ("epoch,loss\n", "bad.csv: the training log has a header but no rows"),
    ])
    func badLogsNameTheLine(text: String, message: String) {
        #expect(throws: FigureError.self) { try TrainingLog.parse(text, name: "bad.csv") }
        do {
            _ = try TrainingLog.parse(text, name: "bad.csv")
        } catch {
            #expect(error.description.hasPrefix(message), "\(error.description)")
            #expect(!error.description.contains("\n"))
            #expect(error.isBadInput)
        }
    }

    @Test func logAxisOneSeriesPerRunAndHeldOutDashedInTheSameColour() throws {
        var curves = try LossCurves(runs: [.init(label: "first_run", log: try Self.falling(epochs: 8)),
                                           .init(label: "second", log: try Self.falling(epochs: 12))])
        curves.showsHeldOut = true
        let figure = try curves.makeFigure(options: FigureOptions())
        let ax = figure[0, 0]
        #expect(ax.yScale == .log)
        let lines = ax.marks.compactMap { $0 as? LineSeries }
        #expect(lines.count == 4)
        let training = lines.filter { $0.style.dash == .solid }, held = lines.filter { $0.style.dash == .dashDot }
        #expect(training.count == 2 && held.count == 2)
        #expect(training.map(\.style.color) == held.map(\.style.color))
        #expect(training[0].style.color != training[1].style.color)
        // Held-out is drawn at the evaluated epochs only, joined.
        #expect(held[0].x == [0, 2, 4, 6])
        // The file stem's underscore stays literal; the legend gives the final loss.
        let labels = ax.marks.compactMap(\.legendEntry).map(\.label)
        // In the one number format: three significant figures, a power of ten below 0.001.
        #expect(labels.first == "first\\_run (final 7.81 × 10^{−4})")
        #expect(Label(labels[0]).plainText.hasPrefix("first_run (final 7.81 × 10"))
        let rec = RecordingBackend(width: figure.width, height: figure.height)
        figure.render(on: rec)
        #expect(rec.texts.contains("epoch"))
    }

    @Test func divergedRunEndsWithAMarkerAndItsEpoch() throws {
        let text = "epoch,loss\n0,0.5\n1,3.0\n2,4.5e30\n3,inf\n"
        let log = try TrainingLog.parse(text, name: "div.csv")
        #expect(log.divergedRow == 3)
        let curves = try LossCurves(runs: [.init(label: "ok", log: try Self.falling(epochs: 6)), .init(label: "div", log: log)])
        let figure = try curves.makeFigure(options: FigureOptions())
        let ax = figure[0, 0]
        let lines = ax.marks.compactMap { $0 as? LineSeries }
        // The diverged curve keeps its finite epochs 0...2 (nothing dropped silently).
        #expect(lines[1].x == [0, 1, 2] && lines[1].y == [0.5, 3.0, 4.5e30])
        let markers = ax.marks.compactMap { $0 as? Scatter }.filter { $0.label == "loss became NaN/∞" }
        #expect(markers.count == 1)
        #expect(markers.first?.x == [2])
        // 4.5e30 is far above the other curves: the axis is capped and the marker sits inside it.
        let (lo, hi) = try #require(ax.yLimits)
        #expect(hi < 1e4 && lo < 0.1 * pow(0.5, 5))
        #expect((markers.first?.y.first ?? .infinity) < hi)
        let rec = RecordingBackend(width: figure.width, height: figure.height)
        figure.render(on: rec)
        #expect(rec.texts.contains("diverged at epoch 3"))
        #expect(ax.marks.compactMap(\.legendEntry).contains { $0.label == "div (diverged at epoch 3)" })
    }

    @Test func wallTimeNeedsTheSecondsColumn() throws {
        var curves = try LossCurves(runs: [.init(label: "x", log: try TrainingLog.parse("epoch,loss\n0,1\n1,0.5\n", name: "x.csv"))])
        curves.abscissa = .time
        #expect(throws: FigureError.invalidInput("x.csv has no seconds column: cannot plot against wall time")) {
            try curves.makeFigure(options: FigureOptions())
        }
        curves.runs = [.init(label: "y", log: try Self.falling(epochs: 3))]
        let figure = try curves.makeFigure(options: FigureOptions())
        #expect((figure[0, 0].marks.first as? LineSeries)?.x == [0.01, 0.02, 0.03])
        #expect(figure[0, 0].xLabel == "wall time (s)")
    }
}
