import Foundation
import Testing
import NeuralODE

/// The integration loop: outputs, backward time, statistics, failures and invalid settings.
@Suite struct SolverIntegrationTests {
    @Test func fixedStepCountsAreExact() throws {
        let problem = ODEProblem(field: SolverTestDecay(), t0: 0, t1: 1, y0: [1])
        let solution = try ODESolve.solve(problem, method: .rk4, controller: .fixed(dt: 0.1), saveAt: .points(11))
        let stats = solution.statistics
        #expect(stats.acceptedSteps == 10 && stats.rejectedSteps == 0)
        #expect(stats.functionEvaluations == 40)
        #expect(solution.times.count == 11 && solution.times.last == 1)
        #expect(solverTestMaxDifference(stats.acceptedStepSizes, Array(repeating: 0.1, count: 10)) < 1e-15)
        // Grid outputs are the step states: the last equals lastState exactly.
        #expect(Array(solution.state(10)) == solution.lastState)
    }

    @Test func offGridOutputsDoNotChangeTheSteps() throws {
        let problem = ODEProblem(field: SolverTestDecay(), t0: 0, t1: 1, y0: [1])
        let onGrid = try ODESolve.solve(problem, method: .rk4, controller: .fixed(dt: 0.1), saveAt: .final)
        let interior = try ODESolve.solve(problem, method: .rk4, controller: .fixed(dt: 0.1), saveAt: .times([0.05, 0.55]))
        let lastStep = try ODESolve.solve(problem, method: .rk4, controller: .fixed(dt: 0.1), saveAt: .times([0.05, 0.95]))
        #expect(interior.statistics.acceptedStepSizes == onGrid.statistics.acceptedStepSizes)
        #expect(interior.lastState == onGrid.lastState)
        // Hermite needs f at each step end; it is reused as the next k₁, so only the last step costs one more.
        #expect(interior.statistics.functionEvaluations == 40)
        #expect(lastStep.statistics.functionEvaluations == 41)
        // Cubic Hermite error bound h⁴·max|y⁗|/384 = 1e-4·16/384 ≈ 4e-6 on top of RK4's own error.
        #expect(abs(interior.states[1] - exp(-1.1)) < 1e-5)
    }

    @Test func lastFixedStepIsShortened() throws {
        let problem = ODEProblem(field: SolverTestDecay(), t0: 0, t1: 1, y0: [1])
        let solution = try ODESolve.solve(problem, method: .euler, controller: .fixed(dt: 0.3), saveAt: .steps)
        let sizes = solution.statistics.acceptedStepSizes
        #expect(sizes.count == 4)
        #expect(abs(sizes[3] - 0.1) < 1e-15)
        #expect(solution.times == [0, 0.3, 0.6, 0.8999999999999999, 1])
        // Euler by hand: y ← y(1 − 2h).
        #expect(abs(solution.lastState[0] - 0.4 * 0.4 * 0.4 * 0.8) < 1e-15)
    }

    @Test func adaptiveCountsMatchStages() throws {
        let field = SolverTestRotation(omega: 2, copies: 3)
        let problem = ODEProblem(field: field, t0: 0, t1: 7, y0: [1, 0, 0, 1, 0.5, 0.5])
        for method in [SolverMethod.dopri5, .tsit5, .bs3] {
            let solution = try ODESolve.solve(problem, method: method, controller: .tolerances(rtol: 1e-7, atol: 1e-9))
            let s = solution.statistics
            let newStages = (method.tableau?.stages ?? 0) - 1
            // One evaluation at t0, one for the initial step guess, then FSAL steps.
            #expect(s.functionEvaluations == 2 + newStages * (s.acceptedSteps + s.rejectedSteps))
            #expect(s.acceptedTimes.count == s.acceptedSteps && s.rejectedTimes.count == s.rejectedSteps)
            #expect(abs(s.acceptedStepSizes.reduce(0, +) - 7) < 1e-12)
            #expect(solution.lastTime == 7)
        }
    }

