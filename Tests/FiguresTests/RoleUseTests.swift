import NeuralODE
import Render
import Testing
@testable import Figures

/// Figures take their colours from style roles, so one colour keeps one meaning across the gallery.
@Suite("Figures draw by role")
struct RoleUseTests {
    private func lineColors(_ ax: Axes) -> [Color] { ax.marks.compactMap { ($0 as? LineSeries)?.style.color } }

    /// One panel per exponent: the system's spectrum in the truth's colour, a model's in the learned
    /// colour, never a series colour (those belong to nullclines and classes elsewhere).
    @Test func lyapunovPanelsTakeTheSourcesRole() throws {
        let lorenz = try SystemRegistry.field(named: "lorenz")
        let settings = LyapunovSettings(transient: 1, duration: 5, maxRecords: 50)
        var system = try LyapunovConvergenceFigure(system: lorenz, model: nil)
        system.settings = settings
        let truth = system.layout(try system.compute(), options: FigureOptions())
        #expect(truth.axes.count == 3)
        for ax in truth.axes { #expect(lineColors(ax).first == Theme.standard.truth) }
        var model = try LyapunovConvergenceFigure(system: lorenz, model: LearnedModel(MLP(stateDim: 3, hidden: [6], seed: 2)))
        model.settings = settings
        let learned = model.layout(try model.compute(), options: FigureOptions())
        for ax in learned.axes { #expect(lineColors(ax).first == Theme.standard.learned) }
    }

    /// Exercise 3.1.4 draws backprop and the adjoint in their gradient roles, as every gradient figure does.
    @Test func gradientMethodsKeepTheirRoles() throws {
        let recipe = Exercise314Figure()
        let figure = recipe.layout(try recipe.compute(), options: FigureOptions())
        let colors = lineColors(figure.axes[0])
        #expect(colors.contains(Theme.standard.role(.backprop).color))
        #expect(colors.contains(Theme.standard.role(.adjoint).color))
        #expect(Theme.standard.role(.backprop).color != Theme.standard.role(.adjoint).color)
        #expect(CirclesFigure.modelStyles.map(\.color) == [Theme.standard.learned, Theme.standard.role(.augmented).color])
    }
}
