import Foundation
import NeuralODE
import Render
import Testing
@testable import Figures

/// Models whose field is known in closed form: one identity layer, f(y) = W y + b.
enum LinearModels {
    static func model(_ weight: [[Double]], bias: [Double]? = nil) throws -> LearnedModel {
        let mlp = try MLP(stateDim: weight.count, layers: [
            MLP.Layer(weight: weight, bias: bias ?? Array(repeating: 0, count: weight.count), activation: .identity),
        ])
        return LearnedModel(mlp, name: "linear model")
    }

    /// The damped oscillator's matrix for k = 1, c = 0.5 (the registry defaults).
    static let oscillator: [[Double]] = [[0, 1], [-1, -0.5]]

    static func system(_ name: String) throws -> SystemField { try SystemRegistry.field(named: name) }
}

@Suite struct FieldComparisonTests {
    private func compare(_ model: LearnedModel, system: String, window: [ClosedRange<Double>], n: Int) throws -> FieldComparison {
        try FieldDiff(system: LinearModels.system(system), model: model, window: window).with { $0.resolution = n }.compute()
    }

    @Test func exactLinearModelHasNoError() throws {
        let c = try compare(LinearModels.model(LinearModels.oscillator), system: "damped-oscillator", window: [-3...3, -3...3], n: 21)
        let m = c.metrics
        #expect(m.count == 441)
        #expect(m.rmse == 0 && m.maxError == 0 && m.relativeError == 0)
        // The origin is the centre cell of an odd grid: the true vector is zero there, left out.
        #expect(m.angleExcluded == 1)
        #expect(try #require(m.meanAngle) == 0)
        #expect(try #require(m.angle95) == 0)
    }

    @Test func constantBiasGivesItsLengthAsRMSE() throws {
        let c = try compare(LinearModels.model(LinearModels.oscillator, bias: [0.3, -0.4]), system: "damped-oscillator",
                            window: [-2...2, -1...1], n: 10)
        // The error is (0.3, −0.4) everywhere: |e| = 0.5 at every point.
        #expect(abs(c.metrics.rmse - 0.5) < 1e-12)
        #expect(abs(c.metrics.maxError - 0.5) < 1e-12)
        // No grid point is the origin (even grid), so no point is left out of the angles.
        #expect(c.metrics.angleExcluded == 0)
    }

    @Test func rotatedFieldHasItsAngleEverywhere() throws {
        // f_learned = R(10°) A y: every vector turned by 10°, |error| = 2 sin(5°) |f_true|.
        let a = 10 * Double.pi / 180
        let r = [[cos(a), -sin(a)], [sin(a), cos(a)]]
        let w = (0..<2).map { i in (0..<2).map { j in r[i][0] * LinearModels.oscillator[0][j] + r[i][1] * LinearModels.oscillator[1][j] } }
        let c = try compare(LinearModels.model(w), system: "damped-oscillator", window: [-3...3, -3...3], n: 15)
        #expect(abs(try #require(c.metrics.meanAngle) - 10) < 1e-9)
        #expect(abs(try #require(c.metrics.angle95) - 10) < 1e-9)
        #expect(abs(c.metrics.relativeError - 2 * sin(a / 2)) < 1e-12)
        #expect(c.metrics.angleExcluded == 1)
    }

    @Test func oneComponentModelByHand() throws {
        // y' = −2y learned as −2.5y on [−1, 1] with 4 points: ±0.25, ±0.75.
        let exact = try compare(LinearModels.model([[-2]]), system: "exp-decay", window: [-1...1], n: 4)
        #expect(exact.metrics.rmse == 0)
        #expect(exact.points == [-0.75, -0.25, 0.25, 0.75])
        let off = try compare(LinearModels.model([[-2.5]]), system: "exp-decay", window: [-1...1], n: 4)
        // |e| = 0.5|y|: RMSE = 0.5 √((0.5625 + 0.0625 + 0.0625 + 0.5625) / 4), largest at y = −0.75 (the first of the two).
        #expect(abs(off.metrics.rmse - 0.5 * (1.25 / 4).squareRoot()) < 1e-15)
        #expect(abs(off.metrics.maxError - 0.375) < 1e-15)
        #expect(off.metrics.maxErrorAt == [-0.75])
        #expect(abs(off.metrics.relativeError - 0.25) < 1e-15)
        #expect(off.metrics.meanAngle == 0)
    }

