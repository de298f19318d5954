/// Finds the equilibria of a field in a window by Newton's method from a grid of starts.
///
/// Each of `startsAcross`² starts on the plane (the other components at the slice values) runs
/// damped Newton in the full state space: the step solves J·Δ = −f by LU, and is halved until
/// max|f| decreases (at most 30 halvings; a start that cannot decrease it is dropped). A start
/// converges when the step is below 1e-12·(1 + |y|), or max|f| below 1e-14 of the field's size on
/// the start grid; the root is kept when max|f| ≤ 1e-9 of that size and its plane coordinates are
/// in the window (other components free). Roots closer than `mergeDistance` of the window's
/// diagonal are one equilibrium. The result is sorted by x, then y.
public struct EquilibriumSearch: Sendable {
    public var plane: PhasePlane
    /// Starts along each side of the window.
    public var startsAcross = 16
    public var maxIterations = 80
    /// Roots closer than this fraction of the window's diagonal are merged.
    public var mergeDistance = 1e-6

    public init(plane: PhasePlane) { self.plane = plane }

    /// The equilibria of `field` in the window.
    public func run(_ field: AnalysisField) throws(AnalysisError) -> [Equilibrium] {
        guard field.dimension == plane.dimension else {
            throw .invalid("the field has \(field.dimension) components but the plane's state has \(plane.dimension)")
        }
        let n = max(2, startsAcross)
        var starts: [[Double]] = []
        for j in 0..<n {
            for i in 0..<n {
                // Cell centres: starts never sit on the window's edges or symmetry lines of a symmetric window.
                let px = plane.x.lowerBound + plane.width * (Double(i) + 0.5) / Double(n)
                let py = plane.y.lowerBound + plane.height * (Double(j) + 0.5) / Double(n)
                starts.append(plane.state(px, py))
            }
        }
        let scale = starts.map { field.value(at: $0).map(abs).max() ?? 0 }.filter(\.isFinite).max() ?? 1
        let fScale = scale > 0 ? scale : 1
        var roots: [[Double]] = []
        for s in starts {
            guard let r = newton(field, from: s, fScale: fScale), plane.contains(r, margin: 1e-9) else { continue }
            if !roots.contains(where: { distance($0, r) <= mergeDistance * plane.diagonal }) { roots.append(r) }
        }
        roots.sort { a, b in
            let ax = a[plane.xComponent], bx = b[plane.xComponent]
            return ax != bx ? ax < bx : a[plane.yComponent] < b[plane.yComponent]
        }
        var found: [Equilibrium] = []
        for r in roots { found.append(try Equilibrium.at(r, in: field)) }
        return found
    }

    /// Damped Newton from `start`; the root, or nil when it diverges, stalls or hits a singular Jacobian.
    func newton(_ field: AnalysisField, from start: [Double], fScale: Double) -> [Double]? {
        let d = field.dimension
        var y = start
        var f = field.value(at: y)
        var size = maxAbs(f)
        var pivots = [Int](repeating: 0, count: d)
        for _ in 0..<maxIterations {
            guard size.isFinite else { return nil }
            if size <= 1e-14 * fScale { break }
            var jac = field.jacobian(at: y)
            var step = f.map { -$0 }
            let ok = jac.withUnsafeMutableBufferPointer { jb in
                pivots.withUnsafeMutableBufferPointer { pb in
                    step.withUnsafeMutableBufferPointer { sb -> Bool in
                        guard let j = jb.baseAddress, let p = pb.baseAddress, let s = sb.baseAddress else { return false }
                        guard LinearAlgebra.luFactor(j, n: d, pivots: p) else { return false }
                        LinearAlgebra.luSolve(j, n: d, pivots: p, s)
                        return true
                    }
                }
            }
            guard ok, step.allSatisfy(\.isFinite) else { return nil }
            var alpha = 1.0, accepted = false
            for _ in 0..<30 {
                let trial = zip(y, step).map { $0 + alpha * $1 }
                let ft = field.value(at: trial)
                let st = maxAbs(ft)
                if st.isFinite, st < size || st <= 1e-14 * fScale {
                    y = trial; f = ft; size = st; accepted = true
                    break
                }
                alpha /= 2
            }
            let stepSize = alpha * maxAbs(step)
            if !accepted {
                // No decrease possible: at a root to rounding, or stalled away from one.
                break
            }
            if stepSize <= 1e-12 * (1 + maxAbs(y)) { break }
        }
        return size <= 1e-9 * fScale ? y : nil
    }

    private func maxAbs(_ v: [Double]) -> Double {
        var m = 0.0
        for x in v {
            guard x.isFinite else { return .infinity }
            m = max(m, abs(x))
        }
        return m
    }

    private func distance(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
    }
}