    @Test(arguments: [SolverMethod.rk4, .dopri5, .tsit5, .bs3, .rosenbrock23])
    func integratesBackwardInTime(_ method: SolverMethod) throws {
        let field = SolverTestRotation(omega: 1.3, copies: 1)
        let y3 = field.exact(3, from: [1, 0])
        let problem = ODEProblem(field: field, t0: 3, t1: 0, y0: y3)
        let controller: StepSizeController = method.isAdaptive ? .tolerances(rtol: 1e-9, atol: 1e-12) : .fixed(dt: 0.01)
        let solution = try ODESolve.solve(problem, method: method, controller: controller, saveAt: .points(7))
        #expect(solution.succeeded)
        #expect(solution.times == [3, 2.5, 2, 1.5, 1, 0.5, 0])
        #expect(solution.statistics.acceptedStepSizes.allSatisfy { $0 < 0 })
        let tolerance = method == .rosenbrock23 ? 1e-4 : 1e-6
        for (i, t) in solution.times.enumerated() {
            #expect(solverTestMaxDifference(solution.state(i), field.exact(t, from: [1, 0])) < tolerance, "\(method.name) t = \(t)")
        }
    }

    @Test(arguments: [SolverMethod.dopri5, .tsit5, .bs3])
    func denseOutputIsAccurateBetweenSteps(_ method: SolverMethod) throws {
        let field = SolverTestRotation(omega: 1, copies: 1)
        let problem = ODEProblem(field: field, t0: 0, t1: 12, y0: [1, 0])
        let rtol = 1e-9
        let solution = try ODESolve.solve(problem, method: method, controller: .tolerances(rtol: rtol, atol: 1e-12),
                                          saveAt: .points(241))
        #expect(solution.count == 241)
        let stepEnds = Set(zip(solution.statistics.acceptedTimes, solution.statistics.acceptedStepSizes).map { $0 + $1 })
        #expect(solution.times.filter { !stepEnds.contains($0) }.count > 200, "most outputs fall between steps")
        var worst = 0.0
        for (i, t) in solution.times.enumerated() {
            worst = max(worst, solverTestMaxDifference(solution.state(i), field.exact(t, from: [1, 0])))
        }
        let atEnd = solverTestMaxDifference(solution.lastState, field.exact(12, from: [1, 0]))
        // Interpolated values are as good as the step values (within a small factor), not worse by orders.
        #expect(worst < max(5 * atEnd, 100 * rtol), "\(method.name): worst \(worst), at t1 \(atEnd)")
    }

    @Test(arguments: [SolverMethod.dopri5, .tsit5, .rosenbrock23])
    func blowUpFailsNearTheSingularity(_ method: SolverMethod) throws {
        let problem = ODEProblem(field: SolverTestBlowUp(), t0: 0, t1: 2, y0: [1])
        let solution = try ODESolve.solve(problem, method: method, controller: .tolerances(rtol: 1e-6, atol: 1e-9),
                                          saveAt: .points(21))
        let failure = try #require(solution.failure)
        switch failure {
        case .stepSizeUnderflow, .nonFiniteState: break
        case .tooManySteps, .nonFiniteComponent, .beyondBound: Issue.record("expected underflow or non-finite state, got \(failure)")
        }
        #expect(abs(failure.time - 1) < 1e-3, "\(method.name): \(failure)")
        // The outputs before the singularity are kept and accurate (a step may jump just past t = 1).
        #expect(solution.times.count >= 10 && solution.times.count <= 11)
        #expect(abs(solution.states[9] - 1 / (1 - 0.9)) < 1e-2)
        #expect(solution.lastTime == failure.time)
        #expect(!failure.description.isEmpty && !failure.description.contains("\n"))
    }

