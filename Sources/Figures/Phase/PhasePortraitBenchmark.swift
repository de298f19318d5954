import Foundation
import NeuralODE
import Render

/// Timings of the course's phase portrait (the figure the peers' matplotlib script draws), for ode-bench.
public enum PhasePortraitBenchmark {
    /// Van der Pol, μ = 1, on [−3, 3]², quiver and streamlines, limit cycle, curves from (0.1, 0), (−3, 2), (2.5, −3).
    public static func courseFigure() throws(FigureError) -> PhasePortrait<SystemField> {
        let field: SystemField
        do { field = try SystemRegistry.field(named: "van-der-pol") } catch {
            throw .invalidWindow("the registry has no van-der-pol system")
        }
        var p = try PhasePortrait(system: field, window: PhaseWindow(x: -3...3, y: -3...3))
        p.limitCycle = try PhasePortrait.limitCycleFinder(for: field)
        p.initialStates = [SIMD2(0.1, 0), SIMD2(-3, 2), SIMD2(2.5, -3)]
        return p
    }

    /// Median seconds of one figure, 6 × 6 in at 150 dpi, over `repeats` runs after one warm-up.
    public struct Timing: Sendable {
        public var format: ImageFormat
        /// Numerics, layout, drawing, encoding and the atomic write: what one `ode-plot phase` does after start-up.
        public var computeRenderSaveSeconds: Double
        /// Layout, drawing, encoding and writing from precomputed numerics (matplotlib's render-and-save measures this part).
        public var renderSaveSeconds: Double
        public var bytes: Int
    }

    /// Times the course figure in `format`, writing into `folder`.
    public static func run(format: ImageFormat, folder: String, repeats: Int = 10) throws(FigureError) -> Timing {
        let portrait = try courseFigure()
        let options = FigureOptions()
        let path = folder + "/flowscope_phase_bench." + format.rawValue
        let data = try portrait.compute()
        func once(precomputed: Bool) throws(FigureError) {
            let figure = precomputed ? portrait.makeFigure(data: data, options: options) : try portrait.makeFigure(options: options)
            let bytes = try FigureOutput.data(figure, format: format, options: options,
                                              metadata: FigureOutput.metadata(title: portrait.defaultTitle, version: "bench", command: "bench"))
            do { try AtomicFile.write(bytes, to: path) } catch { throw .render(error) }
        }
        func median(_ precomputed: Bool) throws(FigureError) -> Double {
            try once(precomputed: precomputed)
            var samples: [Double] = []
            let clock = ContinuousClock()
            for _ in 0..<max(1, repeats) {
                let start = clock.now
                try once(precomputed: precomputed)
                let d = clock.now - start
                samples.append(Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
            }
            samples.sort()
            return samples[samples.count / 2]
        }
        let full = try median(false)
        let render = try median(true)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        try? FileManager.default.removeItem(atPath: path)
        return Timing(format: format, computeRenderSaveSeconds: full, renderSaveSeconds: render, bytes: size)
    }
}
