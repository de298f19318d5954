import Foundation
import Testing
@testable import NeuralODE

/// The kernels the latent model adds: ELU in place and the parameter cotangent by output rows.
@Suite("Latent model kernels")
struct LatentKernelTests {
    @Test("ELU agrees with Foundation's expm1 to a few ulp and keeps positive inputs")
    func eluAccuracy() {
        var generator = SeededGenerator(seed: 12)
        var worst = 0.0, worstX = 0.0
        for i in 0..<200_000 {
            let x = i % 2 == 0 ? generator.nextUniform(in: -45, 5)
                : -Foundation.pow(10, generator.nextUniform(in: -300, 2))
            let value = FastMath.elu(x)
            let reference = x > 0 ? x : Foundation.expm1(x)
            let error = NetworkFastMathTests.ulps(value, reference)
            if error > worst { worst = error; worstX = x }
        }
        print("FastMath.elu: max \(worst) ulp (at x = \(worstX))")
        #expect(worst <= 2)
        #expect(FastMath.elu(3.25) == 3.25)
        #expect(FastMath.elu(-1e300) == -1)
        #expect(FastMath.elu(-Double.infinity) == -1)
        #expect(FastMath.elu(Double.nan).isNaN)
        #expect(FastMath.elu(-5e-324) == -5e-324)
    }

    @Test("ELU in place: vector blocks and tails, both kernel versions, the same bits as the scalar path")
    func eluInPlace() {
        var g = SeededGenerator(seed: 301)
        for count in [1, 3, 4, 7, 8, 13, 64] {
            let values = NetworkKernelVersionTests.random(count, &g, scale: 30) + [0, -0.0, .nan, -.infinity, -1e-300]
            let r = NetworkKernelVersionTests.bothVersions(values) { v, level in
                FastMath.elu(inPlace: v, count: values.count, level: level)
            }
            #expect(NetworkKernelVersionTests.same(r.baseline, r.best))
            for (x, y) in zip(values, r.best) { #expect(y.bitPattern == FastMath.elu(x).bitPattern) }
        }
    }

    @Test("parameter cotangent by output rows: the bits of the whole-layer kernel, any cut", arguments: [1, 5, 37, 100])
    func parameterGradientRows(batch: Int) {
        var g = SeededGenerator(seed: 400 + UInt64(batch))
        for (inputs, outputs, segments) in [(32, 28, 3), (8, 2, 4), (4, 20, 1), (32, 56, 2)] {
            let deltas = (0..<segments).map { _ in NetworkKernelVersionTests.random(batch * outputs, &g) }
            let xs = (0..<segments).map { _ in NetworkKernelVersionTests.random(batch * inputs, &g) }
            let start = NetworkKernelVersionTests.random(outputs * inputs + outputs, &g)
            let storage = deltas.flatMap { $0 } + xs.flatMap { $0 }
            storage.withUnsafeBufferPointer { buffer in
                let base = buffer.baseAddress!
                let d = (0..<segments).map { base + $0 * batch * outputs }
                let x = (0..<segments).map { base + segments * batch * outputs + $0 * batch * inputs }
                var whole = start
                var scratch = [Double](repeating: 0, count: DenseKernels.parameterGradientScratch(
                    segments: segments, batch: batch, inputs: inputs, outputs: outputs))
                d.withUnsafeBufferPointer { dp in
                    x.withUnsafeBufferPointer { xp in
                        whole.withUnsafeMutableBufferPointer { out in
                            DenseKernels.accumulateParameterGradient(
                                segments: segments, batch: batch, deltas: dp.baseAddress!, deltaOffset: 0,
                                inputs: xp.baseAddress!, inputOffset: 0, gradWeight: out.baseAddress!,
                                gradBias: out.baseAddress! + outputs * inputs, inputs: inputs, outputs: outputs,
                                scratch: &scratch)
                        }
                        for cut in Set([0, 4, outputs / 8 * 4, outputs]) where cut <= outputs {
                            for level: Int32 in [1, 0] {
                                var rows = start
                                rows.withUnsafeMutableBufferPointer { out in
                                    for range in [0..<cut, cut..<outputs] {
                                        DenseKernels.accumulateParameterGradientRows(
                                            segments: segments, batch: batch, deltas: dp.baseAddress!,
                                            inputs: xp.baseAddress!, gradWeight: out.baseAddress!,
                                            gradBias: out.baseAddress! + outputs * inputs, inputs: inputs,
                                            outputs: outputs, rows: range, level: level)
                                    }
                                }
                                #expect(NetworkKernelVersionTests.same(rows, whole))
                            }
                        }
                    }
                }
                #expect(!NetworkKernelVersionTests.same(whole, start))
            }
        }
    }

    @Test("input cotangent by columns, strided and times the tanh derivative: the bits of the whole product", arguments: [1, 6, 100])
    func inputGradientColumns(batch: Int) {
        var g = SeededGenerator(seed: 500 + UInt64(batch))
        let inputs = 32, outputs = 28, first = 4, stride = 28
        let delta = NetworkKernelVersionTests.random(batch * outputs, &g)
        let weight = NetworkKernelVersionTests.random(outputs * inputs, &g)
        let a = NetworkKernelVersionTests.random(batch * stride, &g)
        var whole = [Double](repeating: 0, count: batch * inputs)
        DenseKernels.inputGradient(delta: delta, weight: weight, gradX: &whole, inputs: inputs, outputs: outputs,
                                   batch: batch, tanhInput: nil)
        for level: Int32 in [1, 0] {
            var plain = [Double](repeating: .nan, count: batch * stride), scaled = plain
            DenseKernels.inputGradientColumns(delta: delta, weight: weight, inputs: inputs, outputs: outputs, batch: batch,
                                              columns: first..<inputs, into: &plain, rowStride: stride, tanhInput: nil,
                                              level: level)
            DenseKernels.inputGradientColumns(delta: delta, weight: weight, inputs: inputs, outputs: outputs, batch: batch,
                                              columns: first..<inputs, into: &scaled, rowStride: stride, tanhInput: a,
                                              level: level)
            for b in 0..<batch {
                for k in 0..<(inputs - first) {
                    let v = whole[b * inputs + first + k], s = a[b * stride + k]
                    #expect(plain[b * stride + k].bitPattern == v.bitPattern)
                    #expect(scaled[b * stride + k].bitPattern == (v * (1 - s * s)).bitPattern)
                }
            }
        }
    }
}
