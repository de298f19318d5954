import Foundation
import Render

/// Exercise 3.1.3 as it moves: the trained flow carries the disk's grid from t = 0 to T
/// (`ode-plot course disk-annulus --animate`).
///
/// The model and the curves are `figure`'s (same training, seed and refinement), saved at one time
/// per frame, so frame i shows the images at t = T·i/(frames − 1) and the last frame is the still
/// figure's last panel. The window is fixed over the whole animation (it holds every image).
public struct DiskAnnulusFlow: AnimatedRecipe {
    public var figure: DiskAnnulusFigure

    public init(figure: DiskAnnulusFigure = DiskAnnulusFigure()) { self.figure = figure }

    public var defaultTitle: String { "Exercise 3.1.3: a flow cannot tear a disk into an annulus" }

    public func compute(frameCount: Int) throws(FigureError) -> DiskAnnulusFigure.Numbers {
        guard frameCount >= 2 else { throw .invalidInput("an animation needs at least 2 frames (got \(frameCount))") }
        var still = figure
        still.fractions = (0..<frameCount).map { Double($0) / Double(frameCount - 1) }
        return try still.compute()
    }

    /// The final MSE and shares in the annulus and the hole, as the still figure's caption quotes them.
    public func keyNumbers(_ n: DiskAnnulusFigure.Numbers) -> [KeyNumber] { figure.keyNumbers(n) }

    public func scene(_ n: DiskAnnulusFigure.Numbers, options: FigureOptions) -> (Int) -> Figure {
        let styles = DiskAnnulusFigure.Styles(theme: options.theme)
        let extent = DiskAnnulusFigure.extent(n)
        let title = options.resolvedTitle(defaultTitle)
        let last = n.times.count - 1
        return { i in
            let j = min(max(i, 0), last)
            let page = options.makeFigure()
            page.suptitle = title
            // Shown at 585 px across (6.5 in at 90 dpi), the key reads at the tick labels' size, not the legends' 8.5 pt.
            page.style.legendSize = max(page.style.legendSize, page.style.tickLabelSize)
            let ax = page.axes[0]
            figure.panel(ax, n, time: j, extent: extent, styles: styles)
            ax.yLabel = "x_2"
            ax.title = "t = " + String(format: "%.2f", n.times[j]) + (n.boundarySimple[j] ? ", boundary simple" : ", boundary NOT simple")
                + ", winding \(n.centreWinding[j])"
            if j == last {
                ax.title = "t = T: \(Int((100 * n.inAnnulus).rounded()))% in annulus, \(Int((100 * n.inHole).rounded()))% in hole"
            }
            DiskAnnulusFigure.addKey(to: ax, styles: styles)
            ax.legend = .outsideRight
            return page
        }
    }
}
