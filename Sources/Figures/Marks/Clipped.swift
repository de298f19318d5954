import Render

/// Another mark drawn clipped to the plot area, for axes that leave marks unclipped so that
/// markers on the window's edge (start points) show whole.
public struct Clipped<Inner: Mark>: Mark {
    public var inner: Inner

    public init(_ inner: Inner) {
        self.inner = inner
    }

    public var bounds: DataBounds? { inner.bounds }
    public var legendEntry: LegendEntry? { inner.legendEntry }
    public var colorScale: ColorScale? { inner.colorScale }

    public func draw(on backend: DrawingBackend, in transform: DataTransform) {
        backend.save()
        backend.clip(to: transform.plot)
        inner.draw(on: backend, in: transform)
        backend.restore()
    }
}
