/// How a Lyapunov spectrum is estimated: run lengths, number of exponents, re-orthonormalisation and the solver.
public struct LyapunovSettings: Sendable {
    /// Time integrated (with the tangent frame carried and re-orthonormalised) before averaging starts.
    public var transient: Double
    /// Length of the averaging run after the transient.
    public var duration: Double
    /// How many exponents (the k largest); nil means all d.
    public var exponents: Int?
    /// Time between QR re-orthonormalisations of the tangent frame.
    public var interval: Double
    /// Solver for the augmented (state + tangent) system.
    public var method: SolverMethod
    /// Step-size control for the augmented system.
    public var controller: StepSizeController
    /// Largest number of running estimates kept (evenly thinned; the final estimate is always kept).
    public var maxRecords: Int

    /// Makes settings; the defaults suit the catalogue's chaotic systems (Lorenz, Rössler) in well under a second.
    public init(transient: Double = 50, duration: Double = 1000, exponents: Int? = nil, interval: Double = 0.5,
                method: SolverMethod = .tsit5, controller: StepSizeController = .tolerances(rtol: 1e-9, atol: 1e-9),
                maxRecords: Int = 2000) {
        self.transient = transient
        self.duration = duration
        self.exponents = exponents
        self.interval = interval
        self.method = method
        self.controller = controller
        self.maxRecords = maxRecords
    }

    /// A one-line reason these settings cannot run on a `dimension`-component state, or nil.
    func validationMessage(dimension: Int) -> String? {
        guard transient.isFinite, transient >= 0 else { return "the transient must be finite and non-negative, got \(transient)" }
        guard duration.isFinite, duration > 0 else { return "the averaging time must be positive, got \(duration)" }
        guard interval.isFinite, interval > 0 else { return "the re-orthonormalisation interval must be positive, got \(interval)" }
        guard duration / interval <= 1e8 else { return "the averaging time is too long for the interval \(interval)" }
        guard maxRecords >= 2 else { return "at least 2 running estimates must be kept, got \(maxRecords)" }
        if let exponents, !(1...dimension).contains(exponents) {
            return "the number of exponents must be in 1...\(dimension), got \(exponents)"
        }
        return nil
    }
}
