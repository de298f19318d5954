/// One eigenvalue of a real matrix, re + i·im.
public struct Eigenvalue: Sendable, Hashable, Codable {
    public var re: Double
    public var im: Double

    public init(re: Double, im: Double = 0) {
        self.re = re
        self.im = im
    }

    /// |λ|.
    public var magnitude: Double { (re * re + im * im).squareRoot() }
}

/// Eigenvalues of a real n×n matrix with the right eigenvectors of its real eigenvalues.
public struct EigenDecomposition: Sendable, Equatable {
    /// In LAPACK's order: a complex pair is adjacent, positive imaginary part first.
    public var values: [Eigenvalue]
    /// `vectors[k]` is the unit right eigenvector of `values[k]` when that eigenvalue is real, else nil.
    public var vectors: [[Double]?]

    public init(values: [Eigenvalue], vectors: [[Double]?]) {
        self.values = values
        self.vectors = vectors
    }
}
