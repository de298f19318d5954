import Foundation
import Testing
@testable import NeuralODE

@Suite struct AnalysisComparisonTests {
    @Test func powerSpectrumPeaksAtTheSignalsFrequency() {
        // 1024 samples, dt = 0.05: a sine of frequency 2 sits at bin 2 · 1024 · 0.05 = 102.4.
        let signal = (0..<1024).map { sin(2 * Double.pi * 2 * Double($0) * 0.05) }
        let spectrum = PowerSpectrum.normalised(signal, smoothing: 0)
        #expect(spectrum.count == 512 && abs(spectrum.reduce(0, +) - 1) < 1e-12)
        let peak = spectrum.indices.max { spectrum[$0] < spectrum[$1] } ?? 0
        #expect(peak == 102 || peak == 103)
        #expect(PowerSpectrum.hellinger(spectrum, spectrum) < 1e-7)
        let other = PowerSpectrum.normalised((0..<1024).map { sin(2 * Double.pi * 7 * Double($0) * 0.05) }, smoothing: 0)
        #expect(PowerSpectrum.hellinger(spectrum, other) > 0.95)
    }

    @Test func fftMatchesTheDiscreteFourierSum() {
        let n = 16
        let x = (0..<n).map { sin(Double($0) * 0.7) + 0.3 * Double($0 % 3) }
        var re = x, im = [Double](repeating: 0, count: n)
        PowerSpectrum.fft(&re, &im)
        for k in 0..<n {
            let sr = (0..<n).reduce(0.0) { $0 + x[$1] * cos(-2 * Double.pi * Double(k * $1) / Double(n)) }
            let si = (0..<n).reduce(0.0) { $0 + x[$1] * sin(-2 * Double.pi * Double(k * $1) / Double(n)) }
            #expect(abs(re[k] - sr) < 1e-12 && abs(im[k] - si) < 1e-12)
        }
    }

    @Test func stateSpaceDivergenceIsZeroForTheSameRunAndGrowsWhenRunsPartWays() {
        let circle = (0..<4000).flatMap { k -> [Double] in let a = Double(k) * 0.01; return [cos(a), sin(a)] }
        #expect(StateSpaceDivergence.divergence(reference: circle, compared: circle, dimension: 2, bins: 20) < 1e-3)
        let smaller = circle.map { 0.5 * $0 }
        let apart = StateSpaceDivergence.divergence(reference: circle, compared: smaller, dimension: 2, bins: 20)
        #expect(apart > 5)
        let offGrid = circle.map { $0 + 10 }
        // A run that leaves the grid altogether scores at least as badly as one inside it but elsewhere.
        #expect(StateSpaceDivergence.divergence(reference: circle, compared: offGrid, dimension: 2, bins: 20) >= apart)
    }

    @Test func miniProjectModelHasALimitCycleExponentOfZero() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let mlp = try ModelFile.load(path: root.appendingPathComponent("gallery/data/vdp.json").path)
        let vanDerPol = try SystemRegistry.field(named: "van-der-pol")
        var comparison = DynamicsComparison()
        comparison.transient = 30
        comparison.statisticsDuration = 100
        comparison.sampleInterval = 0.1
        comparison.heldOutStates = 3
        comparison.predictionHorizon = 10
        comparison.lyapunov = LyapunovSettings(transient: 20, duration: 300, interval: 1)
        let result = try comparison.compare(truth: vanDerPol, model: mlp, initialState: [2, 0])
        #expect(abs(result.trueSpectrum[0]) < 5e-3 && abs(result.learnedSpectrum[0]) < 5e-3)
        #expect(result.learnedSpectrum[1] < -0.3 && result.trueSpectrum[1] < -0.3)
        #expect(result.medianValidLyapunovTimes == nil)
        #expect(result.validTimes.count == 3 && result.medianValidTime > 1)
        #expect(result.stateSpaceDivergence < 1)
        #expect(result.spectrumDistances.allSatisfy { $0 < 0.5 })
        // The error curves behind the valid times: one per state, sampled every 0.1 over the horizon.
        #expect(result.errorCurves.count == 3 && result.curveTimes.count == 101)
        #expect(abs(result.curveTimes[100] - 10) < 1e-12 && result.threshold == 0.4 && result.predictionHorizon == 10)
        var capped = 0
        for (s, curve) in result.errorCurves.enumerated() {
            #expect(curve.count == 101 && curve[0] < 1e-12)
            if let j = curve.firstIndex(where: { $0 > 0.4 }) {
                #expect(abs(result.validTimes[s] - result.curveTimes[j]) < 1e-12)
            } else {
                #expect(result.validTimes[s] == 10)
                capped += 1
            }
        }
        #expect(result.capped == capped)
    }
}
