import ArgumentParser

/// `ode-analyze`: numbers about a system or a learned model (Lyapunov spectra), as text or JSON.
public struct AnalyzeCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ode-analyze",
        abstract: "Analyse a dynamical system or a learned model: Lyapunov spectra, learned vs true.",
        discussion: """
        Examples:
          ode-analyze lyapunov --system lorenz --json
          ode-analyze lyapunov --model model.json --y0 1,1,1 --exponents 1
          ode-analyze compare --model lorenz.json --system lorenz --json

        Exit codes: 0 success; 2 bad input (unknown system, malformed option or model file); \
        3 the work failed (the integration stopped).
        """,
        version: flowscopeVersion,
        subcommands: [LyapunovCommand.self, CompareCommand.self, PrintCommand.self])

    public init() {}
}
