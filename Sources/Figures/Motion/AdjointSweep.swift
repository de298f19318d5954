import Foundation
import NeuralODE
import Render

/// The adjoint solved backward as it happens: a(t) and ∂L/∂θ drawn from the last observation back
/// to t0, one step of the sweep per frame, with a cursor at the current time (`ode-plot adjoint --animate`).
///
/// The trace is `figure`'s (one forward and one recorded backward solve); frame i shows the backward
/// solve from t_N down to t_N − (t_N − t0)·i/(frames − 1), so each jump at an observation appears
/// as the cursor reaches it and the last frame is the still figure with its cursor at t0.
public struct AdjointSweep<Field: DifferentiableField>: AnimatedRecipe {
    public var figure: AdjointFigure<Field>

    public init(figure: AdjointFigure<Field>) { self.figure = figure }

    public var defaultTitle: String { "\(figure.modelTitle): the adjoint a(t) solved backward" }

    /// The recorded trace and the number of frames the sweep is cut into.
    public struct Data {
        public var trace: AdjointTrace
        public var frameCount: Int
    }

    public func compute(frameCount: Int) throws(FigureError) -> Data {
        guard frameCount >= 2 else { throw .invalidInput("an animation needs at least 2 frames (got \(frameCount))") }
        return Data(trace: try figure.compute(), frameCount: frameCount)
    }

    /// The loss, the number of observations, t_N and a(t0)'s first component (dL/dy0).
    public func keyNumbers(_ data: Data) -> [KeyNumber] {
        let trace = data.trace
        return [KeyNumber("loss", trace.loss, significant: 4), KeyNumber("observations", count: trace.observationTimes.count),
         KeyNumber("t1", setting: trace.observationTimes.last ?? trace.t0),
         KeyNumber("a0", trace.initialStateGradient.first ?? 0, significant: 4)]
    }

    /// The time the backward sweep has reached at frame `i` of `frameCount`.
    public static func sweepTime(_ trace: AdjointTrace, frame i: Int, of frameCount: Int) -> Double {
        let end = trace.observationTimes.last ?? trace.t0
        guard frameCount > 1 else { return trace.t0 }
        let f = Double(min(max(i, 0), frameCount - 1)) / Double(frameCount - 1)
        return i >= frameCount - 1 ? trace.t0 : end - (end - trace.t0) * f
    }

    public func scene(_ data: Data, options: FigureOptions) -> (Int) -> Figure {
        let title = options.resolvedTitle(defaultTitle)
        return { i in
            let s = Self.sweepTime(data.trace, frame: i, of: data.frameCount)
            let page = figure.layout(data.trace, options: options, sweep: s)
            page.suptitle = (title.map { $0 + ", " } ?? "") + "t = " + String(format: "%.2f", s)
            return page
        }
    }
}
