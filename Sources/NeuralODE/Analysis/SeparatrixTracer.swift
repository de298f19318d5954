/// Traces the one-dimensional stable and unstable manifolds of saddles, both sides of each.
///
/// A branch starts at saddle ± `offset`·diagonal·v (v the unit eigenvector of a real eigenvalue λ)
/// and is integrated by dopri5 (rtol 1e-10, atol 1e-12) forward for λ > 0, backward for λ < 0, over
/// max(`duration`, 30/|λ|) time units at most, and cut at the first sample outside the window
/// widened by 5% on each side or within `arrival` of the window's diagonal from another
/// equilibrium. A manifold is traced only when it is one-dimensional: in n-D, the only eigenvalue
/// with a positive (unstable) or negative (stable) real part; higher-dimensional manifolds are not
/// curves and are skipped. A solver failure (a branch blowing up in finite time) ends the branch
/// at the last good sample.
public struct SeparatrixTracer: Sendable {
    public var plane: PhasePlane
    public var offset = 1e-6
    public var duration = 60.0
    public var samples = 6000
    public var arrival = 2e-3

    public init(plane: PhasePlane) { self.plane = plane }

    /// Every branch of every saddle in `equilibria` (saddle index order, stable before unstable, + before −).
    public func trace(_ field: AnalysisField, equilibria: [Equilibrium]) -> [Separatrix] {
        var result: [Separatrix] = []
        for (k, e) in equilibria.enumerated() where e.type == .saddle {
            let positive = e.eigenvalues.filter { $0.re > 0 }.count
            let negative = e.eigenvalues.filter { $0.re < 0 }.count
            for (value, vector) in zip(e.eigen.values, e.eigen.vectors) {
                guard let v = vector, value.im == 0 else { continue }
                let kind: Separatrix.Kind
                if value.re < 0, negative == 1 { kind = .stable } else if value.re > 0, positive == 1 { kind = .unstable } else { continue }
                for side in [1, -1] {
                    let states = branch(field, from: e.state, along: v, side: Double(side), eigenvalue: value.re,
                                        others: equilibria.enumerated().filter { $0.offset != k }.map(\.element.state))
                    result.append(Separatrix(saddle: k, kind: kind, eigenvalue: value.re, side: side, states: states))
                }
            }
        }
        return result.sorted { ($0.saddle, $0.kind == .stable ? 0 : 1, -$0.side) < ($1.saddle, $1.kind == .stable ? 0 : 1, -$1.side) }
    }

    private func branch(_ field: AnalysisField, from saddle: [Double], along v: [Double], side: Double,
                        eigenvalue: Double, others: [[Double]]) -> [[Double]] {
        let h = offset * plane.diagonal
        let start = zip(saddle, v).map { $0 + side * h * $1 }
        let span = min(1e4, max(duration, 30 / abs(eigenvalue)))
        let t1 = eigenvalue > 0 ? span : -span
        let problem = ODEProblem(field: field, t0: 0, t1: t1, y0: start)
        let controller = StepSizeController.tolerances(rtol: 1e-10, atol: 1e-12)
        guard let solution = try? ODESolve.solve(problem, method: .dopri5, controller: controller,
                                                 saveAt: .points(max(2, samples))) else { return [saddle, start] }
        var states: [[Double]] = [saddle]
        let reach = arrival * plane.diagonal
        for i in 0..<solution.count {
            let s = Array(solution.state(i))
            guard s.allSatisfy(\.isFinite) else { break }
            states.append(s)
            if !plane.contains(s, margin: 0.05) { break }
            if others.contains(where: { planeDistance($0, s) < reach }) { break }
        }
        return states
    }

    private func planeDistance(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
    }
}
