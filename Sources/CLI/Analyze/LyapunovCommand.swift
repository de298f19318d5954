import ArgumentParser
import Foundation
import NeuralODE

/// `ode-analyze lyapunov`: the Lyapunov spectrum of a system or a learned model.
public struct LyapunovCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "lyapunov",
        abstract: "Lyapunov exponents by tangent dynamics with QR re-orthonormalisation.",
        discussion: """
        The state and k tangent vectors are integrated together (Tsitouras 5(4), rtol = atol = \
        1e-9) with the exact Jacobian: the system's own, or the network's by forward-mode \
        differentiation for --model. Every --interval the tangent frame is re-orthonormalised \
        (QR by Gram-Schmidt, Benettin / Shimada-Nagashima) and log R_ii accumulated; the first \
        --transient time units only align the frame. Reported: the exponents (largest first), \
        their sum and the time average of tr J (equal when all exponents are computed), the \
        Kaplan-Yorke dimension, the Lyapunov time 1/lambda_1 (when lambda_1 > 0), and the \
        running estimates.

        Examples:
          ode-analyze lyapunov --system lorenz --json
          ode-analyze lyapunov --system rossler --exponents 1 --t1 5000
          ode-analyze lyapunov --model gallery/data/vdp-model.json --y0 2,0

        Exit codes: 0 success; 2 bad input; 3 the integration failed (non-finite state).
        """)

    @OptionGroup(title: "System or model") public var dynamics: DynamicsOptions

    @OptionGroup(title: "Estimate") public var estimate: LyapunovOptions

    @Option(help: ArgumentHelp("Running estimates kept in the JSON output.", valueName: "n"))
    public var records: Int = 200

    @Flag(help: "Print the result as one JSON object on stdout.")
    public var json = false

    @OptionGroup(title: "Resources") public var memory: MemoryBudgetOptions

    public init() {}

    public func validate() throws {
        guard records >= 2 else { throw ValidationError("--records must be at least 2 (got \(records))") }
    }

    public func run() throws {
        let source = try DynamicsSource.resolve(dynamics)
        let state = try source.initialState(dynamics.y0?.values, system: dynamics.systemOptions)
        if let exponents = estimate.exponents, exponents > source.dimension {
            throw ProgramError.badInput("--exponents \(exponents) exceeds the dimension \(source.dimension) of the \(source.label)")
        }
        let settings = estimate.settings(records: records)
        let result = try Self.estimate(source, y0: state, settings: settings)
        if json {
            StandardStreams.writeOutput(Self.json(result, source: source, settings: settings) + "\n")
        } else {
            StandardStreams.writeOutput(Self.text(result, source: source))
        }
    }

    /// The spectrum of `source`, solver failures as exit 3 and bad settings as exit 2.
    static func estimate(_ source: DynamicsSource, y0: [Double], settings: LyapunovSettings) throws -> LyapunovResult {
        do {
            switch source {
            case .system(let field): return try LyapunovSpectrum.estimate(field, y0: y0, settings: settings)
            case .model(let mlp, _): return try LyapunovSpectrum.estimate(MLPJacobianField(mlp), y0: y0, settings: settings)
            }
        } catch {
            if case .invalid = error { throw ProgramError.badInput(error.description) }
            throw ProgramError.failure(error.description)
        }
    }

    /// One JSON object: the exponents, sum, trace average, Kaplan–Yorke dimension, Lyapunov time, settings and running estimates.
    static func json(_ result: LyapunovResult, source: DynamicsSource, settings: LyapunovSettings) -> String {
        func number(_ value: Double?) -> String { value.map { "\($0)" } ?? "null" }
        func list(_ values: [Double]) -> String { "[" + values.map { "\($0)" }.joined(separator: ",") + "]" }
        let k = result.exponents.count
        let running = (0..<result.times.count).map { r in list(Array(result.estimates[(r * k)..<((r + 1) * k)])) }
        let fields = [
            "\"source\":\(LearnedInputs.jsonString(source.label))",
            "\"dimension\":\(result.dimension)",
            "\"exponents\":\(list(result.exponents))",
            "\"sum\":\(result.exponents.reduce(0, +))",
            "\"trace_average\":\(result.traceAverage)",
            "\"kaplan_yorke_dimension\":\(number(result.kaplanYorkeDimension))",
            "\"lyapunov_time\":\(number(result.lyapunovTime))",
            "\"transient\":\(settings.transient)",
            "\"t1\":\(settings.duration)",
            "\"interval\":\(settings.interval)",
            "\"evaluations\":\(result.evaluations)",
            "\"running\":{\"t\":\(list(result.times)),\"estimates\":[\(running.joined(separator: ","))]}",
        ]
        return "{" + fields.joined(separator: ",") + "}"
    }

    /// A few readable lines.
    static func text(_ result: LyapunovResult, source: DynamicsSource) -> String {
        func format(_ value: Double) -> String { String(format: "%.6f", value) }
        var lines = ["Lyapunov exponents of the \(source.label):"]
        for (i, lambda) in result.exponents.enumerated() { lines.append("  lambda_\(i + 1) = \(format(lambda))") }
        lines.append("  sum = \(format(result.exponents.reduce(0, +)))   time average of tr J = \(format(result.traceAverage))")
        lines.append("  Kaplan-Yorke dimension = " + (result.kaplanYorkeDimension.map(format) ?? "unknown (more exponents needed)"))
        lines.append("  Lyapunov time = " + (result.lyapunovTime.map(format) ?? "none (lambda_1 <= 0)"))
        return lines.joined(separator: "\n") + "\n"
    }
}
