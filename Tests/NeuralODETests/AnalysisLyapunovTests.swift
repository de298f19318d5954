import Foundation
import Testing
@testable import NeuralODE

/// y' = A y for a fixed matrix A (row-major), with its exact Jacobian.
struct LinearTestField: JacobianField {
    let matrix: [Double]
    let stateSize: Int

    func evaluate(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>) {
        for i in 0..<stateSize {
            var sum = 0.0
            for j in 0..<stateSize { sum += matrix[i * stateSize + j] * y[j] }
            dy[i] = sum
        }
    }

    func jacobian(t: Double, y: UnsafePointer<Double>, into jacobian: UnsafeMutablePointer<Double>) {
        for i in 0..<(stateSize * stateSize) { jacobian[i] = matrix[i] }
    }
}

@Suite struct AnalysisLyapunovTests {
    @Test func lorenzSpectrumMatchesThePublishedValues() throws {
        let lorenz = try SystemRegistry.field(named: "lorenz")
        let settings = LyapunovSettings(transient: 20, duration: 500, interval: 0.5)
        let result = try LyapunovSpectrum.estimate(lorenz, y0: [1, 1, 1], settings: settings)
        let published = [0.9056, 0, -14.5723]
        #expect(abs(result.exponents[0] - published[0]) < 0.01 * published[0])
        #expect(abs(result.exponents[1]) < 0.01)
        #expect(abs(result.exponents[2] - published[2]) < 0.01 * abs(published[2]))
        // Lorenz's tr J is the constant −(σ + 1 + β).
        #expect(abs(result.traceAverage + (10 + 1 + 8.0 / 3)) < 1e-9)
        #expect(abs(result.exponents.reduce(0, +) - result.traceAverage) < 1e-6)
        let dimension = try #require(result.kaplanYorkeDimension)
        // λ₂ counts as zero (within 1% of |λ₃|), λ₁ + λ₂ ≥ 0 > λ₁ + λ₂ + λ₃, so D = 2 + λ₁/|λ₃|.
        #expect(abs(dimension - (2 + result.exponents[0] / abs(result.exponents[2]))) < 1e-12)
        #expect(dimension > 2.05 && dimension < 2.07)
        #expect(abs(try #require(result.lyapunovTime) - 1 / result.exponents[0]) < 1e-12)
    }

    @Test func rosslerLargestExponentWithinFivePercent() throws {
        let rossler = try SystemRegistry.field(named: "rossler")
        let settings = LyapunovSettings(transient: 100, duration: 10000, exponents: 1, interval: 1)
        let result = try LyapunovSpectrum.estimate(rossler, y0: [1, 1, 0], settings: settings)
        #expect(abs(result.largest - 0.0714) < 0.05 * 0.0714)
        #expect(result.exponents.count == 1)
        #expect(result.kaplanYorkeDimension == nil)
    }

    @Test func sumEqualsTheTimeAverageOfTheTraceWhereTheTraceVaries() throws {
        // Rössler's tr J = a + x − c and Van der Pol's μ(1 − x²) − 0 change along the orbit.
        for (name, y0) in [("rossler", [1.0, 1, 0]), ("van-der-pol", [2.0, 0])] {
            let field = try SystemRegistry.field(named: name)
            let settings = LyapunovSettings(transient: 10, duration: 100, interval: 0.3)
            let result = try LyapunovSpectrum.estimate(field, y0: y0, settings: settings)
            #expect(abs(result.exponents.reduce(0, +) - result.traceAverage) < 1e-6, "\(name)")
        }
    }

    @Test func tangentDynamicsMatchFiniteDifferencesOfTheFlow() throws {
        let lorenz = try SystemRegistry.field(named: "lorenz")
        let tangent = TangentDynamics(base: lorenz, vectors: 3)
        let y0 = [2.0, -1, 20], horizon = 0.4
        let controller = StepSizeController.tolerances(rtol: 1e-12, atol: 1e-12)
        let identity: [Double] = [1, 0, 0, 0, 1, 0, 0, 0, 1]
        let augmented = try ODESolve.solve(ODEProblem(field: tangent, t0: 0, t1: horizon,
                                                      y0: tangent.initialState(state: y0, vectors: identity)),
                                           method: .tsit5, controller: controller).lastState
        let epsilon = 1e-6
        for j in 0..<3 {
            var plus = y0, minus = y0
            plus[j] += epsilon
            minus[j] -= epsilon
            let forward = try ODESolve.solve(ODEProblem(field: lorenz, t0: 0, t1: horizon, y0: plus),
                                             method: .tsit5, controller: controller).lastState
            let backward = try ODESolve.solve(ODEProblem(field: lorenz, t0: 0, t1: horizon, y0: minus),
                                              method: .tsit5, controller: controller).lastState
            for i in 0..<3 {
                let difference = (forward[i] - backward[i]) / (2 * epsilon)
                let column = augmented[tangent.vectorOffset(j) + i]
                #expect(abs(column - difference) < 1e-5 * max(1, abs(difference)), "∂φ\(i)/∂y\(j)")
            }
        }
        // The flow stretches: the tangent map over 0.4 is far from the identity.
        #expect(abs(augmented[tangent.vectorOffset(0)] - 1) > 0.1)
    }

