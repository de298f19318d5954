import Foundation

/// The concentric-circles task: points inside radius `r1` labelled −1, points in the annulus
/// `r2` ≤ r ≤ `r3` labelled +1 (Dupont et al. 2019, after Exercise 3.1.3's disk and annulus).
///
/// A flow of the plane carries the disk inside the image of the annulus, so no line separates
/// them afterwards: a linear read-out after a planar neural ODE cannot classify the set exactly.
public struct ConcentricCircles: Sendable, Equatable {
    /// Radius of the inner disk (label −1).
    public var innerRadius: Double
    /// Inner radius of the annulus (label +1).
    public var annulusInner: Double
    /// Outer radius of the annulus.
    public var annulusOuter: Double

    /// Makes the task; requires 0 < `innerRadius` < `annulusInner` < `annulusOuter`.
    public init(innerRadius: Double = 0.5, annulusInner: Double = 1.0,
                annulusOuter: Double = 1.5) throws(ClassificationError) {
        guard innerRadius > 0, innerRadius < annulusInner, annulusInner < annulusOuter, annulusOuter.isFinite else {
            throw .invalidData("radii must satisfy 0 < r1 < r2 < r3, got \(innerRadius), \(annulusInner), \(annulusOuter)")
        }
        self.innerRadius = innerRadius
        self.annulusInner = annulusInner
        self.annulusOuter = annulusOuter
    }

    /// The label of a point of the plane: −1 inside r1, +1 in the annulus, nil in the gap or outside.
    public func label(x: Double, y: Double) -> Double? {
        let r = (x * x + y * y).squareRoot()
        if r <= innerRadius { return -1 }
        if r >= annulusInner && r <= annulusOuter { return 1 }
        return nil
    }

    /// `inner` points uniform in the disk, then `outer` points uniform (by area) in the annulus, seeded.
    public func sample(inner: Int, outer: Int, seed: UInt64) throws(ClassificationError) -> LabelledPoints {
        guard inner >= 1, outer >= 1 else {
            throw .invalidData("each class needs at least one point, got \(inner) and \(outer)")
        }
        var generator = SeededGenerator(seed: seed)
        var points: [Double] = []
        points.reserveCapacity(2 * (inner + outer))
        func draw(_ low: Double, _ high: Double) {
            // Uniform by area: r² uniform between the squared radii.
            let r = generator.nextUniform(in: low * low, high * high).squareRoot()
            let angle = generator.nextUniform(in: 0, 2 * Double.pi)
            points.append(r * cos(angle))
            points.append(r * sin(angle))
        }
        for _ in 0..<inner { draw(0, innerRadius) }
        for _ in 0..<outer { draw(annulusInner, annulusOuter) }
        let labels = Array(repeating: -1.0, count: inner) + Array(repeating: 1.0, count: outer)
        return try LabelledPoints(dimension: 2, points: points, labels: labels)
    }
}
