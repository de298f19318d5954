/// What a mark stands for in a figure; the theme gives each role one look (`RoleStyle`).
///
/// Figures pick styles by role, never by colour, so a colour means the same thing in every figure
/// of a gallery. The look of a role differs from every other role's in line dash or marker as well
/// as colour, so figures read in grey. Roles come in families that share a figure: the model
/// family (truth, learned, augmented, data, held-out, horizon, limit cycle), the solver family (one role per
/// integration method, named as the methods are), the gradient methods (backprop, adjoint, finite differences), the phase-plane family (nullclines, the
/// manifolds of saddles and equilibrium types), classes, and reference lines.
public enum StyleRole: String, CaseIterable, Hashable, Sendable {
    /// The true (reference) solution or field.
    case truth
    /// What a trained model produces.
    case learned
    /// An augmented model (extra state dimensions) shown beside a plain learned one: a darker learned colour, solid.
    case augmented
    /// Observations a model was trained on.
    case data
    /// Data or errors the model never trained on.
    case heldOut = "held-out"
    /// The end of the training window, and other boundaries of what was seen.
    case horizon
    /// A periodic orbit.
    case limitCycle = "limit-cycle"
    /// Guides that are not results: fitted slopes, thresholds, zero lines.
    case reference

    case euler, midpoint, rk4
    case rk438 = "rk4-38"
    case bs3, dopri5, tsit5, rosenbrock23

    /// A gradient by backpropagation through the solver's steps.
    case backprop
    /// A gradient by the adjoint equation solved backward.
    case adjoint
    /// A gradient by finite differences of the loss.
    case finiteDifferences = "finite-differences"

    /// Where ẋ = 0 (the first component's nullcline).
    case nullclineX = "nullcline-x"
    /// Where ẏ = 0.
    case nullclineY = "nullcline-y"
    /// The states that flow into a saddle (a separatrix).
    case stableManifold = "stable-manifold"
    /// The states that leave a saddle.
    case unstableManifold = "unstable-manifold"
    /// An equilibrium nearby states approach without turning (real eigenvalues, all negative).
    case stableNode = "stable-node"
    /// An equilibrium nearby states spiral into (a complex pair, negative real parts).
    case stableFocus = "stable-focus"
    /// An equilibrium nearby states leave without turning.
    case unstableNode = "unstable-node"
    /// An equilibrium nearby states spiral away from.
    case unstableFocus = "unstable-focus"
    /// An equilibrium with eigenvalues of both signs.
    case saddle
    /// A purely imaginary pair: closed orbits around it, or a weak focus the linearisation cannot tell.
    case center
    /// A zero eigenvalue: the linearisation says nothing.
    case degenerate

    /// The first of the two classes of a binary classification (magenta ●, solid).
    case classA = "class-a"
    /// The second class (dark green ▲, dashed).
    case classB = "class-b"

    /// The equilibrium types, stable first; filled markers are stable, open ones unstable, circles
    /// nodes and diamonds foci.
    public static let equilibria: [StyleRole] = [.stableNode, .stableFocus, .unstableNode, .unstableFocus, .saddle, .center, .degenerate]

    /// The solver family, in the order methods are usually listed.
    public static let solvers: [StyleRole] = [.euler, .midpoint, .rk4, .rk438, .bs3, .dopri5, .tsit5, .rosenbrock23]

    /// The gradient methods, as `ode-grad --method` lists them, with finite differences (the check) last.
    public static let gradients: [StyleRole] = [.backprop, .adjoint, .finiteDifferences]

    /// The role of an integration method by its command-line name ("rk4", "dopri5"), or nil.
    public init?(method name: String) {
        guard let role = StyleRole(rawValue: name), StyleRole.solvers.contains(role) else { return nil }
        self = role
    }

    /// One line for the README's table and the swatch figure.
    public var meaning: String {
        switch self {
        case .truth: "true solution or field"
        case .learned: "learned model"
        case .augmented: "augmented learned model"
        case .data: "training observations"
        case .heldOut: "held-out data and error"
        case .horizon: "training horizon, window edges"
        case .limitCycle: "limit cycle"
        case .reference: "guides: slopes, thresholds"
        case .euler: "Euler"
        case .midpoint: "midpoint"
        case .rk4: "RK4"
        case .rk438: "RK4 (3/8 rule)"
        case .bs3: "Bogacki–Shampine 3(2)"
        case .dopri5: "Dormand–Prince 5(4)"
        case .tsit5: "Tsitouras 5(4)"
        case .rosenbrock23: "Rosenbrock 2(3), stiff"
        case .backprop: "gradient by backpropagation through the solver"
        case .adjoint: "gradient by the adjoint, solved backward"
        case .finiteDifferences: "gradient by finite differences"
        case .nullclineX: "nullcline ẋ = 0"
        case .nullclineY: "nullcline ẏ = 0"
        case .stableManifold: "stable manifold of a saddle"
        case .unstableManifold: "unstable manifold of a saddle"
        case .stableNode: "stable node"
        case .stableFocus: "stable focus"
        case .unstableNode: "unstable node"
        case .unstableFocus: "unstable focus"
        case .saddle: "saddle"
        case .center: "centre (linearisation inconclusive)"
        case .degenerate: "degenerate (inconclusive)"
        case .classA: "class A"
        case .classB: "class B"
        }
    }
}