    @Test func linearSystemExponentsAreTheEigenvaluesRealParts() throws {
        // Eigenvalues 0.5, −0.2 ± 1.5i (a rotation block) and −1.3: real parts 0.5, −0.2, −0.2, −1.3.
        let matrix: [Double] = [0.5, 1, 0, 0,
                                0, -0.2, 1.5, 2,
                                0, -1.5, -0.2, 0,
                                0, 0, 0, -1.3]
        let field = LinearTestField(matrix: matrix, stateSize: 4)
        let settings = LyapunovSettings(transient: 20, duration: 200, interval: 0.5)
        let result = try LyapunovSpectrum.estimate(field, y0: [1, 1, 1, 1], settings: settings)
        let expected = [0.5, -0.2, -0.2, -1.3]
        for (found, wanted) in zip(result.exponents, expected) { #expect(abs(found - wanted) < 0.01) }
        #expect(abs(result.traceAverage - (0.5 - 0.2 - 0.2 - 1.3)) < 1e-9)
        // Partial sums 0.5, 0.3, 0.1, −1.2: D = 3 + 0.1/1.3.
        #expect(abs(try #require(result.kaplanYorkeDimension) - (3 + 0.1 / 1.3)) < 0.02)
    }

    @Test func limitCycleHasALargestExponentOfZero() throws {
        let vanDerPol = try SystemRegistry.field(named: "van-der-pol")
        let settings = LyapunovSettings(transient: 50, duration: 3000, interval: 1)
        let result = try LyapunovSpectrum.estimate(vanDerPol, y0: [2, 0], settings: settings)
        #expect(abs(result.exponents[0]) < 1e-3)
        #expect(result.exponents[1] < -0.5)
        // The estimate of the zero exponent has either sign; the cycle is a curve all the same.
        #expect(result.kaplanYorkeDimension == 1)
        #expect(result.lyapunovTime == nil || result.exponents[0] < 1e-3)
    }

    @Test func runningEstimatesEndAtTheExponents() throws {
        let lorenz = try SystemRegistry.field(named: "lorenz")
        let settings = LyapunovSettings(transient: 5, duration: 40, interval: 0.1, maxRecords: 50)
        let result = try LyapunovSpectrum.estimate(lorenz, y0: [1, 1, 1], settings: settings)
        #expect(result.times.count <= 50 && result.times.count >= 25)
        #expect(abs(try #require(result.times.last) - 40) < 1e-12)
        #expect(result.runningEstimate(0).last == result.exponents[0])
        #expect(result.runningEstimate(2).count == result.times.count)
    }

    @Test func badSettingsAreReportedNotRun() throws {
        let lorenz = try SystemRegistry.field(named: "lorenz")
        #expect(throws: LyapunovError.self) {
            try LyapunovSpectrum.estimate(lorenz, y0: [1, 1], settings: LyapunovSettings())
        }
        #expect(throws: LyapunovError.invalid("the number of exponents must be in 1...3, got 4")) {
            try LyapunovSpectrum.estimate(lorenz, y0: [1, 1, 1], settings: LyapunovSettings(exponents: 4))
        }
        #expect(throws: LyapunovError.self) {
            try LyapunovSpectrum.estimate(lorenz, y0: [1, 1, 1], settings: LyapunovSettings(interval: 0))
        }
    }

    @Test func mlpJacobianIsExactAgainstFiniteDifferences() throws {
        for timeInput in [false, true] {
            let mlp = MLP(stateDim: 3, augmentDim: 1, timeInput: timeInput, hidden: [16, 12], seed: 7)
            let field = MLPJacobianField(mlp)
            let y: [Double] = [0.3, -1.2, 0.8, 0.1], t = 0.7
            var jacobian = [Double](repeating: 0, count: 16), f = [Double](repeating: 0, count: 4)
            jacobian.withUnsafeMutableBufferPointer { j in
                f.withUnsafeMutableBufferPointer { out in
                    y.withUnsafeBufferPointer { state in
                        field.evaluate(t: t, y: state.baseAddress!, dy: out.baseAddress!, jacobian: j.baseAddress!)
                    }
                }
            }
            let reference = mlp.evaluate(t: t, state: y)
            for i in 0..<4 { #expect(abs(f[i] - reference[i]) < 1e-14) }
            let epsilon = 1e-6
            for j in 0..<4 {
                var plus = y, minus = y
                plus[j] += epsilon
                minus[j] -= epsilon
                let up = mlp.evaluate(t: t, state: plus), down = mlp.evaluate(t: t, state: minus)
                for i in 0..<4 {
                    let difference = (up[i] - down[i]) / (2 * epsilon)
                    #expect(abs(jacobian[i * 4 + j] - difference) < 1e-8, "∂f\(i)/∂y\(j)")
                }
            }
            // The Jacobian differs from the MLP field's vector-Jacobian products only by rounding.
            let batched = MLPField(mlp)
            var cotangent = [Double](repeating: 0, count: 4)
            var thetaBar = [Double](repeating: 0, count: mlp.parameterCount)
            let v: [Double] = [1, -2, 0.5, 3]
            batched.vjp(t: t, y: y, v: v, vy: &cotangent, vtheta: &thetaBar)
            for j in 0..<4 {
                let expected = (0..<4).reduce(0.0) { $0 + v[$1] * jacobian[$1 * 4 + j] }
                #expect(abs(cotangent[j] - expected) < 1e-12)
            }
        }
    }

    @Test func kaplanYorkeCountsNearZeroExponentsAsZero() {
        func dimension(_ exponents: [Double]) -> Double? {
            LyapunovResult(exponents: exponents, dimension: exponents.count, times: [], estimates: [], traceAverage: 0,
                           finalState: [], evaluations: 0).kaplanYorkeDimension
        }
        #expect(dimension([-1e-4, -1]) == 1)
        #expect(dimension([2e-4, -1]) == 1)
        #expect(dimension([-0.5, -1]) == 0)
        #expect(abs((dimension([0.3, -0.001, -2]) ?? 0) - 2.15) < 1e-12)
        #expect(dimension([0.5, 0.1]) == 2)
    }
}
