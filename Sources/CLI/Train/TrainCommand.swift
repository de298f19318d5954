import ArgumentParser
import Foundation
import NeuralODE

/// `ode-train`: train a neural ODE on a named system's simulated data or on a CSV file.
public struct TrainCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ode-train",
        abstract: "Train a neural ODE on simulated data of a named system or on a CSV data file.",
        discussion: """
        Data: --system NAME with --ics (initial states, ';' between states), --t1, --points and \
        --noise (Gaussian, every row but each trajectory's first); or --data FILE.csv (header \
        [trajectory,]t,<components>). A preset fills in data, network and recipe; any option \
        given on the command line overrides it.

        Without a preset training is plain: full batch, constant learning rate, whole \
        trajectories, loss = mean of (prediction - data)^2 over every row (first rows included), \
        so a run compares epoch by epoch with torchdiffeq's `mean((odeint(f, y0, t) - data)**2)`.

        Time sampling: --window W trains on random windows of W time units, each started from the \
        observed state at its first row; --curriculum START:END:RAMP grows the horizon from START \
        to END over RAMP epochs from each trajectory's start (Exercise 3.1.10 is 0.5:2:60); add \
        --random-starts to grow random windows instead.

        Presets: \(TrainingPreset.all.map { "\($0.name) (\($0.summary))" }.joined(separator: "; ")); \
        latent-spirals (the latent ODE spiral task of Chen et al. 2018, generated from --seed).

        Latent ODE (--latent N or --preset latent-spirals): a recurrent encoder (--encoder gru|rnn) \
        over each trajectory's (observation, time gap) pairs from the last to the first gives q(z0); \
        an MLP field (--hidden, --activation; default 20,20 elu) evolves z from the first \
        observation's time; a decoder maps z to observations. Loss: -ELBO with a Gaussian \
        likelihood (--obs-noise) and KL to N(0, I), averaged over trajectories; Adam; --epochs \
        counts optimiser steps; each trajectory keeps its own times. The model file is \
        flowscope.latent.v1; the log has one row per step: \(LatentIterationRecord.csvHeader).

        The log (--log) has one row per epoch: \(EpochRecord.csvHeader). It is written at the \
        end, and also when training fails (up to the failing epoch). The model file is written \
        only when training succeeds.

        --snapshots K keeps the model after epoch 0 and every K epochs after it, and the final \
        one, in one file (--snapshots-file, default the model's name with .snapshots.json): \
        format flowscope.snapshots.v1, {"format", "snapshots": [{"epoch", "loss", "model": a \
        flowscope.mlp.v1 object}, ...]} with epochs increasing; ode-plot training --model FILE \
        animates them. It is written when training succeeds, like the model (not for --latent).

        Steps: without --max-steps an adaptive solve stops after \(TapeBudget.trainingStepCap) \
        steps (a diverging model shrinks its steps without end; a healthy solve over training \
        data takes far fewer), and the backprop tape of a solve is kept within the memory budget \
        (--memory-budget): either ends the training with exit 3 and says which cap it hit.

        Examples:
          ode-train --preset mini-project -o vdp.json --log vdp-log.csv
          ode-train --preset code-lab --lr 0.01 -o lab.json --log lab-log.csv
          ode-train --system damped-oscillator --ics "1,0;0,1" --t1 4 --points 50 \\
              --hidden 16 --epochs 300 --method rk4 --dt 0.02 -o osc.json
          ode-train --preset mini-project -o vdp.json --snapshots 25
          ode-train --preset latent-spirals -o latent.json --log latent-log.csv
          ode-train --latent 4 --encoder rnn --data spirals.csv --epochs 300 -o latent.json
          ode-train --data assets/data/peers-vdp/train.csv \\
              --init assets/data/peers-vdp/init.json --method rk4-38 --dt 0.05 \\
              --lr 0.01 --epochs 200 -o vdp.json

        Exit codes: 0 success; 2 bad input (unknown name, malformed value, bad data or model \
        file: the message names the row); 3 training failed (non-finite loss or failed solve: \
        the message names the epoch; no model written) or an output could not be written.
        """,
        version: flowscopeVersion)

    @Option(help: ArgumentHelp("A bundle of settings for a course task.", valueName: "name"))
    public var preset: TrainPresetChoice?

    @OptionGroup(title: "Data") public var dataOptions: TrainDataOptions

    @OptionGroup(title: "Network") public var network: TrainNetworkOptions

    @OptionGroup(title: "Latent ODE") public var latent: TrainLatentOptions

    @OptionGroup(title: "Training") public var recipe: TrainRecipeOptions

    @OptionGroup(title: "Solver") public var solver: SolverOptions

    @OptionGroup(title: "Reproducibility") public var seed: SeedOptions

    @Option(name: [.customShort("o"), .customLong("output")],
            help: ArgumentHelp("The trained model file (flowscope.mlp.v1 JSON).", valueName: "model.json"))
    public var output: String

    @Option(help: ArgumentHelp("Write the per-epoch log to this CSV file.", valueName: "log.csv"))
    public var log: String?

    @Option(name: .customLong("save-data"),
            help: ArgumentHelp("Write the training data (simulated with its noise, or as loaded) to this CSV file.",
                               valueName: "data.csv"))
    public var saveData: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Keep the model every K epochs in one snapshot file (flowscope.snapshots.v1).", valueName: "K"))
    public var snapshots: Int?

    @Option(name: .customLong("snapshots-file"),
            help: ArgumentHelp("Where --snapshots writes (default: the model's name with .snapshots.json).", valueName: "file.json"))
    public var snapshotsFile: String?

    @Flag(help: "No progress output (the final summary line is still printed).")
    public var quiet = false

    @OptionGroup(title: "Resources") public var memory: MemoryBudgetOptions

    public init() {}

    public func validate() throws {
        if dataOptions.data == nil, !dataOptions.systemOptions.isGiven, preset == nil {
            throw ValidationError("give --system NAME|FILE.ode, --equations TEXT, --data FILE.csv or --preset NAME")
        }
    }

    public func run() throws {
        if preset?.isLatent == true || latent.isGiven {
            if snapshots != nil { throw ProgramError.badInput("--snapshots keeps neural ODE models; a latent ODE has none") }
            try LatentTrainingRun(command: self).execute()
            return
        }
        let plan = try TrainingPlan(command: self)
        try TrainingRun(plan: plan, quiet: quiet).execute()
    }
}
