/// Names accepted after a backslash in label notation and the characters they stand for.
enum NotationSymbols {
    static let table: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
        "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
        "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "omicron": "ο", "pi": "π", "varpi": "ϖ",
        "rho": "ρ", "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ", "upsilon": "υ",
        "phi": "φ", "varphi": "ϕ", "chi": "χ", "psi": "ψ", "omega": "ω",
        "Alpha": "Α", "Beta": "Β", "Gamma": "Γ", "Delta": "Δ", "Epsilon": "Ε", "Zeta": "Ζ",
        "Eta": "Η", "Theta": "Θ", "Iota": "Ι", "Kappa": "Κ", "Lambda": "Λ", "Mu": "Μ", "Nu": "Ν",
        "Xi": "Ξ", "Omicron": "Ο", "Pi": "Π", "Rho": "Ρ", "Sigma": "Σ", "Tau": "Τ",
        "Upsilon": "Υ", "Phi": "Φ", "Chi": "Χ", "Psi": "Ψ", "Omega": "Ω",
        "partial": "∂", "nabla": "∇", "cdot": "·", "times": "×", "infty": "∞",
        "to": "→", "rightarrow": "→", "leftarrow": "←", "mapsto": "↦",
        "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "ne": "≠", "neq": "≠",
        "approx": "≈", "sim": "∼", "propto": "∝", "pm": "±", "mp": "∓",
        "int": "∫", "sum": "∑", "prod": "∏", "sqrt": "√", "circ": "∘", "in": "∈",
        "ell": "ℓ", "prime": "′", "degree": "°", "minus": "−", "top": "⊤",
    ]

    /// Single characters that may follow a backslash: `\|` is a norm bar, the rest stand for themselves.
    static let escapes: [Character: String] = [
        "|": "‖", "_": "_", "^": "^", "\\": "\\", "{": "{", "}": "}", "$": "$",
        ",": "\u{2009}", " ": " ",
    ]
}
