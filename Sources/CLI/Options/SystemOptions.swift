import ArgumentParser
import Foundation
import NeuralODE

/// `--system NAME|FILE.ode`, `--equations TEXT` and repeatable `--param name=value`.
public struct SystemOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Named dynamical system, or an XPPAUT .ode file.",
                               discussion: "One of: \(SystemRegistry.names.joined(separator: ", ")); or a path to a .ode file.",
                               valueName: "name|file.ode"))
    public var system: String?

    @Option(help: ArgumentHelp("Equations as .ode text instead of --system; ';' separates statements.",
                               discussion: "Example: --equations \"x' = y; y' = mu*(1-x^2)*y - x; par mu=1\"",
                               valueName: "text"))
    public var equations: String?

    @Option(name: .customLong("param"), parsing: .unconditionalSingleValue,
            help: ArgumentHelp("Override a system parameter (repeatable).", valueName: "name=value"))
    public var parameters: [String] = []

    public init() {}

    /// True when --system or --equations was given.
    public var isGiven: Bool { system != nil || equations != nil }

    /// The `--param` overrides by name.
    public func parameterValues() throws -> [String: Double] {
        try ValueParsing.assignments(parameters, option: "--param")
    }

    /// True when `value` names a file rather than a built-in system.
    static func isPath(_ value: String) -> Bool {
        if (try? SystemRegistry.spec(named: value)) != nil { return false }
        return value.hasSuffix(".ode") || value.contains("/") || FileManager.default.fileExists(atPath: value)
    }

    /// The text system of --equations or a `.ode` --system, nil for a built-in name.
    ///
    /// Throws `TextSystemError` (exit 2) for a file that cannot be read or parsed, and
    /// `ProgramError` when both --system and --equations are given.
    public func textSystem() throws -> TextSystem? {
        if let equations {
            guard system == nil else { throw ProgramError.badInput("give --system or --equations, not both") }
            return try TextSystem.parse(equations, name: "equations", source: "--equations")
        }
        guard let system, Self.isPath(system) else { return nil }
        return try TextSystem.load(path: system)
    }

    /// The configured system for `batch` states; throws `SystemError`, `TextSystemError` or
    /// `ProgramError` (all exit 2), the latter also when neither --system nor --equations was given.
    public func field(batch: Int = 1) throws -> SystemField {
        if let text = try textSystem() {
            return try text.field(parameters: parameterValues(), batch: batch)
        }
        guard let system else { throw ProgramError.badInput("give --system NAME|FILE.ode or --equations TEXT") }
        return try SystemRegistry.field(named: system, parameters: parameterValues(), batch: batch)
    }

    /// Initial state, end time and notes a text system supplies as defaults (nil for built-ins).
    public func textDefaults() throws -> TextSystemDefaults? {
        guard let text = try textSystem() else { return nil }
        let t0 = text.options.t0 ?? 0
        return TextSystemDefaults(system: text, initialState: try text.initialState(parameters: parameterValues()),
                                  t0: t0, t1: t0 + (text.options.total ?? 20))
    }
}

/// What a text system's file says about a run when the command line does not.
public struct TextSystemDefaults: Sendable {
    public let system: TextSystem
    /// From `init` and `x(0)` lines (0 for states without one), with --param applied.
    public let initialState: [Double]
    /// From `@ t0` (default 0).
    public let t0: Double
    /// t0 + `@ total` (XPPAUT's default total is 20).
    public let t1: Double

    /// Output rows from t0 to t1 one `@ dt` × `@ nout` apart, as XPPAUT writes them; nil when the
    /// file has no `dt` (or the span is not a positive number of output steps).
    public func outputRows(from t0: Double, to t1: Double) -> Int? {
        guard let dt = system.options.dt, dt > 0 else { return nil }
        let spacing = dt * Double(system.options.outputEvery ?? 1)
        let intervals = (abs(t1 - t0) / spacing).rounded()
        guard intervals >= 1, intervals < 1e15 else { return nil }
        return Int(intervals) + 1
    }
}
