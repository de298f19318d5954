import NeuralODE
import Render

/// Draws a `PhaseAnalysis` on a phase-plane axes: nullclines, separatrices, then equilibrium markers.
///
/// Every mark takes its theme role: the nullclines `nullclineX` and `nullclineY`, the saddles'
/// manifolds `stableManifold` and `unstableManifold`, equilibria their type's role
/// (`EquilibriumMarker`). One legend entry per kind drawn. With `learned` set (a learned field over a true one) every mark takes the
/// learned colour (f_y = 0 then dotted, to stay apart from the learned fₓ = 0) and the labels say
/// "learned", so both analyses can share an axes.
public struct PhaseAnalysisLayer {
    public var analysis: PhaseAnalysis
    /// Plane component names, for the nullcline labels.
    public var componentNames: [String]
    /// Whether this is the learned field's analysis drawn against a true one.
    public var learned = false
    /// Whether the true field's labels say "true" (when a learned analysis shares the axes).
    public var labelsTrue = false

    public init(analysis: PhaseAnalysis, componentNames: [String], learned: Bool = false, labelsTrue: Bool = false) {
        self.analysis = analysis; self.componentNames = componentNames; self.learned = learned; self.labelsTrue = labelsTrue
    }

    private var prefix: String { learned ? "learned " : labelsTrue ? "true " : "" }

    /// Lines, then markers.
    public func add(to ax: Axes, theme: Theme) {
        addLines(to: ax, theme: theme)
        addMarkers(to: ax, theme: theme)
    }

    /// Nullclines and separatrices.
    public func addLines(to ax: Axes, theme: Theme) {
        let plane = analysis.plane
        let px = plane.xComponent, py = plane.yComponent
        if let nullclines = analysis.nullclines {
            let roles: [StyleRole] = [.nullclineX, .nullclineY]
            for (k, set) in nullclines.sets.enumerated() {
                let name = componentNames[k]
                let short = name.count <= 2 || SystemLabels.greek.contains(name)
                let derivative = short ? "\\dot{\(SystemLabels.symbol(name))}" : "d\(name)/dt"
                var style = theme.line(roles[min(k, 1)])
                if learned { style.color = theme.learned; style.dash = k == 0 ? .dashed : .dotted }
                for (i, line) in set.lines.enumerated() {
                    ax.add(Clipped(LineSeries(x: line.x, y: line.y, style: style,
                                              label: i == 0 ? "\(prefix)nullcline \(derivative) = 0" : nil)))
                }
            }
        }
        var labelled: Set<String> = []
        for s in analysis.separatrices {
            var style = theme.line(s.kind == .stable ? .stableManifold : .unstableManifold)
            if learned { style.color = theme.learned }
            let key = s.kind.rawValue
            let label = labelled.insert(key).inserted ? "\(prefix)\(key) manifold of the saddle" : nil
            ax.add(Clipped(LineSeries(x: s.states.map { $0[px] }, y: s.states.map { $0[py] }, style: style, label: label)))
        }
    }

    /// One marker per equilibrium in the window, one legend entry per type.
    public func addMarkers(to ax: Axes, theme: Theme) {
        let plane = analysis.plane
        let color: Color? = learned ? theme.learned : nil
        let px = plane.xComponent, py = plane.yComponent
        for type in EquilibriumType.allCases {
            let points = analysis.equilibria.filter { $0.type == type && plane.contains($0.state) }
            guard !points.isEmpty else { continue }
            ax.add(Scatter(x: points.map { $0.state[px] }, y: points.map { $0.state[py] },
                           marker: EquilibriumMarker.style(type, theme: theme, color: color),
                           label: prefix + EquilibriumMarker.label(type)))
        }
    }
}
