import Testing
@testable import NeuralODE

/// The AVX2/FMA and baseline versions of the network kernels must give the same bits.
@Suite("Network kernel versions")
struct NetworkKernelVersionTests {
    static func random(_ count: Int, _ generator: inout SeededGenerator, scale: Double = 1) -> [Double] {
        (0..<count).map { _ in generator.nextUniform(in: -scale, scale) }
    }

    /// Runs `body` with the baseline (1) and the CPU's best version (0) on copies of `output`.
    static func bothVersions(_ output: [Double], _ body: (UnsafeMutablePointer<Double>, Int32) -> Void)
        -> (baseline: [Double], best: [Double]) {
        var baseline = output, best = output
        baseline.withUnsafeMutableBufferPointer { body($0.baseAddress!, 1) }
        best.withUnsafeMutableBufferPointer { body($0.baseAddress!, 0) }
        return (baseline, best)
    }

    static func same(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern }
    }

    @Test("which version this CPU runs")
    func level() {
        print("network kernels: version \(DenseKernels.level()) (1 baseline, 2 AVX2/FMA)")
        #expect(DenseKernels.level(1) == 1)
        #expect([1, 2].contains(DenseKernels.level()))
    }

    @Test("forward products, with and without tanh, every row remainder and width", arguments: [1, 2, 3, 4, 5, 7, 11])
    func forward(batch: Int) {
        var g = SeededGenerator(seed: UInt64(batch))
        for (inputs, outputs) in [(3, 4), (8, 12), (17, 32)] {
            let x = Self.random(batch * inputs, &g, scale: 3), wT = Self.random(inputs * outputs, &g)
            let bias = Self.random(outputs, &g)
            for fuse in [false, true] {
                let r = Self.bothVersions([Double](repeating: 0, count: batch * outputs)) { z, level in
                    DenseKernels.forward(x: x, weightT: wT, bias: bias, z: z, inputs: inputs, outputs: outputs,
                                         batch: batch, fuseTanh: fuse, level: level)
                }
                #expect(Self.same(r.baseline, r.best))
                #expect(r.best.contains { $0 != 0 })
            }
        }
    }

    @Test("input cotangents with and without the tanh derivative", arguments: [1, 4, 5, 9])
    func inputGradient(batch: Int) {
        var g = SeededGenerator(seed: 100 + UInt64(batch))
        for (inputs, outputs) in [(4, 2), (8, 12), (32, 17)] {
            let delta = Self.random(batch * outputs, &g), w = Self.random(outputs * inputs, &g)
            let a = Self.random(batch * inputs, &g)
            for tanhInput in [false, true] {
                let r = Self.bothVersions([Double](repeating: 0, count: batch * inputs)) { gx, level in
                    a.withUnsafeBufferPointer { aa in
                        DenseKernels.inputGradient(delta: delta, weight: w, gradX: gx, inputs: inputs, outputs: outputs,
                                                   batch: batch, tanhInput: tanhInput ? aa.baseAddress : nil, level: level)
                    }
                }
                #expect(Self.same(r.baseline, r.best))
            }
        }
    }

    /// `start` (gW then gBias) plus the parameter cotangent of `segments` recorded VJPs, by the kernel.
    static func accumulated(_ start: [Double], deltas: [[Double]], xs: [[Double]], batch: Int, inputs: Int,
                            outputs: Int, level: Int32) -> [Double] {
        let segments = deltas.count
        var out = start
        let d = UnsafeMutablePointer<UnsafePointer<Double>>.allocate(capacity: segments)
        let x = UnsafeMutablePointer<UnsafePointer<Double>>.allocate(capacity: segments)
        let copies = deltas + xs
        let storage = UnsafeMutablePointer<Double>.allocate(capacity: copies.reduce(0) { $0 + $1.count })
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: DenseKernels.parameterGradientScratch(
            segments: segments, batch: batch, inputs: inputs, outputs: outputs))
        defer { d.deallocate(); x.deallocate(); storage.deallocate(); scratch.deallocate() }
        var offset = 0
        for (i, array) in copies.enumerated() {
            for (k, v) in array.enumerated() { storage[offset + k] = v }
            if i < segments { d[i] = UnsafePointer(storage + offset) } else { x[i - segments] = UnsafePointer(storage + offset) }
            offset += array.count
        }
        out.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            DenseKernels.accumulateParameterGradient(
                segments: segments, batch: batch, deltas: d, deltaOffset: 0, inputs: x, inputOffset: 0,
                gradWeight: base, gradBias: base + outputs * inputs, inputs: inputs, outputs: outputs,
                scratch: scratch, level: level)
        }
        return out
    }

    @Test("parameter cotangents over segments, narrow and wide layers", arguments: [1, 3, 5, 6])
    func parameterGradient(batch: Int) {
        var g = SeededGenerator(seed: 200 + UInt64(batch))
        for (inputs, outputs, segments) in [(2, 32, 7), (3, 6, 3), (32, 32, 4), (33, 2, 5), (2, 64, 3), (64, 3, 2)] {
            let deltas = (0..<segments).map { _ in Self.random(batch * outputs, &g) }
            let xs = (0..<segments).map { _ in Self.random(batch * inputs, &g) }
            let start = Self.random(outputs * inputs + outputs, &g)
            let baseline = Self.accumulated(start, deltas: deltas, xs: xs, batch: batch, inputs: inputs, outputs: outputs, level: 1)
            let best = Self.accumulated(start, deltas: deltas, xs: xs, batch: batch, inputs: inputs, outputs: outputs, level: 0)
            #expect(Self.same(baseline, best))
            #expect(!Self.same(best, start))
        }
    }

    /// The bias cotangent's summation order, which model files depend on: an output in the leading
    /// multiple of 4 sums its even samples (even b within each segment) and its odd ones apart, each in
    /// order, and adds start + (even + odd); the last outputs mod 4 sum all samples in one sum, in order.
    @Test("bias cotangent: each output's sums in their fixed order, any width and batch", arguments: [1, 2, 5, 32])
    func biasGradientOrder(batch: Int) {
        var g = SeededGenerator(seed: 300 + UInt64(batch))
        for (inputs, outputs, segments) in [(2, 64, 5), (64, 2, 3), (3, 21, 4), (4, 16, 1), (5, 35, 2), (2, 7, 3)] {
            let deltas = (0..<segments).map { _ in Self.random(batch * outputs, &g, scale: 5) }
            let xs = (0..<segments).map { _ in Self.random(batch * inputs, &g) }
            let start = Self.random(outputs * inputs + outputs, &g)
            for level: Int32 in [1, 0] {
                let out = Self.accumulated(start, deltas: deltas, xs: xs, batch: batch, inputs: inputs, outputs: outputs,
                                           level: level)
                let paired = outputs / 4 * 4
                var expected = [Double](repeating: 0, count: outputs)
                for j in 0..<outputs {
                    var even = 0.0, odd = 0.0, all = 0.0
                    for d in deltas {
                        for b in 0..<batch {
                            if b % 2 == 0 { even += d[b * outputs + j] } else { odd += d[b * outputs + j] }
                            all += d[b * outputs + j]
                        }
                    }
                    let s = start[outputs * inputs + j]
                    expected[j] = j < paired ? s + (even + odd) : s + all
                }
                #expect(Self.same(Array(out[(outputs * inputs)...]), expected), "outputs \(outputs), level \(level)")
            }
        }
    }

    @Test("tanh in place, vector blocks and tails")
    func tanhInPlace() {
        var g = SeededGenerator(seed: 300)
        for count in [1, 3, 4, 7, 8, 13, 16, 37, 64] {
            let values = Self.random(count, &g, scale: 25) + [0, -0.0, .nan, .infinity, 1e-300]
            let r = Self.bothVersions(values) { v, level in FastMath.tanh(inPlace: v, count: values.count, level: level) }
            #expect(Self.same(r.baseline, r.best))
        }
    }
}

