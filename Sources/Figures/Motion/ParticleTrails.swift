import Render

/// Particles at one frame of an animation, each with a trail of its last positions fading out.
///
/// A reference type so one laid-out figure can be redrawn frame after frame: set `frame`, render.
/// Trails are drawn as one path per age (oldest and faintest first), so a frame costs a few
/// strokes whatever the number of particles; a particle whose position is not finite is left out.
public final class ParticleTrails: Mark {
    /// `positions[frame][particle]`.
    public let positions: [[SIMD2<Double>]]
    public var frame = 0
    /// Frames a trail spans.
    public var trailLength: Int
    public var color: Color
    /// Head radius and trail width in points.
    public var headRadius: Double
    public var trailWidth: Double

    public init(positions: [[SIMD2<Double>]], color: Color, trailLength: Int = 10, headRadius: Double = 1.8, trailWidth: Double = 1.2) {
        self.positions = positions; self.color = color; self.trailLength = trailLength
        self.headRadius = headRadius; self.trailWidth = trailWidth
    }

    public var bounds: DataBounds? { nil }

    public func draw(on backend: DrawingBackend, in transform: DataTransform) {
        guard positions.indices.contains(frame) else { return }
        let oldest = max(0, frame - trailLength)
        if frame > oldest {
            for start in oldest..<frame {
                var path = Path()
                for (p, q) in zip(positions[start], positions[start + 1]) where isFinite(p) && isFinite(q) {
                    path.move(to: transform.point(p.x, p.y))
                    path.line(to: transform.point(q.x, q.y))
                }
                // Age 0 is the newest segment: opacity falls linearly to a faint tail.
                let age = Double(frame - 1 - start) / Double(max(1, trailLength))
                backend.stroke(path, style: StrokeStyle(color: color.withAlpha(0.85 * (1 - age) + 0.05), width: trailWidth,
                                                        cap: .round, join: .round))
            }
        }
        var heads = Path()
        for p in positions[frame] where isFinite(p) {
            heads.elements += Path.circle(center: transform.point(p.x, p.y), radius: headRadius).elements
        }
        backend.fill(heads, color: color)
    }

    private func isFinite(_ p: SIMD2<Double>) -> Bool { p.x.isFinite && p.y.isFinite }
}
