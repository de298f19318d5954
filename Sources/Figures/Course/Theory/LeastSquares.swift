/// Linear least squares min ‖A·x − b‖₂ by Householder QR (stable where the normal equations are not).
enum LeastSquares {
    /// The solution x (n values) for A with `rows` ≥ n rows, given column by column (`columns[j][i]` = A_ij).
    ///
    /// Returns nil when A is rank-deficient to working precision (a diagonal entry of R below 10⁻¹³ of the largest).
    static func solve(columns: [[Double]], rhs: [Double]) -> [Double]? {
        let n = columns.count, m = rhs.count
        guard n >= 1, m >= n, columns.allSatisfy({ $0.count == m }) else { return nil }
        var a = columns, b = rhs
        var diagonal = [Double](repeating: 0, count: n)
        for k in 0..<n {
            var norm = 0.0
            for i in k..<m { norm += a[k][i] * a[k][i] }
            norm = norm.squareRoot()
            let alpha = a[k][k] > 0 ? -norm : norm
            diagonal[k] = alpha
            guard norm > 0 else { continue }
            // v = a_k[k...] − alpha·e₁, stored in place; H = I − 2vvᵀ/(vᵀv).
            a[k][k] -= alpha
            var vv = 0.0
            for i in k..<m { vv += a[k][i] * a[k][i] }
            guard vv > 0 else { continue }
            for j in (k + 1)..<max(k + 1, n) {
                var dot = 0.0
                for i in k..<m { dot += a[k][i] * a[j][i] }
                let f = 2 * dot / vv
                for i in k..<m { a[j][i] -= f * a[k][i] }
            }
            var dot = 0.0
            for i in k..<m { dot += a[k][i] * b[i] }
            let f = 2 * dot / vv
            for i in k..<m { b[i] -= f * a[k][i] }
        }
        let largest = diagonal.map { abs($0) }.max() ?? 0
        guard largest > 0, diagonal.allSatisfy({ abs($0) > 1e-13 * largest }) else { return nil }
        // Back substitution with R (diagonal in `diagonal`, above it in a[j][i] for i < j).
        var x = [Double](repeating: 0, count: n)
        for k in stride(from: n - 1, through: 0, by: -1) {
            var s = b[k]
            for j in (k + 1)..<max(k + 1, n) { s -= a[j][k] * x[j] }
            x[k] = s / diagonal[k]
        }
        return x
    }
}
