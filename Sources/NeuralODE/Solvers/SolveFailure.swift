/// Why a solve stopped before t1; the solution up to that point is kept.
public enum SolveFailure: Error, CustomStringConvertible, Equatable, Sendable, Codable {
    /// The controller asked for a step smaller than the minimum (or than 10 ulp of t).
    case stepSizeUnderflow(t: Double, h: Double)
    /// The limit on attempted steps was reached.
    case tooManySteps(t: Double, maxSteps: Int)
    /// The state stopped being finite during the step that started at t.
    case nonFiniteState(t: Double)
    /// The state stopped being finite at t, with the component to blame and how it was found
    /// ("the derivative of v is NaN at t = 3.2"); a text system's solve names it.
    case nonFiniteComponent(t: Double, component: String, detail: String)
    /// A state component is beyond the system's bound (an `.ode` file's `@ bound`) at output time t.
    case beyondBound(t: Double, component: String, value: Double, bound: Double)

    /// Time where the solve stopped.
    public var time: Double {
        switch self {
        case .stepSizeUnderflow(let t, _), .tooManySteps(let t, _), .nonFiniteState(let t),
             .nonFiniteComponent(let t, _, _), .beyondBound(let t, _, _, _): t
        }
    }

    public var description: String {
        switch self {
        case .stepSizeUnderflow(let t, let h):
            "step size underflow at t = \(t) (step \(h)); the problem may be stiff or blow up here"
        case .tooManySteps(let t, let maxSteps):
            "too many steps: reached \(maxSteps) at t = \(t)"
        case .nonFiniteState(let t):
            "state became non-finite (NaN or infinity) at t = \(t)"
        case .nonFiniteComponent(let t, _, let detail):
            "state became non-finite (NaN or infinity) at t = \(t); \(detail)"
        case .beyondBound(let t, let component, let value, let bound):
            "state \(component) = \(value) at t = \(t) is beyond the file's @ bound=\(bound)"
        }
    }
}
