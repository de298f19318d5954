import Figures
import NeuralODE
import Render
import Testing

@Suite struct ParticleFlowTests {
    private func vanDerPolFlow() throws -> ParticleFlow<SystemField> {
        let system = try SystemRegistry.field(named: "van-der-pol")
        var flow = ParticleFlow(portrait: try PhasePortrait(system: system))
        flow.particlesAcross = 6
        return flow
    }

    @Test func seedsFillTheWindowOnCellCentres() throws {
        let flow = try vanDerPolFlow()
        let seeds = flow.seeds()
        let w = flow.portrait.window
        #expect(seeds.allSatisfy { w.contains($0) })
        // The window is 6 × 8: 6 rows along y, round(6 · 6/8) = 5 columns along x... or the other way.
        let nx = Set(seeds.map(\.x)).count, ny = Set(seeds.map(\.y)).count
        #expect(nx * ny == seeds.count)
        #expect(max(nx, ny) == 6)
        #expect(abs(seeds[0].x - (w.x.lowerBound + w.width / Double(2 * nx))) < 1e-12)
    }

    @Test func particlesEndOnTheLimitCycleAndFirstFrameIsTheSeeds() throws {
        var flow = try vanDerPolFlow()
        flow.flowTime = 30
        let data = try flow.compute(frameCount: 31)
        #expect(data.positions.count == 31)
        #expect(data.positions[0] == flow.seeds())
        #expect(data.times.last == 30)
        // Van der Pol (μ = 1): every orbit but the equilibrium's ends on the cycle, |x| up to ≈ 2.01.
        let last = try #require(data.positions.last)
        let radii = last.map { ($0.x * $0.x + $0.y * $0.y).squareRoot() }
        #expect(radii.allSatisfy { $0 > 0.9 && $0 < 2.8 })
        #expect(abs(last.map { abs($0.x) }.max()! - 2.0) < 0.05)
    }

    @Test func eachFrameDrawsTheTrailsAndTheTimeInTheTitle() throws {
        let flow = try vanDerPolFlow()
        let data = try flow.compute(frameCount: 20)
        let figureAt = flow.scene(data, options: FigureOptions())
        let recorder = RecordingBackend(width: 432, height: 432)
        figureAt(19).render(on: recorder)
        #expect(recorder.texts.contains { $0.hasSuffix("t = 8.00") })
        let black = FigureOptions().theme.role(.truth).color
        let trailStrokes = recorder.operations.filter {
            if case let .stroke(_, style, _) = $0 { return style.color.r == black.r && style.color.a < 1 } else { return false }
        }
        #expect(trailStrokes.count == flow.trailFrames)
    }
}