    @Test func percentileInterpolatesLikeNumpy() {
        #expect(FieldMetrics.percentile([0, 10, 20, 30, 40], 0.95) == 38)
        #expect(FieldMetrics.percentile([7], 0.95) == 7)
        #expect(FieldMetrics.percentile([], 0.95) == nil)
    }

    @Test func modelOfAnotherDimensionIsRejected() throws {
        #expect(throws: FigureError.self) {
            _ = try FieldDiff(system: LinearModels.system("van-der-pol"), model: LinearModels.model([[-2]]))
        }
        #expect(throws: FigureError.self) {
            _ = try FieldDiff(system: LinearModels.system("lorenz"), model: LinearModels.model([[1, 0, 0], [0, 1, 0], [0, 0, 1]]))
        }
    }

    @Test func figureDrawsThreeHeatmapsWithColorbars() throws {
        var recipe = try FieldDiff(system: LinearModels.system("damped-oscillator"),
                                   model: LinearModels.model(LinearModels.oscillator, bias: [0.1, 0]))
        recipe.resolution = 20
        recipe.training = TrajectoryDataset(componentNames: ["x", "v"], trajectories: [
            .init(label: "0", times: [0, 1, 2], values: [1, 0, 0.5, -0.6, -0.2, -0.4]),
        ])
        let data = try recipe.compute()
        let figure = recipe.layout(data, options: FigureOptions(size: PageSize(width: .inches(12), height: .inches(7.5))))
        #expect(figure.rows == 2 && figure.columns == 3)
        let heatmaps = figure.axes.map { $0.marks.filter { $0 is Heatmap }.count }
        #expect(heatmaps == [0, 0, 0, 1, 1, 1])
        #expect(figure.axes[3...5].allSatisfy { $0.colorbar != nil })
        #expect(figure[0, 2].marks.contains { ($0 as? Quiver)?.color == Theme.standard.learned })
        // Training data over each error panel: a white casing and a line.
        #expect(figure.axes[3...5].allSatisfy { $0.marks.filter { $0 is Trajectory }.count == 2 })
        let rec = RecordingBackend(width: figure.width, height: figure.height)
        figure.render(on: rec)
        let images = rec.operations.filter { if case .image = $0 { return true } else { return false } }
        // Three heatmaps and four colorbars (speed, error, angle, relative error).
        #expect(images.count == 7)
        // The angle scale ends at the largest angle rounded up to 1, 2 or 5 × 10ᵏ degrees (at most 180).
        let topAngle = try #require(data.angle.filter(\.isFinite).max())
        let upper = try #require(figure[1, 1].colorbar?.scale.upper)
        #expect(upper >= topAngle && upper <= 180 && upper < 2.5 * topAngle)
        // The error is (0.1, 0) everywhere: the log scale tops out at it.
        #expect(abs((figure[1, 0].colorbar?.scale.upper ?? 0) - 0.1) < 1e-12)
    }
}