/// Packed weights (panels of 8 columns) must give the same bits as the plain layout.
@Suite("Network kernels on packed weights")
struct NetworkPackedKernelTests {
    static func packed(_ matrix: [Double], depth: Int, columns: Int) -> [Double] {
        var out = [Double](repeating: .nan, count: depth * columns)
        for i in 0..<depth {
            for j in 0..<columns { out[DenseKernels.packedIndex(row: i, column: j, depth: depth, columns: columns)] = matrix[i * columns + j] }
        }
        return out
    }

    @Test("the packed layout is a permutation of the matrix")
    func permutation() {
        for (depth, columns) in [(1, 4), (3, 12), (5, 16), (7, 20), (2, 132)] {
            let indices = (0..<depth).flatMap { i in
                (0..<columns).map { DenseKernels.packedIndex(row: i, column: $0, depth: depth, columns: columns) }
            }
            #expect(indices.sorted() == Array(0..<(depth * columns)))
        }
    }

    @Test("forward and input cotangent on packed weights equal the plain ones bit for bit",
          arguments: [1, 3, 5, 8, 32])
    func packedEqualsPlain(batch: Int) {
        var g = SeededGenerator(seed: 300 + UInt64(batch))
        for (inputs, outputs) in [(2, 12), (8, 4), (16, 20), (64, 64), (128, 132)] {
            let x = NetworkKernelVersionTests.random(batch * inputs, &g, scale: 2)
            let wT = NetworkKernelVersionTests.random(inputs * outputs, &g), bias = NetworkKernelVersionTests.random(outputs, &g)
            let packedWT = Self.packed(wT, depth: inputs, columns: outputs)
            for fuse in [false, true] {
                var plain = [Double](repeating: 0, count: batch * outputs), fast = plain
                DenseKernels.forward(x: x, weightT: wT, bias: bias, z: &plain, inputs: inputs, outputs: outputs,
                                     batch: batch, fuseTanh: fuse)
                DenseKernels.forwardPacked(x: x, weightT: packedWT, bias: bias, z: &fast, inputs: inputs,
                                           outputs: outputs, batch: batch, fuseTanh: fuse)
                #expect(NetworkKernelVersionTests.same(plain, fast))
                #expect(plain.contains { $0 != 0 })
            }
            guard inputs % 4 == 0 else { continue }
            let delta = NetworkKernelVersionTests.random(batch * outputs, &g)
            let w = NetworkKernelVersionTests.random(outputs * inputs, &g), a = NetworkKernelVersionTests.random(batch * inputs, &g)
            let packedW = Self.packed(w, depth: outputs, columns: inputs)
            for tanhInput in [false, true] {
                var plain = [Double](repeating: 0, count: batch * inputs), fast = plain
                a.withUnsafeBufferPointer { aa in
                    DenseKernels.inputGradient(delta: delta, weight: w, gradX: &plain, inputs: inputs, outputs: outputs,
                                               batch: batch, tanhInput: tanhInput ? aa.baseAddress : nil)
                    DenseKernels.inputGradientPacked(delta: delta, weight: packedW, gradX: &fast, inputs: inputs,
                                                     outputs: outputs, batch: batch, tanhInput: tanhInput ? aa.baseAddress : nil)
                }
                #expect(NetworkKernelVersionTests.same(plain, fast))
            }
        }
    }

