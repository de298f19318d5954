import Foundation
import Render

/// A kind of figure in two steps: `compute()` runs the numerics and returns a `Data` value, then
/// `layout(_:options:)` lays that value out on a `Figure` without any numerics.
///
/// Stored properties are the figure's settings. Tests call `compute()` and check its numbers, then
/// draw `layout` on a `RecordingBackend`; the CLI calls `write(to:options:version:command:)`.
/// `compute` throws `FigureError` when it cannot; `layout` cannot fail. Add a figure kind by adding
/// a type conforming to this protocol in a folder of its own (see `PhasePortrait`).
public protocol FigureRecipe {
    /// Everything the figure shows, computed.
    associatedtype Data
    /// The title (label notation) used when `FigureOptions.title` is nil.
    var defaultTitle: String { get }
    /// Runs the numerics (solves, gradients, training); deterministic.
    func compute() throws(FigureError) -> Data
    /// Lays `data` out on a page of `options` (no numerics).
    func layout(_ data: Data, options: FigureOptions) -> Figure
    /// The numbers a caption may quote (written to the figure's sidecar); none by default.
    func keyNumbers(_ data: Data) -> [KeyNumber]
}

extension FigureRecipe {
    public func keyNumbers(_ data: Data) -> [KeyNumber] { [] }

    /// Computes, then lays out on a page of `options`.
    public func makeFigure(options: FigureOptions) throws(FigureError) -> Figure {
        layout(try compute(), options: options)
    }

    /// The file's bytes in `format` (PNG, SVG or PDF) with `metadata`'s title defaulting to the figure's.
    public func render(format: ImageFormat, options: FigureOptions, version: String,
                       command: String) throws(FigureError) -> Foundation.Data {
        let data = try compute()
        return try FigureOutput.data(layout(data, options: options), format: format, options: options, metadata:
            FigureOutput.metadata(title: options.resolvedTitle(defaultTitle), version: version, command: command),
            numbers: keyNumbers(data))
    }

    /// Renders to `path` (format from its extension), written atomically: no partial file on failure.
    public func write(to path: String, options: FigureOptions, version: String, command: String) throws(FigureError) {
        try write(try compute(), to: path, options: options, version: version, command: command)
    }

    /// Lays out already computed `data` and writes it to `path` atomically (a caller that reports
    /// warnings from the data first, e.g. curves drawn short).
    public func write(_ data: Data, to path: String, options: FigureOptions, version: String,
                      command: String) throws(FigureError) {
        let format: ImageFormat
        do { format = try ImageFormat(path: path) } catch { throw .render(error) }
        let bytes = try FigureOutput.data(layout(data, options: options), format: format, options: options, metadata:
            FigureOutput.metadata(title: options.resolvedTitle(defaultTitle), version: version, command: command),
            numbers: keyNumbers(data))
        do { try AtomicFile.write(bytes, to: path) } catch { throw .render(error) }
    }
}

/// Draws a laid-out `Figure` onto a Cairo page and returns or writes the file.
public enum FigureOutput {
    /// The file's bytes: `figure` drawn on a page of `options.size` at `options.dpi`. When
    /// `options.sidecarPath` is set, the figure's sidecar (`numbers` and its layout checks, measured
    /// with the same backend's text metrics) is written there too.
    public static func data(_ figure: Figure, format: ImageFormat, options: FigureOptions,
                            metadata: ImageMetadata, numbers: [KeyNumber] = []) throws(FigureError) -> Foundation.Data {
        do {
            let backend = try CairoBackend(format: format, size: options.size, dpi: options.dpi,
                                           fontFiles: options.theme.fonts)
            figure.render(on: backend)
            if let path = options.sidecarPath {
                try AtomicFile.write(FigureSidecar.measure(figure, on: backend, numbers: numbers).jsonData(), to: path)
            }
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