/// The look of one `StyleRole`: colour, dash, marker shape and how the marker is filled.
public struct RoleStyle: Hashable, Sendable {
    public var color: Color
    public var dash: Dash
    public var marker: MarkerShape
    /// Open markers (white inside, edged in the colour) for roles that must read apart from a
    /// filled one of the same shape.
    public var openMarker: Bool
    /// A marker white on the right and filled on the left (a saddle: attracting and repelling).
    public var halfMarker: Bool
    /// Line width relative to the theme's `lineWidth`.
    public var weight: Double

    public init(color: Color, dash: Dash = .solid, marker: MarkerShape = .circle, openMarker: Bool = false,
                halfMarker: Bool = false, weight: Double = 1) {
        self.color = color; self.dash = dash; self.marker = marker; self.openMarker = openMarker
        self.halfMarker = halfMarker; self.weight = weight
    }
}

extension Theme {
    /// The look of `role` in this theme.
    public func role(_ role: StyleRole) -> RoleStyle {
        switch role {
        case .truth: return RoleStyle(color: truth, marker: .triangle)
        case .learned: return RoleStyle(color: learned, dash: .pattern(learnedDash), marker: .square)
        case .limitCycle: return RoleStyle(color: limitCycle, marker: .square, weight: thickLineWidth / max(lineWidth, 1e-9))
        case .nullclineX, .nullclineY:
            // Nullclines of the true field: the truth's colour (a learned field's are the learned
            // colour's), told apart by dash; blue would read as the adjoint.
            var r = RoleStyle.standard[role] ?? RoleStyle(color: truth)
            r.color = truth
            return r
        default: return RoleStyle.standard[role] ?? RoleStyle(color: foreground)
        }
    }

    /// A line in `role`'s colour and dash; `width` defaults to the theme's line width times the role's weight.
    public func line(_ role: StyleRole, width: Double? = nil) -> LineStyle {
        let r = self.role(role)
        return LineStyle(color: r.color, width: width ?? lineWidth * r.weight, dash: r.dash)
    }

    /// A marker in `role`'s shape and colour (open markers: white fill, coloured edge; half markers
    /// filled on the left); `color` replaces the role's colour (a learned field's equilibria).
    public func marker(_ role: StyleRole, size: Double? = nil, color: Color? = nil) -> MarkerStyle {
        let r = self.role(role)
        let s = size ?? 1.5 * markerSize
        let c = color ?? r.color
        let edge = max(1, s / 6)
        if r.halfMarker { return MarkerStyle(r.marker, size: s, fill: .white, edge: c, edgeWidth: edge, leftHalf: c) }
        if r.openMarker { return MarkerStyle(r.marker, size: s, fill: .white, edge: c, edgeWidth: edge) }
        return MarkerStyle(r.marker, size: s, fill: c, edge: .white, edgeWidth: max(0.6, s / 10))
    }

    /// The dashes generic series take in turn, beside their colours.
    public static let seriesDashes: [Dash] = [.solid, .dashed, .dotted, .dashDot]
    /// The markers generic series take in turn.
    public static let seriesMarkers: [MarkerShape] = [.circle, .square, .triangle, .diamond]

    /// The colour of the `k`th series that has no role.
    public func seriesColor(_ k: Int) -> Color { series.isEmpty ? foreground : series[k % series.count] }

    /// The line of the `k`th series that has no role: colour and dash both change, so the first
    /// twelve pairs differ and every series reads apart in grey (the theme's series colours
    /// lie close in grey lightness).
    public func seriesLine(_ k: Int, width: Double? = nil) -> LineStyle {
        LineStyle(color: seriesColor(k), width: width ?? lineWidth, dash: Self.seriesDashes[k % Self.seriesDashes.count])
    }

    /// The colour of run `k` of `count` runs ordered by a number (depths, widths, learning rates):
    /// cividis from dark to light as the number grows, stopping at 0.75 so the last stays visible on white.
    public func rampColor(_ k: Int, of count: Int) -> Color {
        Colormap.cividis.color(at: Self.rampEnd * Double(k) / Double(max(1, count - 1)))
    }

    /// Where a ramp stops on cividis (0 is its dark end).
    public static let rampEnd = 0.75

    /// The colour of the `k`th unordered series in a figure that also draws a ramp (`rampColor`):
    /// the theme's series colours more than 20 CIELAB units from every colour a ramp can take, in
    /// turn (slate lies on cividis; copper and periwinkle do not), so one colour never means both a
    /// run of the ramp and a series; all series colours if none is that far.
    public func seriesColorBesideRamp(_ k: Int) -> Color {
        let ramp = (0...60).map { Colormap.cividis.color(at: Self.rampEnd * Double($0) / 60) }
        let clear = series.filter { s in ramp.allSatisfy { $0.labDistance(to: s) > 20 } }
        return clear.isEmpty ? seriesColor(k) : clear[k % clear.count]
    }

