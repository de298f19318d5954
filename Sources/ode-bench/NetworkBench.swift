import NeuralODE

/// Times the network kernels on the mini-project configuration, for the network section.
///
/// Network 2→32→32→2 tanh, batch of 5 states; one RK4 epoch of the mini-project is 800 forward
/// evaluations and 800 vector-Jacobian products.
enum NetworkBench {
    /// Timings of one configuration, in nanoseconds per forward + VJP pair.
    struct Result: Sendable, CustomStringConvertible {
        /// Forward pass recorded on a tape per call, then VJPs from the tapes with the parameter
        /// cotangents summed at the end (`vjpDeferred`, how backprop uses it).
        let tapedNanoseconds: Double
        /// As `tapedNanoseconds`, with each VJP adding its parameter cotangent at once (`vjp(tape:…)`).
        let tapedImmediateNanoseconds: Double
        /// `evaluate` then `vjp` at the same point (the VJP reuses the cached forward pass).
        let cachedNanoseconds: Double
        /// `evaluate` then `vjp` at a different point (the VJP repeats the forward pass).
        let uncachedNanoseconds: Double
        /// Forward passes alone.
        let forwardNanoseconds: Double

        /// Milliseconds of network work per mini-project RK4 epoch (800 pairs, taped).
        var epochMilliseconds: Double { tapedNanoseconds * 800 / 1e6 }

        var description: String {
            func format(_ x: Double) -> String {
                let tenths = Int((x * 10).rounded())
                return "\(tenths / 10).\(tenths % 10)"
            }
            return "network 2→32→32→2 tanh, batch 5: forward \(format(forwardNanoseconds)) ns; forward+VJP "
                + "taped \(format(tapedNanoseconds)) ns (\(format(tapedImmediateNanoseconds)) ns "
                + "without deferred parameter sums), cached \(format(cachedNanoseconds)) ns, "
                + "uncached \(format(uncachedNanoseconds)) ns; \(format(epochMilliseconds * 1000)) µs per RK4 epoch (800 pairs)"
        }
    }

    /// Runs `epochs` simulated epochs of each mode and returns the best epoch of each.
    static func run(epochs: Int = 20) -> Result {
        let batch = 5, evaluations = 800
        let mlp = MLP(stateDim: 2, hidden: [32, 32], activation: .tanh, seed: 1)
        let field = MLPField(mlp, batchSize: batch)
        let n = field.stateSize
        let states = UnsafeMutablePointer<Double>.allocate(capacity: evaluations * n)
        let out = UnsafeMutablePointer<Double>.allocate(capacity: n)
        let vy = UnsafeMutablePointer<Double>.allocate(capacity: n)
        let vtheta = UnsafeMutablePointer<Double>.allocate(capacity: field.parameterCount)
        let tapes = UnsafeMutablePointer<Double>.allocate(capacity: evaluations * field.tapeSize)
        defer {
            states.deallocate(); out.deallocate(); vy.deallocate(); vtheta.deallocate(); tapes.deallocate()
        }
        var generator = SeededGenerator(seed: 7)
        for i in 0..<(evaluations * n) { states[i] = generator.nextUniform(in: -2, 2) }
        vtheta.initialize(repeating: 0, count: field.parameterCount)
        var sink = 0.0

        func best(_ body: () -> Void) -> Double {
            let clock = ContinuousClock()
            var fastest = Double.infinity
            for _ in 0..<epochs {
                let elapsed = clock.measure(body)
                let ns = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) * 1e-9
                fastest = min(fastest, ns / Double(evaluations))
            }
            return fastest
        }

        let forward = best {
            for e in 0..<evaluations {
                field.evaluate(t: 0.1, y: states + e * n, dy: out)
                sink += out[0]
            }
        }
        // Forward with tapes, then the pullbacks last to first; `pullback` is the deferred or the
        // immediate VJP, `finish` what ends the pass (the deferred parameter sums), timed with it.
        func tapedPass(_ pullback: (_ tape: UnsafeMutablePointer<Double>, _ v: UnsafeMutablePointer<Double>) -> Void,
                       finish: () -> Void = {}) -> Double {
            best {
                for e in 0..<evaluations {
                    field.evaluate(t: 0.1, y: states + e * n, dy: out, tape: tapes + e * field.tapeSize)
                    sink += out[0]
                }
                for e in stride(from: evaluations - 1, through: 0, by: -1) {
                    pullback(tapes + e * field.tapeSize, states + e * n)
                    sink += vy[0]
                }
                finish()
            }
        }
        let taped = tapedPass({ tape, v in field.vjpDeferred(tape: tape, v: v, vy: vy, vtheta: vtheta) },
                              finish: { field.flushParameterCotangents() })
        let tapedImmediate = tapedPass { tape, v in field.vjp(tape: tape, v: v, vy: vy, vtheta: vtheta) }
        let cached = best {
            for e in 0..<evaluations {
                field.evaluate(t: 0.1, y: states + e * n, dy: out)
                field.vjp(t: 0.1, y: states + e * n, v: out, vy: vy, vtheta: vtheta)
                sink += vy[0]
            }
        }
        let uncached = best {
            for e in 0..<evaluations {
                field.evaluate(t: 0.1, y: states + e * n, dy: out)
                field.vjp(t: 0.2, y: states + e * n, v: out, vy: vy, vtheta: vtheta)
                sink += vy[0]
            }
        }
        if sink.isNaN { print("benchmark produced NaN") }
        return Result(tapedNanoseconds: taped, tapedImmediateNanoseconds: tapedImmediate, cachedNanoseconds: cached, uncachedNanoseconds: uncached,
                      forwardNanoseconds: forward)
    }
}