    @Test("every tile shape (5 rows × 8 columns, up to 3 rows × 16) sums each output in order",
          arguments: [1, 2, 3, 4, 5, 7, 8, 32])
    func tileShapesSumInOrder(batch: Int) {
        var g = SeededGenerator(seed: 400 + UInt64(batch))
        for (inputs, outputs) in [(4, 36), (32, 32), (12, 20), (64, 68)] {
            let x = NetworkKernelVersionTests.random(batch * inputs, &g, scale: 2)
            let wT = NetworkKernelVersionTests.random(inputs * outputs, &g), bias = NetworkKernelVersionTests.random(outputs, &g)
            var z = [Double](repeating: 0, count: batch * outputs)
            DenseKernels.forwardPacked(x: x, weightT: Self.packed(wT, depth: inputs, columns: outputs), bias: bias, z: &z,
                                       inputs: inputs, outputs: outputs, batch: batch, fuseTanh: false)
            var reference = z
            for b in 0..<batch {
                for j in 0..<outputs {
                    var sum = bias[j]
                    for k in 0..<inputs { sum = sum.addingProduct(wT[k * outputs + j], x[b * inputs + k]) }
                    reference[b * outputs + j] = sum
                }
            }
            #expect(NetworkKernelVersionTests.same(z, reference))
        }
    }

