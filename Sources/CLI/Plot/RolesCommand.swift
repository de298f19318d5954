import ArgumentParser
import Figures

/// `ode-plot roles -o FILE`: the theme's style vocabulary, one sample per role.
public struct RolesCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "roles",
        abstract: "The style roles: what each colour, dash and marker means in every figure.",
        discussion: """
        Draws one sample per role of the theme (true, learned, data, held-out, each solver, \
        limit cycle, nullclines, equilibrium types, classes) with its meaning. With --theme, the \
        samples show that theme's looks.

        Examples:
          ode-plot roles -o roles.png
          ode-plot roles --theme my-theme.json --size 6.5x3.6in -o roles.svg

        Exit codes: 0 success; 2 bad input (malformed option, unknown format); 3 the figure \
        could not be written.
        """)

    @OptionGroup public var figure: FigureOutputOptions

    @OptionGroup(title: "Resources") public var memory: MemoryBudgetOptions

    public init() {}

    public func run() throws {
        let options = try figure.figureOptions()
        do {
            try RoleSwatch().write(to: figure.output, options: options, version: flowscopeVersion, command: CommandLineText.current())
        } catch {
            throw LearnedInputs.programError(error)
        }
    }
}
