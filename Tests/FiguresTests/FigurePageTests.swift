import Foundation
import Testing
import Render
@testable import Figures

@Suite("Figures sized for the page, with sidecars")
struct FigurePageTests {
    @Test func widePagesScaleTheirText() {
        let narrow = FigureOptions(size: PageSize(width: .inches(6), height: .inches(6)))
        #expect(narrow.textScale == 1 && narrow.chartStyle.tickLabelSize == Theme.standard.tickLabelSize)
        let wide = FigureOptions(size: PageSize(width: .inches(13), height: .inches(6)))
        #expect(abs(wide.textScale - 2) < 1e-12)
        #expect(abs(wide.chartStyle.legendSize - 2 * Theme.standard.legendSize) < 1e-12)
        #expect(wide.chartStyle.textScale == wide.textScale)
    }

    /// The sidecar measures printed sizes: a 13 in figure is printed at half size, and its scaled
    /// text comes back to the theme's sizes; sub- and superscripts are reported apart.
    @Test func sidecarReportsPrintedTextAndLegends() throws {
        let options = FigureOptions(size: PageSize(width: .inches(13), height: .inches(6)))
        let figure = options.makeFigure()
        let ax = figure[0, 0]
        ax.xLabel = "t_{1}"
        ax.add(LineSeries(x: [0, 1], y: [0, 1], style: Theme.standard.line(.truth), label: "true"))
        ax.legend = .best
        let (w, h) = options.size.points
        let sidecar = FigureSidecar.measure(figure, on: RecordingBackend(width: w, height: h),
                                            numbers: [KeyNumber("order", 1.0213), KeyNumber("steps", count: 1_103_944)])
        #expect(abs(sidecar.smallestText - Theme.standard.legendSize) < 1e-9)
        #expect(abs(sidecar.smallestScript - 0.7 * Theme.standard.axisLabelSize) < 1e-9)
        #expect(sidecar.legends.count == 1 && !sidecar.legends[0].coversData)
        let object = try #require(try JSONSerialization.jsonObject(with: sidecar.jsonData()) as? [String: Any])
        let numbers = try #require(object["numbers"] as? [String: [String: Any]])
        #expect(numbers["order"]?["text"] as? String == "1.02")
        #expect(numbers["steps"]?["text"] as? String == "1\u{202F}103\u{202F}944")
    }

    @Test func lossFigureFindsWhereTheWindowsReachFullLength() throws {
        let log = try TrainingLog.parse("""
            epoch,loss,heldout_mse,horizon
            0,1.0,2.0,1
            1,0.5,,2
            2,0.4,1.5,3
            3,0.2,,3
            4,0.1,1.8,3
            """, name: "l.csv")
        #expect(log.fullWindowRow == 2)
        let curves = try LossCurves(runs: [.init(label: "run", log: log)])
        let numbers = Dictionary(uniqueKeysWithValues: curves.keyNumbers(try curves.compute()).map { ($0.key, $0.text) })
        #expect(numbers["fullWindowEpoch"] == "2")
        #expect(numbers["bestHeldOutEpoch"] == "2" && numbers["bestHeldOut"] == "1.50")
        #expect(numbers["finalHeldOut"] == "1.80" && numbers["gap"] == "18")
    }
}
