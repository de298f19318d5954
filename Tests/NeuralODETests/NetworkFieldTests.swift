import Foundation
import Testing
@testable import NeuralODE

/// Array-based helpers around `MLPField`'s pointer API.
extension MLPField {
    func evaluate(t: Double, _ y: [Double]) -> [Double] {
        var dy = [Double](repeating: 0, count: stateSize)
        y.withUnsafeBufferPointer { yp in
            dy.withUnsafeMutableBufferPointer { dp in
                if let ya = yp.baseAddress, let da = dp.baseAddress { evaluate(t: t, y: ya, dy: da) }
            }
        }
        return dy
    }

    /// (vᵀ∂f/∂y, initialTheta + vᵀ∂f/∂θ) with `vy` pre-filled with garbage to check it is overwritten.
    func vjp(t: Double, _ y: [Double], _ v: [Double], initialTheta: [Double]) -> (vy: [Double], vtheta: [Double]) {
        var vy = [Double](repeating: .nan, count: stateSize)
        var vtheta = initialTheta
        y.withUnsafeBufferPointer { yp in
            v.withUnsafeBufferPointer { vp in
                vy.withUnsafeMutableBufferPointer { vyp in
                    vtheta.withUnsafeMutableBufferPointer { tp in
                        if let ya = yp.baseAddress, let va = vp.baseAddress, let vya = vyp.baseAddress,
                           let ta = tp.baseAddress {
                            vjp(t: t, y: ya, v: va, vy: vya, vtheta: ta)
                        }
                    }
                }
            }
        }
        return (vy, vtheta)
    }
}

@Suite("Network field and vector-Jacobian products")
struct NetworkFieldTests {
    struct Architecture: CustomStringConvertible, Sendable {
        let stateDim: Int, augment: Int, time: Bool, hidden: [Int], activation: Activation, output: Activation, batch: Int
        var description: String { "\(stateDim)+\(augment)\(time ? "+t" : "")→\(hidden)→ \(activation)/\(output) ×\(batch)" }
    }

    static let architectures: [Architecture] = [
        Architecture(stateDim: 1, augment: 0, time: false, hidden: [1], activation: .tanh, output: .identity, batch: 1),
        Architecture(stateDim: 2, augment: 0, time: false, hidden: [32, 32], activation: .tanh, output: .identity, batch: 5),
        Architecture(stateDim: 2, augment: 0, time: true, hidden: [16], activation: .softplus, output: .identity, batch: 3),
        Architecture(stateDim: 3, augment: 2, time: true, hidden: [9, 12], activation: .sigmoid, output: .tanh, batch: 4),
        Architecture(stateDim: 2, augment: 3, time: false, hidden: [20, 7, 11], activation: .relu, output: .identity, batch: 7),
        Architecture(stateDim: 4, augment: 0, time: false, hidden: [], activation: .tanh, output: .softplus, batch: 2),
        Architecture(stateDim: 8, augment: 1, time: true, hidden: [17, 33], activation: .tanh, output: .sigmoid, batch: 6),
    ]

    static func network(_ a: Architecture, seed: UInt64 = 3) -> MLP {
        MLP(stateDim: a.stateDim, augmentDim: a.augment, timeInput: a.time, hidden: a.hidden,
            activation: a.activation, outputActivation: a.output, seed: seed)
    }

    static func random(_ count: Int, _ generator: inout SeededGenerator, scale: Double = 1.5) -> [Double] {
        (0..<count).map { _ in generator.nextUniform(in: -scale, scale) }
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }

    /// ‖a − b‖ / ‖b‖ (‖b‖ floored at 1e-12).
    static func relativeError(_ a: [Double], _ b: [Double]) -> Double {
        let difference = zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
        let norm = b.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return difference / max(norm, 1e-12)
    }

    @Test("the batched forward pass equals the per-state reference", arguments: architectures)
    func forwardMatchesReference(architecture: Architecture) {
        let mlp = Self.network(architecture)
        let field = MLPField(mlp, batchSize: architecture.batch)
        var generator = SeededGenerator(seed: 5)
        let y = Self.random(field.stateSize, &generator)
        let dy = field.evaluate(t: 0.7, y)
        let d = mlp.odeDimension
        for b in 0..<architecture.batch {
            let expected = mlp.evaluate(t: 0.7, state: Array(y[(b * d)..<((b + 1) * d)]))
            let got = Array(dy[(b * d)..<((b + 1) * d)])
            #expect(Self.relativeError(got, expected) <= 1e-14, "state \(b)")
        }
    }

    @Test("vjp with respect to the state matches central differences", arguments: architectures)
    func inputVJP(architecture: Architecture) {
        let field = MLPField(Self.network(architecture), batchSize: architecture.batch)
        var generator = SeededGenerator(seed: 6)
        let y = Self.random(field.stateSize, &generator)
        let v = Self.random(field.stateSize, &generator, scale: 1)
        let t = 0.4
        let analytic = field.vjp(t: t, y, v, initialTheta: [Double](repeating: 0, count: field.parameterCount)).vy
        let h = 1e-5
        let numeric = (0..<field.stateSize).map { i -> Double in
            var plus = y, minus = y
            plus[i] += h
            minus[i] -= h
            return (Self.dot(v, field.evaluate(t: t, plus)) - Self.dot(v, field.evaluate(t: t, minus))) / (2 * h)
        }
        #expect(Self.relativeError(analytic, numeric) <= 1e-6)
        #expect(analytic.allSatisfy { $0.isFinite })
    }

