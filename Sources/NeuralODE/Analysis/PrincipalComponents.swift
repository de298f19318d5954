internal import CLAPACK

/// Principal components of a cloud of points: the eigenvectors of its covariance matrix by LAPACK's
/// symmetric eigensolver `dsyev`, strongest first.
///
/// Each component's sign is fixed so that its largest-magnitude entry is positive (LAPACK leaves
/// the sign free), so a projection is the same on every machine.
public struct PrincipalComponents: Sendable, Equatable {
    /// Size of one point.
    public let dimension: Int
    /// The mean point.
    public let mean: [Double]
    /// Unit components, strongest first (`dimension` of them, each `dimension` long).
    public let components: [[Double]]
    /// Variance of the points along each component (the covariance's eigenvalues, descending).
    public let variances: [Double]

    /// The components of `points` (count × `dimension`, row-major; at least two points).
    ///
    /// Throws `AnalysisError.eigenFailure` for a non-finite value, fewer than two points, or when
    /// LAPACK does not converge.
    public init(points: [Double], dimension: Int) throws(AnalysisError) {
        guard dimension >= 1, points.count % dimension == 0, points.count / dimension >= 2 else {
            throw .eigenFailure("principal components need at least two points of \(dimension) values (got \(points.count) values)")
        }
        guard points.allSatisfy(\.isFinite) else { throw .eigenFailure("a point has a non-finite value") }
        let n = dimension, count = points.count / n
        var mean = [Double](repeating: 0, count: n)
        for p in 0..<count { for i in 0..<n { mean[i] += points[p * n + i] } }
        mean = mean.map { $0 / Double(count) }
        // The covariance is symmetric: column-major and row-major are the same array.
        var covariance = [Double](repeating: 0, count: n * n)
        for p in 0..<count {
            for i in 0..<n {
                let di = points[p * n + i] - mean[i]
                for j in 0..<n { covariance[i * n + j] += di * (points[p * n + j] - mean[j]) }
            }
        }
        covariance = covariance.map { $0 / Double(count - 1) }
        var values = [Double](repeating: 0, count: n)
        var work = [Double](repeating: 0, count: max(1, 3 * n - 1))
        var order = Int32(n), lda = Int32(n), lwork = Int32(work.count), info = Int32(0)
        var jobz = CChar(UInt8(ascii: "V")), uplo = CChar(UInt8(ascii: "U"))
        dsyev_(&jobz, &uplo, &order, &covariance, &lda, &values, &work, &lwork, &info, 1, 1)
        guard info == 0 else {
            throw .eigenFailure(info < 0 ? "dsyev rejected argument \(-info)"
                                         : "the symmetric eigensolver did not converge (dsyev info \(info))")
        }
        var components: [[Double]] = []
        var variances: [Double] = []
        for k in stride(from: n - 1, through: 0, by: -1) {
            var v = Array(covariance[(k * n)..<((k + 1) * n)])
            if let largest = v.max(by: { Swift.abs($0) < Swift.abs($1) }), largest < 0 { v = v.map { -$0 } }
            components.append(v)
            variances.append(Swift.max(0, values[k]))
        }
        self.dimension = n
        self.mean = mean
        self.components = components
        self.variances = variances
    }

    /// Fraction of the total variance along each component.
    public var explainedFractions: [Double] {
        let total = variances.reduce(0, +)
        return variances.map { total > 0 ? $0 / total : 0 }
    }

    /// Coordinates of `point` (`dimension` values) on the first `count` components.
    public func project(_ point: ArraySlice<Double>, count: Int = 2) -> [Double] {
        (0..<Swift.min(count, dimension)).map { k in
            var sum = 0.0
            for (i, x) in point.enumerated() { sum += (x - mean[i]) * components[k][i] }
            return sum
        }
    }
}
