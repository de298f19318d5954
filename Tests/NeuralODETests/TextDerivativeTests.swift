import Foundation
import Testing
@testable import NeuralODE

/// Symbolic Jacobians against central finite differences, and the built-ins written as text
/// against their Swift code.
@Suite struct TextDerivativeTests {
    static func jacobian(_ field: SystemField, at y: [Double]) -> [Double] {
        let n = y.count
        var j = [Double](repeating: .nan, count: n * n)
        y.withUnsafeBufferPointer { yp in
            j.withUnsafeMutableBufferPointer { jp in field.jacobian(t: 0.3, y: yp.baseAddress!, into: jp.baseAddress!) }
        }
        return j
    }

    @Test func symbolicJacobiansMatchFiniteDifferencesOnEveryFixture() throws {
        var rng = SeededGenerator(seed: 5)
        let fixtures = try TextFixtures.all()
        #expect(fixtures.count >= 12)
        for system in fixtures {
            let field = try system.field()
            let n = system.spec.dimension
            for _ in 0..<20 {
                let y = TextFixtures.samplePoint(system, &rng)
                let exact = Self.jacobian(field, at: y)
                for k in 0..<n {
                    let h = 1e-6 * max(1, abs(y[k]))
                    var plus = y, minus = y
                    plus[k] += h
                    minus[k] -= h
                    let fp = field.velocity(at: plus, t: 0.3), fm = field.velocity(at: minus, t: 0.3)
                    let scale = (0..<n).map { abs(field.velocity(at: y, t: 0.3)[$0]) }.max() ?? 1
                    for i in 0..<n {
                        let fd = (fp[i] - fm[i]) / (2 * h)
                        let tolerance = 1e-6 * max(1, abs(fd), scale / max(1, abs(y[k])))
                        #expect(abs(exact[i * n + k] - fd) <= tolerance,
                                "\(system.spec.name) d\(system.spec.componentNames[i])'/d\(system.spec.componentNames[k]) at \(y): \(exact[i * n + k]) vs \(fd)")
                    }
                }
            }
        }
    }

    @Test func builtinsAsTextEvaluateToTheSameDoubles() throws {
        var rng = SeededGenerator(seed: 11)
        for name in SystemRegistry.names {
            let builtin = try SystemRegistry.field(named: name)
            let text = try SystemRegistry.textSystem(named: name).field()
            #expect(text.spec.componentNames == builtin.spec.componentNames.map { $0.lowercased() })
            #expect(text.parameterValues == builtin.parameterValues)
            for _ in 0..<50 {
                let y = (0..<builtin.dimension).map { _ in rng.nextUniform(in: -5, 5) }
                #expect(text.velocity(at: y) == builtin.velocity(at: y), "\(name) at \(y)")
                let a = Self.jacobian(text, at: y), b = Self.jacobian(builtin, at: y)
                for (u, v) in zip(a, b) { #expect(abs(u - v) <= 1e-12 * max(1, abs(v)), "\(name) Jacobian at \(y)") }
            }
        }
    }

    @Test func batchedJacobianIsBlockDiagonal() throws {
        let field = try TextSystem.parse("x' = x*y\ny' = sin(x) - y^3", name: "b").field(batch: 35)
        var rng = SeededGenerator(seed: 2)
        let y = (0..<70).map { _ in rng.nextUniform(in: -1, 1) }
        let j = Self.jacobian(field, at: y)
        let single = try TextSystem.parse("x' = x*y\ny' = sin(x) - y^3", name: "b").field()
        for b in 0..<35 {
            let block = Self.jacobian(single, at: [y[2 * b], y[2 * b + 1]])
            for i in 0..<2 { for k in 0..<2 { #expect(j[(2 * b + i) * 70 + 2 * b + k] == block[i * 2 + k]) } }
            if b > 0 { #expect(j[(2 * b) * 70 + 2 * b - 1] == 0) }
        }
    }

    @Test func derivativesSimplify() throws {
        let system = try TextSystem.parse("x' = y\ny' = mu*(1 - x^2)*y - x\npar mu=1", name: "vdp")
        let text = try system.odeText(jacobian: true)
        #expect(text.contains("aux j_x_y = 1"))
        #expect(!text.contains("j_x_x"))
        #expect(text.contains("aux j_y_y = mu*(1 - x^2)"))
        // The printed text reads back as the same system.
        let again = try TextSystem.parse(try system.odeText(), name: "vdp")
        #expect(again.equations == system.equations)
    }
}
