import Foundation
import NeuralODE

/// Solved states at output times, ready to print as CSV, with the solve's statistics.
public struct Trajectory: Sendable {
    /// CSV column names after `t`.
    public var componentNames: [String]
    /// Output times.
    public var times: [Double]
    /// Flat states, `stride` doubles each; the first `componentNames.count` of each are printed.
    public var states: [Double]
    /// Doubles per stored state (larger than the printed components for augmented models).
    public var stride: Int
    /// Counts and step history.
    public let statistics: SolveStatistics
    /// Why the solve stopped early, or nil.
    public var failure: SolveFailure?
    /// The solver's last state (where it stopped on failure), empty when not recorded.
    public var lastState: [Double] = []
    /// The one-line failure message, or nil when the solve succeeded.
    public var failureMessage: String? { failure?.description }

    /// The CSV text: header `t,<components>`, then one row per time, numbers in shortest round-trip form.
    public func csv() -> String {
        var text = "t," + componentNames.joined(separator: ",") + "\n"
        let count = componentNames.count
        for (i, t) in times.enumerated() {
            text += "\(t)"
            for j in 0..<count {
                text += ",\(states[i * stride + j])"
            }
            text += "\n"
        }
        return text
    }

    /// The statistics as one line of JSON (snake_case keys; step sizes signed, in order).
    public func statisticsJSON(method: SolverMethod) throws -> String {
        let sizes = statistics.acceptedStepSizes.map(abs)
        let summary = StatisticsLine(
            method: method.name,
            functionEvaluations: statistics.functionEvaluations,
            jacobianEvaluations: statistics.jacobianEvaluations,
            luDecompositions: statistics.luDecompositions,
            acceptedSteps: statistics.acceptedSteps,
            rejectedSteps: statistics.rejectedSteps,
            smallestStep: sizes.min(),
            largestStep: sizes.max(),
            stepSizes: statistics.acceptedStepSizes,
            failure: failure?.description)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(summary), as: UTF8.self)
    }

    private struct StatisticsLine: Encodable {
        let method: String
        let functionEvaluations: Int
        let jacobianEvaluations: Int
        let luDecompositions: Int
        let acceptedSteps: Int
        let rejectedSteps: Int
        let smallestStep: Double?
        let largestStep: Double?
        let stepSizes: [Double]
        let failure: String?

        enum CodingKeys: String, CodingKey {
            case method, failure
            case functionEvaluations = "function_evaluations"
            case jacobianEvaluations = "jacobian_evaluations"
            case luDecompositions = "lu_decompositions"
            case acceptedSteps = "accepted_steps"
            case rejectedSteps = "rejected_steps"
            case smallestStep = "smallest_step"
            case largestStep = "largest_step"
            case stepSizes = "step_sizes"
        }
    }
}
