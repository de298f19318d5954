import NeuralODE

/// The equilibria of the true and the learned planar field in a window, matched pairwise.
///
/// True equilibria use the system's exact Jacobian, learned ones the network's (from its VJPs).
/// A learned equilibrium counts as the model's version of a true one when it lies within
/// `radiusFraction` of the window's diagonal (closest pairs first).
public struct EquilibriumComparison: Sendable {
    public var truth: [Equilibrium]
    public var learned: [Equilibrium]
    public var matching: EquilibriumMatching
    /// The matching radius, absolute.
    public var radius: Double

    public static let radiusFraction = 0.1

    /// Finds and matches the equilibria of both fields in the planar `window`.
    public init(system: SystemField, model: LearnedModel, window: [ClosedRange<Double>]) throws(FigureError) {
        guard window.count == 2 else { throw .incompatible("equilibria are compared for planar fields") }
        let plane: PhasePlane
        do { plane = try .planar(x: window[0], y: window[1]) } catch { throw .invalidWindow(error.description) }
        do {
            let single = try system.batched(1)
            truth = try EquilibriumSearch(plane: plane).run(AnalysisField(exact: single))
            learned = try EquilibriumSearch(plane: plane).run(AnalysisField(network: model.makeField()))
        } catch {
            throw .computationFailed("equilibria: \(error)")
        }
        radius = Self.radiusFraction * plane.diagonal
        matching = EquilibriumMatching(truth: truth, learned: learned, radius: radius)
    }

    /// One line per true equilibrium, for a caption or a note: "(0, 0) unstable focus → learned (0.081, −0.12) unstable node, 0.15 away".
    public var summary: [String] {
        var lines: [String] = []
        for (i, t) in truth.enumerated() {
            let where_ = NumberText.point(t.state, significant: 3)
            if let p = matching.pairs.first(where: { $0.truth == i }) {
                let l = learned[p.learned]
                lines.append("\(where_) \(t.type.rawValue) \u{2192} learned \(NumberText.point(l.state, significant: 3)) \(l.type.rawValue), "
                    + "\(NumberText.short(p.distance, significant: 2)) away")
            } else {
                lines.append("\(where_) \(t.type.rawValue): no learned equilibrium nearby")
            }
        }
        for j in matching.spurious {
            lines.append("learned only: \(NumberText.point(learned[j].state, significant: 3)) \(learned[j].type.rawValue)")
        }
        return lines
    }
}
