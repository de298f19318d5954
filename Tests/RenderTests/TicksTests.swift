import Testing
@testable import Render

@Suite struct TicksTests {
    @Test func awkwardSmallRangeGetsThousandths() {
        let t = TickLocator.linear(0.0013, 0.0071, target: 6)
        #expect(t.values == [0.002, 0.003, 0.004, 0.005, 0.006, 0.007])
        #expect(t.labels == ["0.002", "0.003", "0.004", "0.005", "0.006", "0.007"])
        #expect(t.multiplier == nil)
    }

    @Test func symmetricRangeUsesUnitStepAndMinusSign() {
        let t = TickLocator.linear(-3, 3, target: 6)
        #expect(t.values == [-3, -2, -1, 0, 1, 2, 3])
        #expect(t.labels == ["−3", "−2", "−1", "0", "1", "2", "3"])
    }

    @Test func threeTicksOrMoreBeatTwoAtTheSameDistance() {
        // vdp-adjoint's a(t) panel: 0.005 steps give two labels, 0.002 steps five; aiming at three.
        let t = TickLocator.linear(-0.0049, 0.0052, target: 3)
        #expect(t.values == [-0.004, -0.002, 0, 0.002, 0.004])
        // Two ticks still win when they are nearer the target.
        #expect(TickLocator.linear(0, 1, target: 2).values == [0, 1])
    }

    @Test func reversedRangeGivesTheSameIncreasingTicks() {
        #expect(TickLocator.linear(3, -3, target: 6) == TickLocator.linear(-3, 3, target: 6))
    }

    @Test func zeroWidthRangesAreWidened() {
        let t = TickLocator.linear(5, 5, target: 6)
        #expect(t.values == [4.6, 4.8, 5.0, 5.2, 5.4])
        #expect(t.labels == ["4.6", "4.8", "5.0", "5.2", "5.4"])
        let z = TickLocator.linear(0, 0, target: 6)
        #expect(z.labels == ["−1.0", "−0.5", "0.0", "0.5", "1.0"])
    }

    @Test func tenthsHaveNoFloatNoise() throws {
        let t = TickLocator.linear(0, 1, target: 10)
        #expect(t.labels == ["0.0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1.0"])
        for tick in t.major {
            // Each value is the double nearest its decimal label (0.3, not 0.30000000000000004).
            let parsed = try #require(Double(tick.label))
            #expect(tick.value == parsed)
        }
        let odd = TickLocator.linear(-0.7, 0.9, target: 8)
        #expect(odd.labels == ["−0.6", "−0.4", "−0.2", "0.0", "0.2", "0.4", "0.6", "0.8"])
        #expect(odd.values.contains(0.6) && odd.values.contains(-0.2))
    }

    @Test func tinyAndHugeValuesShareAnExponent() {
        let small = TickLocator.linear(0.00013, 0.00071, target: 6)
        #expect(small.labels == ["2", "3", "4", "5", "6", "7"])
        #expect(small.multiplier == "×10^{-4}")
        #expect(small.values.first == 0.0002)
        let big = TickLocator.linear(0, 500_000, target: 6)
        #expect(big.labels == ["0", "1", "2", "3", "4", "5"])
        #expect(big.multiplier == "×10^{5}")
    }

    @Test func logTicksSkipDecadesOnWideRanges() {
        let t = TickLocator.log(1e-9, 1e3, target: 6)
        #expect(t.labels == ["10^{-8}", "10^{-6}", "10^{-4}", "10^{-2}", "10^{0}", "10^{2}"])
        #expect(t.values == [1e-8, 1e-6, 1e-4, 1e-2, 1, 100])
        #expect(t.minor == [1e-9, 1e-7, 1e-5, 1e-3, 1e-1, 10, 1000])
    }

    @Test func logTicksHaveTwoToNineMinors() {
        let t = TickLocator.log(1e-3, 10, target: 6)
        #expect(t.values == [1e-3, 1e-2, 1e-1, 1, 10])
        #expect(t.minor.count == 32)
        #expect(t.minor.prefix(3) == [0.002, 0.003, 0.004])
        #expect(t.minor.last == 9)
    }

    @Test func logRangeInsideOneDecadeFallsBackToPlainLabels() {
        let t = TickLocator.log(2, 8, target: 6)
        #expect(t.labels == ["2", "4", "6", "8"])
        #expect(t.minor == [3, 5, 7])
        #expect(t.multiplier == nil)
    }

    @Test func decimalTextIsExact() {
        #expect(DecimalText.format(-25, exponent: -2) == "−0.25")
        #expect(DecimalText.format(5, exponent: -3) == "0.005")
        #expect(DecimalText.format(0, exponent: -1) == "0.0")
        #expect(DecimalText.format(15, exponent: 2) == "1500")
        #expect(DecimalText.short(0.30000000000000004) == "0.3")
        #expect(DecimalText.short(12345) == "12300")
        #expect(1000.0.exponent10 == 3 && 0.001.exponent10 == -3 && 999.9.exponent10 == 2)
    }
}
