import NeuralODE
import Testing
@testable import Figures

@Suite struct FigureTextTests {
    @Test func numbersHaveNoFloatNoiseAndATypographicMinus() {
        #expect(NumberText.short(0.1) == "0.1")
        #expect(NumberText.short(-3) == "−3")
        #expect(NumberText.short(2.5) == "2.5")
        #expect(NumberText.short(0.1 + 0.2) == "0.3")
        #expect(NumberText.short(6.6632868593, significant: 4) == "6.663")
        #expect(NumberText.short(1e-7) == "1 × 10^{−7}")
        // The one number format's thresholds: powers below 0.001, digit groups from 10 000.
        #expect(NumberText.short(-0.0006089, significant: 4) == "−6.089 × 10^{−4}")
        #expect(NumberText.short(0.0275) == "0.0275")
        #expect(NumberText.short(661480) == "661\u{202F}480")
        #expect(NumberText.short(9.9996, significant: 4) == "10")
        #expect(NumberText.point([0.1, -3]) == "(0.1, −3)")
        #expect(NumberText.ascii(-1.25e-7) == "-1.25e-7" && NumberText.ascii(2.50) == "2.5" && NumberText.ascii(1234567, significant: 3) == "1.23e6")
    }

    @Test func titlesNameTheSystemAndItsParameters() throws {
        #expect(SystemLabels.title(for: try SystemRegistry.field(named: "van-der-pol")) == "Van der Pol oscillator (\\mu = 1)")
        #expect(SystemLabels.title(for: try SystemRegistry.field(named: "van-der-pol", parameters: ["mu": 2.5]))
            == "Van der Pol oscillator (\\mu = 2.5)")
        #expect(SystemLabels.title(for: try SystemRegistry.field(named: "damped-oscillator"))
            == "Damped oscillator (k = 1, c = 0.5)")
        #expect(SystemLabels.displayName("some-new-thing") == "Some new thing")
    }

    @Test func axisLabelsUseNotation() throws {
        #expect(SystemLabels.symbol("theta") == "\\theta")
        #expect(SystemLabels.symbol("x1") == "x_{1}")
        #expect(SystemLabels.symbol("prey") == "prey")
        let pendulum = SystemLabels.phaseAxisLabels(componentNames: ["theta", "omega"], secondIsDerivative: true)
        #expect(pendulum.x == "\\theta" && pendulum.y == "\\omega = \\dot{\\theta}")
        let lv = SystemLabels.phaseAxisLabels(componentNames: ["prey", "predator"], secondIsDerivative: false)
        #expect(lv.y == "predator")
    }

    @Test func velocityDetectionTellsSecondOrderSystemsApart() throws {
        let vdp = PlanarField(try SystemRegistry.field(named: "van-der-pol"))
        #expect(vdp.firstComponentIsVelocity(x: -3...3, y: -3...3))
        let lv = PlanarField(try SystemRegistry.field(named: "lotka-volterra"))
        #expect(!lv.firstComponentIsVelocity(x: 0...10, y: 0...7))
    }
}
