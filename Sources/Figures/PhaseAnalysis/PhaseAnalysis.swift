import NeuralODE

/// What the phase-plane toolkit computed for one field: nullclines, equilibria, separatrices.
public struct PhaseAnalysis: Sendable {
    /// Which parts to compute and draw.
    public struct Parts: Sendable, Equatable {
        public var nullclines = false
        public var equilibria = false
        public var separatrices = false

        public init(nullclines: Bool = false, equilibria: Bool = false, separatrices: Bool = false) {
            self.nullclines = nullclines; self.equilibria = equilibria; self.separatrices = separatrices
        }

        public var any: Bool { nullclines || equilibria || separatrices }
    }

    public var plane: PhasePlane
    public var nullclines: Nullclines?
    /// Empty unless equilibria or separatrices were asked for (separatrices need the saddles).
    public var equilibria: [Equilibrium]
    public var separatrices: [Separatrix]
    public var jacobianMethod: AnalysisField.JacobianMethod

    /// Computes the asked-for parts of `field` on `plane`.
    public static func compute(_ field: AnalysisField, plane: PhasePlane, parts: Parts) throws(FigureError) -> PhaseAnalysis {
        var equilibria: [Equilibrium] = []
        var separatrices: [Separatrix] = []
        do {
            if parts.equilibria || parts.separatrices {
                equilibria = try EquilibriumSearch(plane: plane).run(field)
            }
        } catch {
            throw .computationFailed("equilibria: \(error.description)")
        }
        if parts.separatrices { separatrices = SeparatrixTracer(plane: plane).trace(field, equilibria: equilibria) }
        let nullclines = parts.nullclines ? Nullclines.compute(field, plane: plane) : nil
        return PhaseAnalysis(plane: plane, nullclines: nullclines, equilibria: equilibria, separatrices: separatrices,
                             jacobianMethod: field.jacobianMethod)
    }
}

extension PhaseAnalysis {
    /// The equilibria inside the plane's window as caption numbers (`EquilibriumNumbers.keys`).
    public func equilibriumNumbers(prefix: String = "") -> [KeyNumber] {
        EquilibriumNumbers.keys(equilibria.filter { plane.contains($0.state) }, plane: (plane.xComponent, plane.yComponent),
                                prefix: prefix)
    }
}
