import Render

/// A figure of the course text: computes its numbers once, lays them out, and states them in one line.
///
/// `ode-plot course NAME` calls `makeFigureAndSummary(options:)`, writes the figure and prints the
/// summary on stdout (the gallery's caption quotes it). Tests call `compute()` and check the numbers,
/// then `makeFigure(_:options:)` on a `RecordingBackend`.
public protocol CourseFigure: FigureRecipe {
    /// Everything the figure shows, computed.
    associatedtype Numbers
    /// Runs the numerics (solves, gradients, training); deterministic.
    func compute() throws(FigureError) -> Numbers
    /// Lays `numbers` out on a page of `options` (no numerics).
    func makeFigure(_ numbers: Numbers, options: FigureOptions) -> Figure
    /// One line with the numbers behind the figure.
    func summary(_ numbers: Numbers) -> String
    /// The page the figure is laid out for (the command line's default `--size`).
    var preferredSize: PageSize { get }
}

extension CourseFigure {
    public var preferredSize: PageSize { FigureOptions.defaultSize }

    public func makeFigure(options: FigureOptions) throws(FigureError) -> Figure {
        makeFigure(try compute(), options: options)
    }

    /// The figure and its summary line from one computation.
    public func makeFigureAndSummary(options: FigureOptions) throws(FigureError) -> (figure: Figure, summary: String) {
        let numbers = try compute()
        return (makeFigure(numbers, options: options), summary(numbers))
    }
}