    @Test func blowUpWithFixedStepIsNonFinite() throws {
        let problem = ODEProblem(field: SolverTestBlowUp(), t0: 0, t1: 2, y0: [1])
        let solution = try ODESolve.solve(problem, method: .rk4, controller: .fixed(dt: 0.01))
        guard case .nonFiniteState(let t)? = solution.failure else {
            Issue.record("expected a non-finite state, got \(String(describing: solution.failure))")
            return
        }
        #expect(t > 0.9 && t < 1.2, "failed at \(t)")
        #expect(solution.lastState[0].isFinite)
    }

    /// 1e11 grid steps under an unlimited step cap: nothing is allocated for steps that never come.
    @Test func fixedStepDoesNotPreallocateFromTheStepCap() throws {
        let problem = ODEProblem(field: SolverTestBlowUp(), t0: 0, t1: 1e9, y0: [1])
        let solution = try ODESolve.solve(problem, method: .euler,
                                          controller: .constant(ConstantStepSize(dt: 0.01, maxSteps: .max)))
        guard case .nonFiniteState(let t)? = solution.failure else {
            Issue.record("expected a non-finite state, got \(String(describing: solution.failure))")
            return
        }
        #expect(t > 1 && t < 10, "failed at \(t)")
        #expect(solution.statistics.acceptedTimes.count == solution.statistics.acceptedSteps)
    }

    @Test func fieldReturningNaNIsANonFiniteFailure() throws {
        struct Broken: VectorField {
            var stateSize: Int { 1 }
            func evaluate(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>) {
                dy[0] = t < 0.5 ? -y[0] : .nan
            }
        }
        let problem = ODEProblem(field: Broken(), t0: 0, t1: 1, y0: [1])
        let adaptive = try ODESolve.solve(problem, method: .dopri5, controller: .tolerances(rtol: 1e-6, atol: 1e-9))
        guard case .nonFiniteState(let t)? = adaptive.failure else {
            Issue.record("expected a non-finite state, got \(String(describing: adaptive.failure))")
            return
        }
        #expect(t <= 0.5 && t > 0.49, "failed at \(t)")
        let fixed = try ODESolve.solve(problem, method: .euler, controller: .fixed(dt: 0.1))
        #expect(fixed.failure == .nonFiniteState(t: 0.5))
        #expect(abs(fixed.lastTime - 0.5) < 1e-15 && abs(fixed.lastState[0] - pow(0.9, 5)) < 1e-15)
    }

    @Test func maxStepsEndsTheSolve() throws {
        let problem = ODEProblem(field: SolverTestRotation(), t0: 0, t1: 100, y0: [1, 0])
        var controller = PIController(rtol: 1e-8, atol: 1e-10)
        controller.maxSteps = 25
        let solution = try ODESolve.solve(problem, method: .dopri5, controller: .adaptive(controller), saveAt: .steps)
        guard case .tooManySteps(let t, let limit)? = solution.failure else {
            Issue.record("expected too many steps, got \(String(describing: solution.failure))")
            return
        }
        #expect(limit == 25)
        #expect(solution.statistics.acceptedSteps + solution.statistics.rejectedSteps == 25)
        #expect(t > 0 && t < 100 && t == solution.times.last)
    }

    @Test func minimumAndMaximumStepAreHonoured() throws {
        let problem = ODEProblem(field: SolverTestRotation(), t0: 0, t1: 10, y0: [1, 0])
        var capped = PIController(rtol: 1e-3, atol: 1e-6)
        capped.maxStep = 0.25
        let solution = try ODESolve.solve(problem, method: .tsit5, controller: .adaptive(capped))
        #expect(solution.statistics.acceptedStepSizes.allSatisfy { $0 <= 0.25 })
        var floored = PIController(rtol: 1e-12, atol: 1e-14)
        floored.minStep = 0.1
        let failed = try ODESolve.solve(problem, method: .bs3, controller: .adaptive(floored))
        guard case .stepSizeUnderflow(_, let h)? = failed.failure else {
            Issue.record("expected underflow, got \(String(describing: failed.failure))")
            return
        }
        #expect(abs(h) < 0.1)
    }

