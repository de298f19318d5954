import Foundation
import Testing
@testable import NeuralODE

/// The recorded adjoint agrees with the engine's adjoint and with finite differences, and its
/// pieces and jumps have the documented shape.
@Suite struct AdjointTraceTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Course Example 3.1.1's network with observations at 0 (the initial state), 0.25 and 0.5.
    func example() throws -> (MLPField, ObservationBatch) {
        let mlp = try ModelFile.load(path: Self.packageRoot.appendingPathComponent("assets/models/example-3.1.1.json").path)
        let batch = try ObservationBatch(t0: 0, times: [0, 0.25, 0.5], initialStates: [1], targets: [1, 0.6, 0.37],
                                         trajectoryCount: 1, stateDimension: 1)
        return (MLPField(mlp), batch)
    }

    @Test func finalValuesMatchTheEngineAndFiniteDifferences() throws {
        let (field, batch) = try example()
        let tight = StepSizeController.tolerances(rtol: 1e-11, atol: 1e-13)
        let trace = try AdjointTrace.record(field, batch: batch, loss: .halfSSE, method: .dopri5, controller: tight)
        let engine = GradientEngine(field: field)
        let settings = GradientSettings(method: .dopri5, controller: tight, loss: .halfSSE)
        let adjoint = try engine.gradient(batch, method: .adjoint, settings: settings)
        let fd = try engine.gradient(batch, method: .finiteDifference, settings: settings)
        #expect(adjoint.failure == nil && fd.failure == nil)
        #expect(abs(trace.loss - adjoint.loss) < 1e-12)
        let scale = fd.parameterGradient.map(abs).max() ?? 1
        #expect(scale > 1e-3)
        for (a, b) in zip(trace.parameterGradient, fd.parameterGradient) { #expect(abs(a - b) < 1e-6 * scale) }
        for (a, b) in zip(trace.parameterGradient, adjoint.parameterGradient) { #expect(abs(a - b) < 1e-7 * scale) }
        #expect(abs(trace.initialStateGradient[0] - adjoint.initialStateGradient[0]) < 1e-8)
    }

    @Test func intervalsAndJumps() throws {
        let (field, batch) = try example()
        let trace = try AdjointTrace.record(field, batch: batch, loss: .halfSSE, method: .dopri5,
                                            controller: .tolerances(rtol: 1e-10, atol: 1e-12), samplesPerInterval: 11)
        // Observations at 0, 0.25, 0.5 with t0 = 0: two intervals, 11 samples each, ends on the observations.
        #expect(trace.intervals.count == 2)
        #expect(trace.intervals.map { $0.times.count } == [11, 11])
        #expect(trace.intervals[0].times.first == 0 && trace.intervals[0].times.last == 0.25)
        #expect(trace.intervals[1].times.first == 0.25 && trace.intervals[1].times.last == 0.5)
        // a(0.5⁻) is the last jump y(0.5) − y*; at 0.25 the left piece starts where the right one ends plus the jump.
        let y = trace.predictions
        #expect(abs(trace.intervals[1].adjoint[10] - (y[2] - 0.37)) < 1e-12)
        #expect(abs(trace.jumps[1] - (y[1] - 0.6)) < 1e-12)
        #expect(abs(trace.intervals[0].adjoint[10] - (trace.intervals[1].adjoint[0] + trace.jumps[1])) < 1e-12)
        // g is continuous across observations and starts at 0 at the last one.
        let p = trace.parameterCount
        #expect(trace.intervals[1].parameterGradient[(10 * p)..<(11 * p)].allSatisfy { $0 == 0 })
        for q in 0..<p {
            #expect(trace.intervals[0].parameterGradient[10 * p + q] == trace.intervals[1].parameterGradient[q])
            #expect(trace.intervals[0].parameterGradient[q] == trace.parameterGradient[q])
        }
    }
}
