import ArgumentParser

/// `ode-diff`: compare images (and, later, learned with true vector fields).
public struct DiffCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ode-diff",
        abstract: "Compare two figures (or fields) and report how far apart they are.",
        discussion: """
        Examples:
          ode-diff image gallery/vdp.png /tmp/vdp.png
          ode-diff image a.png b.png --tolerance 0.5 -o diff.png --json

        Exit codes: 0 within tolerance; 1 over tolerance; 2 bad input (missing file, not a PNG, \
        images of different sizes, malformed option); 3 the diff image could not be written.
        """,
        version: flowscopeVersion,
        subcommands: [ImageDiffCommand.self, FieldDiffCommand.self])

    public init() {}
}
