import Foundation
import NeuralODE
import Render

/// Misconception 2 measured: the adjoint is not always the more accurate gradient.
///
/// A Van der Pol model f_θ with θ = (μ, k) is fitted to one observation of the true system (μ = 1,
/// k = 1) at a long horizon T, where the limit cycle attracts strongly: solved backward, the
/// adjoint's reconstruction of y(t) is repelled from the cycle, so its errors grow. For each rtol
/// (atol = rtol·`atolRatio`, dopri5, the adjoint solved at the same tolerances) the gradient
/// dL/dθ from the adjoint and from backpropagation through the solver is compared with two
/// references (relative error ‖g − g_ref‖ / ‖g_ref‖):
/// - the exact gradient of the continuous loss: backpropagation through a dopri5 solve at rtol
///   `referenceTolerance` (its distance to the adjoint at that tolerance is reported as the
///   reference's own uncertainty);
/// - the gradient of the loss actually computed at that rtol: central finite differences of the
///   discretised loss, replaying the forward solve's steps (what an optimiser descends).
public struct AdjointAccuracyFigure: CourseFigure {
    /// The model's coefficients (μ, k) where the gradient is taken.
    public var modelParameters = [1.2, 0.9]
    /// The true system's coefficients (μ, k) that make the target.
    public var trueParameters = [1.0, 1.0]
    public var initialState = [2.0, 0.0]
    /// The observation time (one observation: L = ½‖y(T) − y*(T)‖²).
    public var horizon = 10.0
    public var tolerances = [1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10]
    public var atolRatio = 1e-3
    public var referenceTolerance = 1e-13

    public struct Numbers: Sendable {
        public var tolerances: [Double]
        /// Relative errors against the continuous reference.
        public var adjointVsExact: [Double]
        public var backpropVsExact: [Double]
        /// Relative errors against finite differences of the discretised loss at the same tolerance.
        public var adjointVsDiscrete: [Double]
        public var backpropVsDiscrete: [Double]
        /// Backward-pass evaluations of the adjoint and steps replayed by backprop, per tolerance.
        public var adjointEvaluations: [Int]
        /// Why the adjoint's backward solve failed at each tolerance (nil where it succeeded; its errors are then NaN).
        public var adjointFailures: [String?]
        public var forwardSteps: [Int]
        public var reference: [Double]
        /// ‖adjoint − backprop‖ / ‖backprop‖ at the reference tolerance.
        public var referenceUncertainty: Double
        public var loss: Double
    }

    public init() {}

    public var defaultTitle: String {
        "Misconception 2: adjoint vs backprop, L = ½|y(\(NumberText.short(horizon))) − y^{*}|^{2}"
    }

    public var preferredSize: PageSize { PageSize(width: .inches(6.5), height: .inches(6.6)) }

