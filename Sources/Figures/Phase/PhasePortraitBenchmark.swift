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
        /// The parts of one run: numerics (limit cycle, curves), building the figure, drawing (streamlines
        /// traced here), finishing the file (PNG encoding, SVG normalising), writing it.
        public var computeSeconds: Double
        public var buildSeconds: Double
        public var drawSeconds: Double
        public var finishSeconds: Double
        public var writeSeconds: Double
        public var bytes: Int
    }

    /// Times the course figure in `format`, writing into `folder`.
    public static func run(format: ImageFormat, folder: String, repeats: Int = 10) throws(FigureError) -> Timing {
        let portrait = try courseFigure()
        let options = FigureOptions()
        let path = folder + "/flowscope_phase_bench." + format.rawValue
        let metadata = FigureOutput.metadata(title: portrait.defaultTitle, version: "bench", command: "bench")
        let clock = ContinuousClock()
        func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }
        var parts: [[Double]] = Array(repeating: [], count: 5)
        var bytes = 0
        /// One run; `precomputed` skips the numerics. Returns the total seconds.
        func once(_ precomputed: PhasePortrait<SystemField>.Data?) throws(FigureError) -> Double {
            do {
                let t0 = clock.now
                let data = try precomputed ?? portrait.compute()
                let t1 = clock.now
                let figure = portrait.layout(data, options: options)
                let t2 = clock.now
                let backend = try CairoBackend(format: format, size: options.size, dpi: options.dpi)
                figure.render(on: backend)
                let t3 = clock.now
                let file = try backend.finish(metadata: metadata)
                let t4 = clock.now
                try AtomicFile.write(file, to: path)
                let t5 = clock.now
                bytes = file.count
                if precomputed == nil {
                    for (k, d) in [t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4].enumerated() { parts[k].append(seconds(d)) }
                }
                return seconds(t5 - t0)
            } catch let error as FigureError {
                throw error
            } catch let error as RenderError {
                throw .render(error)
            } catch {
                throw .solverSettings("\(error)")
            }
        }
        func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s.isEmpty ? 0 : s[s.count / 2] }
        let data = try portrait.compute()
        _ = try once(nil)
        parts = Array(repeating: [], count: 5)
        var full: [Double] = [], render: [Double] = []
        for _ in 0..<max(1, repeats) {
            full.append(try once(nil))
            render.append(try once(data))
        }
        try? FileManager.default.removeItem(atPath: path)
        return Timing(format: format, computeRenderSaveSeconds: median(full), renderSaveSeconds: median(render),
                      computeSeconds: median(parts[0]), buildSeconds: median(parts[1]), drawSeconds: median(parts[2]),
                      finishSeconds: median(parts[3]), writeSeconds: median(parts[4]), bytes: bytes)
    }
}
