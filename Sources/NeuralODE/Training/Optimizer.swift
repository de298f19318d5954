import Foundation

/// Which first-order method updates the parameters, with its constants.
public enum OptimizerKind: Sendable, Equatable {
    /// Stochastic gradient descent with heavy-ball momentum μ (0 for plain descent), as PyTorch's
    /// `SGD`: b ← μ·b + g (b = g on the first step), θ ← θ − η·b.
    case sgd(momentum: Double)
    /// Adam with bias correction (Kingma & Ba), as PyTorch's `Adam`:
    /// m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − (η/(1−β₁ᵗ))·m / (√v/√(1−β₂ᵗ) + ε).
    case adam(beta1: Double, beta2: Double, epsilon: Double)

    /// Plain gradient descent.
    public static let sgd = OptimizerKind.sgd(momentum: 0)
    /// Adam with the usual defaults β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
    public static let adam = OptimizerKind.adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8)

    /// The command-line name (`sgd` or `adam`).
    public var name: String {
        switch self {
        case .sgd: "sgd"
        case .adam: "adam"
        }
    }
}

/// An optimiser's state for one flat parameter vector; `step` updates the parameters in place.
///
/// The moment buffers are made once at init; a step does not allocate.
public struct Optimizer: Sendable {
    /// The method and its constants.
    public let kind: OptimizerKind
    /// Number of parameters this optimiser was made for.
    public let parameterCount: Int
    /// Steps taken so far (t in Adam's bias correction).
    public private(set) var stepCount = 0
    private var first: [Double]
    private var second: [Double]

    /// A fresh optimiser (zero moments) for `parameterCount` parameters.
    public init(_ kind: OptimizerKind, parameterCount: Int) {
        self.kind = kind
        self.parameterCount = parameterCount
        first = [Double](repeating: 0, count: parameterCount)
        switch kind {
        case .sgd: second = []
        case .adam: second = [Double](repeating: 0, count: parameterCount)
        }
    }

    /// Moves `parameters` against `gradient` with learning rate `learningRate`.
    ///
    /// Both buffers hold `parameterCount` doubles.
    public mutating func step(_ parameters: UnsafeMutableBufferPointer<Double>,
                              gradient: UnsafeBufferPointer<Double>, learningRate lr: Double) {
        precondition(parameters.count == parameterCount && gradient.count == parameterCount,
                     "optimiser made for \(parameterCount) parameters")
        stepCount += 1
        let n = parameterCount
        guard n > 0, let theta = parameters.baseAddress, let g = gradient.baseAddress else { return }
        let isFirst = stepCount == 1
        switch kind {
        case .sgd(let momentum):
            if momentum == 0 {
                for i in 0..<n { theta[i] -= lr * g[i] }
                return
            }
            first.withUnsafeMutableBufferPointer { buffer in
                guard let b = buffer.baseAddress else { return }
                for i in 0..<n {
                    b[i] = isFirst ? g[i] : momentum * b[i] + g[i]
                    theta[i] -= lr * b[i]
                }
            }
        case .adam(let beta1, let beta2, let epsilon):
            let t = Double(stepCount)
            let correction1 = 1 - pow(beta1, t)
            let correction2Root = (1 - pow(beta2, t)).squareRoot()
            let stepSize = lr / correction1
            first.withUnsafeMutableBufferPointer { mBuffer in
                second.withUnsafeMutableBufferPointer { vBuffer in
                    guard let m = mBuffer.baseAddress, let v = vBuffer.baseAddress else { return }
                    for i in 0..<n {
                        let gi = g[i]
                        m[i] = beta1 * m[i] + (1 - beta1) * gi
                        v[i] = beta2 * v[i] + (1 - beta2) * gi * gi
                        let denominator = v[i].squareRoot() / correction2Root + epsilon
                        theta[i] -= stepSize * m[i] / denominator
                    }
                }
            }
        }
    }

    /// Convenience for arrays: updates `parameters` in place.
    public mutating func step(_ parameters: inout [Double], gradient: [Double], learningRate: Double) {
        gradient.withUnsafeBufferPointer { g in
            parameters.withUnsafeMutableBufferPointer { theta in
                step(theta, gradient: g, learningRate: learningRate)
            }
        }
    }

    /// Forgets the moments and the step count.
    public mutating func reset() {
        stepCount = 0
        for i in first.indices { first[i] = 0 }
        for i in second.indices { second[i] = 0 }
    }
}