    public func compute() throws(FigureError) -> Numbers {
        guard modelParameters.count == 2, trueParameters.count == 2, initialState.count == 2, horizon > 0,
              !tolerances.isEmpty else {
            throw .invalidInput("the adjoint figure needs θ = (μ, k), a 2-D initial state, T > 0 and tolerances")
        }
        let truth = ParametricVanDerPol(mu: trueParameters[0], k: trueParameters[1])
        let target: [Double]
        do {
            let solution = try ODESolve.solve(ODEProblem(field: truth, t0: 0, t1: horizon, y0: initialState), method: .dopri5,
                                              controller: .tolerances(rtol: 1e-12, atol: 1e-14))
            if let failure = solution.failure { throw FigureError.computationFailed("target solve: \(failure)") }
            target = solution.lastState
        } catch let error as FigureError {
            throw error
        } catch {
            throw .solverSettings("\(error)")
        }
        let batch: ObservationBatch
        do {
            batch = try ObservationBatch(t0: 0, times: [horizon], initialStates: initialState, targets: target,
                                         trajectoryCount: 1, stateDimension: 2)
        } catch {
            throw .invalidInput(error.description)
        }
        let model = ParametricVanDerPol(mu: modelParameters[0], k: modelParameters[1])
        let engine = GradientEngine(field: model)
        func settings(_ rtol: Double) -> GradientSettings {
            GradientSettings(method: .dopri5, controller: .tolerances(rtol: rtol, atol: rtol * atolRatio), loss: .halfSSE,
                             threads: 1)
        }
        func gradient(_ method: GradientMethod, _ rtol: Double) throws(FigureError) -> GradientResult {
            let result: GradientResult
            do {
                result = try engine.gradient(batch, method: method, settings: settings(rtol))
            } catch {
                throw .solverSettings(error.description)
            }
            if let failure = result.failure {
                throw .computationFailed("\(method.name) at rtol \(rtol): \(failure.description)")
            }
            return result
        }
        let exact = try gradient(.backprop, referenceTolerance)
        let exactAdjoint = try gradient(.adjoint, referenceTolerance)
        let reference = exact.parameterGradient
        var numbers = Numbers(tolerances: tolerances, adjointVsExact: [], backpropVsExact: [], adjointVsDiscrete: [],
                              backpropVsDiscrete: [], adjointEvaluations: [], adjointFailures: [], forwardSteps: [], reference: reference,
                              referenceUncertainty: Self.relative(exactAdjoint.parameterGradient, reference), loss: exact.loss)
        for rtol in tolerances {
            let backprop = try gradient(.backprop, rtol)
            let discrete = try gradient(.finiteDifference, rtol).parameterGradient
            numbers.backpropVsExact.append(Self.relative(backprop.parameterGradient, reference))
            numbers.backpropVsDiscrete.append(Self.relative(backprop.parameterGradient, discrete))
            numbers.forwardSteps.append(backprop.forward.acceptedSteps)
            // The backward solve may fail (its reconstruction of y blows up): recorded as NaN.
            let adjoint: GradientResult
            do {
                adjoint = try engine.gradient(batch, method: .adjoint, settings: settings(rtol))
            } catch {
                throw .solverSettings(error.description)
            }
            let failed = adjoint.failure != nil
            numbers.adjointVsExact.append(failed ? .nan : Self.relative(adjoint.parameterGradient, reference))
            numbers.adjointVsDiscrete.append(failed ? .nan : Self.relative(adjoint.parameterGradient, discrete))
            numbers.adjointEvaluations.append(adjoint.backward.functionEvaluations)
            numbers.adjointFailures.append(adjoint.failure?.description)
        }
        return numbers
    }

    /// ‖a − b‖ / ‖b‖ (Euclidean).
    static func relative(_ a: [Double], _ b: [Double]) -> Double {
        var difference = 0.0, norm = 0.0
        for (x, y) in zip(a, b) {
            difference += (x - y) * (x - y)
            norm += y * y
        }
        return (difference / norm).squareRoot()
    }

    public func keyNumbers(_ n: Numbers) -> [KeyNumber] {
        var out: [KeyNumber] = []
        let backprop = n.backpropVsDiscrete.filter(\.isFinite)
        if let worst = backprop.max() { out.append(KeyNumber("backpropVsFD", worst, significant: 1, meaning: "largest over the tolerances")) }
        if let i = n.adjointFailures.lastIndex(where: { $0 != nil }) {
            out.append(KeyNumber("adjointFailsFrom", n.tolerances[i], significant: 1, meaning: "smallest rtol at which the adjoint fails"))
        }
        if let i = n.adjointVsDiscrete.firstIndex(where: \.isFinite) {
            out.append(KeyNumber("adjointFirstRtol", n.tolerances[i], significant: 1))
            out.append(KeyNumber("adjointFirstError", n.adjointVsDiscrete[i], significant: 2))
        }
        if let last = n.adjointVsExact.last { out.append(KeyNumber("adjointFinal", last, significant: 2)) }
        if let last = n.backpropVsExact.last { out.append(KeyNumber("backpropFinal", last, significant: 2)) }
        if let t = n.tolerances.last { out.append(KeyNumber("finalRtol", t, significant: 1)) }
        return out
    }

