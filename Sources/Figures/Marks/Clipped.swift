import Render

/// Another mark drawn clipped to the plot area, for axes that leave marks unclipped so that
/// markers on the window's edge (start points) show whole.
///
/// Only `draw` is clipped: the inner mark's overlay (a start marker meant to show whole on the edge)
/// and whether it is a guide pass through unchanged.
public struct Clipped<Inner: Mark>: Mark {
    public var inner: Inner

    public init(_ inner: Inner) {
        self.inner = inner
    }

    public var bounds: DataBounds? { inner.bounds }
    public var legendEntry: LegendEntry? { inner.legendEntry }
    public var colorScale: ColorScale? { inner.colorScale }
    public var isGuide: Bool { inner.isGuide }

    public func draw(on backend: DrawingBackend, in transform: DataTransform) {
        backend.save()
        backend.clip(to: transform.plot)
        inner.draw(on: backend, in: transform)
        backend.restore()
    }

    public func drawOverlay(on backend: DrawingBackend, in transform: DataTransform) {
        inner.drawOverlay(on: backend, in: transform)
    }
}
