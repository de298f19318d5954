/// A neural ODE classifier: the flow of f_θ from time 0 to `endTime`, then a linear read-out.
///
/// A point x (`mlp.stateDim` components) starts the ODE at z(0) = (x, 0, …, 0) with
/// `mlp.augmentDim` zeros appended (Definition 3.1.5); the prediction is o = w·z(T) + b and the
/// class is its sign. The flow of a batch is one solve of all its points together (one shared
/// step sequence), as in training.
public struct ODEClassifier: Sendable, Equatable {
    /// The vector field f_θ on the (augmented) state.
    public var mlp: MLP
    /// The read-out on z(T).
    public var readout: LinearReadout
    /// T, the end of the flow (it starts at 0).
    public var endTime: Double

    /// Makes a classifier; the read-out must take `mlp.odeDimension` inputs and T must be positive.
    public init(mlp: MLP, readout: LinearReadout, endTime: Double = 1) throws(ClassificationError) {
        guard readout.dimension == mlp.odeDimension else {
            throw .invalidConfiguration("the read-out takes \(readout.dimension) values but the ODE state has "
                + "\(mlp.odeDimension)")
        }
        guard endTime > 0, endTime.isFinite else {
            throw .invalidConfiguration("the end time must be positive and finite, got \(endTime)")
        }
        self.mlp = mlp
        self.readout = readout
        self.endTime = endTime
    }

    /// The initial ODE states of `points` (N × `mlp.stateDim`): each followed by `mlp.augmentDim` zeros.
    public func initialStates(_ points: [Double]) -> [Double] {
        let d = mlp.stateDim, a = mlp.augmentDim
        guard a > 0 else { return points }
        var out: [Double] = []
        out.reserveCapacity(points.count / d * (d + a))
        for k in 0..<(points.count / d) {
            out.append(contentsOf: points[(k * d)..<((k + 1) * d)])
            out.append(contentsOf: repeatElement(0.0, count: a))
        }
        return out
    }

    /// The flow of `points` (N × `mlp.stateDim`) saved at `times` (each in [0, T], increasing):
    /// `states` holds, per time, N ODE states of `mlp.odeDimension` components.
    public func flow(_ points: [Double], times: [Double], method: SolverMethod = .dopri5,
                     controller: StepSizeController) throws(ClassificationError) -> ODESolution {
        let d = mlp.stateDim
        guard !points.isEmpty, points.count % d == 0 else {
            throw .invalidData("expected a multiple of \(d) coordinates, got \(points.count)")
        }
        let field = MLPField(mlp, batchSize: points.count / d)
        let problem = ODEProblem(field: field, t0: 0, t1: endTime, y0: initialStates(points))
        do {
            return try ODESolve.solve(problem, method: method, controller: controller, saveAt: .times(times))
        } catch {
            throw .solverSettings(error.description)
        }
    }

    /// The read-out values o of `points` (NaN for every point when the solve fails), with the solve's statistics.
    public func outputs(_ points: [Double], method: SolverMethod = .dopri5,
                        controller: StepSizeController) throws(ClassificationError) -> (values: [Double], solution: ODESolution) {
        let solution = try flow(points, times: [endTime], method: method, controller: controller)
        let n = mlp.odeDimension, count = points.count / mlp.stateDim
        guard solution.succeeded else { return (Array(repeating: .nan, count: count), solution) }
        let values = (0..<count).map { k in readout.output(solution.states[(k * n)..<((k + 1) * n)]) }
        return (values, solution)
    }

    /// The fraction of `data`'s points whose read-out has the sign of their label (0 when the solve fails).
    public func accuracy(on data: LabelledPoints, method: SolverMethod = .dopri5,
                         controller: StepSizeController) throws(ClassificationError) -> Double {
        guard data.dimension == mlp.stateDim else {
            throw .invalidData("the points have \(data.dimension) components; the classifier takes \(mlp.stateDim)")
        }
        let values = try outputs(data.points, method: method, controller: controller).values
        return Self.accuracy(outputs: values, labels: data.labels)
    }

    /// The fraction of `outputs` with the sign of the matching label (a zero output counts as wrong).
    public static func accuracy(outputs: [Double], labels: [Double]) -> Double {
        guard !labels.isEmpty else { return 0 }
        var right = 0
        for (o, y) in zip(outputs, labels) where o * y > 0 { right += 1 }
        return Double(right) / Double(labels.count)
    }
}
