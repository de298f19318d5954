/// A text system's field and Jacobian compiled for fixed parameter values.
///
/// A class so that `SystemEquations.text` holds one reference: a solver's evaluation then costs
/// no retains of the programs' arrays.
final class CompiledTextSystem: Sendable {
    let dimension: Int
    let field: RegisterProgram
    let jacobian: RegisterProgram

    /// Compiles resolved right-hand sides with `.parameter(i)` replaced by `values[i]`.
    init(equations: [Expression], parameterValues values: [Double]) {
        dimension = equations.count
        let rhs = equations.map { Simplifier.simplify(TextSystem.substitute(values, in: $0)) }
        field = RegisterProgram(expressions: rhs, dimension: dimension)
        var entries: [Expression] = []
        for f in rhs {
            for j in 0..<dimension { entries.append(Derivative.of(f, withRespectTo: j)) }
        }
        jacobian = RegisterProgram(expressions: entries, dimension: dimension)
    }

    @inline(__always)
    func rhs(batch: Int, t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>) {
        field.run(batch: batch, t: t, y: y, out: dy, stateStride: dimension, columns: dimension, rowStride: 0)
    }

    /// The block-diagonal Jacobian of `batch` states (off-diagonal blocks zero).
    @inline(__always)
    func jacobian(batch: Int, t: Double, y: UnsafePointer<Double>, into j: UnsafeMutablePointer<Double>) {
        let n = batch * dimension
        j.update(repeating: 0, count: n * n)
        jacobian.run(batch: batch, t: t, y: y, out: j, stateStride: dimension * n + dimension, columns: dimension, rowStride: n)
    }
}
