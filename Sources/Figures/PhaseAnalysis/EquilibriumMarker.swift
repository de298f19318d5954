import NeuralODE
import Render

/// The marker of each equilibrium type: the theme's equilibrium roles, readable without colour.
///
/// Stable: filled (node a circle, focus a diamond). Unstable: open, the same shapes. Saddle: a
/// half-filled circle. Centre: an open square; degenerate: an open triangle (both "linearisation
/// inconclusive"). The gallery's style-roles figure shows them.
public enum EquilibriumMarker {
    /// The style role of an equilibrium type.
    public static func role(_ type: EquilibriumType) -> StyleRole {
        switch type {
        case .stableNode: .stableNode
        case .stableFocus: .stableFocus
        case .unstableNode: .unstableNode
        case .unstableFocus: .unstableFocus
        case .saddle: .saddle
        case .centre: .center
        case .degenerate: .degenerate
        }
    }

    /// The marker of `type` in `theme`; `color` replaces the role's black (a learned field's equilibria).
    public static func style(_ type: EquilibriumType, theme: Theme, color: Color? = nil, size: Double = 8.5) -> MarkerStyle {
        theme.marker(role(type), size: size, color: color)
    }

    /// The legend text of a type: "saddle", "centre (linearisation inconclusive)".
    public static func label(_ type: EquilibriumType) -> String { role(type).meaning }
}
