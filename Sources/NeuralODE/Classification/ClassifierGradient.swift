/// The loss of an `ODEClassifier` on a fixed set of points and its gradients, by backpropagation
/// through the solver: ∂L/∂θ of the flow plus the read-out's own ∂L/∂w and ∂L/∂b.
///
/// L = (1/N)·Σₖ ℓ(w·zₖ(T) + b, yₖ). The read-out's gradient is ∂L/∂w = (1/N)Σ ℓ'ₖ·zₖ(T) and
/// ∂L/∂b = (1/N)Σ ℓ'ₖ; the flow's terminal cotangent is ∂L/∂zₖ(T) = (1/N)·ℓ'ₖ·w, pulled back
/// through the recorded steps by `GradientEngine.terminalGradient`. Keeps its field and engine
/// between calls (no per-step allocation); not thread-safe.
public final class ClassifierGradient {
    /// The points and targets.
    public let data: LabelledPoints
    /// The loss of one point.
    public let loss: ClassificationLoss
    /// Solver method and controller of the forward solve.
    public let settings: GradientSettings
    /// T, the end of the flow.
    public let endTime: Double
    private let field: MLPField
    private let engine: GradientEngine<MLPField>
    private let initialStates: [Double]

    /// The loss, the gradients and the solve's statistics at one set of parameters.
    public struct Result: Sendable {
        /// L at the given parameters (NaN when the solve failed).
        public var loss: Double
        /// Fraction of points whose read-out has the sign of their label.
        public var accuracy: Double
        /// ∂L/∂θ in `MLP.parameters` layout.
        public var parameterGradient: [Double]
        /// ∂L/∂w.
        public var readoutWeightGradient: [Double]
        /// ∂L/∂b.
        public var readoutBiasGradient: Double
        /// Statistics of the forward solve (its function evaluations are the NFE of the epoch's forward pass).
        public var forward: SolveStatistics
        /// Vector-Jacobian products of the backward pass.
        public var backwardEvaluations: Int
        /// Why the computation stopped, or nil.
        public var failure: GradientFailure?
    }

    /// Prepares the objective for `classifier`'s architecture on `data`.
    public init(classifier: ODEClassifier, data: LabelledPoints, loss: ClassificationLoss,
                settings: GradientSettings) throws(ClassificationError) {
        guard data.dimension == classifier.mlp.stateDim else {
            throw .invalidData("the points have \(data.dimension) components; the classifier takes "
                + "\(classifier.mlp.stateDim)")
        }
        guard settings.method.tableau != nil else {
            throw .solverSettings("training needs an explicit Runge–Kutta method; \(settings.method.name) is not one")
        }
        self.data = data
        self.loss = loss
        self.settings = settings
        endTime = classifier.endTime
        field = MLPField(classifier.mlp, batchSize: data.count)
        engine = GradientEngine(field: field)
        initialStates = classifier.initialStates(data.points)
    }

    /// L and its gradients at θ = `parameters` and the read-out `readout`.
    public func evaluate(parameters: [Double], readout: LinearReadout) throws(ClassificationError) -> Result {
        guard parameters.count == field.parameterCount else {
            throw .invalidConfiguration("expected \(field.parameterCount) parameters, got \(parameters.count)")
        }
        guard readout.dimension == field.dimension else {
            throw .invalidConfiguration("the read-out takes \(readout.dimension) values; the state has \(field.dimension)")
        }
        field.setParameters(parameters)
        let n = field.dimension, count = data.count, scale = 1 / Double(count)
        let labels = data.labels, lossKind = loss
        var weightGradient = [Double](repeating: 0, count: n)
        var biasGradient = 0.0
        var right = 0
        let gradient: GradientResult
        do {
            gradient = try engine.terminalGradient(initialStates: initialStates, t0: 0, t1: endTime,
                                                   settings: settings) { final, cotangent in
                var total = 0.0
                for k in 0..<count {
                    let z = final + k * n
                    let o = readout.output(z)
                    if o * labels[k] > 0 { right += 1 }
                    total += lossKind.value(output: o, label: labels[k])
                    let g = scale * lossKind.derivative(output: o, label: labels[k])
                    for i in 0..<n {
                        weightGradient[i] += g * z[i]
                        cotangent[k * n + i] = g * readout.weights[i]
                    }
                    biasGradient += g
                }
                return scale * total
            }
        } catch {
            throw .solverSettings(error.description)
        }
        return Result(loss: gradient.loss, accuracy: Double(right) / Double(count),
                      parameterGradient: gradient.parameterGradient, readoutWeightGradient: weightGradient,
                      readoutBiasGradient: biasGradient, forward: gradient.forward,
                      backwardEvaluations: gradient.backward.functionEvaluations, failure: gradient.failure)
    }
}
