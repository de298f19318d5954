extension GradientEngine {
    /// Checks that the batch fits the field and the settings can run.
    func validate(_ batch: ObservationBatch, settings: GradientSettings) throws(GradientConfigurationError) {
        guard settings.method.tableau != nil else {
            throw .invalid("gradients need an explicit Runge–Kutta method; \(settings.method.name) is not supported")
        }
        let expected = batch.trajectoryCount * batch.stateDimension
        guard field.stateSize == expected else {
            throw .invalid("the field's state has \(field.stateSize) values but the batch has "
                + "\(batch.trajectoryCount) trajectories of dimension \(batch.stateDimension)")
        }
        try Self.check(settings.controller, method: settings.method)
        if let controller = settings.adjointController { try Self.check(controller, method: settings.method) }
        guard settings.finiteDifferenceStep > 0, settings.finiteDifferenceStep.isFinite else {
            throw .invalid("the finite-difference step must be positive, got \(settings.finiteDifferenceStep)")
        }
        if let threads = settings.threads, let problem = ThreadCount.problem(threads) { throw .invalid("threads \(problem)") }
    }

    private static func check(_ controller: StepSizeController,
                              method: SolverMethod) throws(GradientConfigurationError) {
        switch controller {
        case .constant(let constant):
            guard constant.dt > 0, constant.dt.isFinite else {
                throw .solver(.invalid("step size dt must be positive, got \(constant.dt)"))
            }
            guard constant.maxSteps >= 1 else { throw .solver(.invalid("maxSteps must be at least 1")) }
        case .adaptive(let pi):
            guard method.isAdaptive else { throw .solver(.methodNotAdaptive(method)) }
            if let message = pi.validationMessage() { throw .solver(.invalid(message)) }
        }
    }
}
