import Foundation
import NeuralODE

/// Exact solutions of the registry systems that have a simple one, for error references.
public enum ClosedForm {
    /// y(t1) from y(t0) = `initialState`, or nil when the system has no closed form here.
    ///
    /// exp-decay: y(t) = y0·e^{−k(t − t0)}.
    public static func solution(of system: SystemField, from initialState: [Double], t0: Double, t1: Double) -> [Double]? {
        switch system.spec.name {
        case "exp-decay":
            guard let k = system.parameter("k") else { return nil }
            return initialState.map { $0 * exp(-k * (t1 - t0)) }
        default:
            return nil
        }
    }
}
