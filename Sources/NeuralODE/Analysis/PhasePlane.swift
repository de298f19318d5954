/// A rectangle of a plane through state space: two free components over ranges, the others fixed.
///
/// For a planar field the plane is the whole phase plane. For an n-D field it is the slice where
/// every other component keeps its value in `base` (`--slice z=25`).
public struct PhasePlane: Sendable, Equatable {
    /// Component on the horizontal axis.
    public let xComponent: Int
    /// Component on the vertical axis.
    public let yComponent: Int
    public let x: ClosedRange<Double>
    public let y: ClosedRange<Double>
    /// A full state: the fixed values of the other components (its x and y entries are unused).
    public let base: [Double]

    /// Checks the components are distinct and inside `base`, and the ranges finite and non-empty.
    public init(xComponent: Int = 0, yComponent: Int = 1, x: ClosedRange<Double>, y: ClosedRange<Double>,
                base: [Double]) throws(AnalysisError) {
        guard xComponent != yComponent, base.indices.contains(xComponent), base.indices.contains(yComponent) else {
            throw .invalid("the plane's components \(xComponent) and \(yComponent) must be two distinct components of \(base.count)")
        }
        for r in [x, y] {
            guard r.lowerBound.isFinite, r.upperBound.isFinite, r.upperBound > r.lowerBound else {
                throw .invalid("the window's ranges must be finite and non-empty")
            }
        }
        guard base.allSatisfy(\.isFinite) else { throw .invalid("the slice values must be finite") }
        self.xComponent = xComponent; self.yComponent = yComponent; self.x = x; self.y = y; self.base = base
    }

    /// The planar window of a planar field.
    public static func planar(x: ClosedRange<Double>, y: ClosedRange<Double>) throws(AnalysisError) -> PhasePlane {
        try PhasePlane(x: x, y: y, base: [0, 0])
    }

    public var dimension: Int { base.count }
    public var width: Double { x.upperBound - x.lowerBound }
    public var height: Double { y.upperBound - y.lowerBound }
    /// The length of the window's diagonal: the scale of distances on the plane.
    public var diagonal: Double { (width * width + height * height).squareRoot() }

    /// The full state at plane point (px, py).
    public func state(_ px: Double, _ py: Double) -> [Double] {
        var s = base
        s[xComponent] = px
        s[yComponent] = py
        return s
    }

    /// Whether the state's plane coordinates lie in the window, widened by `margin` of its size.
    public func contains(_ state: [Double], margin: Double = 0) -> Bool {
        let px = state[xComponent], py = state[yComponent]
        return px >= x.lowerBound - margin * width && px <= x.upperBound + margin * width
            && py >= y.lowerBound - margin * height && py <= y.upperBound + margin * height
    }
}
