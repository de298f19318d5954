/// A differentiable field whose parameters can be read, replaced and copied: what the gradient engine needs.
///
/// The tape members let backprop record each evaluation's forward pass so the backward pass does
/// not repeat it; the defaults record (t, y) and call `vjp(t:y:v:vy:vtheta:)`, which is correct
/// for any field. `MLPField` records its layer activations instead.
public protocol ParametricField: DifferentiableField {
    /// A copy of the current parameters θ (`parameterCount` doubles).
    var parameters: [Double] { get }
    /// Replaces θ; `newValue` holds `parameterCount` doubles.
    func setParameters(_ newValue: [Double])
    /// An independent field with the same parameters and batch (for another thread).
    func copy() -> Self
    /// Doubles one recorded evaluation needs.
    var tapeSize: Int { get }
    /// Evaluates f(t, y) into `dy` and records what `vjp(tape:v:vy:vtheta:)` needs into `tape`.
    func evaluate(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>,
                  tape: UnsafeMutablePointer<Double>)
    /// The vector-Jacobian product at the evaluation recorded in `tape`; `vy` overwritten, `vtheta` accumulated.
    func vjp(tape: UnsafePointer<Double>, v: UnsafePointer<Double>,
             vy: UnsafeMutablePointer<Double>, vtheta: UnsafeMutablePointer<Double>)
    /// Like `vjp(tape:v:vy:vtheta:)`, but the parameter part may reach `vtheta` only at the next
    /// `flushParameterCotangents()`; until then `tape` and `vtheta` must stay allocated and unchanged.
    func vjpDeferred(tape: UnsafePointer<Double>, v: UnsafePointer<Double>,
                     vy: UnsafeMutablePointer<Double>, vtheta: UnsafeMutablePointer<Double>)
    /// Adds every parameter cotangent held back by `vjpDeferred` to its `vtheta`.
    func flushParameterCotangents()
}

extension ParametricField {
    /// Records t and y: one double more than the state.
    public var tapeSize: Int { stateSize + 1 }

    public func evaluate(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>,
                         tape: UnsafeMutablePointer<Double>) {
        tape[0] = t
        for i in 0..<stateSize { tape[i + 1] = y[i] }
        evaluate(t: t, y: y, dy: dy)
    }

    public func vjp(tape: UnsafePointer<Double>, v: UnsafePointer<Double>,
                    vy: UnsafeMutablePointer<Double>, vtheta: UnsafeMutablePointer<Double>) {
        vjp(t: tape[0], y: tape + 1, v: v, vy: vy, vtheta: vtheta)
    }

    /// Adds the parameter part at once.
    public func vjpDeferred(tape: UnsafePointer<Double>, v: UnsafePointer<Double>,
                            vy: UnsafeMutablePointer<Double>, vtheta: UnsafeMutablePointer<Double>) {
        vjp(tape: tape, v: v, vy: vy, vtheta: vtheta)
    }

    public func flushParameterCotangents() {}
}

extension MLPField: ParametricField {
    /// A field with the same network, parameters, capacity and current batch size.
    public func copy() -> MLPField {
        let field = MLPField(mlp, batchSize: capacity)
        field.batchSize = batchSize
        return field
    }
}
