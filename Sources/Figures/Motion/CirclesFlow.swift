import Foundation
import Render

/// The concentric circles carried by the two trained classifiers' flows from t = 0 to T, side by
/// side: the 2-D flow in the plane and the augmented flow in (z₁, z₂, a) (`ode-plot course circles --animate`).
///
/// The models are `figure`'s first seed's (the ones its still panels draw; the other seeds, which
/// the still figure averages over, are not trained). Both panels keep one window for the whole
/// animation; the last frame adds each model's read-out boundary (o = 0) at T.
public struct CirclesFlow: AnimatedRecipe {
    public var figure: CirclesFigure

    public init(figure: CirclesFigure = CirclesFigure()) { self.figure = figure }

    public var defaultTitle: String { "Concentric circles under a 2-D and an augmented neural ODE flow" }

    /// The first seed's models, with the flow saved once per frame.
    public func compute(frameCount: Int) throws(FigureError) -> CirclesFigure.Numbers {
        guard frameCount >= 3 else { throw .invalidInput("the circles animation needs at least 3 frames (got \(frameCount))") }
        var still = figure
        still.seeds = Array(figure.seeds.prefix(1))
        still.flowFractions = (0..<frameCount).map { Double($0) / Double(frameCount - 1) }
        return try still.compute()
    }

    /// Final loss and held-out accuracy of the two models drawn.
    public func keyNumbers(_ n: CirclesFigure.Numbers) -> [KeyNumber] {
        [KeyNumber("plainLoss", n.plain.finalLoss[0], significant: 2), KeyNumber("augmentedLoss", n.augmented.finalLoss[0], significant: 2),
         KeyNumber("plainHeldOut", percent: n.plain.testAccuracy[0], significant: 3),
         KeyNumber("augmentedHeldOut", percent: n.augmented.testAccuracy[0], significant: 3),
         KeyNumber("epochs", count: figure.epochs), KeyNumber("seed", count: Int(figure.seeds.first ?? 0))]
    }

    public func scene(_ n: CirclesFigure.Numbers, options: FigureOptions) -> (Int) -> Figure {
        let title = options.resolvedTitle(defaultTitle)
        var reach = 0.0
        for states in n.plain.states { for v in states { reach = max(reach, abs(v)) } }
        reach *= 1.12
        let box = CirclesFigure.liftedBox(n, n.augmented.states)
        let last = n.times.count - 1
        func percent(_ v: Double) -> String { "\(NumberText.short(100 * v, significant: 3))%" }
        return { i in
            let j = min(max(i, 0), last)
            let page = options.makeFigure(rows: 1, columns: 2)
            page.suptitle = title
            let t = String(format: "%.2f", n.times[j])
            let end = j == last
            figure.planarPanel(page.axes[0], n, n.plain.states[j],
                               title: end ? "2-D at T: held-out \(percent(n.plain.testAccuracy[0]))" : "2-D flow, t = \(t)",
                               readout: end ? n.plain.readout : nil, reach: reach)
            figure.liftedPanel(page.axes[1], n, n.augmented.states[j],
                               title: end ? "Augmented at T: held-out \(percent(n.augmented.testAccuracy[0]))"
                                   : "Augmented (+\(n.augmented.augment)) flow, t = \(t)",
                               readout: end ? n.augmented.readout : nil, box: box)
            return page
        }
    }
}
