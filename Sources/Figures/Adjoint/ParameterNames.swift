import NeuralODE

/// Label-notation names of a network's parameters, in `MLP.parameters` order.
public enum ParameterNames {
    /// `W^{(l)}_{jk}` and `b^{(l)}_{j}` with layers, rows and columns counted from 1; a network whose
    /// layers are all 1 × 1 gets the course's names `w_{l}`, `b_{l}` (Example 3.1.1: w₁, b₁, w₂, b₂).
    public static func of(_ mlp: MLP) -> [String] {
        var names = [String](repeating: "", count: mlp.parameterCount)
        let scalar = mlp.widths.allSatisfy { $0 == 1 }
        let comma = (mlp.widths.max() ?? 0) > 9 ? "," : ""
        for l in 0..<mlp.layerCount {
            let inputs = mlp.widths[l], outputs = mlp.widths[l + 1]
            let w = mlp.weightOffset(layer: l), b = mlp.biasOffset(layer: l)
            for j in 0..<outputs {
                for k in 0..<inputs {
                    names[w + j * inputs + k] = scalar ? "w_{\(l + 1)}" : "W^{(\(l + 1))}_{\(j + 1)\(comma)\(k + 1)}"
                }
                names[b + j] = scalar ? "b_{\(l + 1)}" : "b^{(\(l + 1))}_{\(j + 1)}"
            }
        }
        return names
    }
}
