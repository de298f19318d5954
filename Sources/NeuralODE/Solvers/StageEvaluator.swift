/// What one Runge–Kutta stage evaluates: a plain field, a field recorded on a tape, the augmented
/// adjoint system, and how the loop measures the error of a step of it.
protocol StageEvaluator {
    /// Doubles in the state.
    var stateSize: Int { get }
    /// Leading entries of the state that the stages read and that must stay finite; the rest is a
    /// passive tail that nothing depends on (the adjoint's θ-part), summed only at the step's end.
    var dynamicCount: Int { get }
    /// Leading entries of the error estimate that `errorNorm` reads.
    var errorCount: Int { get }
    /// Writes f(t, y) into `dy`; `slot` names the tape slot of a recording evaluator.
    func evaluate(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>, slot: Int)
    /// Makes room to record the stages of step `step` (slots up to (step + 2)·`stages`).
    func prepare(step: Int, stages: Int)
    /// The scaled error `error` of a step y → yNew under `controller`'s tolerances.
    func errorNorm(_ error: UnsafePointer<Double>, y: UnsafePointer<Double>, yNew: UnsafePointer<Double>,
                   _ controller: PIController) -> Double
}

extension StageEvaluator {
    var dynamicCount: Int { stateSize }
    var errorCount: Int { stateSize }

    @inline(__always)
    func prepare(step: Int, stages: Int) {}

    /// The RMS norm over the whole state.
    func errorNorm(_ error: UnsafePointer<Double>, y: UnsafePointer<Double>, yNew: UnsafePointer<Double>,
                   _ controller: PIController) -> Double {
        controller.errorNorm(error, y: y, yNew: yNew, count: stateSize)
    }
}

/// Evaluates the field without recording.
struct PlainEvaluator<F: VectorField>: StageEvaluator {
    let field: F

    var stateSize: Int { field.stateSize }

    @inline(__always)
    func evaluate(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>, slot: Int) {
        field.evaluate(t: t, y: y, dy: dy)
    }
}
