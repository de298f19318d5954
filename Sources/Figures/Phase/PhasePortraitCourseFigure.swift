import NeuralODE

extension PhasePortrait where Field == SystemField {
    /// The course's phase portrait: Van der Pol, μ = 1, on [−3, 3]², quiver and streamlines, the limit
    /// cycle, curves from (0.1, 0), (−3, 2), (2.5, −3) (the figure the peers' matplotlib script draws).
    public static func courseFigure() throws(FigureError) -> PhasePortrait<SystemField> {
        let field: SystemField
        do { field = try SystemRegistry.field(named: "van-der-pol") } catch {
            throw .invalidWindow("the registry has no van-der-pol system")
        }
        var p = try PhasePortrait(system: field, window: PhaseWindow(x: -3...3, y: -3...3))
        p.limitCycle = try PhasePortrait.limitCycleFinder(for: field)
        p.initialStates = [SIMD2(0.1, 0), SIMD2(-3, 2), SIMD2(2.5, -3)]
        return p
    }
}