@Suite struct TrajectoryComparisonTests {
    @Test func panelsLineStylesAndHorizon() throws {
        var recipe = try TrajectoryComparison(system: LinearModels.system("damped-oscillator"),
                                              model: LinearModels.model(LinearModels.oscillator),
                                              initialStates: [[1, 0], [0, 1]], duration: 8)
        recipe.trainingHorizon = 4
        let data = try recipe.compute()
        // The model is the system: learned and true agree to the solver's tolerance.
        #expect(data.curves.allSatisfy { ($0.mse ?? 1) < 1e-14 })
        let figure = recipe.layout(data, options: FigureOptions())
        #expect(figure.rows == 2 && figure.columns == 2)
        let theme = Theme.standard
        for ax in figure.axes {
            let lines = ax.marks.compactMap { $0 as? LineSeries }
            #expect(lines.count == 2)
            #expect(lines.map(\.style.color) == [theme.truth, theme.learned])
            #expect(lines[0].style.dash == .solid && lines[1].style.dash == .pattern(theme.learnedDash))
            #expect(ax.marks.compactMap { ($0 as? HorizonMarker)?.time } == [4])
        }
        #expect(figure[0, 0].title?.contains("MSE") == true)
        let rec = RecordingBackend(width: figure.width, height: figure.height)
        figure.render(on: rec)
        let transforms = figure.transforms(on: rec)
        // A vertical stroke from the top to the bottom of each plot at t = 4.
        for t in transforms {
            let x = t.deviceX(4)
            let found = rec.operations.contains {
                guard case let .stroke(path, _, _) = $0 else { return false }
                return path.elements == Path.polyline([Point(x, t.plot.minY), Point(x, t.plot.maxY)]).elements
            }
            #expect(found)
        }
        #expect(rec.texts.contains("training horizon"))
        #expect(rec.texts.contains("learned") && rec.texts.contains("true"))
    }

    @Test func oneComponentSystemAndObservations() throws {
        var recipe = try TrajectoryComparison(system: LinearModels.system("exp-decay"), model: LinearModels.model([[-1.5]]),
                                              initialStates: [[1]], duration: 1)
        recipe.observations = TrajectoryDataset(componentNames: ["y"], trajectories: [
            .init(label: "0", times: [0, 0.5, 1, 2], values: [1, 0.37, 0.14, 0.02]),
        ])
        let data = try recipe.compute()
        // By hand: MSE of e^{−1.5t} − e^{−2t} on [0, 1] at 801 points, against the integral's value.
        let mse = try #require(data.curves.first?.mse)
        let n = 801
        let exact = (0..<n).map { i -> Double in let t = Double(i) / Double(n - 1); let d = exp(-1.5 * t) - exp(-2 * t); return d * d }
        #expect(abs(mse - exact.reduce(0, +) / Double(n)) < 1e-9)
        let figure = recipe.layout(data, options: FigureOptions())
        #expect(figure.axes.count == 1)
        let points = try #require(figure[0, 0].marks.compactMap { $0 as? Scatter }.first)
        // The observation at t = 2 lies past the plotted interval and is left out.
        #expect(points.x == [0, 0.5, 1])
        #expect(figure[0, 0].title?.hasPrefix("y_0 = 1: MSE to true") == true)
    }

    @Test func wrongModelDimensionIsOneLine() throws {
        let system = try LinearModels.system("van-der-pol"), model = try LinearModels.model([[-2]])
        do {
            _ = try TrajectoryComparison(system: system, model: model, initialStates: [[1, 0]], duration: 5)
            Issue.record("expected an error")
        } catch {
            #expect(error.isBadInput)
            #expect(error.description == "linear model has state_dim 1 but van-der-pol has 2 components (x, y)")
        }
    }
}

