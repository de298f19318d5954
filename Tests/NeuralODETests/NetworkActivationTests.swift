import Foundation
import Testing
@testable import NeuralODE

@Suite("Network activations")
struct NetworkActivationTests {
    static let points: [Double] = [-30, -7.5, -2.3, -0.9, -0.31, -1e-3, 2e-3, 0.27, 0.8, 1.7, 4.4, 12, 35]

    /// log(1 + e) = Σ (−1)^{n+1} eⁿ/n for 0 ≤ e < 0.4, summed from the smallest term.
    static func log1pSeries(_ e: Double) -> Double {
        var sum = 0.0
        for n in stride(from: 80, through: 1, by: -1) {
            let term = Foundation.pow(e, Double(n)) / Double(n)
            sum += n % 2 == 1 ? term : -term
        }
        return sum
    }

    @Test("each derivative matches central finite differences", arguments: Activation.allCases)
    func derivativeMatchesFiniteDifferences(activation: Activation) {
        let h = 1e-6
        for z in Self.points {
            let numeric = (activation.value(z + h) - activation.value(z - h)) / (2 * h)
            let analytic = activation.derivative(z)
            #expect(abs(numeric - analytic) <= 1e-8 * max(1, abs(analytic)), "\(activation) at \(z)")
        }
    }

    @Test("values agree with their definitions")
    func values() {
        for z in Self.points {
            #expect(abs(Activation.tanh.value(z) - Foundation.tanh(z)) <= 1e-15 * abs(Foundation.tanh(z)))
            #expect(Activation.relu.value(z) == max(z, 0))
            #expect(Activation.identity.value(z) == z)
            let sigmoid = 1 / (1 + Foundation.exp(-z))
            #expect(abs(Activation.sigmoid.value(z) - sigmoid) <= 1e-15 * sigmoid + 1e-300)
            // log(1 + e^z) loses digits once e^z is small; the series e^z − e^{2z}/2 + e^{3z}/3 takes over there.
            let e = Foundation.exp(z)
            let softplus = z > -1 ? Foundation.log(1 + e) : Self.log1pSeries(e)
            #expect(abs(Activation.softplus.value(z) - softplus) <= 1e-14 * softplus, "softplus \(z)")
        }
    }

    @Test("softplus and sigmoid stay finite and accurate at extreme inputs")
    func extremes() {
        #expect(Activation.softplus.value(800) == 800)
        #expect(Activation.softplus.value(-800) == 0)
        let tiny = Activation.softplus.value(-40)
        #expect(abs(tiny - Foundation.exp(-40)) <= 1e-15 * Foundation.exp(-40))
        #expect(Activation.sigmoid.value(800) == 1)
        #expect(Activation.sigmoid.value(-800) == 0)
        #expect(Activation.sigmoid.derivative(-800) == 0)
        #expect(Activation.softplus.derivative(800) == 1)
    }

    @Test("ReLU's derivative at 0 is 0, as in PyTorch")
    func reluKink() {
        #expect(Activation.relu.derivative(0) == 0)
        #expect(Activation.relu.derivative(1e-300) == 1)
    }

    @Test("parsing by name lists the valid names on error")
    func parsing() throws {
        #expect(try Activation(name: "softplus") == .softplus)
        do {
            _ = try Activation(name: "gelu")
            Issue.record("gelu should not parse")
        } catch {
            #expect(error.description == "unknown activation \"gelu\" (valid: tanh, relu, softplus, sigmoid, elu, identity)")
        }
    }
}
