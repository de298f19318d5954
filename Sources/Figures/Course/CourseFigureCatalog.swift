import Foundation

/// The course figures by name (`ode-plot course NAME`); add one line per figure.
public enum CourseFigureCatalog {
    /// Name → a recipe with its default settings; names follow the course text ("example-3.1.1").
    public static let figures: [String: @Sendable () -> any CourseFigure] = [
        "example-3.1.1": { Example311Figure() },
        "example-3.1.2": { Example312Figure() },
        "exercise-3.1.2": { Exercise312Figure() },
        "exercise-3.1.4": { Exercise314Figure() },
        "exercise-3.1.7": { Exercise317Figure() },
        "exercise-3.1.8": { Exercise318Figure() },
        "exercise-3.1.9": { Exercise319Figure() },
        "exercise-3.1.10": { Exercise3110Figure() },
        "result-3.1.3": { ResNetEulerFigure() },
        "crossing": { CrossingFigure() },
        "disk-annulus": { DiskAnnulusFigure() },
        "circles": { CirclesFigure() },
        "stiff": { StiffSolversFigure() },
        "non-unique": { NonUniqueFigure() },
        "theorem-3.1.2": { WidthSweepFigure() },
        "misconception-2": { AdjointAccuracyFigure() },
    ]

    /// Every name, sorted.
    public static var names: [String] { figures.keys.sorted(by: CourseFigureCatalog.courseOrder) }

    /// The recipe called `name`, or nil.
    public static func figure(named name: String) -> (any CourseFigure)? { figures[name]?() }

    /// Orders "example-3.1.2" before "exercise-3.1.10" and "exercise-3.1.9" before "exercise-3.1.10".
    static func courseOrder(_ a: String, _ b: String) -> Bool {
        a.compare(b, options: .numeric) == .orderedAscending
    }
}
