/// The reverse of one recorded Runge–Kutta step, shared by backprop and the terminal gradient.
///
/// For accepted step m of size h, with ȳ the cotangent of its end state: `seed` sets the stage
/// cotangents k̄ᵢ = h·bᵢ·ȳ and ȳ_start = ȳ; the caller may add interpolation terms to both; then
/// `pullBack` runs the stages in reverse order from their recorded evaluations
/// (Ȳᵢ = k̄ᵢᵀ∂f/∂y, k̄ⱼ += h·aᵢⱼ·Ȳᵢ, θ̄ += k̄ᵢᵀ∂f/∂θ, ȳ_start += Ȳᵢ), skipping stages whose cotangent
/// is zero (the FSAL stage, mostly), and ȳ becomes ȳ_start.
struct StepPullback<F: ParametricField> {
    let field: F
    let kernel: RungeKuttaKernel
    let tape: StageTape
    let firstStageSlots: [Int]
    /// Stage cotangents k̄ (s × n) and which are non-zero (s).
    let kbar: UnsafeMutablePointer<Double>
    let active: UnsafeMutablePointer<Bool>
    /// ȳ at the step's end, ȳ at its start, one VJP's output (n each).
    let ybar: UnsafeMutablePointer<Double>
    let ybarStart: UnsafeMutablePointer<Double>
    let pulled: UnsafeMutablePointer<Double>
    /// ∂L/∂θ accumulator (P).
    let thetaBar: UnsafeMutablePointer<Double>
    /// Vector-Jacobian products so far.
    private(set) var vjps = 0

    /// Pullback buffers from `buffers` (reserved for the kernel's stages), ȳ and θ̄ set to zero.
    init(field: F, kernel: RungeKuttaKernel, tape: StageTape, firstStageSlots: [Int], buffers: ReverseBuffers) {
        self.field = field
        self.kernel = kernel
        self.tape = tape
        self.firstStageSlots = firstStageSlots
        let n = kernel.stateSize
        kbar = buffers.stageCotangent
        active = buffers.active
        ybar = buffers.vectors
        ybarStart = buffers.vectors + n
        pulled = buffers.vectors + 2 * n
        thetaBar = buffers.parameter
        for i in 0..<field.parameterCount { thetaBar[i] = 0 }
        for i in 0..<n { ybar[i] = 0 }
    }

    /// k̄ᵢ = h·bᵢ·ȳ and ȳ_start = ȳ.
    func seed(h: Double) {
        let n = kernel.stateSize, b = kernel.b
        for stage in 0..<kernel.stages {
            let row = kbar + stage * n, coefficient = h * b[stage]
            for i in 0..<n { row[i] = coefficient * ybar[i] }
            active[stage] = coefficient != 0
        }
        for i in 0..<n { ybarStart[i] = ybar[i] }
    }

    /// One VJP of the evaluation recorded in `slot` with cotangent `v`, into `pulled` (θ̄ accumulated).
    mutating func vjp(slot: Int, v: UnsafePointer<Double>) {
        field.vjpDeferred(tape: tape.slot(slot), v: v, vy: pulled, vtheta: thetaBar)
        vjps += 1
    }

    /// The stages of step m in reverse order; ȳ becomes ȳ_start.
    mutating func pullBack(step m: Int, h: Double) {
        let n = kernel.stateSize, s = kernel.stages, a = kernel.a
        for stage in stride(from: s - 1, through: 0, by: -1) where active[stage] {
            vjp(slot: stage == 0 ? firstStageSlots[m] : m * s + stage, v: kbar + stage * n)
            for i in 0..<n { ybarStart[i] += pulled[i] }
            let row = a + stage * s
            for earlier in 0..<stage {
                let coefficient = h * row[earlier]
                if coefficient == 0 { continue }
                let target = kbar + earlier * n
                for i in 0..<n { target[i] += coefficient * pulled[i] }
                active[earlier] = true
            }
        }
        for i in 0..<n { ybar[i] = ybarStart[i] }
    }

    /// Flushes the deferred parameter cotangents and fills the result's gradients and backward counts.
    func finish(_ result: inout GradientResult, steps: Int) {
        field.flushParameterCotangents()
        result.parameterGradient = Array(UnsafeBufferPointer(start: thetaBar, count: field.parameterCount))
        result.initialStateGradient = Array(UnsafeBufferPointer(start: ybar, count: kernel.stateSize))
        result.backward.functionEvaluations = vjps
        result.backward.acceptedSteps = steps
        if !(result.parameterGradient.allSatisfy(\.isFinite) && result.initialStateGradient.allSatisfy(\.isFinite)) {
            result.failure = .nonFiniteGradient
        }
    }
}
