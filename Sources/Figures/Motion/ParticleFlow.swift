import Foundation
import NeuralODE
import Render

/// Particles seeded on a grid and carried by a planar field, with fading trails, over the field's
/// grey streamlines (`ode-plot phase --animate`).
///
/// The background is `portrait` laid out once; each frame moves the particles by `flowTime /
/// (frames − 1)` with classical RK4 (`substeps` steps a frame) on the exact field, the same closure
/// the streamlines trace. The title shows the flow time of the frame.
public struct ParticleFlow<Field: VectorField>: AnimatedRecipe {
    /// The static figure under the particles (its curves, limit cycle and toolkit as set).
    public var portrait: PhasePortrait<Field>
    /// Particles along the longer side of the window (square cells).
    public var particlesAcross = 12
    /// Flow time from the first frame to the last.
    public var flowTime = 8.0
    /// RK4 steps between two frames.
    public var substeps = 8
    /// Frames a trail spans.
    public var trailFrames = 12
    /// The particles' role: `.truth` for a system's field, `.learned` for a model's.
    public var role: StyleRole = .truth

    public init(portrait: PhasePortrait<Field>) {
        self.portrait = portrait
        self.portrait.mutedField = true
    }

    public var defaultTitle: String { portrait.systemTitle }

    public struct Data {
        public var background: PhasePortrait<Field>.Data
        /// `positions[frame][particle]`; a particle whose state stopped being finite stays non-finite.
        public var positions: [[SIMD2<Double>]]
        /// Flow time of each frame.
        public var times: [Double]
    }

    /// The seeds: cell centres of a grid over the window, row by row from the bottom left.
    public func seeds() -> [SIMD2<Double>] {
        let w = portrait.window
        let n = Double(max(1, particlesAcross))
        let nx = max(1, Int((w.width >= w.height ? n : n * w.width / w.height).rounded()))
        let ny = max(1, Int((w.width >= w.height ? n * w.height / w.width : n).rounded()))
        var out: [SIMD2<Double>] = []
        for j in 0..<ny {
            for i in 0..<nx {
                out.append(SIMD2(w.x.lowerBound + (Double(i) + 0.5) * w.width / Double(nx),
                                 w.y.lowerBound + (Double(j) + 0.5) * w.height / Double(ny)))
            }
        }
        return out
    }

    public func compute(frameCount: Int) throws(FigureError) -> Data {
        guard frameCount >= 2 else { throw .invalidInput("an animation needs at least 2 frames (got \(frameCount))") }
        guard flowTime.isFinite, flowTime > 0 else { throw .invalidInput("the flow time must be positive (got \(flowTime))") }
        let background = try portrait.compute()
        let f = PlanarField(portrait.field).closure
        func rate(_ p: SIMD2<Double>) -> SIMD2<Double> { let (u, v) = f(p.x, p.y); return SIMD2(u, v) }
        let h = flowTime / Double(frameCount - 1) / Double(max(1, substeps))
        var current = seeds()
        var positions = [current]
        for _ in 1..<frameCount {
            for k in current.indices where current[k].x.isFinite && current[k].y.isFinite {
                var y = current[k]
                for _ in 0..<max(1, substeps) {
                    let k1 = rate(y), k2 = rate(y + 0.5 * h * k1), k3 = rate(y + 0.5 * h * k2), k4 = rate(y + h * k3)
                    y += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
                }
                // Far outside the window a particle has left for good (and may overflow).
                let far = max(portrait.window.width, portrait.window.height) * 100
                current[k] = y.x.isFinite && y.y.isFinite && abs(y.x) < far && abs(y.y) < far ? y : SIMD2(.nan, .nan)
            }
            positions.append(current)
        }
        let times = (0..<frameCount).map { flowTime * Double($0) / Double(frameCount - 1) }
        return Data(background: background, positions: positions, times: times)
    }

    public func scene(_ data: Data, options: FigureOptions) -> (Int) -> Figure {
        let figure = portrait.layout(data.background, options: options)
        let ax = figure[0, 0]
        let theme = options.theme
        let trails = ParticleTrails(positions: data.positions, color: theme.role(role).color, trailLength: trailFrames,
                                    headRadius: 0.55 * theme.markerSize, trailWidth: theme.lineWidth)
        ax.add(Clipped(trails))
        return { i in
            trails.frame = i
            let t = data.times[min(max(i, 0), data.times.count - 1)]
            ax.title = "t = " + String(format: "%.2f", t)
            return figure
        }
    }
}
