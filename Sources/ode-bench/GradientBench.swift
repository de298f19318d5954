import Foundation
import NeuralODE

/// Times one gradient of the mini-project configuration, for the grad section.
///
/// Network 2→32→32→2 tanh (seeded PyTorch-style initialisation unless a network is given), batch
/// of 5 Van der Pol (μ = 1) trajectories observed at 101 times on [0, 10], MSE loss. Configurations:
/// rk4 dt 0.05 backprop; dopri5 rtol 1e-6 atol 1e-8 backprop; the same with the adjoint.
enum GradientBench {
    /// The timing of one configuration.
    struct Result: Sendable, CustomStringConvertible {
        /// Short name of the configuration.
        let configuration: String
        /// Median seconds per gradient (forward and backward pass).
        let seconds: Double
        /// Fastest seconds per gradient.
        let bestSeconds: Double
        /// The last run's result (loss, statistics, tape size).
        let gradient: GradientResult

        var description: String {
            let ms = { (x: Double) in String(format: "%.3f ms", x * 1e3) }
            return "\(configuration): \(ms(seconds)) per gradient (best \(ms(bestSeconds))); forward "
                + "\(gradient.forward.functionEvaluations) evaluations, \(gradient.forward.acceptedSteps) steps, "
                + "\(gradient.forward.rejectedSteps) rejected; backward \(gradient.backward.functionEvaluations) "
                + "evaluations, \(gradient.backward.acceptedSteps) steps; tape \(gradient.tapeBytes) bytes"
        }
    }

    /// The mini-project batch: 5 Van der Pol trajectories from fixed initial states, 101 times on [0, 10].
    static func miniProjectBatch() throws -> ObservationBatch {
        let initial: [Double] = [2, 0, -1.5, 1, 0.5, -2, 1, 1.5, -0.5, -0.5]
        let truth = try SystemRegistry.field(named: "van-der-pol", batch: 5)
        let solution = try ODESolve.solve(ODEProblem(field: truth, t0: 0, t1: 10, y0: initial), method: .dopri5,
                                          controller: .tolerances(rtol: 1e-10, atol: 1e-12), saveAt: .points(101))
        return try ObservationBatch(t0: 0, times: solution.times, initialStates: initial, targets: solution.states,
                                    trajectoryCount: 5, stateDimension: 2)
    }

    /// Runs each configuration `repeats` times (after two untimed runs) on `mlp` or a seeded network.
    static func run(mlp: MLP? = nil, repeats: Int = 50) throws -> [Result] {
        let network = mlp ?? MLP(stateDim: 2, hidden: [32, 32], activation: .tanh, seed: 0)
        let batch = try miniProjectBatch()
        let engine = GradientEngine(field: MLPField(network, batchSize: 5))
        let adaptive = StepSizeController.tolerances(rtol: 1e-6, atol: 1e-8)
        let configurations: [(String, GradientMethod, GradientSettings)] = [
            ("rk4 dt 0.05 backprop", .backprop, GradientSettings(method: .rk4, controller: .fixed(dt: 0.05))),
            ("dopri5 rtol 1e-6 atol 1e-8 backprop", .backprop, GradientSettings(method: .dopri5, controller: adaptive)),
            ("dopri5 rtol 1e-6 atol 1e-8 adjoint", .adjoint, GradientSettings(method: .dopri5, controller: adaptive)),
        ]
        var results: [Result] = []
        let clock = ContinuousClock()
        for (name, method, settings) in configurations {
            var last = try engine.gradient(batch, method: method, settings: settings)
            last = try engine.gradient(batch, method: method, settings: settings)
            var samples: [Double] = []
            for _ in 0..<max(repeats, 1) {
                var failure: GradientConfigurationError?
                let elapsed = clock.measure {
                    do throws(GradientConfigurationError) {
                        last = try engine.gradient(batch, method: method, settings: settings)
                    } catch { failure = error }
                }
                if let failure { throw failure }
                samples.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
            }
            samples.sort()
            results.append(Result(configuration: name, seconds: samples[samples.count / 2], bestSeconds: samples[0],
                                  gradient: last))
        }
        return results
    }
}
