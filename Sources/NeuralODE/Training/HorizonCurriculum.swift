import Foundation

/// A training horizon that lengthens over epochs (Exercise 3.1.10):
/// T(epoch) = start + (end − start)·min(1, epoch/rampEpochs).
///
/// The course's schedule T = 0.5 + 1.5·min(1, epoch/60) is `HorizonCurriculum(start: 0.5, end: 2,
/// rampEpochs: 60)`. A constant horizon has `start == end` (`rampEpochs` is then irrelevant).
/// Horizons are durations in the data's time units, measured from each sample's first time.
public struct HorizonCurriculum: Sendable, Equatable {
    /// Horizon at epoch 0.
    public var start: Double
    /// Horizon from `rampEpochs` on.
    public var end: Double
    /// Epochs over which the horizon grows linearly (0: `end` from the first epoch).
    public var rampEpochs: Int

    /// A linear ramp from `start` to `end` over `rampEpochs` epochs.
    public init(start: Double, end: Double, rampEpochs: Int) {
        self.start = start
        self.end = end
        self.rampEpochs = rampEpochs
    }

    /// The same horizon every epoch.
    public static func constant(_ horizon: Double) -> HorizonCurriculum {
        HorizonCurriculum(start: horizon, end: horizon, rampEpochs: 0)
    }

    /// Exercise 3.1.10's schedule: 0.5 growing to 2 over 60 epochs.
    public static let exercise3_1_10 = HorizonCurriculum(start: 0.5, end: 2, rampEpochs: 60)

    /// The horizon at `epoch` (0-based).
    public func horizon(epoch: Int) -> Double {
        guard rampEpochs > 0 else { return end }
        let fraction = min(1, Double(max(epoch, 0)) / Double(rampEpochs))
        return start + (end - start) * fraction
    }

    /// Parses `START:END:RAMP` (for example `0.5:2:60`) or a single number for a constant horizon.
    public init?(text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        if parts.count == 1, let value = Double(parts[0]), value > 0, value.isFinite {
            self = .constant(value)
            return
        }
        guard parts.count == 3, let start = Double(parts[0]), let end = Double(parts[1]),
              let ramp = Int(parts[2]), start > 0, end > 0, start.isFinite, end.isFinite, ramp >= 0 else {
            return nil
        }
        self.init(start: start, end: end, rampEpochs: ramp)
    }

    /// The form `init(text:)` reads.
    public var text: String { "\(start):\(end):\(rampEpochs)" }
}
