import Foundation
import NeuralODE

/// `ode-train` for a latent ODE (`--latent N` or `--preset latent-spirals`): data, model, training,
/// then the log, the model file (flowscope.latent.v1) and a summary line.
struct LatentTrainingRun {
    let command: TrainCommand

    func execute() throws {
        let options = command.latent
        let seed = command.seed.seed
        let isPreset = command.preset?.isLatent == true
        if command.preset != nil, !isPreset {
            throw ProgramError.badInput("--preset \(command.preset?.defaultValueDescription ?? "") trains a neural ODE; the latent options need --preset latent-spirals or --data")
        }
        if command.dataOptions.systemOptions.isGiven {
            throw ProgramError.badInput("a latent ODE trains on --data FILE.csv or --preset latent-spirals, not on --system")
        }
        if command.network.initial != nil || command.network.timeInput || command.network.augment != nil {
            throw ProgramError.badInput("--init, --time-input and --augment are for neural ODEs, not latent ones")
        }
        let modelOut = try OutputDestination(path: command.output, allowedExtensions: ["json"])
        guard modelOut != .standardOutput else { throw ProgramError.badInput("-o needs a file name ending in .json") }
        let logOut = try command.log.map { try OutputDestination(path: $0, allowedExtensions: ["csv"]) }
        let dataOut = try command.saveData.map { try OutputDestination(path: $0, allowedExtensions: ["csv"]) }
        let heldOutOut = try options.saveHeldOut.map { try OutputDestination(path: $0, allowedExtensions: ["csv"]) }

        var sequences: [TrajectoryDataset.Trajectory]
        var names = ["x", "y"]
        var heldOut: LatentHeldOut?
        if let path = command.dataOptions.data {
            let data = try TrainingPlan.loadData(path, option: "--data")
            sequences = data.trajectories
            names = data.componentNames
        } else if isPreset {
            let keep = try options.keepRange()
            sequences = LatentSpiralsPreset.task(seed: seed, spirals: options.spirals ?? LatentSpiralsPreset.spirals, keep: keep)
                .generate().map(\.sequence)
            let heldOutTask = LatentSpiralsPreset.heldOutTask(seed: seed, keep: keep)
            heldOut = LatentHeldOut(task: heldOutTask, spirals: heldOutTask.generate(),
                                    extrapolationPoints: LatentSpiralsPreset.extrapolationPoints)
        } else {
            throw ProgramError.badInput("a latent ODE needs --data FILE.csv or --preset latent-spirals")
        }
        if heldOutOut != nil, heldOut == nil {
            throw ProgramError.badInput("--save-heldout needs --preset latent-spirals (a --data file has no held-out truth)")
        }
        for sequence in sequences where sequence.times.count < 2 {
            throw ProgramError.badInput("--data: trajectory \(sequence.label) has 1 observation; a latent ODE needs at least 2 per trajectory")
        }
        let model = LatentModel(observationSize: names.count, latentSize: options.latent ?? LatentSpiralsPreset.latentSize,
                                encoder: options.encoder ?? .gru, encoderHidden: options.encoderHidden ?? 25,
                                fieldHidden: command.network.hidden ?? [20, 20],
                                fieldActivation: command.network.activation ?? .elu,
                                decoderHidden: options.decoderHidden ?? 20, seed: seed)
        var solver = GradientSettings(method: .dopri5, controller: .tolerances(rtol: LatentSpiralsPreset.rtol,
                                                                               atol: LatentSpiralsPreset.atol))
        let s = command.solver
        if s.method != nil || s.dt != nil || s.rtol != nil || s.atol != nil || s.maxSteps != nil {
            let settings = try SolverSettings(s)
            solver.method = settings.method
            solver.controller = settings.controller
        }
        let iterations = command.recipe.epochs ?? LatentSpiralsPreset.iterations
        let configuration = LatentTrainingConfiguration(
            iterations: iterations, learningRate: command.recipe.lr ?? LatentSpiralsPreset.learningRate,
            noiseStandardDeviation: options.observationNoise ?? 0.3,
            batchSize: command.recipe.batchSize ?? (isPreset ? LatentSpiralsPreset.batchSize : nil),
            solver: solver, seed: seed &+ TrainingPreset.samplerSeedOffset,
            heldOutEvery: heldOut == nil ? 0 : (command.recipe.evalEvery ?? 25), threads: command.recipe.threads)
        let trainer: LatentTrainer
        do {
            trainer = try LatentTrainer(model: model, sequences: sequences, heldOut: heldOut, configuration: configuration)
        } catch {
            throw ProgramError.badInput(error.description)
        }
        if let dataOut {
            try dataOut.write(TrajectoryDataset(componentNames: names, trajectories: sequences).csvText())
        }
        if let heldOutOut, let heldOut { try heldOutOut.write(heldOut.csvText(componentNames: names)) }
        let progress = command.quiet ? nil : ProgressReporter(label: "ode-train", total: iterations)
        HeapTuning.keepFreedMemory()
        let outcome: LatentTrainingOutcome
        do {
            outcome = try trainer.run { record in
                progress?.update(record.iteration, note: "-ELBO \(TrainingRun.format(record.loss))")
            }
        } catch {
            throw ProgramError.badInput(error.description)
        }
        progress?.finish(done: outcome.log.count, note: outcome.log.last.map { "-ELBO \(TrainingRun.format($0.loss))" } ?? "")
        if let logOut { try logOut.write(LatentIterationRecord.csv(outcome.log)) }
        if let failure = outcome.failure {
            throw ProgramError.failure("\(failure) (model not written\(logOut == nil ? "" : "; log kept up to that step"))")
        }
        try modelOut.write(LatentModelFile.text(of: outcome.model))
        var parts = ["final -ELBO \(TrainingRun.format(outcome.log.last?.loss ?? .nan)) per trajectory"]
        if let last = outcome.log.last, let r = last.reconstructionError, let e = last.extrapolationError {
            parts.append("held-out reconstruction MSE \(TrainingRun.format(r)), extrapolation MSE \(TrainingRun.format(e))")
        }
        parts.append("\(outcome.log.count) steps")
        parts.append(String(format: "%.2f s", outcome.log.last?.seconds ?? 0))
        if case .file(let path) = modelOut { parts.append("wrote \(path)") }
        StandardStreams.writeOutput("ode-train: " + parts.joined(separator: ", ") + "\n")
    }
}
