import Render

/// Another mark drawn clipped to the plot area, for axes that leave marks unclipped so that
/// markers on the window's edge (start points) show whole.
public struct Clipped<Inner: Mark>: Mark {
    public var inner: Inner
    /// Whether a legend should avoid this mark; false for background texture that covers the whole
    /// plot anyway (streamlines, arrows), which also spares computing its coverage.
    public var avoidedByLegend: Bool

    public init(_ inner: Inner, avoidedByLegend: Bool = true) {
        self.inner = inner
        self.avoidedByLegend = avoidedByLegend
    }

    public var bounds: DataBounds? { inner.bounds }
    public var legendEntry: LegendEntry? { inner.legendEntry }
    public var colorScale: ColorScale? { inner.colorScale }
    public var coverageWeight: Double { avoidedByLegend ? inner.coverageWeight : 0 }
    public func coverage(in transform: DataTransform) -> [Point] { avoidedByLegend ? inner.coverage(in: transform) : [] }

    public func draw(on backend: DrawingBackend, in transform: DataTransform) {
        backend.save()
        backend.clip(to: transform.plot)
        inner.draw(on: backend, in: transform)
        backend.restore()
    }
}
