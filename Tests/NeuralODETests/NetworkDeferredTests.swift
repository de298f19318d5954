import Foundation
import Testing
@testable import NeuralODE

@Suite("Network VJPs with deferred parameter sums")
struct NetworkDeferredTests {
    /// Tapes, cotangents and both kinds of VJP results for `count` random points.
    struct Run {
        var immediateVy: [Double] = [], deferredVy: [Double] = []
        var immediateTheta: [Double], deferredTheta: [Double]
    }

    static func run(_ field: MLPField, points count: Int, seed: UInt64) -> Run {
        var generator = SeededGenerator(seed: seed)
        let n = field.stateSize, tapeSize = field.tapeSize
        let y = NetworkFieldTests.random(count * n, &generator)
        let v = NetworkFieldTests.random(count * n, &generator, scale: 1)
        var tapes = [Double](repeating: 0, count: count * tapeSize)
        var dy = [Double](repeating: 0, count: n)
        var run = Run(immediateTheta: [Double](repeating: 0, count: field.parameterCount),
                      deferredTheta: [Double](repeating: 0, count: field.parameterCount))
        var vy = [Double](repeating: 0, count: n)
        tapes.withUnsafeMutableBufferPointer { tp in
            guard let tape = tp.baseAddress else { return }
            for p in 0..<count {
                y.withUnsafeBufferPointer { yp in
                    dy.withUnsafeMutableBufferPointer { dp in
                        if let ya = yp.baseAddress, let da = dp.baseAddress {
                            field.evaluate(t: 0.3, y: ya + p * n, dy: da, tape: tape + p * tapeSize)
                        }
                    }
                }
            }
            for deferred in [false, true] {
                var theta = [Double](repeating: 0, count: field.parameterCount)
                var allVy: [Double] = []
                for p in stride(from: count - 1, through: 0, by: -1) {
                    v.withUnsafeBufferPointer { vp in
                        vy.withUnsafeMutableBufferPointer { vyp in
                            theta.withUnsafeMutableBufferPointer { thp in
                                guard let va = vp.baseAddress, let vya = vyp.baseAddress, let tha = thp.baseAddress
                                else { return }
                                if deferred {
                                    field.vjpDeferred(tape: tape + p * tapeSize, v: va + p * n, vy: vya, vtheta: tha)
                                } else {
                                    field.vjp(tape: tape + p * tapeSize, v: va + p * n, vy: vya, vtheta: tha)
                                }
                            }
                        }
                    }
                    allVy += vy
                }
                field.flushParameterCotangents()
                if deferred {
                    run.deferredTheta = theta
                    run.deferredVy = allVy
                } else {
                    run.immediateTheta = theta
                    run.immediateVy = allVy
                }
            }
        }
        return run
    }

    @Test("deferred sums equal the immediate ones; state cotangents are identical",
          arguments: NetworkFieldTests.architectures)
    func deferredMatchesImmediate(architecture: NetworkFieldTests.Architecture) {
        let field = MLPField(NetworkFieldTests.network(architecture), batchSize: architecture.batch)
        // More points than the field holds back, so sums happen both when it is full and at the flush.
        let run = Self.run(field, points: 45, seed: 21)
        #expect(run.deferredVy == run.immediateVy)
        #expect(NetworkFieldTests.relativeError(run.deferredTheta, run.immediateTheta) <= 1e-13)
        #expect(run.immediateTheta.contains { $0 != 0 })
    }

    @Test("a VJP for another θ̄ or a batch-size change first adds what is held back")
    func flushOnTargetAndBatchChange() {
        let architecture = NetworkFieldTests.architectures[1]
        let field = MLPField(NetworkFieldTests.network(architecture), batchSize: architecture.batch)
        var generator = SeededGenerator(seed: 22)
        let y = NetworkFieldTests.random(field.stateSize, &generator)
        let v = NetworkFieldTests.random(field.stateSize, &generator, scale: 1)
        let zeros = [Double](repeating: 0, count: field.parameterCount)
        let expected = field.vjp(t: 0.1, y, v, initialTheta: zeros).vtheta
        var tape = [Double](repeating: 0, count: field.tapeSize)
        var dy = [Double](repeating: 0, count: field.stateSize)
        var vy = dy
        var first = zeros, second = zeros
        tape.withUnsafeMutableBufferPointer { tp in
            dy.withUnsafeMutableBufferPointer { dp in
                vy.withUnsafeMutableBufferPointer { vyp in
                    y.withUnsafeBufferPointer { yp in
                        v.withUnsafeBufferPointer { vp in
                            first.withUnsafeMutableBufferPointer { fp in
                                second.withUnsafeMutableBufferPointer { sp in
                                    guard let ta = tp.baseAddress, let da = dp.baseAddress, let vya = vyp.baseAddress,
                                          let ya = yp.baseAddress, let va = vp.baseAddress,
                                          let fa = fp.baseAddress, let sa = sp.baseAddress else { return }
                                    field.evaluate(t: 0.1, y: ya, dy: da, tape: ta)
                                    field.vjpDeferred(tape: ta, v: va, vy: vya, vtheta: fa)
                                    field.vjpDeferred(tape: ta, v: va, vy: vya, vtheta: sa)
                                    field.batchSize = 2
                                }
                            }
                        }
                    }
                }
            }
        }
        #expect(NetworkFieldTests.relativeError(first, expected) <= 1e-14)
        #expect(NetworkFieldTests.relativeError(second, expected) <= 1e-14)
    }
}