    @Test("parameter cotangents of wide layers (packed operands) sum segment after segment, sample after sample",
          arguments: [1, 3, 6, 32])
    func packedParameterGradient(batch: Int) {
        var g = SeededGenerator(seed: 500 + UInt64(batch))
        for (inputs, outputs, segments) in [(64, 64, 3), (128, 66, 2), (68, 64, 1)] {
            let deltas = (0..<segments).map { _ in NetworkKernelVersionTests.random(batch * outputs, &g) }
            let xs = (0..<segments).map { _ in NetworkKernelVersionTests.random(batch * inputs, &g) }
            let start = NetworkKernelVersionTests.random(outputs * inputs + outputs, &g)
            var out = start
            let d = UnsafeMutablePointer<UnsafePointer<Double>>.allocate(capacity: segments)
            let x = UnsafeMutablePointer<UnsafePointer<Double>>.allocate(capacity: segments)
            let storage = UnsafeMutablePointer<Double>.allocate(capacity: segments * batch * (outputs + inputs))
            let scratch = UnsafeMutablePointer<Double>.allocate(capacity: DenseKernels.parameterGradientScratch(
                segments: segments, batch: batch, inputs: inputs, outputs: outputs))
            defer { d.deallocate(); x.deallocate(); storage.deallocate(); scratch.deallocate() }
            for p in 0..<segments {
                let dp = storage + p * batch * (outputs + inputs), xp = dp + batch * outputs
                for (i, v) in deltas[p].enumerated() { dp[i] = v }
                for (i, v) in xs[p].enumerated() { xp[i] = v }
                d[p] = UnsafePointer(dp)
                x[p] = UnsafePointer(xp)
            }
            out.withUnsafeMutableBufferPointer { o in
                DenseKernels.accumulateParameterGradient(
                    segments: segments, batch: batch, deltas: d, deltaOffset: 0, inputs: x, inputOffset: 0,
                    gradWeight: o.baseAddress!, gradBias: o.baseAddress! + outputs * inputs, inputs: inputs,
                    outputs: outputs, scratch: scratch)
            }
            var reference = Array(start[0..<(outputs * inputs)])
            let wide = inputs / 4 * 4
            for j in 0..<outputs {
                for k in 0..<wide {
                    var sum = reference[j * inputs + k]
                    for p in 0..<segments {
                        for b in 0..<batch { sum = sum.addingProduct(xs[p][b * inputs + k], deltas[p][b * outputs + j]) }
                    }
                    reference[j * inputs + k] = sum
                }
            }
            let computed = (0..<outputs).flatMap { j in out[(j * inputs)..<(j * inputs + wide)] }
            let expected = (0..<outputs).flatMap { j in reference[(j * inputs)..<(j * inputs + wide)] }
            #expect(NetworkKernelVersionTests.same(computed, expected))
        }
    }

