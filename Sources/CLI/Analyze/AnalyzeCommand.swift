import ArgumentParser

/// `ode-analyze`: numbers about a system or a learned model (Lyapunov spectra, equilibria), as text or JSON.
public struct AnalyzeCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ode-analyze",
        abstract: "Analyse a dynamical system or a learned model: Lyapunov spectra, learned vs true, equilibria and their types.",
        discussion: """
        Examples:
          ode-analyze lyapunov --system lorenz --json
          ode-analyze lyapunov --model model.json --y0 1,1,1 --exponents 1
          ode-analyze compare --model lorenz.json --system lorenz --json
          ode-analyze equilibria --system duffing --json
          ode-analyze equilibria --system lorenz --slice z=25 --window -20:20,-25:25 --json

        Exit codes: 0 success (also when no equilibrium is found); 2 bad input (unknown system \
        or component, malformed option or model file); 3 the work failed (the integration \
        stopped, an eigenvalue computation failed).
        """,
        version: flowscopeVersion,
        subcommands: [LyapunovCommand.self, CompareCommand.self, EquilibriaCommand.self, PrintCommand.self])

    public init() {}
}
