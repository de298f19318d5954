import ArgumentParser
import Figures
import Foundation
import Render

/// `-o`, `--size`, `--dpi`, `--theme`, `--title`: where a figure goes and how it looks; every ode-plot subcommand takes them.
public struct FigureOutputOptions: ParsableArguments {
    @Option(name: [.customShort("o"), .customLong("output")],
            help: ArgumentHelp("The figure file; .png, .svg or .pdf chooses the format.", valueName: "file"))
    public var output: String

    @Option(help: ArgumentHelp("Page size, width x height with a unit: in, cm, mm or pt (e.g. 6x6in, 16x12cm).",
                               valueName: "WxH"))
    public var size: String = "6x6in"

    @Option(parsing: .unconditional, help: ArgumentHelp("PNG resolution in pixels per inch.", valueName: "n"))
    public var dpi: Double = 150

    @Option(help: ArgumentHelp("A theme file (JSON; keys as in assets/theme.json) for colours, widths and font sizes.",
                               valueName: "file"))
    public var theme: String?

    @Option(help: ArgumentHelp("Title instead of the figure's own (label notation: \\mu, x_0, \\dot{x}); \"\" for none.",
                               valueName: "text"))
    public var title: String?

    public init() {}

    /// Checks every option before any work is done; throws `ProgramError.badInput` with one line.
    public func figureOptions() throws -> FigureOptions {
        do {
            _ = try ImageFormat(path: output)
        } catch {
            throw ProgramError.badInput(error.description)
        }
        _ = try OutputDestination(path: output, allowedExtensions: ImageFormat.allCases.map(\.rawValue))
        let page = try Self.pageSize(size)
        guard dpi.isFinite, dpi >= 10, dpi <= 2400 else {
            throw ProgramError.badInput("--dpi must be between 10 and 2400 (got \(dpi))")
        }
        if (try? ImageFormat(path: output)) == .png {
            let w = page.width.pixels(dpi: dpi), h = page.height.pixels(dpi: dpi)
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
        return FigureOptions(size: page, dpi: dpi, theme: loaded, title: title)
    }

    /// Parses `6x6in`, `16x12cm`, `6inx4in`, `432x288pt` (a unit on the height applies to a bare width).
    public static func pageSize(_ text: String) throws -> PageSize {
        let bad = ProgramError.badInput("--size expects width x height with a unit, e.g. 6x6in or 16x12cm (got '\(text)')")
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, let hLen = Length(parsing: parts[1]) else { throw bad }
        var wText = parts[0].trimmingCharacters(in: .whitespaces)
        if let last = wText.last, last.isNumber || last == "." {
            let unit = String(parts[1].trimmingCharacters(in: .whitespaces).drop(while: { $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" }))
            wText += unit
        }
        guard let wLen = Length(parsing: wText) else { throw bad }
        guard wLen.points > 0, hLen.points > 0 else {
            throw ProgramError.badInput("--size must be positive (got '\(text)')")
        }
        guard wLen.points <= 14_400, hLen.points <= 14_400 else {
            throw ProgramError.badInput("--size is limited to 200 in a side (got '\(text)')")
        }
        return PageSize(width: wLen, height: hLen)
    }
}
