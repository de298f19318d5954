import Foundation

/// What a latent model predicts for one sequence: decoded observations (and latent states) at the
/// requested times, from z0 = the posterior mean of the encoded sequence.
public struct LatentPrediction: Sendable, Equatable {
    /// The requested times, increasing (absolute, in the sequence's clock).
    public var times: [Double]
    /// Decoded observations, times.count × observation size.
    public var observations: [Double]
    /// Latent states, times.count × latent size.
    public var latent: [Double]
    /// Posterior mean and log-variance of z0.
    public var mean: [Double]
    public var logVariance: [Double]
}

/// Why a latent prediction could not be made.
public enum LatentPredictionError: Error, CustomStringConvertible, Equatable {
    case invalid(String)
    case solveFailed(String)

    public var description: String {
        switch self {
        case .invalid(let reason): reason
        case .solveFailed(let reason): "the latent solve failed: \(reason)"
        }
    }
}

/// Encodes an observed prefix, solves the latent ODE forward and backward from its first
/// observation's time, and decodes: reconstruction, extrapolation and the past before the data.
public struct LatentPredictor: Sendable {
    public var model: LatentModel
    public var method: SolverMethod
    public var controller: StepSizeController

    public init(model: LatentModel, method: SolverMethod = .dopri5,
                controller: StepSizeController = .tolerances(rtol: 1e-7, atol: 1e-9)) {
        self.model = model
        self.method = method
        self.controller = controller
    }

    /// The posterior mean and log-variance of z0 for `sequence` (at least one observation).
    public func encode(_ sequence: TrajectoryDataset.Trajectory) -> (mean: [Double], logVariance: [Double]) {
        let encoder = model.encoder, latent = model.latentSize
        var trace = [Double](repeating: 0, count: encoder.traceSize(observations: sequence.times.count))
        var output = [Double](repeating: 0, count: 2 * latent)
        encoder.parameters.withUnsafeBufferPointer { theta in
            let transposed = encoder.transposedCells(theta: theta.baseAddress!)
            transposed.withUnsafeBufferPointer { wT in
                sequence.times.withUnsafeBufferPointer { times in
                    sequence.values.withUnsafeBufferPointer { values in
                        trace.withUnsafeMutableBufferPointer { trace in
                            output.withUnsafeMutableBufferPointer { out in
                                encoder.encode(theta: theta.baseAddress!, transposed: wT.baseAddress!,
                                               times: times.baseAddress!, values: values.baseAddress!,
                                               count: sequence.times.count, trace: trace.baseAddress!,
                                               output: out.baseAddress!)
                            }
                        }
                    }
                }
            }
        }
        return (Array(output[0..<latent]), Array(output[latent...]))
    }

    /// Decoded observations at `times` (increasing; before, inside or after the sequence) for the
    /// sequence's posterior mean z0, placed at its first observation's time.
    public func predict(_ sequence: TrajectoryDataset.Trajectory, times: [Double]) throws(LatentPredictionError) -> LatentPrediction {
        guard sequence.times.count >= 1, sequence.values.count == sequence.times.count * model.observationSize else {
            throw .invalid("the sequence needs observations of \(model.observationSize) components")
        }
        guard !times.isEmpty, times.allSatisfy(\.isFinite) else { throw .invalid("prediction times must be finite and not empty") }
        for j in 1..<times.count where !(times[j] > times[j - 1]) {
            throw .invalid("prediction times must increase strictly (\(times[j - 1]) then \(times[j]))")
        }
        let (mean, logVariance) = encode(sequence)
        let t0 = sequence.times[0], latent = model.latentSize
        let past = times.filter { $0 < t0 }, future = times.filter { $0 >= t0 }
        let backward = try path(from: mean, t0: t0, to: Array(past.reversed()))
        let forward = try path(from: mean, t0: t0, to: future)
        var z: [Double] = []
        for j in stride(from: past.count - 1, through: 0, by: -1) { z += backward[(j * latent)..<((j + 1) * latent)] }
        z += forward
        let decoder = model.decoder
        var trace = [Double](repeating: 0, count: decoder.traceSize(count: times.count))
        decoder.parameters.withUnsafeBufferPointer { theta in
            z.withUnsafeBufferPointer { input in
                trace.withUnsafeMutableBufferPointer { trace in
                    decoder.forward(theta: theta.baseAddress!, input: input.baseAddress!, count: times.count,
                                    trace: trace.baseAddress!)
                }
            }
        }
        let offset = decoder.outputOffset(count: times.count)
        return LatentPrediction(times: times, observations: Array(trace[offset...]), latent: z,
                                mean: mean, logVariance: logVariance)
    }

    /// Latent states at `times` (ordered away from t0, all on one side), solved from z0 at t0.
    private func path(from z0: [Double], t0: Double, to times: [Double]) throws(LatentPredictionError) -> [Double] {
        guard let end = times.last else { return [] }
        if end == t0 { return z0 }
        let problem = ODEProblem(field: MLPField(model.field), t0: t0, t1: end, y0: z0)
        let solution: ODESolution
        do {
            solution = try ODESolve.solve(problem, method: method, controller: controller, saveAt: .times(times))
        } catch {
            throw .invalid(error.description)
        }
        if let failure = solution.failure { throw .solveFailed("\(failure)") }
        return solution.states
    }
}
