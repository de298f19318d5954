import NeuralODE

/// Human names and label notation for the registry's systems: titles, axis labels, parameters.
public enum SystemLabels {
    /// Display names of the registry's systems; others are derived from the registry name.
    static let displayNames: [String: String] = [
        "exp-decay": "Exponential decay",
        "damped-oscillator": "Damped oscillator",
        "van-der-pol": "Van der Pol oscillator",
        "lotka-volterra": "Lotka–Volterra predator–prey model",
        "duffing": "Duffing oscillator",
        "pendulum": "Pendulum",
        "spiral": "Cubic spiral",
        "lorenz": "Lorenz system",
        "rossler": "Rössler system",
        "morris-lecar": "Morris–Lecar model",
        "fitzhugh-nagumo": "FitzHugh–Nagumo model",
        "duffing-double-well": "Duffing double well",
    ]

    /// Names written as Greek letters in label notation.
    static let greek: Set<String> = [
        "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu",
        "nu", "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
    ]

    /// "Van der Pol oscillator" for `van-der-pol`; unknown names become "Some name" from "some-name".
    public static func displayName(_ system: String) -> String {
        if let n = displayNames[system] { return n }
        let words = system.split(separator: "-").map(String.init)
        guard let first = words.first else { return system }
        return ([first.prefix(1).uppercased() + first.dropFirst()] + words.dropFirst()).joined(separator: " ")
    }

    /// A component or parameter name in label notation: Greek names become `\name`, `x1` becomes `x_1`.
    public static func symbol(_ name: String) -> String {
        if greek.contains(name) { return "\\" + name }
        if name == "eps" { return "\\varepsilon" }
        if let i = name.firstIndex(where: \.isNumber), i != name.startIndex, name[i...].allSatisfy(\.isNumber),
           name[..<i].allSatisfy(\.isLetter) {
            return symbol(String(name[..<i])) + "_{" + name[i...] + "}"
        }
        return name
    }

    /// "Van der Pol oscillator (\mu = 1)": the display name and every parameter with its value.
    ///
    /// Systems with more than four parameters (typically from `.ode` files) list only those that
    /// differ from their defaults, or when none does the first two (an `.ode` file declares the
    /// driving ones first) followed by "…", so the title stays one line.
    public static func title(for field: SystemField) -> String {
        let all = Array(zip(field.spec.parameters, field.parameterValues))
        var shown = all, more = false
        if all.count > 4 {
            shown = all.filter { $0.0.defaultValue != $0.1 }
            if shown.isEmpty { shown = Array(all.prefix(2)); more = true }
        }
        let params = shown.map { p, v in
            "\(symbol(p.name)) = \(NumberText.short(v, significant: 4))"
        }
        let name = displayName(field.spec.name)
        return params.isEmpty ? name : "\(name) (\(params.joined(separator: ", "))\(more ? ", \u{2026}" : ""))"
    }

    /// Axis labels for a phase plane: the component symbols, the second written as "v = \dot{x}" when
    /// `secondIsDerivative` (the system is a second-order equation with v = x').
    public static func phaseAxisLabels(componentNames: [String], secondIsDerivative: Bool) -> (x: String, y: String) {
        let x = symbol(componentNames.first ?? "x"), y = symbol(componentNames.dropFirst().first ?? "y")
        return (x, secondIsDerivative ? "\(y) = \\dot{\(x)}" : y)
    }
}
