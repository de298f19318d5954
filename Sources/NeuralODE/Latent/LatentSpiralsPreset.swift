/// The `latent-spirals` preset: torchdiffeq's latent ODE example (spirals, architecture, noise,
/// Adam at 0.01), sized to train from scratch in well under a minute on two cores.
public enum LatentSpiralsPreset {
    /// Training spirals (torchdiffeq: 1000).
    public static let spirals = 1000
    /// Held-out spirals, from their own seed.
    public static let heldOutSpirals = 100
    /// Grid points after the window scored as extrapolation (the window is 100).
    public static let extrapolationPoints = 100
    /// Optimiser steps (torchdiffeq: 2000 full-batch steps).
    public static let iterations = 600
    /// Spirals per step (torchdiffeq: all).
    public static let batchSize: Int? = 100
    public static let learningRate = 0.01
    public static let latentSize = 4
    /// The latent solve: dopri5 at these tolerances.
    public static let rtol = 1e-5
    public static let atol = 1e-7
    /// Added to the run's seed for the training spirals, the held-out spirals and the model.
    public static let dataSeedOffset: UInt64 = 0x5350_4952
    public static let heldOutSeedOffset: UInt64 = 0x4845_4c44

    /// The task that makes the training spirals for `seed`.
    public static func task(seed: UInt64, spirals: Int = spirals, keep: ClosedRange<Int>? = nil) -> SpiralTask {
        SpiralTask(count: spirals, keepRange: keep, seed: seed &+ dataSeedOffset)
    }

    /// The held-out spirals' task for `seed` (the same sampling as training).
    public static func heldOutTask(seed: UInt64, keep: ClosedRange<Int>? = nil) -> SpiralTask {
        SpiralTask(count: heldOutSpirals, keepRange: keep, seed: seed &+ heldOutSeedOffset)
    }
}
