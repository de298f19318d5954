import Render

/// The theme's style vocabulary as a figure: one sample per `StyleRole`, in its family's column,
/// with the role's name and meaning, so a reader can look up what a colour and dash mean.
public struct RoleSwatch: FigureRecipe {
    /// The columns: a title and its roles, top to bottom.
    public var families: [(title: String, roles: [StyleRole])] = [
        ("Models and data", [.truth, .learned, .augmented, .data, .heldOut, .horizon, .limitCycle, .reference]),
        ("Solvers, gradients", StyleRole.solvers + StyleRole.gradients),
        ("Phase plane, classes", [.nullclineX, .nullclineY, .stableManifold, .unstableManifold] + StyleRole.equilibria
            + [.classA, .classB]),
    ]

    /// Samples of the theme's generic series (`Theme.seriesLine`) drawn under the first column:
    /// the looks a series with no role takes, so a reader knows they carry no fixed meaning.
    public var seriesSamples = 3

    public init() {}

    public var defaultTitle: String { "Style roles: what a colour, dash and marker mean in every figure" }

    /// Roles drawn as markers only (points, not lines).
    static let markerOnly: Set<StyleRole> = Set(StyleRole.equilibria + [.data, .classA, .classB])

    /// Line roles drawn without a marker on the sample (their marker is never drawn in figures).
    static let lineOnly: Set<StyleRole> = [.stableManifold, .unstableManifold]

    /// The sample's text: the method's name for solvers, a short phrase for the rest.
    static func label(_ role: StyleRole) -> String {
        switch role {
        case .truth: "true"
        case .learned: "learned"
        case .augmented: "augmented (learned)"
        case .backprop: "backprop"
        case .adjoint: "adjoint"
        case .finiteDifferences: "finite differences"
        case .data: "observations"
        case .heldOut: "held-out"
        case .horizon: "training horizon"
        case .limitCycle: "limit cycle"
        case .reference: "guide"
        case .nullclineX: "nullcline \\dot{x} = 0"
        case .nullclineY: "nullcline \\dot{y} = 0"
        case .stableManifold: "stable manifold"
        case .unstableManifold: "unstable manifold"
        case .center: "centre"
        case .degenerate: "degenerate"
        default: StyleRole.solvers.contains(role) ? role.rawValue : role.meaning
        }
    }

    public func compute() -> [(title: String, roles: [StyleRole])] { families }

    public func layout(_ families: [(title: String, roles: [StyleRole])], options: FigureOptions) -> Figure {
        let theme = options.theme
        let figure = options.makeFigure(rows: 1, columns: families.count)
        figure.suptitle = options.resolvedTitle(defaultTitle)
        let seriesRows = seriesSamples > 0 ? seriesSamples + 1 : 0
        let rows = max(families.map(\.roles.count).max() ?? 1, (families.first?.roles.count ?? 0) + seriesRows)
        for (c, family) in families.enumerated() {
            let ax = figure[0, c]
            ax.title = family.title
            ax.xLimits = (0, 1)
            ax.yLimits = (-Double(rows) + 0.4, 0.6)
            ax.showsXTickLabels = false
            ax.showsYTickLabels = false
            ax.showsFrame = false
            for (i, role) in family.roles.enumerated() {
                let y = -Double(i)
                let marker = theme.marker(role, size: 1.6 * theme.markerSize)
                if Self.markerOnly.contains(role) {
                    ax.add(Scatter(x: [0.08, 0.2], y: [y, y], marker: marker))
                } else {
                    ax.add(LineSeries(x: [0, 0.28], y: [y, y], style: theme.line(role)))
                    if !Self.lineOnly.contains(role) { ax.add(Scatter(x: [0.14], y: [y], marker: marker)) }
                }
                ax.annotate(.text(Self.label(role), at: (0.34, y), offset: (0, 0), anchor: .middleLeft))
            }
            guard c == 0, seriesSamples > 0 else { continue }
            // After a gap: the series with no role, named as what they are, not by a meaning.
            for k in 0..<seriesSamples {
                let y = -Double(family.roles.count + 1 + k)
                ax.add(LineSeries(x: [0, 0.28], y: [y, y], style: theme.seriesLine(k)))
                ax.add(Scatter(x: [0.14], y: [y], marker: theme.seriesMarker(k, size: 1.6 * theme.markerSize)))
                ax.annotate(.text(k == 0 ? "series 1 (no role)" : "series \(k + 1)", at: (0.34, y), offset: (0, 0), anchor: .middleLeft))
            }
        }
        return figure
    }
}
