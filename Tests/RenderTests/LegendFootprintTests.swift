import Foundation
import Testing
@testable import Render

@Suite("Legends never cover drawn data")
struct LegendFootprintTests {
    @Test func footprintSeesStrokesFillsAndText() {
        let rec = RecordingBackend(width: 200, height: 200)
        rec.stroke(.polyline([Point(0, 0), Point(100, 100)]), style: StrokeStyle(color: .black, width: 2))
        rec.fill(.rect(Rect(x: 150, y: 10, width: 20, height: 20)), color: .black)
        rec.fill(.rect(Rect(x: 10, y: 150, width: 40, height: 40)), color: Color.black.withAlpha(0.05))
        rec.text("label", at: Point(120, 180), size: 10, font: .regular, color: .black, angle: 0)
        let drawn = DrawnFootprint(rec.operations)
        #expect(drawn.intersects(Rect(x: 45, y: 45, width: 10, height: 10)))
        #expect(!drawn.intersects(Rect(x: 60, y: 10, width: 20, height: 20)))
        #expect(drawn.intersects(Rect(x: 155, y: 15, width: 5, height: 5)))
        // Faint shading is background, not data.
        #expect(!drawn.intersects(Rect(x: 20, y: 160, width: 10, height: 10)))
        #expect(drawn.intersects(Rect(x: 125, y: 172, width: 4, height: 4)))
        #expect(drawn.overlapCount(Rect(x: 0, y: 0, width: 200, height: 200)) == 3)
    }

    @Test func clippedStrokesCountOnlyInsideTheirClip() {
        let rec = RecordingBackend(width: 200, height: 200)
        rec.save()
        rec.clip(to: Rect(x: 0, y: 0, width: 100, height: 200))
        rec.stroke(.polyline([Point(0, 50), Point(200, 50)]), style: StrokeStyle(color: .black, width: 1))
        rec.restore()
        let drawn = DrawnFootprint(rec.operations)
        #expect(drawn.intersects(Rect(x: 40, y: 45, width: 10, height: 10)))
        #expect(!drawn.intersects(Rect(x: 140, y: 45, width: 10, height: 10)))
    }

    @Test func legendLeavesThePlotWhenCurvesReachEveryCorner() throws {
        let f = Figure(width: 400, height: 300)
        let ax = f[0, 0]
        ax.xLimits = (0, 1); ax.yLimits = (0, 1)
        let xs = (0...100).map { Double($0) / 100 }
        ax.add(LineSeries(x: xs, y: xs, style: LineStyle(color: .black), label: "rising"))
        ax.add(LineSeries(x: xs, y: xs.map { 1 - $0 }, style: LineStyle(color: Color(hex: 0x0072B2)), label: "falling"))
        ax.add(LineSeries(x: xs, y: xs.map { 0.5 + 0.5 * sin(12 * $0) }, style: LineStyle(color: Color(hex: 0x999933)), label: "wave"))
        ax.add(LineSeries(x: [0, 1], y: [0.5, 0.5], style: LineStyle(color: Color(hex: 0x882255))))
        ax.legend = .best
        let rec = RecordingBackend(width: 400, height: 300)
        let checks = f.legendChecks(on: rec)
        let plot = f.plotRects(on: rec)[0]
        #expect(checks.count == 1)
        #expect(checks[0].box.minX > plot.maxX)
        #expect(!checks[0].coversData)
    }

    @Test func legendAvoidsAHeatmapThatFillsThePlot() throws {
        let f = Figure(width: 400, height: 300)
        let ax = f[0, 0]
        let values = (0..<10).map { i in (0..<10).map { j in Double(10 * i + j) } }
        ax.add(Heatmap(values: values, x: 0...9, y: 0...9, scale: ColorScale(lower: 0, upper: 99, map: .viridis)))
        ax.add(LineSeries(x: [0, 9], y: [0, 9], style: LineStyle(color: .black), label: "diagonal"))
        ax.legend = .best
        let rec = RecordingBackend(width: 400, height: 300)
        let checks = f.legendChecks(on: rec)
        #expect(checks.count == 1 && !checks[0].coversData)
        #expect(checks[0].box.minX > f.plotRects(on: rec)[0].maxX)
    }

    @Test func anExplicitPlacementOverDataIsReported() {
        let f = Figure(width: 400, height: 300)
        let ax = f[0, 0]
        ax.xLimits = (0, 1); ax.yLimits = (0, 1)
        ax.add(LineSeries(x: [0, 1], y: [0.95, 0.95], style: LineStyle(color: .black, width: 2), label: "top line"))
        ax.legend = .upperRight
        let checks = f.legendChecks(on: RecordingBackend(width: 400, height: 300))
        #expect(checks.count == 1 && checks[0].coversData)
    }
}
