import ArgumentParser
import NeuralODE

/// `--latent`, `--encoder`, `--obs-noise`, `--spirals`, `--keep`: train a latent ODE instead of a neural ODE.
public struct TrainLatentOptions: ParsableArguments {
    @Option(parsing: .unconditional,
            help: ArgumentHelp("Train a latent ODE with a latent state of this size (the latent-spirals preset: 4).", valueName: "n"))
    public var latent: Int?

    @Option(help: ArgumentHelp("Recurrent encoder cell of a latent ODE (default gru).", valueName: "cell"))
    public var encoder: RecurrentCellKind?

    @Option(name: .customLong("encoder-hidden"), parsing: .unconditional,
            help: ArgumentHelp("Hidden size of the latent encoder (default 25).", valueName: "n"))
    public var encoderHidden: Int?

    @Option(name: .customLong("decoder-hidden"), parsing: .unconditional,
            help: ArgumentHelp("Hidden width of the latent decoder (default 20).", valueName: "n"))
    public var decoderHidden: Int?

    @Option(name: .customLong("obs-noise"), parsing: .unconditional,
            help: ArgumentHelp("Observation noise standard deviation of the latent likelihood (default 0.3).", valueName: "s"))
    public var observationNoise: Double?

    @Option(parsing: .unconditional,
            help: ArgumentHelp("latent-spirals: number of training spirals (default 1000).", valueName: "n"))
    public var spirals: Int?

    @Option(help: ArgumentHelp("latent-spirals: keep a random MIN to MAX of each spiral's 100 points (irregular sampling; default: keep all).",
                               valueName: "min:max"))
    public var keep: String?

    @Option(name: .customLong("save-heldout"),
            help: ArgumentHelp("latent-spirals: write the held-out spirals and their noise-free truth as CSV (for a peer to score on).",
                               valueName: "file.csv"))
    public var saveHeldOut: String?

    public init() {}

    /// True when a latent option was given.
    var isGiven: Bool {
        latent != nil || encoder != nil || encoderHidden != nil || decoderHidden != nil || observationNoise != nil
            || spirals != nil || keep != nil || saveHeldOut != nil
    }

    public func validate() throws {
        for (name, value) in [("--latent", latent), ("--encoder-hidden", encoderHidden), ("--decoder-hidden", decoderHidden),
                              ("--spirals", spirals)] {
            if let value, value < 1 { throw ValidationError("\(name) must be at least 1 (got \(value))") }
        }
        if let observationNoise, !(observationNoise > 0 && observationNoise.isFinite) {
            throw ValidationError("--obs-noise must be positive (got \(observationNoise))")
        }
        _ = try keepRange()
    }

    /// `--keep MIN:MAX` as a range within 2...100.
    func keepRange() throws -> ClosedRange<Int>? {
        guard let keep else { return nil }
        let parts = keep.split(separator: ":").compactMap { Int($0) }
        guard parts.count == 2, parts[0] >= 2, parts[0] <= parts[1], parts[1] <= 100 else {
            throw ValidationError("--keep expects MIN:MAX with 2 <= MIN <= MAX <= 100 (got '\(keep)')")
        }
        return parts[0]...parts[1]
    }
}

extension RecurrentCellKind: ExpressibleByArgument {
    public static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}
