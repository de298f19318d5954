internal import CLAPACK

/// Eigenvalues and real eigenvectors of a general real matrix by LAPACK's `dgeev`.
///
/// `dgeev` balances the matrix, reduces it to Hessenberg form and runs the shifted QR algorithm;
/// Debian's reference LAPACK (or OpenBLAS when installed as the `liblapack.so.3` alternative)
/// provides it. Matrices here are small (a Jacobian at an equilibrium), so the call is a copy to
/// column-major order and one workspace query-free call with the documented minimum workspace 4n.
public enum EigenSolver {
    /// The decomposition of the row-major n×n matrix `a` (row i holds a[i][0…n−1]).
    ///
    /// Throws `AnalysisError.eigenFailure` for a non-finite entry or when the QR algorithm does
    /// not converge (LAPACK's info > 0).
    public static func decompose(_ a: [Double], n: Int) throws(AnalysisError) -> EigenDecomposition {
        guard n >= 1, a.count == n * n else {
            throw .eigenFailure("the matrix has \(a.count) entries, expected \(n)×\(n)")
        }
        guard a.allSatisfy(\.isFinite) else { throw .eigenFailure("the matrix has a non-finite entry") }
        var columnMajor = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n { columnMajor[j * n + i] = a[i * n + j] }
        }
        var wr = [Double](repeating: 0, count: n), wi = [Double](repeating: 0, count: n)
        var vr = [Double](repeating: 0, count: n * n)
        var vl = [Double](repeating: 0, count: 1)
        var work = [Double](repeating: 0, count: max(1, 4 * n))
        var order = Int32(n), lda = Int32(n), ldvl = Int32(1), ldvr = Int32(n)
        var lwork = Int32(work.count), info = Int32(0)
        var jobL = CChar(UInt8(ascii: "N")), jobR = CChar(UInt8(ascii: "V"))
        dgeev_(&jobL, &jobR, &order, &columnMajor, &lda, &wr, &wi, &vl, &ldvl, &vr, &ldvr, &work, &lwork, &info, 1, 1)
        guard info == 0 else {
            throw .eigenFailure(info < 0 ? "dgeev rejected argument \(-info)"
                                         : "the QR algorithm did not converge (dgeev info \(info))")
        }
        var values: [Eigenvalue] = []
        var vectors: [[Double]?] = []
        for k in 0..<n {
            values.append(Eigenvalue(re: wr[k], im: wi[k]))
            if wi[k] == 0 {
                var v = Array(vr[(k * n)..<((k + 1) * n)])
                let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
                if norm > 0 { v = v.map { $0 / norm } }
                vectors.append(v)
            } else {
                vectors.append(nil)
            }
        }
        return EigenDecomposition(values: values, vectors: vectors)
    }
}
