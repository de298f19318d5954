import Foundation
import NeuralODE
import Testing
@testable import Figures

/// The Hopf normal form x' = x − y − x r², y' = x + y − y r²: its limit cycle is the unit circle with period 2π.
struct HopfField: VectorField {
    var stateSize: Int { 2 }
    func evaluate(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>) {
        let r2 = y[0] * y[0] + y[1] * y[1]
        dy[0] = y[0] - y[1] - y[0] * r2
        dy[1] = y[0] + y[1] - y[1] * r2
    }
}

@Suite struct LimitCycleFinderTests {
    @Test func hopfCycleIsTheUnitCircleWithPeriodTwoPi() throws {
        for start in [[0.05, 0.0], [2.5, -1.0]] {
            let cycle = try LimitCycleFinder(start: start).find(in: HopfField())
            #expect(abs(cycle.period - 2 * Double.pi) < 1e-8, "period \(cycle.period) from \(start)")
            #expect(abs(cycle.amplitudes[0] - 1) < 1e-8)
            #expect(abs(cycle.amplitudes[1] - 1) < 1e-8)
            let xs = cycle.component(0), ys = cycle.component(1)
            #expect(xs.count == 720)
            for (x, y) in zip(xs, ys) { #expect(abs((x * x + y * y).squareRoot() - 1) < 1e-8) }
            #expect(cycle.returns >= 2)
        }
    }

    @Test func vanDerPolPeriodAndAmplitudeMatchPublishedValues() throws {
        // μ = 1: T = 6.6632868593…, amplitude 2.0086198608….
        let field = try SystemRegistry.field(named: "van-der-pol")
        let cycle = try LimitCycleFinder(start: [2, 0]).find(in: field)
        #expect(abs(cycle.period - 6.6632868593) < 1e-7)
        #expect(abs(cycle.amplitude - 2.0086198608) < 1e-7)
        // Same orbit from inside.
        let inside = try LimitCycleFinder(start: [0.1, 0]).find(in: field)
        #expect(abs(inside.period - cycle.period) < 1e-7)
        // The sampled orbit closes on itself: its last sample is one sample step short of the first.
        let n = cycle.times.count
        let gap = hypot(cycle.states[2 * (n - 1)] - cycle.states[0], cycle.states[2 * (n - 1) + 1] - cycle.states[1])
        #expect(gap > 0 && gap < 0.1)
    }

    @Test func largerMuGivesALongerPeriod() throws {
        // The period grows with μ towards the relaxation limit (3 − 2 ln 2) μ.
        let field = try SystemRegistry.field(named: "van-der-pol", parameters: ["mu": 3])
        let cycle = try LimitCycleFinder(start: [2, 0]).find(in: field)
        #expect(cycle.period > 8.5 && cycle.period < 9.2)
        let field5 = try SystemRegistry.field(named: "van-der-pol", parameters: ["mu": 5])
        #expect(try LimitCycleFinder(start: [2, 0]).find(in: field5).period > cycle.period)
    }

    @Test func aStableFocusIsReportedAsAnEquilibrium() throws {
        let field = try SystemRegistry.field(named: "damped-oscillator")
        do {
            _ = try LimitCycleFinder(start: [1, 0]).find(in: field)
            Issue.record("a damped oscillator has no limit cycle")
        } catch {
            guard case .fixedPoint(let p) = error else { Issue.record("expected fixedPoint, got \(error)"); return }
            #expect(abs(p[0]) < 1e-6 && abs(p[1]) < 1e-6)
            #expect(error.description.hasPrefix("the trajectory settles at the equilibrium"))
        }
    }

    @Test func wrongStartSizeIsRejected() {
        #expect(throws: LimitCycleError.invalidStart("3 components for a field of 2")) {
            try LimitCycleFinder(start: [1, 0, 0]).find(in: HopfField())
        }
    }
}
