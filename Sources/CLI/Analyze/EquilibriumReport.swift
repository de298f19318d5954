import Foundation
import NeuralODE

/// The JSON form of equilibria: state by component name, eigenvalues, type.
struct EquilibriumReport: Encodable {
    struct Item: Encodable {
        let state: [Double]
        let eigenvalues: [Eigenvalue]
        let type: String
        let hyperbolic: Bool
        let residual: Double
    }

    let components: [String]
    let equilibria: [Item]

    init(_ equilibria: [Equilibrium], components: [String]) {
        self.components = components
        self.equilibria = equilibria.map {
            Item(state: $0.state, eigenvalues: $0.eigenvalues, type: $0.type.rawValue, hyperbolic: !$0.type.isInconclusive,
                 residual: $0.residual)
        }
    }

    /// Compact JSON with sorted keys and a final newline.
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(value)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
