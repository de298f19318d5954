import Foundation
import Render

/// A kind of figure: computes what it shows and lays it out on a `Figure`.
///
/// Recipes run their numerics in `makeFigure` and throw `FigureError` when they cannot; the
/// extension writes the result through Cairo with provenance metadata. Add a figure kind by
/// adding a type conforming to this protocol in a folder of its own (see `PhasePortrait`).
public protocol FigureRecipe {
    /// The title (label notation) used when `FigureOptions.title` is nil.
    var defaultTitle: String { get }
    /// Computes and lays out the figure on a page of `options`.
    func makeFigure(options: FigureOptions) throws(FigureError) -> Figure
}

extension FigureRecipe {
    /// The file's bytes in `format` (PNG, SVG or PDF) with `metadata`'s title defaulting to the figure's.
    public func render(format: ImageFormat, options: FigureOptions, version: String,
                       command: String) throws(FigureError) -> Data {
        let figure = try makeFigure(options: options)
        return try FigureOutput.data(figure, format: format, options: options, metadata:
            FigureOutput.metadata(title: options.resolvedTitle(defaultTitle), version: version, command: command))
    }

    /// Renders to `path` (format from its extension), written atomically: no partial file on failure.
    public func write(to path: String, options: FigureOptions, version: String, command: String) throws(FigureError) {
        let format: ImageFormat
        do { format = try ImageFormat(path: path) } catch { throw .render(error) }
        let bytes = try render(format: format, options: options, version: version, command: command)
        do { try AtomicFile.write(bytes, to: path) } catch { throw .render(error) }
    }
}

/// Draws a laid-out `Figure` onto a Cairo page and returns or writes the file.
public enum FigureOutput {
    /// The file's bytes: `figure` drawn on a page of `options.size` at `options.dpi`.
    public static func data(_ figure: Figure, format: ImageFormat, options: FigureOptions,
                            metadata: ImageMetadata) throws(FigureError) -> Data {
        do {
            let backend = try CairoBackend(format: format, size: options.size, dpi: options.dpi)
            figure.render(on: backend)
            return try backend.finish(metadata: metadata)
        } catch {
            throw .render(error)
        }
    }

    /// Provenance for a figure: its title as plain text (notation resolved), the version and the command.
    public static func metadata(title: String?, version: String, command: String) -> ImageMetadata {
        ImageMetadata(title: title.map { Label($0).plainText } ?? "", version: version, command: command)
    }
}
