import ArgumentParser
import Figures
import Foundation
import Render

/// `ode-plot course NAME -o FILE`: one of the course text's figures, computed; `--list` names them.
public struct CourseCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "course",
        abstract: "A figure of the course text (worked examples, exercises, theory), computed.",
        discussion: """
        Each figure computes everything it shows (solves, gradients, training, with fixed \
        seeds) and prints one line with the numbers behind it on stdout. --list prints the \
        names, one a line.

        Examples:
          ode-plot course --list
          ode-plot course example-3.1.1 -o example-3.1.1.png
          ode-plot course example-3.1.2 --size 8x6in -o example-3.1.2.svg

        --animate writes the topology figures as they move, t from 0 to T (-o .mp4, .gif, .webp, \
        .pdf with one frame a page, or a folder ending in / for numbered PNG frames; .png or .svg: \
        the last frame): disk-annulus carries the disk's grid toward the annulus; circles shows \
        the training points under the 2-D flow and under the augmented flow side by side (the \
        first seed's models). --fps, --frames or --duration, --loop set how it plays.

          ode-plot course disk-annulus --animate --frames 48 -o disk-annulus.webp
          ode-plot course circles --animate --frames 40 --fps 10 -o circles.mp4

        Exit codes: 0 success; 2 bad input (unknown name, no -o, malformed option); 3 the work \
        failed (a solve or the writing of the file).
        """)

    @Argument(help: ArgumentHelp("The figure's name (see --list).", valueName: "name"))
    public var name: CourseFigureChoice?

    @Flag(help: "Print the figure names, one a line, and exit.")
    public var list = false

    @Option(name: [.customShort("o"), .customLong("output")],
            help: ArgumentHelp("The figure file; .png, .svg or .pdf chooses the format.", valueName: "file"))
    public var output: String?

    @Flag(help: "Write an animation, t from 0 to T (disk-annulus, circles; -o .mp4, .gif, .webp, .pdf or folder/).")
    public var animate = false

    @OptionGroup(title: "Animation (with --animate)") public var animation: AnimationOptions

    @OptionGroup(title: "Figure") public var style: FigureStyleOptions

    @OptionGroup(title: "Resources") public var memory: MemoryBudgetOptions

    public init() {}

    public func run() throws {
        if list {
            StandardStreams.writeOutput(CourseFigureCatalog.names.joined(separator: "\n") + "\n")
            return
        }
        guard let name = name?.name else { throw ProgramError.badInput("give a figure name (ode-plot course --list names them)") }
        guard let recipe = CourseFigureCatalog.figure(named: name) else {
            throw ProgramError.badInput("no course figure '\(name)'; known: \(CourseFigureCatalog.names.joined(separator: ", "))")
        }
        guard let output else { throw ProgramError.badInput("give the output file with -o FILE") }
        if animate { return try writeAnimation(name, to: output) }
        let options = try style.figureOptions(output: output, defaultSize: recipe.preferredSize)
        try Self.write(recipe, to: output, options: options)
    }

    /// The course figures that move.
    static let animated = ["disk-annulus", "circles"]

    /// Writes course figure `name` as an animation.
    func writeAnimation(_ name: String, to output: String) throws {
        let size = PageSize(width: .inches(6.5), height: .inches(name == "circles" ? 3.6 : 4.4))
        switch name {
        case "disk-annulus": try Self.write(DiskAnnulusFlow(), to: output, options: try style.animationOptions(output: output, defaultSize: size),
                                            settings: try animation.settings())
        case "circles": try Self.write(CirclesFlow(), to: output, options: try style.animationOptions(output: output, defaultSize: size),
                                       settings: try animation.settings())
        default:
            throw ProgramError.badInput("course figure '\(name)' has no animation; animated: \(Self.animated.joined(separator: ", "))")
        }
    }

    /// Computes and writes an animated recipe atomically.
    static func write<R: AnimatedRecipe>(_ recipe: R, to path: String, options: FigureOptions, settings: AnimationSettings) throws {
        do {
            try recipe.write(to: path, options: options, settings: settings, version: flowscopeVersion, command: CommandLineText.current())
        } catch {
            throw ProgramError(error.isBadInput ? .badInput : .failure, error.description)
        }
    }

    /// Computes `recipe`, writes it atomically and prints its summary line.
    static func write<R: CourseFigure>(_ recipe: R, to path: String, options: FigureOptions) throws {
        do {
            let format = try ImageFormat(path: path)
            let made = try recipe.makeFigureAndSummary(options: options)
            let bytes = try FigureOutput.data(made.figure, format: format, options: options, metadata:
                FigureOutput.metadata(title: options.resolvedTitle(recipe.defaultTitle), version: flowscopeVersion,
                                      command: CommandLineText.current()), numbers: made.numbers)
            try AtomicFile.write(bytes, to: path)
            StandardStreams.writeOutput(made.summary + "\n")
        } catch let error as FigureError {
            throw ProgramError(error.isBadInput ? .badInput : .failure, error.description)
        } catch let error as RenderError {
            throw ProgramError.failure(error.description)
        }
    }
}
