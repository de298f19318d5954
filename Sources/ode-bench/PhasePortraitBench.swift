import Foundation
import NeuralODE
import Figures
import Render

/// Timings of the course's phase portrait (the figure the peers' matplotlib script draws).
enum PhasePortraitBench {
    /// Median seconds of one figure, 6 × 6 in at 150 dpi, over `repeats` runs after one warm-up.
    struct Timing: Sendable {
        var format: ImageFormat
        /// Numerics, layout, drawing, encoding and the atomic write: what one `ode-plot phase` does after start-up.
        var computeRenderSaveSeconds: Double
        /// Layout, drawing, encoding and writing from precomputed numerics (matplotlib's render-and-save measures this part).
        var renderSaveSeconds: Double
        /// The parts of one run: numerics (limit cycle, curves), building the figure, drawing (streamlines
        /// traced here), finishing the file (PNG encoding, SVG normalising), writing it.
        var computeSeconds: Double
        var buildSeconds: Double
        var drawSeconds: Double
        var finishSeconds: Double
        var writeSeconds: Double
        var bytes: Int
    }

    /// Times the course figure in `format`, writing into `folder`.
    static func run(format: ImageFormat, folder: String, repeats: Int = 10) throws(FigureError) -> Timing {
        let portrait = try PhasePortrait.courseFigure()
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
