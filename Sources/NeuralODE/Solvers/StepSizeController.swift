/// How the step size is chosen: a constant step on a grid, or the PI controller on an error estimate.
public enum StepSizeController: Sendable {
    /// Steps on the grid t0 + k·dt, the last one shortened to land on t1; no error control.
    case constant(ConstantStepSize)
    /// Adaptive steps chosen by a proportional-integral controller.
    case adaptive(PIController)

    /// A constant step of magnitude `dt` (the direction follows t0 → t1).
    public static func fixed(dt: Double) -> StepSizeController { .constant(ConstantStepSize(dt: dt)) }

    /// The PI controller with the given tolerances and otherwise default settings.
    public static func tolerances(rtol: Double, atol: Double) -> StepSizeController {
        .adaptive(PIController(rtol: rtol, atol: atol))
    }
}

/// A constant step size.
public struct ConstantStepSize: Sendable, Equatable {
    /// Step magnitude, positive.
    public var dt: Double
    /// Largest number of steps before the solve fails with `tooManySteps`.
    public var maxSteps: Int

    /// Makes a constant step of magnitude `dt`.
    public init(dt: Double, maxSteps: Int = 50_000_000) {
        self.dt = dt
        self.maxSteps = maxSteps
    }
}
