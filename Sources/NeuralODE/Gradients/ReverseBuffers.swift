/// Scratch buffers of the reverse passes, grown on demand and kept between calls.
final class ReverseBuffers {
    /// ∂L/∂y at each observation, T × n.
    private(set) var cotangent: UnsafeMutablePointer<Double>
    /// Stage cotangents k̄ᵢ, s × n.
    private(set) var stageCotangent: UnsafeMutablePointer<Double>
    /// ȳ at the current step end, ȳ at its start, one VJP output (n each).
    private(set) var vectors: UnsafeMutablePointer<Double>
    /// ∂L/∂θ accumulator (P).
    private(set) var parameter: UnsafeMutablePointer<Double>
    /// Which stage cotangents are non-zero (s).
    private(set) var active: UnsafeMutablePointer<Bool>
    private var sizes = (cotangent: 0, stage: 0, vectors: 0, parameter: 0, active: 0)

    init() {
        cotangent = .allocate(capacity: 1)
        stageCotangent = .allocate(capacity: 1)
        vectors = .allocate(capacity: 1)
        parameter = .allocate(capacity: 1)
        active = .allocate(capacity: 1)
    }

    deinit {
        cotangent.deallocate()
        stageCotangent.deallocate()
        vectors.deallocate()
        parameter.deallocate()
        active.deallocate()
    }

    /// Makes room for T observations, s stages, n state values and P parameters.
    func reserve(times: Int, stages: Int, stateSize n: Int, parameters: Int) {
        func grow<T>(_ pointer: inout UnsafeMutablePointer<T>, _ size: inout Int, _ needed: Int) {
            guard needed > size else { return }
            pointer.deallocate()
            pointer = .allocate(capacity: needed)
            size = needed
        }
        grow(&cotangent, &sizes.cotangent, times * n)
        grow(&stageCotangent, &sizes.stage, stages * n)
        grow(&vectors, &sizes.vectors, 3 * n)
        grow(&parameter, &sizes.parameter, max(parameters, 1))
        grow(&active, &sizes.active, stages)
    }
}
