import ArgumentParser
import Foundation
import NeuralODE

/// `--hidden`, `--activation`, `--time-input`, `--augment`, `--init`: the network to train.
public struct TrainNetworkOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Hidden layer widths (default 32,32).", valueName: "w1,w2,..."), transform: widths)
    public var hidden: [Int]?

    @Option(help: ArgumentHelp("Hidden activation (default tanh).", valueName: "name"))
    public var activation: Activation?

    @Flag(name: .customLong("time-input"), help: "Feed t to the network as an extra input (non-autonomous field).")
    public var timeInput = false

    @Option(parsing: .unconditional, help: ArgumentHelp("Augmented dimensions, starting at zero (default 0).", valueName: "k"))
    public var augment: Int?

    @Option(name: .customLong("init"),
            help: ArgumentHelp("Start from this model file's weights (it gives the architecture).", valueName: "model.json"))
    public var initial: String?

    public init() {}

    public func validate() throws {
        if let augment, augment < 0 { throw ValidationError("--augment must be at least 0 (got \(augment))") }
        if initial != nil, hidden != nil || activation != nil || timeInput || augment != nil {
            throw ValidationError("--init gives the architecture; drop --hidden, --activation, --time-input and --augment")
        }
    }

    /// Parses `--hidden`: positive integers like 32,32.
    static func widths(_ text: String) throws -> [Int] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        let widths = parts.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard widths.count == parts.count, widths.allSatisfy({ $0 >= 1 }) else {
            throw ProgramError.badInput("--hidden expects positive integers like 32,32 (got '\(text)')")
        }
        return widths
    }
}
