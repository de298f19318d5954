/// A latent ODE (Chen et al. 2018, section 5; Rubanova et al. 2019): a recurrent encoder gives
/// q(z0 | observations) = N(mean, diag(exp(logvar))), an MLP field evolves z in time, and a
/// decoder maps every latent state to an observation.
///
/// The field is autonomous (no time input): times are measured from each sequence's first
/// observation, where z0 lives. `parameters` concatenates the encoder's, the field's and the
/// decoder's, in that order (the layout of the gradient).
public struct LatentModel: Sendable, Equatable {
    public var encoder: RecurrentEncoder
    /// The latent dynamics dz/dt = f(z), `latentSize` in and out.
    public var field: MLP
    /// The observation model, `latentSize` → `observationSize`.
    public var decoder: DenseNetwork

    /// Size of z.
    public var latentSize: Int { field.stateDim }
    /// Components of one observation.
    public var observationSize: Int { decoder.outputSize }

    /// torchdiffeq's latent ODE example by default: a 25-unit recurrent encoder, a 4 → 20 → 20 → 4
    /// ELU field, a 4 → 20 → 2 ReLU decoder, each with PyTorch's default initialisation from `seed`.
    public init(observationSize: Int, latentSize: Int = 4, encoder kind: RecurrentCellKind = .gru,
                encoderHidden: Int = 25, fieldHidden: [Int] = [20, 20], fieldActivation: Activation = .elu,
                decoderHidden: Int = 20, seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        encoder = RecurrentEncoder(kind: kind, observationSize: observationSize, hiddenSize: encoderHidden,
                                   latentSize: latentSize, generator: &generator)
        field = MLP(stateDim: latentSize, hidden: fieldHidden, activation: fieldActivation,
                    seed: generator.next())
        decoder = DenseNetwork(widths: [latentSize, decoderHidden, observationSize],
                               activations: [.relu, .identity], generator: &generator)
    }

    /// A model from its three parts; throws when their sizes disagree.
    public init(encoder: RecurrentEncoder, field: MLP, decoder: DenseNetwork) throws(ModelFileError) {
        guard field.stateDim == encoder.latentSize, field.augmentDim == 0, !field.timeInput else {
            throw .invalidValue(key: "field", detail: "must map latent_size = \(encoder.latentSize) to itself without time input or augmentation")
        }
        guard decoder.inputSize == encoder.latentSize else {
            throw .invalidValue(key: "decoder", detail: "has input size \(decoder.inputSize), expected latent_size = \(encoder.latentSize)")
        }
        guard decoder.outputSize == encoder.observationSize else {
            throw .invalidValue(key: "decoder", detail: "has \(decoder.outputSize) outputs, expected observation_dim = \(encoder.observationSize)")
        }
        self.encoder = encoder
        self.field = field
        self.decoder = decoder
    }

    /// Number of parameters of the three networks together.
    public var parameterCount: Int { encoder.parameterCount + field.parameterCount + decoder.parameterCount }

    /// All parameters: encoder, field, decoder.
    public var parameters: [Double] {
        get { encoder.parameters + field.parameters + decoder.parameters }
        set {
            precondition(newValue.count == parameterCount, "expected \(parameterCount) parameters")
            let e = encoder.parameterCount, f = field.parameterCount
            encoder.parameters = Array(newValue[0..<e])
            field.parameters = Array(newValue[e..<(e + f)])
            decoder.parameters = Array(newValue[(e + f)...])
        }
    }
}
