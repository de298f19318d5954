import NeuralODE
import Render

/// The marker of each equilibrium type, readable without colour.
///
/// Stable: filled (node a circle, focus a diamond). Unstable: open, the same shapes. Saddle: a
/// half-filled circle. Centre: an open square; degenerate: an open triangle (both "linearisation
/// inconclusive"). Open markers are white inside with a thick edge in `color`.
public enum EquilibriumMarker {
    public static func style(_ type: EquilibriumType, color: Color, size: Double = 8.5) -> MarkerStyle {
        let edge = 1.4
        switch type {
        case .stableNode: return MarkerStyle(.circle, size: size, fill: color, edge: .white, edgeWidth: 0.9)
        case .stableFocus: return MarkerStyle(.diamond, size: size, fill: color, edge: .white, edgeWidth: 0.9)
        case .unstableNode: return MarkerStyle(.circle, size: size, fill: .white, edge: color, edgeWidth: edge)
        case .unstableFocus: return MarkerStyle(.diamond, size: size, fill: .white, edge: color, edgeWidth: edge)
        case .saddle: return MarkerStyle(.circle, size: size, fill: .white, edge: color, edgeWidth: edge, leftHalf: color)
        case .centre: return MarkerStyle(.square, size: size * 0.95, fill: .white, edge: color, edgeWidth: edge)
        case .degenerate: return MarkerStyle(.triangle, size: size, fill: .white, edge: color, edgeWidth: edge)
        }
    }

    /// The legend text of a type: "saddle", "centre (linearisation inconclusive)".
    public static func label(_ type: EquilibriumType) -> String {
        type == .centre ? "centre (linearisation inconclusive)" : type == .degenerate ? "degenerate (inconclusive)" : type.rawValue
    }
}
