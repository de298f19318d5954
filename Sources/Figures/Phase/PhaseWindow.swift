/// The rectangle of the phase plane a phase portrait shows.
public struct PhaseWindow: Sendable, Hashable {
    public let x: ClosedRange<Double>
    public let y: ClosedRange<Double>

    /// A window of finite, non-empty ranges.
    public init(x: ClosedRange<Double>, y: ClosedRange<Double>) throws(FigureError) {
        for (name, r) in [("x", x), ("y", y)] {
            guard r.lowerBound.isFinite, r.upperBound.isFinite else { throw .invalidWindow("the \(name) range must be finite") }
            guard r.upperBound > r.lowerBound else {
                throw .invalidWindow("the \(name) range \(NumberText.short(r.lowerBound)):\(NumberText.short(r.upperBound)) is empty")
            }
        }
        self.x = x; self.y = y
    }

    public var width: Double { x.upperBound - x.lowerBound }
    public var height: Double { y.upperBound - y.lowerBound }

    /// Whether the point lies inside or on the border.
    public func contains(_ p: SIMD2<Double>) -> Bool { x.contains(p.x) && y.contains(p.y) }
}