    public func summary(_ numbers: Numbers) -> String {
        func list(_ values: [Double]) -> String {
            values.map { $0.isNaN ? "failed" : String(format: "%.1e", $0) }.joined(separator: " ")
        }
        let tols = numbers.tolerances.map { String(format: "%.0e", $0) }.joined(separator: " ")
        return "Van der Pol model theta = (mu, k) = (\(modelParameters.map { NumberText.short($0) }.joined(separator: ", "))), "
            + "one observation at T = \(NumberText.short(horizon)), dopri5; rtol \(tols): "
            + "relative error vs exact gradient: adjoint \(list(numbers.adjointVsExact)), backprop \(list(numbers.backpropVsExact)); "
            + "vs FD of the computed loss: adjoint \(list(numbers.adjointVsDiscrete)), backprop \(list(numbers.backpropVsDiscrete)); "
            + String(format: "reference dL/dtheta = (%.6g, %.6g), adjoint agrees to %.1e at rtol %.0e",
                     numbers.reference[0], numbers.reference[1], numbers.referenceUncertainty, referenceTolerance)
    }

    public func layout(_ numbers: Numbers, options: FigureOptions) -> Figure {
        let theme = options.theme
        let figure = options.makeFigure(rows: 2, columns: 1)
        figure.suptitle = options.resolvedTitle(defaultTitle)
        let adjointColor = theme.role(.adjoint).color
        let panels: [(String, [Double], [Double])] = [
            ("Against the exact gradient (backprop at rtol \(SolverStatsFigure<SystemField>.tolerance(referenceTolerance)))",
             numbers.adjointVsExact, numbers.backpropVsExact),
            ("Against the gradient of the loss computed (FD, same rtol)", numbers.adjointVsDiscrete, numbers.backpropVsDiscrete),
        ]
        let all = (numbers.adjointVsExact + numbers.backpropVsExact + numbers.adjointVsDiscrete + numbers.backpropVsDiscrete)
            .filter { $0 > 0 && $0.isFinite }
        for (c, panel) in panels.enumerated() {
            let ax = figure[c, 0]
            ax.title = panel.0
            ax.xLabel = "solver tolerance rtol (atol = \(NumberText.short(atolRatio))·rtol)"
            if c == 0 { ax.yLabel = "relative error of dL/dθ" }
            ax.xScale = .log
            ax.yScale = .log
            ax.showsGrid = true
            ax.xLimits = ((numbers.tolerances.max() ?? 1) * 2, (numbers.tolerances.min() ?? 1e-10) / 2)
            if let low = all.min(), let high = all.max() { ax.yLimits = (low / 3, high * 30) }
            ax.add(LineSeries(x: numbers.tolerances, y: panel.1, style: theme.line(.adjoint),
                              marker: theme.marker(.adjoint, size: 7), label: "adjoint"))
            ax.add(LineSeries(x: numbers.tolerances, y: panel.2, style: theme.line(.backprop),
                              marker: theme.marker(.backprop, size: 5.5), label: "backprop through the solver"))
            let failed = numbers.tolerances.indices.filter { numbers.adjointFailures[$0] != nil }
            if !failed.isEmpty, let top = ax.yLimits?.1 {
                ax.add(Scatter(x: failed.map { numbers.tolerances[$0] }, y: failed.map { _ in top / 4 },
                               marker: MarkerStyle(.triangle, size: 8, fill: .white, edge: adjointColor, edgeWidth: 1.4),
                               label: "adjoint: backward solve failed"))
            }
            if c == 1, let floor = numbers.backpropVsDiscrete.max() {
                for (i, line) in ["backprop is the exact gradient of the computed loss:", "what remains is FD's own error"].enumerated() {
                    ax.annotate(.text(line, at: (numbers.tolerances.max() ?? 1e-3, floor), offset: (0, 22 - 12 * Double(i)),
                                      anchor: .bottomLeft, size: theme.annotationSize * 0.9))
                }
            }
            ax.legend = .best
        }
        return figure
    }
}
