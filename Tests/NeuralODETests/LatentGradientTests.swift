import Foundation
import Testing
@testable import NeuralODE

@Suite("Latent ODE gradients")
struct LatentGradientTests {
    /// Three sequences of different lengths at irregular times (the second starts later).
    static let sequences: [TrajectoryDataset.Trajectory] = {
        var generator = SeededGenerator(seed: 41)
        let starts = [0.0, 0.7, 0.2], lengths = [3, 5, 4]
        return (0..<3).map { b in
            var t = starts[b], times: [Double] = [], values: [Double] = []
            for _ in 0..<lengths[b] {
                times.append(t)
                values += [cos(2 * t) + 0.1 * generator.nextGaussian(), sin(2 * t) + 0.1 * generator.nextGaussian()]
                t += 0.1 + 0.3 * generator.nextUniform()
            }
            return TrajectoryDataset.Trajectory(label: "\(b)", times: times, values: values)
        }
    }()

    static func objective(_ kind: RecurrentCellKind) -> LatentObjective {
        let model = LatentModel(observationSize: 2, latentSize: 3, encoder: kind, encoderHidden: 5,
                                fieldHidden: [6], decoderHidden: 5, seed: 7)
        let settings = GradientSettings(method: .rk4, controller: .fixed(dt: 0.1))
        return LatentObjective(model: model, noiseStandardDeviation: 0.3, settings: settings)
    }

    static let noise: [Double] = {
        var generator = SeededGenerator(seed: 3)
        return (0..<9).map { _ in generator.nextGaussian() }
    }()

    @Test("every parameter's gradient matches central differences", arguments: [RecurrentCellKind.gru, .rnn])
    func matchesFiniteDifferences(kind: RecurrentCellKind) throws {
        let objective = Self.objective(kind)
        let base = objective.model.parameters
        let result = try objective.evaluate(Self.sequences, noise: Self.noise)
        #expect(result.failure == nil)
        #expect(result.gradient.count == base.count)
        var worst = 0.0
        for i in base.indices {
            let h = 1e-6 * max(1, abs(base[i]))
            var plus = base, minus = base
            plus[i] += h
            minus[i] -= h
            objective.model.parameters = plus
            let up = try objective.evaluate(Self.sequences, noise: Self.noise).loss
            objective.model.parameters = minus
            let down = try objective.evaluate(Self.sequences, noise: Self.noise).loss
            let fd = (up - down) / (2 * h)
            worst = max(worst, abs(result.gradient[i] - fd) / max(1, abs(fd)))
        }
        objective.model.parameters = base
        #expect(worst < 1e-6, "largest relative difference \(worst)")
    }

