/// Per-component standardisation of a data set, trained in scaled coordinates and folded back into the network.
///
/// With y = μ + s ⊙ z, a network g trained on z (dz/dt = g(z)) is the field
/// dy/dt = s ⊙ g((y − μ) / s) in the data's own coordinates: `fold(_:)` writes exactly that into
/// the first and last layers (W₁ → W₁·diag(1/s), b₁ → b₁ − W₁·(μ/s); the last layer's rows times
/// s), so the model file is an ordinary `flowscope.mlp.v1` network of the same shape. Time is not
/// scaled. Why: a tanh network at its default initialisation sees inputs of order one; Lorenz's
/// states reach ±20 and 45, which saturate every unit, and Adam's per-parameter steps of the
/// learning rate suit weights of order one, not the ~100× the raw coordinates would need.
public struct DataScaling: Sendable, Equatable {
    /// The mean μ of each component.
    public var mean: [Double]
    /// The scale s of each component (its standard deviation; 1 for a constant component).
    public var scale: [Double]

    public init(mean: [Double], scale: [Double]) {
        precondition(mean.count == scale.count && scale.allSatisfy { $0 > 0 && $0.isFinite }, "scales must be positive")
        self.mean = mean
        self.scale = scale
    }

    /// The mean and standard deviation of every component over every row of `dataset`.
    public init(fitting dataset: TrajectoryDataset) {
        let d = dataset.dimension
        var sum = [Double](repeating: 0, count: d), squares = sum
        var rows = 0
        for trajectory in dataset.trajectories {
            for r in 0..<trajectory.count {
                for i in 0..<d {
                    let v = trajectory.values[r * d + i]
                    sum[i] += v
                    squares[i] += v * v
                }
            }
            rows += trajectory.count
        }
        let n = Double(max(rows, 1))
        let mean = sum.map { $0 / n }
        let scale = (0..<d).map { i in
            let variance = max(squares[i] / n - mean[i] * mean[i], 0)
            return variance > 1e-24 ? variance.squareRoot() : 1
        }
        self.init(mean: mean, scale: scale)
    }

    /// `dataset` in scaled coordinates z = (y − μ) / s (times unchanged).
    public func scaled(_ dataset: TrajectoryDataset) -> TrajectoryDataset {
        precondition(dataset.dimension == mean.count, "the data set has \(dataset.dimension) components, the scaling \(mean.count)")
        var result = dataset
        let d = mean.count
        for k in result.trajectories.indices {
            for j in result.trajectories[k].values.indices {
                let i = j % d
                result.trajectories[k].values[j] = (result.trajectories[k].values[j] - mean[i]) / scale[i]
            }
        }
        return result
    }

    /// The network of `scaledNetwork` (trained on scaled data) as a field of the original coordinates.
    ///
    /// Augmented components keep scale 1 and mean 0 (they start at zero either way); a time input
    /// column is left as it is. The last layer must be linear (`identity`), as every preset's is.
    public func fold(_ scaledNetwork: MLP) -> MLP {
        let d = mean.count
        precondition(scaledNetwork.activations.last == .identity, "only a network with a linear last layer folds")
        precondition(scaledNetwork.stateDim == d, "the network has \(scaledNetwork.stateDim) state components, the scaling \(d)")
        var network = scaledNetwork
        let columns = network.widths[0], rows = network.widths[1]
        let w = network.weightOffset(layer: 0), b = network.biasOffset(layer: 0)
        for j in 0..<rows {
            var shift = 0.0
            for i in 0..<d {
                let weight = network.parameters[w + j * columns + i]
                shift += weight * mean[i] / scale[i]
                network.parameters[w + j * columns + i] = weight / scale[i]
            }
            network.parameters[b + j] -= shift
        }
        let last = network.layerCount - 1
        let lastColumns = network.widths[last]
        let lw = network.weightOffset(layer: last), lb = network.biasOffset(layer: last)
        for i in 0..<d {
            for k in 0..<lastColumns { network.parameters[lw + i * lastColumns + k] *= scale[i] }
            network.parameters[lb + i] *= scale[i]
        }
        return network
    }
}
