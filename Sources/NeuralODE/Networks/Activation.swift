import Foundation

/// An elementwise activation function of a network layer, named as in the model file.
public enum Activation: String, CaseIterable, Sendable, Equatable {
    case tanh
    case relu
    case softplus
    case sigmoid
    /// z for z > 0, e^z − 1 otherwise (α = 1, PyTorch's `nn.ELU()`).
    case elu
    case identity

    /// The names accepted by `init(name:)`, in declaration order.
    public static var validNames: [String] { allCases.map(\.rawValue) }

    /// Parses an activation by its model-file name; the error lists the valid names.
    public init(name: String) throws(ActivationError) {
        guard let value = Activation(rawValue: name) else {
            throw ActivationError(name: name)
        }
        self = value
    }

    /// σ(z).
    public func value(_ z: Double) -> Double {
        switch self {
        case .tanh: return FastMath.tanh(z)
        case .relu: return z > 0 ? z : 0
        case .softplus: return Activation.softplus(z)
        case .sigmoid: return Activation.sigmoid(z)
        case .elu: return FastMath.elu(z)
        case .identity: return z
        }
    }

    /// σ'(z), the derivative at the pre-activation z. ReLU's derivative at 0 is 0, as in PyTorch.
    public func derivative(_ z: Double) -> Double {
        derivative(output: value(z))
    }

    /// σ'(z) expressed through the output a = σ(z), which is what the network keeps from its forward pass.
    ///
    /// tanh: 1 − a², sigmoid: a(1 − a), relu: 1 if a > 0 else 0, softplus: 1 − e^{−a} (the sigmoid of z),
    /// elu: 1 if a > 0 else a + 1.
    @inline(__always)
    public func derivative(output a: Double) -> Double {
        switch self {
        case .tanh: return 1 - a * a
        case .relu: return a > 0 ? 1 : 0
        case .softplus: return -Foundation.expm1(-a)
        case .sigmoid: return a * (1 - a)
        case .elu: return a > 0 ? 1 : a + 1
        case .identity: return 1
        }
    }

    /// Applies σ in place to `count` doubles.
    @inline(__always)
    func apply(_ values: UnsafeMutablePointer<Double>, count: Int) {
        switch self {
        case .tanh:
            FastMath.tanh(inPlace: values, count: count)
        case .relu:
            for i in 0..<count { values[i] = values[i] > 0 ? values[i] : 0 }
        case .softplus:
            for i in 0..<count { values[i] = Activation.softplus(values[i]) }
        case .sigmoid:
            for i in 0..<count { values[i] = Activation.sigmoid(values[i]) }
        case .elu:
            FastMath.elu(inPlace: values, count: count)
        case .identity:
            break
        }
    }

    /// Multiplies `count` cotangents by σ' taken from the layer outputs `outputs`.
    @inline(__always)
    func multiplyByDerivative(_ cotangent: UnsafeMutablePointer<Double>,
                              outputs: UnsafePointer<Double>, count: Int) {
        switch self {
        case .tanh:
            for i in 0..<count { cotangent[i] *= 1 - outputs[i] * outputs[i] }
        case .relu:
            for i in 0..<count { cotangent[i] = outputs[i] > 0 ? cotangent[i] : 0 }
        case .softplus:
            for i in 0..<count { cotangent[i] *= -Foundation.expm1(-outputs[i]) }
        case .sigmoid:
            for i in 0..<count { cotangent[i] *= outputs[i] * (1 - outputs[i]) }
        case .elu:
            for i in 0..<count where outputs[i] <= 0 { cotangent[i] *= outputs[i] + 1 }
        case .identity:
            break
        }
    }

    /// log(1 + e^z) without overflow or loss of small values: max(z, 0) + log1p(e^{−|z|}).
    static func softplus(_ z: Double) -> Double {
        (z > 0 ? z : 0) + Foundation.log1p(Foundation.exp(-Swift.abs(z)))
    }

    /// 1/(1 + e^{−z}), evaluated through e^{−|z|} so neither branch overflows.
    static func sigmoid(_ z: Double) -> Double {
        let e = Foundation.exp(-Swift.abs(z))
        return z >= 0 ? 1 / (1 + e) : e / (1 + e)
    }
}

/// An activation name that is not one of `Activation.validNames`.
public struct ActivationError: Error, CustomStringConvertible, Equatable {
    /// The name that was not recognised.
    public let name: String

    public var description: String {
        "unknown activation \"\(name)\" (valid: \(Activation.validNames.joined(separator: ", ")))"
    }
}