    @Test func statisticsRoundTripThroughJSON() throws {
        let problem = ODEProblem(field: SolverTestRotation(), t0: 0, t1: 2, y0: [1, 0])
        let solution = try ODESolve.solve(problem, method: .dopri5, controller: .tolerances(rtol: 1e-6, atol: 1e-9))
        let data = try JSONEncoder().encode(solution.statistics)
        let decoded = try JSONDecoder().decode(SolveStatistics.self, from: data)
        #expect(decoded == solution.statistics)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"functionEvaluations\"") && text.contains("\"acceptedStepSizes\""))
    }

    @Test func invalidSettingsThrowOneLineErrors() {
        let problem = ODEProblem(field: SolverTestRotation(), t0: 0, t1: 1, y0: [1, 0])
        #expect(throws: ODEConfigurationError.stateSizeMismatch(expected: 2, got: 1)) {
            _ = try ODESolve.solve(ODEProblem(field: SolverTestRotation(), t0: 0, t1: 1, y0: [1]),
                                   method: .rk4, controller: .fixed(dt: 0.1))
        }
        #expect(throws: ODEConfigurationError.methodNotAdaptive(.rk4)) {
            _ = try ODESolve.solve(problem, method: .rk4, controller: .tolerances(rtol: 1e-6, atol: 1e-9))
        }
        for (controller, saveAt) in [(StepSizeController.fixed(dt: 0), SaveAt.final),
                                     (.fixed(dt: -0.1), .final),
                                     (.fixed(dt: 0.1), .points(1)),
                                     (.fixed(dt: 0.1), .times([0.5, 0.2])),
                                     (.fixed(dt: 0.1), .times([1.5])),
                                     (.tolerances(rtol: 0, atol: 0), .final)] {
            let method: SolverMethod = { if case .adaptive = controller { return .dopri5 } else { return .rk4 } }()
            do {
                _ = try ODESolve.solve(problem, method: method, controller: controller, saveAt: saveAt)
                Issue.record("expected an error for \(controller), \(saveAt)")
            } catch {
                #expect(!error.description.isEmpty && !error.description.contains("\n"))
            }
        }
    }

    @Test func zeroLengthIntervalReturnsTheInitialState() throws {
        let problem = ODEProblem(field: SolverTestRotation(), t0: 2, t1: 2, y0: [1, 0])
        let solution = try ODESolve.solve(problem, method: .dopri5, controller: .tolerances(rtol: 1e-6, atol: 1e-9),
                                          saveAt: .points(3))
        #expect(solution.succeeded && solution.states == [1, 0, 1, 0, 1, 0])
        #expect(solution.statistics.functionEvaluations == 0)
    }

    @Test func publicStepReproducesARecordedStep() throws {
        let field = SolverTestRotation(omega: 1, copies: 1)
        let problem = ODEProblem(field: field, t0: 0, t1: 1, y0: [1, 0])
        let solution = try ODESolve.solve(problem, method: .tsit5, controller: .tolerances(rtol: 1e-6, atol: 1e-9),
                                          saveAt: .steps)
        let workspace = RungeKuttaWorkspace(tableau: .tsit5, stateSize: 2)
        var y = [1.0, 0.0]
        var next = [0.0, 0.0]
        let stats = solution.statistics
        for (t, h) in zip(stats.acceptedTimes, stats.acceptedStepSizes) {
            y.withUnsafeBufferPointer { source in
                next.withUnsafeMutableBufferPointer { target in
                    workspace.step(field, t: t, h: h, y: source.baseAddress!, into: target.baseAddress!)
                }
            }
            y = next
        }
        #expect(y == solution.lastState)
        #expect(workspace.evaluations == 7 * stats.acceptedSteps)
    }
}
