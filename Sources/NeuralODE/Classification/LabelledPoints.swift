/// Points of a binary classification or regression task, each with a target value (±1 for classes).
///
/// `points` is N × `dimension`, point-major (`points[k*dimension + i]`); `labels[k]` is the target
/// of point k.
public struct LabelledPoints: Sendable, Equatable {
    /// Components per point.
    public let dimension: Int
    /// The points, N × `dimension`.
    public let points: [Double]
    /// One target per point.
    public let labels: [Double]

    /// Number of points N.
    public var count: Int { labels.count }

    /// Makes a set; the counts must agree and every value must be finite.
    public init(dimension: Int, points: [Double], labels: [Double]) throws(ClassificationError) {
        guard dimension >= 1 else { throw .invalidData("the dimension must be at least 1, got \(dimension)") }
        guard !labels.isEmpty else { throw .invalidData("a task needs at least one point") }
        guard points.count == labels.count * dimension else {
            throw .invalidData("expected \(labels.count * dimension) coordinates for \(labels.count) points "
                + "of dimension \(dimension), got \(points.count)")
        }
        guard points.allSatisfy(\.isFinite), labels.allSatisfy(\.isFinite) else {
            throw .invalidData("points and labels must be finite")
        }
        self.dimension = dimension
        self.points = points
        self.labels = labels
    }

    /// Point k's coordinates.
    public func point(_ k: Int) -> ArraySlice<Double> {
        points[(k * dimension)..<((k + 1) * dimension)]
    }

    /// The course's crossing task in one dimension: −1 must go to 1 and 1 to −1 (Dupont et al.'s g₁d).
    ///
    /// A one-dimensional flow keeps the order of points, so it cannot swap them; with a read-out
    /// fixed to the identity the best it can do is a mean squared error of 1 (both images at 0).
    public static let crossing: LabelledPoints = {
        do { return try LabelledPoints(dimension: 1, points: [-1, 1], labels: [1, -1]) } catch {
            preconditionFailure("constant data is valid: \(error)")
        }
    }()
}
