import Foundation
import Testing
@testable import NeuralODE

@Suite("Network initialisation and seeded generator")
struct NetworkInitialisationTests {
    @Test("the same seed gives the same network, another seed another one")
    func determinism() {
        let a = MLP(stateDim: 2, hidden: [32, 32], seed: 42)
        let b = MLP(stateDim: 2, hidden: [32, 32], seed: 42)
        let c = MLP(stateDim: 2, hidden: [32, 32], seed: 43)
        #expect(a == b)
        #expect(a.parameters != c.parameters)
        #expect(a.parameterCount == (2 * 32 + 32) + (32 * 32 + 32) + (32 * 2 + 2))
    }

    @Test("weights and biases lie in ±1/√fan_in and fill it")
    func initialisationBounds() {
        let mlp = MLP(stateDim: 2, hidden: [32, 32], seed: 7)
        for l in 0..<mlp.layerCount {
            let bound = 1 / Double(mlp.widths[l]).squareRoot()
            let start = mlp.weightOffset(layer: l), end = mlp.biasOffset(layer: l) + mlp.widths[l + 1]
            let values = mlp.parameters[start..<end]
            #expect(values.allSatisfy { abs($0) <= bound })
            #expect((values.max() ?? 0) > 0.8 * bound && (values.min() ?? 0) < -0.8 * bound)
        }
    }

    @Test("the generator's uniform and Gaussian samples have the right moments")
    func moments() {
        var generator = SeededGenerator(seed: 123)
        let n = 200_000
        var sum = 0.0, sumSquares = 0.0, uniformSum = 0.0
        for _ in 0..<n {
            let g = generator.nextGaussian()
            sum += g
            sumSquares += g * g
            uniformSum += generator.nextUniform()
        }
        #expect(abs(sum / Double(n)) < 0.01)
        #expect(abs(sumSquares / Double(n) - 1) < 0.01)
        #expect(abs(uniformSum / Double(n) - 0.5) < 0.003)
    }

    @Test("the generator's stream is fixed by the seed")
    func knownStream() {
        var a = SeededGenerator(seed: 0), b = SeededGenerator(seed: 0), c = SeededGenerator(seed: 1)
        let first = (0..<4).map { _ in a.next() }
        #expect(first == (0..<4).map { _ in b.next() })
        #expect(first != (0..<4).map { _ in c.next() })
        var d = SeededGenerator(seed: 5)
        let permutation = d.permutation(10)
        #expect(permutation.sorted() == Array(0..<10))
        #expect(permutation != Array(0..<10))
    }
}
