import Foundation

/// The loss of a read-out value o against a target y, averaged over the points.
public enum ClassificationLoss: String, CaseIterable, Sendable, Codable {
    /// (o − y)², for targets ±1 or any real target (the crossing task's regression).
    case mse
    /// log(1 + e^(−y·o)), the logistic loss for labels ±1.
    case logistic

    /// Parses a name as typed on the command line (case-insensitive).
    public init?(name: String) {
        self.init(rawValue: name.lowercased())
    }

    /// The loss of one point.
    public func value(output o: Double, label y: Double) -> Double {
        switch self {
        case .mse:
            return (o - y) * (o - y)
        case .logistic:
            let m = -y * o
            // log(1 + eᵐ) without overflow.
            return m > 0 ? m + log1p(exp(-m)) : log1p(exp(m))
        }
    }

    /// ∂(loss of one point)/∂o.
    public func derivative(output o: Double, label y: Double) -> Double {
        switch self {
        case .mse:
            return 2 * (o - y)
        case .logistic:
            let m = -y * o
            // −y·σ(m), σ evaluated on the stable side.
            let sigma = m > 0 ? 1 / (1 + exp(-m)) : exp(m) / (1 + exp(m))
            return -y * sigma
        }
    }
}
