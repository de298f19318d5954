import Foundation

/// The learning rate as a function of the epoch (0-based), from a base rate η₀.
public enum LearningRateSchedule: Sendable, Equatable {
    /// η₀ every epoch.
    case constant
    /// η₀·factorᵏ with k = ⌊epoch / every⌋: multiplied by `factor` every `every` epochs.
    case step(factor: Double, every: Int)
    /// Cosine annealing from η₀ at epoch 0 to `floor` at the last epoch:
    /// floor + (η₀ − floor)·(1 + cos(π·epoch/(epochs − 1)))/2.
    case cosine(floor: Double)

    /// The learning rate at `epoch` of a run of `epochs` epochs starting from `base`.
    public func rate(base: Double, epoch: Int, epochs: Int) -> Double {
        switch self {
        case .constant:
            return base
        case .step(let factor, let every):
            return base * pow(factor, Double(epoch / max(every, 1)))
        case .cosine(let floor):
            guard epochs > 1 else { return base }
            let progress = Double(min(max(epoch, 0), epochs - 1)) / Double(epochs - 1)
            return floor + (base - floor) * (1 + cos(Double.pi * progress)) / 2
        }
    }

    /// Parses `constant`, `step:FACTOR:EVERY` or `cosine[:FLOOR]` (floor 0 when left out).
    public init?(text: String) {
        let parts = text.lowercased().split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        switch parts.first {
        case "constant" where parts.count == 1:
            self = .constant
        case "step" where parts.count == 3:
            guard let factor = Double(parts[1]), factor > 0, factor.isFinite,
                  let every = Int(parts[2]), every >= 1 else { return nil }
            self = .step(factor: factor, every: every)
        case "cosine" where parts.count <= 2:
            let floor = parts.count == 2 ? Double(parts[1]) : 0
            guard let floor, floor >= 0, floor.isFinite else { return nil }
            self = .cosine(floor: floor)
        default:
            return nil
        }
    }

    /// The form `init(text:)` reads.
    public var text: String {
        switch self {
        case .constant: "constant"
        case .step(let factor, let every): "step:\(factor):\(every)"
        case .cosine(let floor): "cosine:\(floor)"
        }
    }
}
