import NeuralODE

/// The key numbers of a set of equilibria, for captions: where each lies, its type and eigenvalues.
///
/// Equilibria are numbered from 1 in the order of their first plane coordinate, then the second, so
/// `eq1` is the leftmost. Keys carry a prefix for a second field on the same figure ("learned" gives
/// `learnedEq1`). Coordinates within 1e-10 of zero print as 0 (Newton leaves 1e-17 where the exact
/// answer is 0).
public enum EquilibriumNumbers {
    /// Significant figures of states and eigenvalues.
    public static let significant = 4

    /// `{prefix}equilibria` (the count), then per equilibrium `eqN` (the plane point), `eqNType`
    /// and `eqNEigenvalues` ("0.5 ± 0.866i", or real values joined by "and").
    public static func keys(_ equilibria: [Equilibrium], plane: (x: Int, y: Int), prefix: String = "") -> [KeyNumber] {
        let sorted = ordered(equilibria, plane: plane)
        var out = [KeyNumber(key(prefix, "equilibria"), count: sorted.count)]
        for (i, e) in sorted.enumerated() {
            let n = "eq\(i + 1)"
            out.append(KeyNumber(key(prefix, n), text: point([e.state[plane.x], e.state[plane.y]])))
            out.append(KeyNumber(key(prefix, n + "Type"), text: e.type.rawValue))
            out.append(KeyNumber(key(prefix, n + "Eigenvalues"), text: eigenvalues(e.eigenvalues)))
        }
        return out
    }

    /// The equilibria in caption order: by the first plane coordinate, then the second.
    public static func ordered(_ equilibria: [Equilibrium], plane: (x: Int, y: Int)) -> [Equilibrium] {
        equilibria.sorted { a, b in
            a.state[plane.x] != b.state[plane.x] ? a.state[plane.x] < b.state[plane.x] : a.state[plane.y] < b.state[plane.y]
        }
    }

    /// `learnedEqNDistance`: how far each learned equilibrium (in caption order) lies from the nearest true one.
    public static func distances(learned: [Equilibrium], truth: [Equilibrium], plane: (x: Int, y: Int)) -> [KeyNumber] {
        guard !truth.isEmpty else { return [] }
        return ordered(learned, plane: plane).enumerated().map { i, l in
            let d = truth.map { t in
                let dx = l.state[plane.x] - t.state[plane.x], dy = l.state[plane.y] - t.state[plane.y]
                return (dx * dx + dy * dy).squareRoot()
            }.min() ?? .nan
            return KeyNumber(key("learned", "eq\(i + 1)Distance"), d, significant: 2)
        }
    }

    /// "0.5 ± 0.866i" for a complex pair, "−1.161 and 0.8612" for real values (real ones ascending).
    public static func eigenvalues(_ values: [Eigenvalue]) -> String {
        var parts: [String] = []
        var skipConjugate = false
        let ordered = values.filter { $0.im == 0 }.sorted { $0.re < $1.re } + values.filter { $0.im != 0 }
        for v in ordered {
            if skipConjugate { skipConjugate = false; continue }
            if v.im != 0 {
                parts.append("\(real(v.re)) ± \(real(abs(v.im)))i")
                skipConjugate = true
            } else {
                parts.append(real(v.re))
            }
        }
        return parts.joined(separator: " and ")
    }

    static func point(_ values: [Double]) -> String { "(" + values.map(real).joined(separator: ", ") + ")" }

    /// Coordinates and eigenvalues drop trailing zeros ("(−1, 0)", "−0.15 ± 1.406i"): they are read
    /// one at a time, not down a column.
    static func real(_ v: Double) -> String { NumberText.short(abs(v) < 1e-10 ? 0 : v, significant: significant) }

    static func key(_ prefix: String, _ name: String) -> String {
        prefix.isEmpty ? name : prefix + name.prefix(1).uppercased() + name.dropFirst()
    }
}
