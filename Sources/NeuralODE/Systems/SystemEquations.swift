/// The configured equations of one registry system; a closed set so calls stay static.
enum SystemEquations: Sendable {
    case expDecay(ExpDecay)
    case dampedOscillator(DampedOscillator)
    case vanDerPol(VanDerPol)
    case lotkaVolterra(LotkaVolterra)
    case duffing(Duffing)
    case pendulum(Pendulum)
    case cubicSpiral(CubicSpiral)
    case lorenz(Lorenz)
    case rossler(Rossler)
    /// A system read from text, compiled for its parameter values.
    case text(CompiledTextSystem)

    /// Every system with the constructor of its equations, in registry order.
    static let catalog: [(spec: SystemSpec, make: @Sendable ([Double]) -> SystemEquations)] = [
        (ExpDecay.spec, { .expDecay(ExpDecay(values: $0)) }),
        (DampedOscillator.spec, { .dampedOscillator(DampedOscillator(values: $0)) }),
        (VanDerPol.spec, { .vanDerPol(VanDerPol(values: $0)) }),
        (LotkaVolterra.spec, { .lotkaVolterra(LotkaVolterra(values: $0)) }),
        (Duffing.spec, { .duffing(Duffing(values: $0)) }),
        (Pendulum.spec, { .pendulum(Pendulum(values: $0)) }),
        (CubicSpiral.spec, { .cubicSpiral(CubicSpiral(values: $0)) }),
        (Lorenz.spec, { .lorenz(Lorenz(values: $0)) }),
        (Rossler.spec, { .rossler(Rossler(values: $0)) }),
    ]

    @inline(__always)
    func rhs(batch: Int, t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>) {
        switch self {
        case .expDecay(let s): s.rhsBatch(batch: batch, t: t, y: y, dy: dy)
        case .dampedOscillator(let s): s.rhsBatch(batch: batch, t: t, y: y, dy: dy)
        case .vanDerPol(let s): s.rhsBatch(batch: batch, t: t, y: y, dy: dy)
        case .lotkaVolterra(let s): s.rhsBatch(batch: batch, t: t, y: y, dy: dy)
        case .duffing(let s): s.rhsBatch(batch: batch, t: t, y: y, dy: dy)
        case .pendulum(let s): s.rhsBatch(batch: batch, t: t, y: y, dy: dy)
        case .cubicSpiral(let s): s.rhsBatch(batch: batch, t: t, y: y, dy: dy)
        case .lorenz(let s): s.rhsBatch(batch: batch, t: t, y: y, dy: dy)
        case .rossler(let s): s.rhsBatch(batch: batch, t: t, y: y, dy: dy)
        case .text(let s): s.rhs(batch: batch, t: t, y: y, dy: dy)
        }
    }

    func jacobian(batch: Int, t: Double, y: UnsafePointer<Double>, into j: UnsafeMutablePointer<Double>) {
        switch self {
        case .expDecay(let s): s.jacobianBatch(batch: batch, t: t, y: y, into: j)
        case .dampedOscillator(let s): s.jacobianBatch(batch: batch, t: t, y: y, into: j)
        case .vanDerPol(let s): s.jacobianBatch(batch: batch, t: t, y: y, into: j)
        case .lotkaVolterra(let s): s.jacobianBatch(batch: batch, t: t, y: y, into: j)
        case .duffing(let s): s.jacobianBatch(batch: batch, t: t, y: y, into: j)
        case .pendulum(let s): s.jacobianBatch(batch: batch, t: t, y: y, into: j)
        case .cubicSpiral(let s): s.jacobianBatch(batch: batch, t: t, y: y, into: j)
        case .lorenz(let s): s.jacobianBatch(batch: batch, t: t, y: y, into: j)
        case .rossler(let s): s.jacobianBatch(batch: batch, t: t, y: y, into: j)
        case .text(let s): s.jacobian(batch: batch, t: t, y: y, into: j)
        }
    }
}