    /// The marker of run `k` of a ramp: shapes in turn, so neighbouring runs differ in grey.
    public func rampMarker(_ k: Int, of count: Int, size: Double? = nil) -> MarkerStyle {
        let s = size ?? 1.2 * markerSize
        return MarkerStyle(Self.seriesMarkers[k % Self.seriesMarkers.count], size: s, fill: rampColor(k, of: count), edge: .white,
                           edgeWidth: max(0.5, s / 10))
    }

    /// The marker of the `k`th series that has no role, filled in its colour.
    public func seriesMarker(_ k: Int, size: Double? = nil) -> MarkerStyle {
        let s = size ?? 1.5 * markerSize
        return MarkerStyle(Self.seriesMarkers[k % Self.seriesMarkers.count], size: s, fill: seriesColor(k), edge: .white,
                           edgeWidth: max(0.6, s / 10))
    }

}

extension RoleStyle {
    /// The built-in looks of the roles the theme file does not carry as keys of their own.
    ///
    /// Colours: Okabe–Ito for the model family and classes, Paul Tol's muted scheme for solvers so
    /// no solver is ever drawn in the learned model's vermillion or the truth's black.
    /// The saddle's manifolds: Paul Tol's dark cyan, a colour no other role uses.
    static let saddleManifold = Color(hex: 0x225555)
    /// The augmented model: a dark brown in the learned vermillion's hue, darker in grey, drawn solid.
    static let augmentedBrown = Color(hex: 0x8C2D04)
    /// The classes: Paul Tol's vibrant magenta (mid grey) and ColorBrewer's darkest green (dark grey),
    /// colours no other role comes near (more than 20 CIELAB units from every one).
    static let classMagenta = Color(hex: 0xEE3377)
    static let classDarkGreen = Color(hex: 0x00441B)

    static let standard: [StyleRole: RoleStyle] = [
        .augmented: RoleStyle(color: augmentedBrown, dash: .solid, marker: .diamond, weight: 1.15),
        .data: RoleStyle(color: Color(hex: 0x4D4D4D), dash: .dotted, marker: .circle),
        .heldOut: RoleStyle(color: Palette.bluishGreen, dash: .dashDot, marker: .triangle),
        .horizon: RoleStyle(color: Color(hex: 0x8C8C8C), dash: .dotted, marker: .square, openMarker: true, weight: 0.7),
        .reference: RoleStyle(color: Color(hex: 0x8C8C8C), dash: .dashed, marker: .circle, openMarker: true, weight: 0.7),
        .euler: RoleStyle(color: Color(hex: 0x999933), dash: .dotted, marker: .circle),
        .midpoint: RoleStyle(color: Color(hex: 0x44AA99), dash: .dashDot, marker: .triangle),
        .rk4: RoleStyle(color: Color(hex: 0x332288), dash: .solid, marker: .square),
        .rk438: RoleStyle(color: Color(hex: 0x332288), dash: .dashed, marker: .square, openMarker: true),
        .bs3: RoleStyle(color: Color(hex: 0xCC6677), dash: .dashDot, marker: .triangle, openMarker: true),
        .dopri5: RoleStyle(color: Color(hex: 0x117733), dash: .solid, marker: .diamond),
        .tsit5: RoleStyle(color: Color(hex: 0x882255), dash: .dashed, marker: .diamond, openMarker: true),
        .rosenbrock23: RoleStyle(color: Color(hex: 0xAA4499), dash: .dashed, marker: .circle, openMarker: true),
        .backprop: RoleStyle(color: Palette.orange, dash: .dashed, marker: .square),
        .adjoint: RoleStyle(color: Palette.blue, dash: .solid, marker: .diamond),
        .finiteDifferences: RoleStyle(color: Palette.skyBlue, dash: .dotted, marker: .triangle, weight: 1.3),
        .nullclineX: RoleStyle(color: Palette.black, dash: .dashed, marker: .square, weight: 1.1),
        .nullclineY: RoleStyle(color: Palette.black, dash: .dashDot, marker: .triangle, weight: 1.1),
        .stableManifold: RoleStyle(color: saddleManifold, dash: .solid, marker: .triangle, weight: 1.5),
        .unstableManifold: RoleStyle(color: saddleManifold, dash: .dotted, marker: .triangle, weight: 1.5),
        .stableNode: RoleStyle(color: Palette.black, marker: .circle),
        .stableFocus: RoleStyle(color: Palette.black, marker: .diamond),
        .unstableNode: RoleStyle(color: Palette.black, marker: .circle, openMarker: true),
        .unstableFocus: RoleStyle(color: Palette.black, marker: .diamond, openMarker: true),
        .saddle: RoleStyle(color: Palette.black, marker: .circle, halfMarker: true),
        .center: RoleStyle(color: Palette.black, marker: .square, openMarker: true),
        .degenerate: RoleStyle(color: Palette.black, marker: .triangle, openMarker: true),
        .classA: RoleStyle(color: classMagenta, marker: .circle),
        .classB: RoleStyle(color: classDarkGreen, dash: .dashed, marker: .triangle),
    ]
}
