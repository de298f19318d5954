import Foundation
import Render

/// A figure that moves: `compute(frameCount:)` runs the numerics for every frame, then
/// `scene(_:options:)` lays the animation out once and returns what draws frame i.
///
/// The scene keeps what does not change (axes, streamlines, traced once) and redraws only what
/// moves; it is a function from a frame index to a page. Frame 0 is the start, frame
/// `frameCount − 1` the end.
public protocol AnimatedRecipe {
    associatedtype Data
    /// The title (label notation) used when `FigureOptions.title` is nil.
    var defaultTitle: String { get }
    /// Runs the numerics for `frameCount` frames; deterministic.
    func compute(frameCount: Int) throws(FigureError) -> Data
    /// What draws frame i (the whole page) on a backend; no numerics.
    func scene(_ data: Data, options: FigureOptions) -> (Int, DrawingBackend) -> Void
}

extension AnimatedRecipe {
    /// Computes and writes the animation to `path` (format from the path, see `AnimationFormat`), atomically.
    public func write(to path: String, options: FigureOptions, settings: AnimationSettings, version: String,
                      command: String) throws(FigureError) {
        do { _ = try AnimationFormat(path: path); _ = try settings.validated() } catch { throw .render(error) }
        let draw = scene(try compute(frameCount: settings.frameCount), options: options)
        let metadata = FigureOutput.metadata(title: options.resolvedTitle(defaultTitle), version: version, command: command)
        do {
            try AnimationWriter.write(to: path, size: options.size, dpi: options.dpi, fontFiles: options.theme.fonts,
                                      settings: settings, metadata: metadata, drawFrame: draw)
        } catch {
            throw .render(error)
        }
    }

    /// Frames `indices` of a `frameCount`-frame animation as RGB pixels (to compare with a written one).
    public func frames(_ indices: [Int], frameCount: Int, options: FigureOptions) throws(FigureError) -> [RGBFrame] {
        let draw = scene(try compute(frameCount: frameCount), options: options)
        do {
            return try AnimationWriter.frames(indices, size: options.size, dpi: options.dpi, fontFiles: options.theme.fonts, drawFrame: draw)
        } catch {
            throw .render(error)
        }
    }
}
