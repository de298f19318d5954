import Foundation
import NeuralODE

/// Runs a resolved `TrainingPlan`: progress while training, then the log, the model and a summary line.
struct TrainingRun {
    let plan: TrainingPlan
    let quiet: Bool

    func execute() throws {
        let trainer: Trainer
        do {
            trainer = try Trainer(network: plan.network, data: plan.data, heldOut: plan.heldOut,
                                  configuration: plan.configuration)
        } catch {
            throw ProgramError.badInput(error.description)
        }
        if let savedData = plan.savedData {
            try savedData.write(plan.observedData.csvText())
        }
        let epochs = plan.configuration.epochs
        let progress = quiet ? nil : ProgressReporter(label: "ode-train", total: epochs)
        let outcome: TrainingOutcome
        var kept: [TrainingSnapshot] = []
        var model = plan.network
        do {
            outcome = try trainer.run { record in
                progress?.update(record.epoch + 1, note: Self.note(record, epochs: epochs, threads: trainer.threads))
                if let every = plan.snapshots?.every, record.epoch % every == 0 || record.epoch == epochs - 1, record.loss.isFinite {
                    model.parameters = trainer.parameters
                    kept.append(TrainingSnapshot(epoch: record.epoch, loss: record.loss, model: plan.scaling.map { $0.fold(model) } ?? model))
                }
            }
        } catch {
            throw ProgramError.badInput(error.description)
        }
        if let last = outcome.log.last {
            if outcome.failure != nil {
                progress?.finish(done: last.epoch + 1, note: "loss \(Self.format(last.loss))  stopped at epoch \(last.epoch)")
            } else {
                progress?.finish(note: Self.note(last, epochs: epochs, threads: trainer.threads))
            }
        }
        // The log first: it is kept even when training failed.
        if let log = plan.log {
            try log.write(EpochRecord.csv(outcome.log))
        }
        if let failure = outcome.failure {
            let cap = plan.stepCap.map { "; \($0.reason)" } ?? ""
            throw ProgramError.failure("\(failure.description) (model not written\(plan.log == nil ? "" : "; log kept up to that epoch")\(cap))")
        }
        try plan.model.write(ModelFile.text(of: plan.scaling.map { $0.fold(outcome.model) } ?? outcome.model))
        if let file = plan.snapshots?.file {
            // The last epoch run (early stopping may end before --epochs) is kept too.
            if let last = outcome.log.last, kept.last?.epoch != last.epoch, last.loss.isFinite {
                model.parameters = trainer.parameters
                kept.append(TrainingSnapshot(epoch: last.epoch, loss: last.loss, model: plan.scaling.map { $0.fold(model) } ?? model))
            }
            try file.write(SnapshotFile.text(of: kept))
        }
        StandardStreams.writeOutput(summary(outcome) + "\n")
    }

    /// The final line: final loss, held-out MSE, epochs, time, and where the model went.
    private func summary(_ outcome: TrainingOutcome) -> String {
        let units = plan.scaling == nil ? "" : ", standardised units"
        var parts = ["final loss \(Self.format(outcome.finalLoss ?? .nan)) (MSE over every row\(units))"]
        if let heldOut = outcome.heldOutError {
            parts.append("held-out MSE \(Self.format(heldOut))")
        }
        var epochs = "\(outcome.log.count) epochs"
        if outcome.stoppedEarly { epochs += " (stopped early)" }
        if let best = outcome.bestEpoch { epochs += ", best epoch \(best)" }
        parts.append(epochs)
        parts.append(String(format: "%.2f s", outcome.seconds))
        if case .file(let path) = plan.model { parts.append("wrote \(path)") }
        return "ode-train: " + parts.joined(separator: ", ")
    }

    /// The progress note: loss, rate (epochs per second on how many threads) and time left (no
    /// estimate once the loss is not finite).
    static func note(_ record: EpochRecord, epochs: Int, threads: Int = 1) -> String {
        guard record.loss.isFinite else { return "loss \(format(record.loss))  diverged" }
        let done = record.epoch + 1
        let rate = record.seconds > 0 ? Double(done) / record.seconds : 0
        let left = rate > 0 ? Double(epochs - done) / rate : 0
        var note = "loss \(format(record.loss))"
        if let heldOut = record.heldOutError { note += "  held-out \(format(heldOut))" }
        note += String(format: rate < 10 ? "  %.2f epochs/s" : "  %.0f epochs/s", rate)
        note += " on \(threads) thread\(threads == 1 ? "" : "s")" + String(format: "  %.0f s left", left)
        return note
    }

    static func format(_ value: Double) -> String {
        value.isFinite ? String(format: "%.4g", value) : "\(value)"
    }
}
