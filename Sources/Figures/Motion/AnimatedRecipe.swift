import Foundation
import Render

/// A figure that moves: `compute(frameCount:)` runs the numerics for every frame, then
/// `scene(_:options:)` lays the animation out once and returns a function from a frame index to a `Figure`.
///
/// The scene keeps what does not change (axes, streamlines, traced once) and updates only what
/// moves, so the figure it returns may be the same object each time, changed. Frame 0 is the
/// start, frame `frameCount − 1` the end. Written to .png or .svg, the animation is its last
/// frame as a still figure (with its sidecar, as every figure), the gallery's poster.
public protocol AnimatedRecipe {
    associatedtype Data
    /// The title (label notation) used when `FigureOptions.title` is nil.
    var defaultTitle: String { get }
    /// Runs the numerics for `frameCount` frames; deterministic.
    func compute(frameCount: Int) throws(FigureError) -> Data
    /// The figure at frame i; no numerics.
    func scene(_ data: Data, options: FigureOptions) -> (Int) -> Figure
    /// The numbers a caption may quote (written to the poster's sidecar); none by default.
    func keyNumbers(_ data: Data) -> [KeyNumber]
}

extension AnimatedRecipe {
    public func keyNumbers(_ data: Data) -> [KeyNumber] { [] }

    /// Computes and writes the animation to `path` (format from the path, see `AnimationFormat`), atomically;
    /// a .png or .svg path gets the last frame as a still figure.
    public func write(to path: String, options: FigureOptions, settings: AnimationSettings, version: String,
                      command: String) throws(FigureError) {
        do { _ = try settings.validated() } catch { throw .render(error) }
        let metadata = FigureOutput.metadata(title: options.resolvedTitle(defaultTitle), version: version, command: command)
        if let still = try? ImageFormat(path: path), still != .pdf {
            let data = try compute(frameCount: settings.frameCount)
            let bytes = try FigureOutput.data(scene(data, options: options)(settings.frameCount - 1), format: still, options: options,
                                              metadata: metadata, numbers: keyNumbers(data))
            do { try AtomicFile.write(bytes, to: path) } catch { throw .render(error) }
            return
        }
        do { _ = try AnimationFormat(path: path) } catch { throw .render(error) }
        let figureAt = scene(try compute(frameCount: settings.frameCount), options: options)
        do {
            try AnimationWriter.write(to: path, size: options.size, dpi: options.dpi, fontFiles: options.theme.fonts,
                                      settings: settings, metadata: metadata) { i, backend in figureAt(i).render(on: backend) }
        } catch {
            throw .render(error)
        }
    }

    /// Frames `indices` of a `frameCount`-frame animation as RGB pixels (to compare with a written one).
    public func frames(_ indices: [Int], frameCount: Int, options: FigureOptions) throws(FigureError) -> [RGBFrame] {
        let figureAt = scene(try compute(frameCount: frameCount), options: options)
        do {
            return try AnimationWriter.frames(indices, size: options.size, dpi: options.dpi, fontFiles: options.theme.fonts) { i, backend in
                figureAt(i).render(on: backend)
            }
        } catch {
            throw .render(error)
        }
    }
}