    @Test("the batched encoder equals the one-sequence encoder and its BPTT (lengths differ, hidden padded)",
          arguments: [RecurrentCellKind.gru, .rnn])
    func batchedEncoderMatchesSingle(kind: RecurrentCellKind) {
        var generator = SeededGenerator(seed: 11)
        let encoder = RecurrentEncoder(kind: kind, observationSize: 2, hiddenSize: 7, latentSize: 3, generator: &generator)
        let sequences = Self.sequences + [Self.sequences[1]]
        let cotangent = (0..<(sequences.count * 6)).map { _ in generator.nextGaussian() }
        var batchOut = [Double](repeating: 0, count: sequences.count * 6)
        var batchGradient = [Double](repeating: 0, count: encoder.parameterCount)
        let batch = EncoderBatch(encoder: encoder)
        batchOut.withUnsafeMutableBufferPointer { batch.encode(encoder: encoder, sequences: sequences, output: $0.baseAddress!) }
        cotangent.withUnsafeBufferPointer { v in
            batchGradient.withUnsafeMutableBufferPointer { batch.backward(encoder: encoder, cotangents: v.baseAddress!, gradient: $0.baseAddress!) }
        }
        var singleOut = [Double](repeating: 0, count: sequences.count * 6)
        var singleGradient = [Double](repeating: 0, count: encoder.parameterCount)
        encoder.parameters.withUnsafeBufferPointer { theta in
            let transposed = encoder.transposedCells(theta: theta.baseAddress!)
            for (b, sequence) in sequences.enumerated() {
                var trace = [Double](repeating: 0, count: encoder.traceSize(observations: sequence.times.count))
                transposed.withUnsafeBufferPointer { wT in
                    singleOut.withUnsafeMutableBufferPointer { out in
                        encoder.encode(theta: theta.baseAddress!, transposed: wT.baseAddress!, times: sequence.times,
                                       values: sequence.values, count: sequence.times.count, trace: &trace,
                                       output: out.baseAddress! + b * 6)
                    }
                }
                cotangent.withUnsafeBufferPointer { v in
                    singleGradient.withUnsafeMutableBufferPointer { g in
                        encoder.backward(theta: theta.baseAddress!, trace: trace, count: sequence.times.count,
                                         outputCotangent: v.baseAddress! + b * 6, gradient: g.baseAddress!)
                    }
                }
            }
        }
        let outScale = singleOut.map(abs).max() ?? 1, gradientScale = singleGradient.map(abs).max() ?? 1
        #expect(zip(batchOut, singleOut).allSatisfy { abs($0 - $1) <= 1e-12 * outScale })
        #expect(zip(batchGradient, singleGradient).allSatisfy { abs($0 - $1) <= 1e-12 * gradientScale })
        #expect(singleGradient.filter { $0 != 0 }.count > encoder.parameterCount / 2)
        // A second batch through the same object (buffers reused) gives the same numbers.
        var again = [Double](repeating: 0, count: sequences.count * 6)
        again.withUnsafeMutableBufferPointer { batch.encode(encoder: encoder, sequences: sequences, output: $0.baseAddress!) }
        #expect(again == batchOut)
    }

    @Test("each part of the gradient is non-zero and the loss splits into likelihood and KL")
    func partsContribute() throws {
        let objective = Self.objective(.gru)
        let result = try objective.evaluate(Self.sequences, noise: Self.noise)
        let model = objective.model
        let e = model.encoder.parameterCount, f = model.field.parameterCount
        let parts = [result.gradient[0..<e], result.gradient[e..<(e + f)], result.gradient[(e + f)...]]
        for part in parts { #expect(part.map(abs).max() ?? 0 > 1e-4) }
        #expect(abs(result.loss - result.negativeLogLikelihood - result.kl) < 1e-12)
        #expect(result.kl > 0)
    }

    @Test("the KL term alone: zero mean and unit variance give zero")
    func klOfStandardNormal() throws {
        // Zero the read-out so q(z0) = N(0, I) for every sequence.
        let objective = Self.objective(.rnn)
        var theta = objective.model.encoder.parameters
        for i in objective.model.encoder.readoutOffset..<theta.count { theta[i] = 0 }
        objective.model.encoder.parameters = theta
        let result = try objective.evaluate(Self.sequences, noise: Self.noise)
        #expect(abs(result.kl) < 1e-15)
    }

    @Test("the shared time grid merges equal relative times and keeps each sequence's order")
    func sharedTimes() {
        let a = TrajectoryDataset.Trajectory(label: "a", times: [1, 1.5, 2], values: [0, 0, 0, 0, 0, 0])
        let b = TrajectoryDataset.Trajectory(label: "b", times: [3, 3.25, 3.5 + 1e-13], values: [0, 0, 0, 0, 0, 0])
        let (times, index) = LatentObjective.sharedTimes([a, b])
        #expect(times == [0, 0.25, 0.5, 1])
        #expect(index == [[0, 2, 3], [0, 1, 2]])
    }

    @Test("a sequence with one observation is refused with its label")
    func oneObservation() {
        let objective = Self.objective(.gru)
        let lone = TrajectoryDataset.Trajectory(label: "lone", times: [0], values: [1, 2])
        #expect(throws: GradientConfigurationError.self) {
            _ = try objective.evaluate([lone], noise: [0, 0, 0])
        }
    }
}
