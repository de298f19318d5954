import Figures
import NeuralODE
import Render
import Testing

@Suite("Phase-plane toolkit: nullclines, the layer's marks")
struct PhaseAnalysisTests {
    @Test("every nullcline point of Van der Pol and Duffing satisfies f_i = 0 to 1e-10 of the field's size",
          arguments: ["van-der-pol", "duffing", "lotka-volterra"])
    func nullclinePointsAreZeros(name: String) throws {
        let system = try SystemRegistry.field(named: name)
        let field = AnalysisField(exact: system)
        let plane = try PhasePlane.planar(x: system.spec.window.x, y: system.spec.window.y)
        let n = Nullclines.compute(field, plane: plane)
        #expect(n.sets.map(\.component) == [0, 1])
        for set in n.sets {
            let points = set.lines.flatMap { l in zip(l.x, l.y).map { ($0, $1) } }
            #expect(points.count > 50)
            for (x, y) in points {
                let f = field.value(at: [x, y])
                let scale = max(1, abs(x), abs(y))
                #expect(abs(f[set.component]) < 1e-10 * scale, "\(name) f\(set.component)(\(x), \(y)) = \(f[set.component])")
            }
        }
    }

    @Test("Van der Pol's x-nullcline is the line y = 0 across the window, its y-nullcline y = x/(mu(1 - x^2))")
    func vanDerPolShapes() throws {
        let system = try SystemRegistry.field(named: "van-der-pol")
        let plane = try PhasePlane.planar(x: -3...3, y: -4...4)
        let n = Nullclines.compute(AnalysisField(exact: system), plane: plane)
        let xs = n.sets[0].lines.flatMap(\.x), ys = n.sets[0].lines.flatMap(\.y)
        #expect(ys.allSatisfy { abs($0) < 1e-12 })
        #expect((xs.min() ?? 0) < -2.99 && (xs.max() ?? 0) > 2.99)
        for l in n.sets[1].lines {
            for (x, y) in zip(l.x, l.y) where abs(1 - x * x) > 0.05 { #expect(abs(y - x / (1 - x * x)) < 1e-9) }
        }
    }

    @Test("the layer draws one legend entry per equilibrium type and per line kind, markers readable in grey")
    func layerLegend() throws {
        let system = try SystemRegistry.field(named: "duffing")
        let plane = try PhasePlane.planar(x: -2...2, y: -2...2)
        let analysis = try PhaseAnalysis.compute(AnalysisField(exact: system), plane: plane,
                                                 parts: .init(nullclines: true, equilibria: true, separatrices: true))
        #expect(analysis.equilibria.count == 3 && analysis.separatrices.count == 4)
        let figure = FigureOptions().makeFigure()
        PhaseAnalysisLayer(analysis: analysis, componentNames: ["x", "v"]).add(to: figure[0, 0], theme: .standard)
        let labels = figure[0, 0].marks.compactMap { $0.legendEntry?.label }
        #expect(labels == ["nullcline \\dot{x} = 0", "nullcline \\dot{v} = 0", "stable manifold of the saddle",
                           "unstable manifold of the saddle", "stable focus", "saddle"])
        // Stable filled, unstable open, saddle half-filled: they differ in fill, not only in colour.
        let theme = Theme.standard, black = Palette.black
        let saddle = EquilibriumMarker.style(.saddle, theme: theme)
        #expect(saddle.leftHalf == black && saddle.fill == .white)
        #expect(EquilibriumMarker.style(.unstableFocus, theme: theme).fill == .white)
        #expect(EquilibriumMarker.style(.stableFocus, theme: theme).fill == black)
        #expect(Set(EquilibriumType.allCases.map { EquilibriumMarker.style($0, theme: theme) }).count == EquilibriumType.allCases.count)
        // The figure's marks take the theme's roles: the swatch and the phase plane agree.
        #expect(EquilibriumMarker.style(.stableFocus, theme: theme, size: 6) == theme.marker(.stableFocus, size: 6))
        let lines = figure[0, 0].marks.compactMap { ($0 as? Clipped<LineSeries>)?.inner }
        #expect(lines.first?.style == theme.line(.nullclineX))
        #expect(lines.contains { $0.style == theme.line(.stableManifold) } && lines.contains { $0.style == theme.line(.unstableManifold) })
        // The learned field's equilibria: the same shapes, in the learned colour.
        #expect(EquilibriumMarker.style(.saddle, theme: theme, color: theme.learned).leftHalf == theme.learned)
    }

    @Test("caption numbers: the Duffing equilibria left to right, with eigenvalues worked by hand")
    func equilibriumNumbers() throws {
        let system = try SystemRegistry.field(named: "duffing")
        let plane = try PhasePlane.planar(x: -2...2, y: -2...2)
        let analysis = try PhaseAnalysis.compute(AnalysisField(exact: system), plane: plane, parts: .init(equilibria: true))
        let numbers = Dictionary(uniqueKeysWithValues: analysis.equilibriumNumbers().map { ($0.key, $0.text) })
        let m = NumberText.minus
        #expect(numbers["equilibria"] == "3")
        #expect(numbers["eq1"] == "(\(m)1, 0)" && numbers["eq2"] == "(0, 0)" && numbers["eq3"] == "(1, 0)")
        #expect(numbers["eq2Type"] == "saddle" && numbers["eq1Type"] == "stable focus")
        // Origin: J = [[0, 1], [1, −0.3]], λ = (−0.3 ± √4.09)/2. At (±1, 0): J = [[0, 1], [−2, −0.3]], λ = −0.15 ± √1.9775 i.
        let saddle = [(-0.3 - 4.09.squareRoot()) / 2, (-0.3 + 4.09.squareRoot()) / 2]
        #expect(numbers["eq2Eigenvalues"] == saddle.map { NumberText.short($0, significant: 4) }.joined(separator: " and "))
        #expect(numbers["eq3Eigenvalues"] == "\(m)0.15 ± \(NumberText.short(1.9775.squareRoot(), significant: 4))i")
        // A learned field's keys carry a prefix, and each learned equilibrium its distance to the nearest true one.
        let shifted = analysis.equilibria.map { e -> Equilibrium in var e = e; e.state[0] += 0.03; e.state[1] -= 0.04; return e }
        let distances = EquilibriumNumbers.distances(learned: shifted, truth: analysis.equilibria, plane: (0, 1))
        #expect(distances.map(\.key) == ["learnedEq1Distance", "learnedEq2Distance", "learnedEq3Distance"])
        #expect(distances.allSatisfy { abs(($0.value ?? 0) - 0.05) < 1e-9 })
        #expect(EquilibriumNumbers.keys(shifted, plane: (0, 1), prefix: "learned").first?.key == "learnedEquilibria")
    }
}
