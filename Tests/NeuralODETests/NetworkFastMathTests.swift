import Foundation
import Testing
@testable import NeuralODE

@Suite("Network fast tanh")
struct NetworkFastMathTests {
    /// Distance in units in the last place of `reference`.
    static func ulps(_ value: Double, _ reference: Double) -> Double {
        reference == 0 ? (value == 0 ? 0 : .infinity) : abs(value - reference) / reference.ulp
    }

    @Test("tanh agrees with Foundation's to a few ulp from 1e-300 to 1e300")
    func accuracy() {
        var generator = SeededGenerator(seed: 11)
        var worstUlps = 0.0, worstX = 0.0, worstRelative = 0.0
        for i in 0..<400_000 {
            let x: Double
            if i % 2 == 0 {
                x = generator.nextUniform(in: -25, 25)
            } else {
                let magnitude = Foundation.pow(10, generator.nextUniform(in: -300, 300))
                x = generator.nextUniform() < 0.5 ? -magnitude : magnitude
            }
            let reference = Foundation.tanh(x)
            let value = FastMath.tanh(x)
            let error = Self.ulps(value, reference)
            if error > worstUlps { worstUlps = error; worstX = x }
            worstRelative = max(worstRelative, abs(value - reference) / abs(reference))
        }
        print("FastMath.tanh: max \(worstUlps) ulp (at x = \(worstX)), max relative error \(worstRelative)")
        #expect(worstUlps <= 4)
        #expect(worstRelative <= 1e-15)
    }

    @Test("vector and scalar paths give identical bits, special values are right")
    func specialValues() {
        #expect(FastMath.tanh(0.0) == 0 && FastMath.tanh(0.0).sign == .plus)
        #expect(FastMath.tanh(-0.0) == 0 && FastMath.tanh(-0.0).sign == .minus)
        #expect(FastMath.tanh(Double.nan).isNaN)
        #expect(FastMath.tanh(Double.infinity) == 1)
        #expect(FastMath.tanh(-Double.infinity) == -1)
        #expect(FastMath.tanh(-1e308) == -1)
        #expect(FastMath.tanh(5e-324) == 5e-324)
        // Blocks of 16 lanes (with the special values inside one), then a tail of 5.
        var inputs = (0..<53).map { Double($0) * 0.37 - 4.1 }
        inputs.replaceSubrange(3..<9, with: [0, -0.0, .nan, .infinity, -.infinity, 5e-324])
        var buffer = inputs
        buffer.withUnsafeMutableBufferPointer { values in
            if let base = values.baseAddress { FastMath.tanh(inPlace: base, count: values.count) }
        }
        for (x, y) in zip(inputs, buffer) {
            #expect(y.bitPattern == FastMath.tanh(x).bitPattern || (x.isNaN && y.isNaN))
        }
    }

    @Test("expm1 on non-negative inputs agrees with Foundation's")
    func expm1Accuracy() {
        var worst = 0.0
        for i in 0..<100_000 {
            let x = Double(i) * 7e-4
            worst = max(worst, Self.ulps(FastMath.expm1NonNegative(x), Foundation.expm1(x)))
        }
        #expect(worst <= 3)
    }
}