@Suite struct LimitCycleOverlayTests {
    @Test func learnedFieldWithoutCycleSaysSoInTheLegend() throws {
        // The damped oscillator as the "learned" Van der Pol: every curve spirals into the origin.
        let recipe = try LimitCycleOverlay(system: LinearModels.system("van-der-pol"), model: LinearModels.model(LinearModels.oscillator))
        let data = try recipe.compute()
        // Van der Pol μ = 1: period 6.6633 (published), amplitude 2.0086.
        #expect(abs(data.truth.period - 6.6633) < 1e-4)
        #expect(abs(data.truth.amplitude - 2.0086) < 1e-4)
        guard case let .none(reason) = data.learned else { Issue.record("expected no learned cycle"); return }
        #expect(reason.hasPrefix("settles at"))
        #expect(data.paths.count == 3)
        let figure = recipe.layout(data, options: FigureOptions())
        let labels = figure[0, 0].marks.compactMap(\.legendEntry?.label)
        #expect(labels.contains("true: T = 6.663, A = 2.009"))
        #expect(labels.contains { $0.hasPrefix("learned: no limit cycle (settles at") })
        let rec = RecordingBackend(width: figure.width, height: figure.height)
        figure.render(on: rec)
        #expect(rec.texts.contains("true: T = 6.663, A = 2.009"))
        // A learned field need not satisfy x' = y: the axis says "y", as the other learned figures do.
        #expect(figure[0, 0].yLabel == "y")
    }

    @Test func learnedCycleOfTheTrueFieldMatches() throws {
        // A "learned" field that is exactly linear with a centre has no attracting cycle; a model
        // equal to the truth cannot be written with one layer, so check a found cycle on the
        // summary text instead.
        let cycle = LimitCycle(period: 6.66556, amplitudes: [2.01288, 2.65], times: [0], states: [2, 0], dimension: 2,
                               returns: 3, settlingTime: 10)
        #expect(LimitCycleOverlay.summary(cycle) == "T = 6.666, A = 2.013")
    }
}

@Suite struct LearnedPhasePortraitTests {
    private let window = try? PhaseWindow(x: -3...3, y: -3...3)

    @Test func sideBySideSharesOneSpeedScale() throws {
        let w = try #require(window)
        var recipe = try LearnedPhasePortrait(model: LinearModels.model(LinearModels.oscillator, bias: [0.5, 0]),
                                              system: LinearModels.system("damped-oscillator"), window: w, layout: .sideBySide)
        recipe.initialStates = [SIMD2(2, 0)]
        let figure = try recipe.makeFigure(options: FigureOptions())
        #expect(figure.columns == 2)
        let scales = figure.axes.compactMap { ax in ax.marks.compactMap { ($0 as? Clipped<Quiver>)?.inner.scale?.upper }.first }
        #expect(scales.count == 2 && scales[0] == scales[1])
        #expect(figure[0, 1].colorbar != nil && figure[0, 0].colorbar == nil)
        let truth = figure[0, 0].marks.compactMap { $0 as? DirectedPath }, learned = figure[0, 1].marks.compactMap { $0 as? DirectedPath }
        #expect(truth.first?.style.dash == .solid && learned.first?.style.dash == .pattern(Theme.standard.learnedDash))
    }

    @Test func overlayHasLearnedArrowsOverTrueStreamlines() throws {
        let w = try #require(window)
        let recipe = try LearnedPhasePortrait(model: LinearModels.model(LinearModels.oscillator),
                                              system: LinearModels.system("damped-oscillator"), window: w, layout: .overlay)
        let figure = try recipe.makeFigure(options: FigureOptions())
        let marks = figure[0, 0].marks
        #expect(marks.contains { ($0 as? Clipped<Streamlines>)?.inner.label == "true field (streamlines)" })
        #expect(marks.contains { ($0 as? Clipped<Quiver>)?.inner.color == Theme.standard.learned })
    }

    @Test func modelMustBePlanar() throws {
        let w = try #require(window)
        #expect(throws: FigureError.self) {
            _ = try LearnedPhasePortrait(model: LinearModels.model([[-2]]), system: nil, window: w, layout: .learned)
        }
        #expect(throws: FigureError.self) {
            _ = try LearnedPhasePortrait(model: LinearModels.model(LinearModels.oscillator), system: nil, window: w, layout: .overlay)
        }
    }
}

extension FieldDiff {
    /// A copy changed by `body` (test convenience).
    func with(_ body: (inout FieldDiff) -> Void) -> FieldDiff {
        var copy = self
        body(&copy)
        return copy
    }
}
