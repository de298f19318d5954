import ArgumentParser
import Figures
import Foundation
import Render

/// `--size`, `--dpi`, `--theme`, `--title`: how a figure looks; shared by every figure command.
public struct FigureStyleOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Page size, width x height with a unit: in, cm, mm or pt (e.g. 6x6in, 16x12cm; "
                               + "default: the figure's own, 6x6in for most).", valueName: "WxH"),
            transform: FigureSize.init(parsing:))
    public var size: FigureSize?

    @Option(parsing: .unconditional, help: ArgumentHelp("PNG resolution in pixels per inch.", valueName: "n"))
    public var dpi: Double = 150

    @Option(help: ArgumentHelp("A theme file (JSON; keys as in assets/theme.json) for colours, widths and font sizes.",
                               valueName: "file"))
    public var theme: String?

    @Option(help: ArgumentHelp("Title instead of the figure's own (label notation: \\mu, x_0, \\dot{x}); \"\" for none.",
                               valueName: "text"))
    public var title: String?

    public init() {}

    public func validate() throws {
        guard dpi.isFinite, dpi >= 10, dpi <= 2400 else {
            throw ValidationError("--dpi must be between 10 and 2400 (got \(dpi))")
        }
    }

    /// Checks the output path and every option before any work is done; throws `ProgramError.badInput` with one line.
    ///
    /// `defaultSize` is the figure's own page, used when --size is not given.
    public func figureOptions(output: String, defaultSize: PageSize = FigureOptions.defaultSize) throws -> FigureOptions {
        let format: ImageFormat
        do { format = try ImageFormat(path: output) } catch { throw ProgramError.badInput(error.description) }
        _ = try OutputDestination(path: output, allowedExtensions: ImageFormat.allCases.map(\.rawValue))
        return try checkedOptions(raster: format == .png, defaultSize: defaultSize)
    }

    /// The options for an animation written to `output` (an `AnimationFormat` path in an existing
    /// folder, or a .png or .svg still of its last frame).
    public func animationOptions(output: String, defaultSize: PageSize = FigureOptions.defaultSize) throws -> FigureOptions {
        if let still = try? ImageFormat(path: output), still != .pdf { return try figureOptions(output: output, defaultSize: defaultSize) }
        let format: AnimationFormat
        do { format = try AnimationFormat(path: output) } catch { throw ProgramError.badInput(error.description) }
        var trimmed = output
        while format == .frames && trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        let folder = URL(fileURLWithPath: trimmed).deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw ProgramError.badInput("cannot write '\(output)': folder '\(folder)' does not exist")
        }
        return try checkedOptions(raster: format.isRaster, defaultSize: defaultSize)
    }

    private func checkedOptions(raster: Bool, defaultSize: PageSize) throws -> FigureOptions {
        try validate()
        let size = self.size ?? FigureSize(defaultSize)
        if raster {
            let w = size.page.width.pixels(dpi: dpi), h = size.page.height.pixels(dpi: dpi)
            guard w <= 32767, h <= 32767 else {
                throw ProgramError.badInput("--size \(size) at --dpi \(dpi) gives \(w)×\(h) pixels; PNG allows at most 32767 a side")
            }
            // The Cairo surface, the filtered rows and the compressed file: about 4 copies of the pixels.
            try MemoryCheck.require(MemoryCheck.values(w * h, 16), for: "--size \(size) at --dpi \(dpi) (\(w)×\(h) pixels)")
        }
        var loaded = Theme.standard
        if let theme {
            do { loaded = try Theme.load(path: theme) } catch { throw ProgramError.badInput(error.description) }
        }
        return FigureOptions(size: size.page, dpi: dpi, theme: loaded, title: title)
    }
}
