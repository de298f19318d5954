import Render

/// A figure of the course text: a `FigureRecipe` whose computed numbers are also stated in one line.
///
/// `ode-plot course NAME` calls `makeFigureAndSummary(options:)`, writes the figure and prints the
/// summary on stdout (the gallery's caption quotes it). Tests call `compute()` and check the numbers,
/// then `layout(_:options:)` on a `RecordingBackend`.
public protocol CourseFigure: FigureRecipe {
    /// One line with the numbers behind the figure.
    func summary(_ numbers: Data) -> String
    /// The page the figure is laid out for (the command line's default `--size`).
    var preferredSize: PageSize { get }
}

extension CourseFigure {
    public var preferredSize: PageSize { FigureOptions.defaultSize }

    /// The figure, its summary line and its key numbers from one computation.
    public func makeFigureAndSummary(options: FigureOptions) throws(FigureError) -> (figure: Figure, summary: String, numbers: [KeyNumber]) {
        let numbers = try compute()
        return (layout(numbers, options: options), summary(numbers), keyNumbers(numbers))
    }
}
