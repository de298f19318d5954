import ArgumentParser
import Figures
import Render

/// `-o` and the style options (`--size`, `--dpi`, `--theme`, `--title`): where a figure goes and how it looks.
public struct FigureOutputOptions: ParsableArguments {
    @Option(name: [.customShort("o"), .customLong("output")],
            help: ArgumentHelp("The figure file; .png, .svg or .pdf chooses the format.", valueName: "file"))
    public var output: String

    @OptionGroup public var style: FigureStyleOptions

    public init() {}

    /// Checks every option before any work is done; throws `ProgramError.badInput` with one line.
    ///
    /// `defaultSize` is the figure's own page, used when --size is not given.
    public func figureOptions(defaultSize: PageSize = FigureOptions.defaultSize) throws -> FigureOptions {
        try style.figureOptions(output: output, defaultSize: defaultSize)
    }

    /// Checks every option for an animation: `-o` names an `AnimationFormat` (.mp4, .gif, .webp,
    /// .pdf, or a folder ending in /) in an existing folder.
    public func animationOptions(defaultSize: PageSize = FigureOptions.defaultSize) throws -> FigureOptions {
        try style.animationOptions(output: output, defaultSize: defaultSize)
    }
}