    @Test("vjp with respect to the parameters matches central differences and accumulates", arguments: architectures)
    func parameterVJP(architecture: Architecture) {
        let mlp = Self.network(architecture)
        let field = MLPField(mlp, batchSize: architecture.batch)
        var generator = SeededGenerator(seed: 8)
        let y = Self.random(field.stateSize, &generator)
        let v = Self.random(field.stateSize, &generator, scale: 1)
        let initial = Self.random(field.parameterCount, &generator, scale: 0.1)
        let t = -0.3
        let accumulated = field.vjp(t: t, y, v, initialTheta: initial).vtheta
        let analytic = zip(accumulated, initial).map { $0 - $1 }
        let h = 1e-5
        let theta = mlp.parameters
        let numeric = (0..<field.parameterCount).map { p -> Double in
            var plus = theta, minus = theta
            plus[p] += h
            minus[p] -= h
            field.setParameters(plus)
            let fPlus = Self.dot(v, field.evaluate(t: t, y))
            field.setParameters(minus)
            let fMinus = Self.dot(v, field.evaluate(t: t, y))
            return (fPlus - fMinus) / (2 * h)
        }
        field.setParameters(theta)
        #expect(Self.relativeError(analytic, numeric) <= 1e-6)
        #expect(field.parameters == theta)
    }

    @Test("taped, cached and fresh vector-Jacobian products agree exactly")
    func tapeAndCache() {
        let architecture = Self.architectures[3]
        let field = MLPField(Self.network(architecture), batchSize: architecture.batch)
        var generator = SeededGenerator(seed: 9)
        let y1 = Self.random(field.stateSize, &generator), y2 = Self.random(field.stateSize, &generator)
        let v = Self.random(field.stateSize, &generator)
        let zeros = [Double](repeating: 0, count: field.parameterCount)
        let fresh = MLPField(Self.network(architecture), batchSize: architecture.batch).vjp(t: 0.2, y2, v, initialTheta: zeros)
        // Evaluate at y1, then ask for the VJP at y2: the cache must not be reused.
        _ = field.evaluate(t: 0.2, y1)
        let afterOtherPoint = field.vjp(t: 0.2, y2, v, initialTheta: zeros)
        _ = field.evaluate(t: 0.2, y2)
        let cached = field.vjp(t: 0.2, y2, v, initialTheta: zeros)
        #expect(afterOtherPoint.vy == fresh.vy && afterOtherPoint.vtheta == fresh.vtheta)
        #expect(cached.vy == fresh.vy && cached.vtheta == fresh.vtheta)

        var tape = [Double](repeating: 0, count: field.tapeSize)
        var dy = [Double](repeating: 0, count: field.stateSize)
        var vy = [Double](repeating: 0, count: field.stateSize)
        var vtheta = zeros
        tape.withUnsafeMutableBufferPointer { tp in
            dy.withUnsafeMutableBufferPointer { dp in
                vy.withUnsafeMutableBufferPointer { vyp in
                    vtheta.withUnsafeMutableBufferPointer { thp in
                        y2.withUnsafeBufferPointer { yp in
                            v.withUnsafeBufferPointer { vp in
                                guard let ta = tp.baseAddress, let da = dp.baseAddress, let vya = vyp.baseAddress,
                                      let tha = thp.baseAddress, let ya = yp.baseAddress, let va = vp.baseAddress
                                else { return }
                                field.evaluate(t: 0.2, y: ya, dy: da, tape: ta)
                                _ = field.evaluate(t: 0.9, y1)  // the tape, not the field's cache, must be used
                                field.vjp(tape: ta, v: va, vy: vya, vtheta: tha)
                            }
                        }
                    }
                }
            }
        }
        #expect(vy == fresh.vy && vtheta == fresh.vtheta)
        #expect(dy == field.evaluate(t: 0.2, y2))
    }

    @Test("a smaller batch gives the same per-state results as the full one")
    func batchSizeChange() {
        let architecture = Self.architectures[1]
        let field = MLPField(Self.network(architecture), batchSize: 5)
        var generator = SeededGenerator(seed: 10)
        let y = Self.random(field.stateSize, &generator)
        let full = field.evaluate(t: 0, y)
        field.batchSize = 2
        #expect(field.stateSize == 4)
        #expect(field.evaluate(t: 0, Array(y[0..<4])) == Array(full[0..<4]))
    }

    @Test("updating parameters in place changes the field")
    func inPlaceUpdate() {
        let mlp = MLP(stateDim: 1, hidden: [1], seed: 1)
        let field = MLPField(mlp)
        field.withParameters { theta in
            theta[0] = 1.5; theta[1] = 0; theta[2] = -2; theta[3] = 0
        }
        let value = field.evaluate(t: 0, [1])[0]
        #expect(abs(value - (-2 * Foundation.tanh(1.5))) <= 1e-15)
        #expect(field.mlp.parameters == [1.5, 0, -2, 0])
    }

    @Test("augmented dimensions: zeros appended to the initial state, network maps the whole state")
    func augmentation() {
        let mlp = MLP(stateDim: 2, augmentDim: 3, timeInput: true, hidden: [4], seed: 2)
        #expect(mlp.odeDimension == 5)
        #expect(mlp.inputSize == 6)
        #expect(mlp.widths == [6, 4, 5])
        #expect(mlp.augmentedInitialState([0.5, -1]) == [0.5, -1, 0, 0, 0])
        #expect(mlp.parameterCount == 4 * 6 + 4 + 5 * 4 + 5)
        #expect(mlp.biasOffset(layer: 1) == 4 * 6 + 4 + 5 * 4)
    }
}
