import ArgumentParser

/// `--seed N`, the seed of everything random a program does.
public struct SeedOptions: ParsableArguments {
    @Option(help: "Seed for everything random (same seed, same result).")
    public var seed: UInt64 = 0

    public init() {}
}
