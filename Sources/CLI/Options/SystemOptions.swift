import ArgumentParser
import NeuralODE

/// `--system NAME` and repeatable `--param name=value`.
public struct SystemOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Named dynamical system.", discussion: "One of: \(SystemRegistry.names.joined(separator: ", ")).",
                               valueName: "name"))
    public var system: String?

    @Option(name: .customLong("param"), parsing: .unconditionalSingleValue,
            help: ArgumentHelp("Override a system parameter (repeatable).", valueName: "name=value"))
    public var parameters: [String] = []

    public init() {}

    /// The `--param` overrides by name.
    public func parameterValues() throws -> [String: Double] {
        try ValueParsing.assignments(parameters, option: "--param")
    }

    /// The configured system for `batch` states; throws `SystemError` or `ProgramError` (both exit 2),
    /// the latter also when `--system` was not given.
    public func field(batch: Int = 1) throws -> SystemField {
        guard let system else { throw ProgramError.badInput("give --system NAME") }
        return try SystemRegistry.field(named: system, parameters: parameterValues(), batch: batch)
    }
}
