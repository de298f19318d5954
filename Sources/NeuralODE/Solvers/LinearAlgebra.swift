/// Small dense linear algebra on row-major buffers: LU with partial pivoting and its solve.
public enum LinearAlgebra {
    /// Factors the n×n row-major matrix `a` in place into L·U (unit lower L) with row pivots.
    ///
    /// `pivots[k]` is the row swapped with row k at step k. Returns false when a pivot is exactly
    /// zero or not finite (the matrix is singular to working precision); `a` is then unusable.
    @discardableResult
    public static func luFactor(_ a: UnsafeMutablePointer<Double>, n: Int, pivots: UnsafeMutablePointer<Int>) -> Bool {
        for k in 0..<n {
            var p = k
            var largest = abs(a[k * n + k])
            for i in (k + 1)..<max(k + 1, n) where abs(a[i * n + k]) > largest {
                largest = abs(a[i * n + k])
                p = i
            }
            pivots[k] = p
            guard largest > 0, largest.isFinite else { return false }
            if p != k {
                for j in 0..<n {
                    let tmp = a[k * n + j]
                    a[k * n + j] = a[p * n + j]
                    a[p * n + j] = tmp
                }
            }
            let inverse = 1 / a[k * n + k]
            for i in (k + 1)..<max(k + 1, n) {
                let factor = a[i * n + k] * inverse
                a[i * n + k] = factor
                if factor != 0 {
                    for j in (k + 1)..<n { a[i * n + j] -= factor * a[k * n + j] }
                }
            }
        }
        return true
    }

    /// Solves A·x = b in place in `b`, given the factors and pivots from `luFactor`.
    public static func luSolve(_ lu: UnsafePointer<Double>, n: Int, pivots: UnsafePointer<Int>,
                               _ b: UnsafeMutablePointer<Double>) {
        for k in 0..<n where pivots[k] != k {
            let tmp = b[k]
            b[k] = b[pivots[k]]
            b[pivots[k]] = tmp
        }
        for i in 0..<n {
            var acc = b[i]
            for j in 0..<i { acc -= lu[i * n + j] * b[j] }
            b[i] = acc
        }
        var i = n - 1
        while i >= 0 {
            var acc = b[i]
            for j in (i + 1)..<n { acc -= lu[i * n + j] * b[j] }
            b[i] = acc / lu[i * n + i]
            i -= 1
        }
    }
}
