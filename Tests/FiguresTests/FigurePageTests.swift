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

    /// A title that cannot wrap (no spaces) and is longer than its page is reported as cut off; the same figure with a short title is not,
    /// and a label turned upright (an axis's y label) is measured along its rotation.
    @Test func sidecarReportsTextCutOffAtThePageEdge() {
        let options = FigureOptions(size: PageSize(width: .inches(3), height: .inches(3)))
        let long = String(repeating: "unbreakable", count: 8)
        for (title, cut) in [(long, [long]), ("short", [])] {
            let figure = options.makeFigure()
            figure.suptitle = title
            figure[0, 0].yLabel = "y"
            figure[0, 0].add(LineSeries(x: [0, 1], y: [0, 1], style: Theme.standard.line(.truth)))
            let (w, h) = options.size.points
            let sidecar = FigureSidecar.measure(figure, on: RecordingBackend(width: w, height: h), numbers: [])
            #expect(sidecar.textOffPage == cut)
        }
        let backend = RecordingBackend(width: 100, height: 100)
        // 10 characters at 10 pt: 60 pt long; upright from (20, 90) it reaches y = 30, inside; from (20, 50), past the top.
        let upright = FigureSidecar.textBox("0123456789", at: Point(20, 90), size: 10, font: .regular, angle: .pi / 2, on: backend)
        #expect(abs(upright.minY - 30) < 1e-9 && abs(upright.maxY - 90) < 1e-9 && abs(upright.minX - 12.4) < 1e-9)
        #expect(FigureSidecar.fits(upright, in: Rect(x: 0, y: 0, width: 100, height: 100)))
        let high = FigureSidecar.textBox("0123456789", at: Point(20, 50), size: 10, font: .regular, angle: .pi / 2, on: backend)
        #expect(!FigureSidecar.fits(high, in: Rect(x: 0, y: 0, width: 100, height: 100)))
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
