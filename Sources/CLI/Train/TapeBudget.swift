import InputSafety
import NeuralODE

/// Bounds the memory of a training's backprop tape by the memory budget, before training starts.
///
/// Backpropagation records every stage of every accepted step for the whole minibatch, so a
/// diverging adaptive training that takes the step cap (a million by default) can tape gigabytes.
/// Constant steps are counted in advance and refused (exit 2, naming --dt) when their tape is over
/// the budget; adaptive solves get their step cap lowered to what fits, and a training that hits
/// it fails cleanly (exit 3) with the cap in the message.
///
/// Without `--max-steps`, an adaptive training solve is also capped at `trainingStepCap` steps: a
/// model whose weights blew up (a learning rate far too large) makes the solver shrink its steps
/// without end, and a healthy solve over training data takes far fewer steps, so the run stops
/// early instead of taping up to the budget.
enum TapeBudget {
    /// The step cap of an adaptive training solve when `--max-steps` is not given.
    static let trainingStepCap = 100_000

    /// A lowered step cap and what lowered it, for the failure message.
    struct StepCap: Equatable {
        let steps: Int
        /// "the memory budget caps each solve's backprop tape at N steps" or the default cap's sentence.
        let reason: String
    }

    /// Doubles taped per step beyond the stage evaluations: the state, the step and its bookkeeping.
    private static let stepOverhead = 4
    /// The most stages of the explicit methods training accepts (dopri5, tsit5).
    private static let stages = 7

    /// Applies the budget to `configuration`; returns the lowered step cap, or nil when it was not lowered.
    ///
    /// `stepCapGiven` is true when the command line set `--max-steps` (then only the budget lowers it).
    static func apply(to configuration: inout TrainingConfiguration, network: MLP, data: TrajectoryDataset,
                      stepCapGiven: Bool) throws -> StepCap? {
        let budget = try MemoryCheck.budget()
        let times = data.trajectories.map(\.times)
        let rows = Trainer.largestBatch(times: times, configuration: configuration)
        let tapeDoubles = MLPField(network, batchSize: 1).tapeSize
        // Swift arrays grow by doubling, so a tape may briefly hold twice what it records.
        let perStep = MemoryCheck.values(rows, 8) * (stages * tapeDoubles + stepOverhead * network.odeDimension) * 2
        switch configuration.solver.controller {
        case .constant(let constant):
            let span = times.map { abs($0[$0.count - 1] - $0[0]) }.max() ?? 0
            let steps = span / constant.dt
            let estimate = steps < 1e15 ? perStep * (Int(steps.rounded(.up)) + 1) : MemoryBudget.Estimate(Int.max)
            do { try budget.check(estimate, for: "--dt \(constant.dt) (the backprop tape of \(rows) rows)") } catch {
                throw ProgramError.badInput(error.message)
            }
            return nil
        case .adaptive(var pi):
            let cap = perStep.bytes == 0 ? Int.max : budget.bytes / perStep.bytes
            guard cap >= 100 else {
                throw ProgramError.badInput("one step of the backprop tape needs about \(perStep.text) for \(rows) rows; "
                    + "the memory budget of \(ByteCount.text(budget.bytes)) allows only \(cap) steps (\(budget.source))")
            }
            var lowered: StepCap?
            if !stepCapGiven, trainingStepCap < pi.maxSteps, trainingStepCap <= cap {
                lowered = StepCap(steps: trainingStepCap, reason: "ode-train caps each adaptive solve at \(trainingStepCap) "
                                  + "steps unless --max-steps is given")
            } else if cap < pi.maxSteps {
                lowered = StepCap(steps: cap, reason: "the memory budget caps each solve's backprop tape at \(cap) steps")
            }
            guard let lowered else { return nil }
            pi.maxSteps = lowered.steps
            configuration.solver.controller = .adaptive(pi)
            return lowered
        }
    }
}
