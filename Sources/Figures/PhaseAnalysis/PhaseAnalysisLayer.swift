import NeuralODE
import Render

/// Draws a `PhaseAnalysis` on a phase-plane axes: nullclines, separatrices, then equilibrium markers.
///
/// The two nullclines differ by dash (fₓ = 0 dashed, f_y = 0 dash-dotted, dotted for a learned field)
/// as well as colour; stable
/// manifolds are solid and unstable ones dotted; equilibria use `EquilibriumMarker`. One legend
/// entry per kind drawn. With `learned` set (a learned field over a true one) every mark takes the
/// learned colour and the labels say "learned", so both analyses can share an axes.
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
            let colors = learned ? [theme.learned, theme.learned] : [Palette.bluishGreen, Palette.orange]
            // An explicit dash-dot (butt caps) whose dot stays visible at this width; the learned f_y = 0 is dotted.
            let dashes: [Dash] = learned ? [.dashed, .dotted] : [.dashed, .pattern([6.5, 2.6, 1.3, 2.6])]
            for (k, set) in nullclines.sets.enumerated() {
                let name = componentNames[k]
                let short = name.count <= 2 || SystemLabels.greek.contains(name)
                let derivative = short ? "\\dot{\(SystemLabels.symbol(name))}" : "d\(name)/dt"
                let style = LineStyle(color: colors[k], width: 1.35 * theme.lineWidth, dash: dashes[k])
                for (i, line) in set.lines.enumerated() {
                    ax.add(Clipped(LineSeries(x: line.x, y: line.y, style: style,
                                              label: i == 0 ? "\(prefix)nullcline \(derivative) = 0" : nil)))
                }
            }
        }
        var labelled: Set<String> = []
        for s in analysis.separatrices {
            let color = learned ? theme.learned : (s.kind == .stable ? Palette.blue : Palette.vermillion)
            let style = LineStyle(color: color, width: 1.5 * theme.lineWidth, dash: s.kind == .stable ? .solid : .dotted)
            let key = s.kind.rawValue
            let label = labelled.insert(key).inserted ? "\(prefix)\(key) manifold of the saddle" : nil
            ax.add(Clipped(LineSeries(x: s.states.map { $0[px] }, y: s.states.map { $0[py] }, style: style, label: label)))
        }
    }

    /// One marker per equilibrium in the window, one legend entry per type.
    public func addMarkers(to ax: Axes, theme: Theme) {
        let plane = analysis.plane
        let color = learned ? theme.learned : theme.truth
        let px = plane.xComponent, py = plane.yComponent
        for type in EquilibriumType.allCases {
            let points = analysis.equilibria.filter { $0.type == type && plane.contains($0.state) }
            guard !points.isEmpty else { continue }
            ax.add(Scatter(x: points.map { $0.state[px] }, y: points.map { $0.state[py] },
                           marker: EquilibriumMarker.style(type, color: color),
                           label: prefix + EquilibriumMarker.label(type)))
        }
    }
}