    @Test("column and row ranges, as a layer team cuts them, equal the whole products bit for bit",
          arguments: [1, 3, 5])
    func rangesEqualWhole(batch: Int) {
        var g = SeededGenerator(seed: 600 + UInt64(batch))
        for (inputs, outputs) in [(64, 64), (128, 132), (36, 40), (96, 20)] {
            let x = NetworkKernelVersionTests.random(batch * inputs, &g, scale: 2)
            let wT = Self.packed(NetworkKernelVersionTests.random(inputs * outputs, &g), depth: inputs, columns: outputs)
            let bias = NetworkKernelVersionTests.random(outputs, &g)
            let delta = NetworkKernelVersionTests.random(batch * outputs, &g)
            let w = Self.packed(NetworkKernelVersionTests.random(outputs * inputs, &g), depth: outputs, columns: inputs)
            let a = NetworkKernelVersionTests.random(batch * inputs, &g)
            for parts in [2, 3] {
                for fuse in [false, true] {
                    var whole = [Double](repeating: 0, count: batch * outputs), cut = whole
                    DenseKernels.forwardPacked(x: x, weightT: wT, bias: bias, z: &whole, inputs: inputs, outputs: outputs,
                                               batch: batch, fuseTanh: fuse)
                    for part in 0..<parts {
                        DenseKernels.forwardPackedColumns(
                            x: x, weightT: wT, bias: bias, z: &cut, inputs: inputs, outputs: outputs, batch: batch,
                            columns: MLPField.partRange(part, of: parts, count: outputs), fuseTanh: fuse)
                    }
                    #expect(NetworkKernelVersionTests.same(whole, cut))
                    #expect(whole.contains { $0 != 0 })
                }
                for tanhInput in [false, true] {
                    var whole = [Double](repeating: 0, count: batch * inputs), cut = whole
                    a.withUnsafeBufferPointer { aa in
                        DenseKernels.inputGradientPacked(delta: delta, weight: w, gradX: &whole, inputs: inputs,
                                                         outputs: outputs, batch: batch,
                                                         tanhInput: tanhInput ? aa.baseAddress : nil)
                        for part in 0..<parts {
                            DenseKernels.inputGradientPackedColumns(
                                delta: delta, weight: w, gradX: &cut, inputs: inputs, outputs: outputs, batch: batch,
                                columns: MLPField.partRange(part, of: parts, count: inputs),
                                tanhInput: tanhInput ? aa.baseAddress : nil)
                        }
                    }
                    #expect(NetworkKernelVersionTests.same(whole, cut))
                }
                #expect(parameterRowsEqualWhole(batch: batch, inputs: inputs, outputs: outputs, parts: parts, &g))
            }
        }
    }

    /// Whether the parameter cotangent summed in row ranges equals the whole one (packed operands
    /// where the layer is wide enough) bit for bit, over 3 segments at offsets.
    func parameterRowsEqualWhole(batch: Int, inputs: Int, outputs: Int, parts: Int, _ g: inout SeededGenerator) -> Bool {
        let segments = 3, offset = 5, stride = offset + batch * (outputs + inputs)
        let storage = NetworkKernelVersionTests.random(segments * stride, &g)
        let start = NetworkKernelVersionTests.random(outputs * inputs + outputs, &g)
        var whole = start, cut = start
        let d = UnsafeMutablePointer<UnsafePointer<Double>>.allocate(capacity: segments)
        let x = UnsafeMutablePointer<UnsafePointer<Double>>.allocate(capacity: segments)
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: DenseKernels.parameterGradientScratch(
            segments: segments, batch: batch, inputs: inputs, outputs: outputs))
        defer { d.deallocate(); x.deallocate(); scratch.deallocate() }
        return storage.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            for p in 0..<segments {
                d[p] = base + p * stride
                x[p] = base + p * stride + batch * outputs
            }
            whole.withUnsafeMutableBufferPointer { o in
                DenseKernels.accumulateParameterGradient(
                    segments: segments, batch: batch, deltas: d, deltaOffset: offset, inputs: x, inputOffset: offset,
                    gradWeight: o.baseAddress!, gradBias: o.baseAddress! + outputs * inputs, inputs: inputs,
                    outputs: outputs, scratch: scratch)
            }
            cut.withUnsafeMutableBufferPointer { o in
                for part in 0..<parts {
                    DenseKernels.accumulateParameterGradient(
                        segments: segments, batch: batch, deltas: d, deltaOffset: offset, inputs: x, inputOffset: offset,
                        gradWeight: o.baseAddress!, gradBias: o.baseAddress! + outputs * inputs, inputs: inputs,
                        outputs: outputs, rows: MLPField.partRange(part, of: parts, count: outputs))
                }
            }
            return NetworkKernelVersionTests.same(whole, cut) && whole != start
        }
    }

    @Test("a layer team's parts cover every column once, cut at multiples of 8")
    func partRanges() {
        for count in [8, 16, 20, 64, 100, 132, 256] {
            for parts in 1...4 {
                let ranges = (0..<parts).map { MLPField.partRange($0, of: parts, count: count) }
                #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == count)
                #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
                #expect(ranges.allSatisfy { $0.lowerBound % 8 == 0 })
                if count >= 8 * parts { #expect(ranges.allSatisfy { !$0.isEmpty }) }
            }
        }
    }
}
