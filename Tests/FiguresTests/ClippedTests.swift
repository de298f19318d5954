import Render
import Testing
@testable import Figures

@Suite("Clipped marks")
struct ClippedTests {
    let transform = DataTransform(plot: Rect(x: 10, y: 10, width: 100, height: 100),
                                  x: AxisScale(lower: 0, upper: 1), y: AxisScale(lower: 0, upper: 1))

    @Test("a guide stays a guide when clipped, and other marks stay marks")
    func guides() {
        #expect(Clipped(VerticalRule(x: 0.5, color: .black)).isGuide)
        #expect(!Clipped(LineSeries(x: [0, 1], y: [0, 1], style: LineStyle(color: .black))).isGuide)
    }

    @Test("only the drawing is clipped: the inner mark's overlay (a start marker on the edge) is drawn unclipped")
    func overlayPassesThrough() {
        let path = Trajectory(x: [0, 0.5], y: [0.5, 0.5], style: LineStyle(color: .black))
        let alone = RecordingBackend(width: 120, height: 120), clipped = RecordingBackend(width: 120, height: 120)
        path.drawOverlay(on: alone, in: transform)
        Clipped(path).drawOverlay(on: clipped, in: transform)
        #expect(!alone.operations.isEmpty)
        #expect(clipped.operations.count == alone.operations.count)
        let drawn = RecordingBackend(width: 120, height: 120)
        Clipped(path).draw(on: drawn, in: transform)
        #expect(drawn.operations.contains { if case .stroke(_, _, let clip) = $0 { return clip != nil } else { return false } })
    }
}
