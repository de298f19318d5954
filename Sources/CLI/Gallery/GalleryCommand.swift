import ArgumentParser

/// `ode-gallery`: build, check and list the figure gallery described by `gallery/gallery.json`.
public struct GalleryCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ode-gallery",
        abstract: "Rebuild, check and list the figure gallery from its manifest (gallery/gallery.json).",
        discussion: """
        The manifest lists sections and figures; each figure has a name, a caption, a section, \
        the files it reads (inputs), the figures whose products it reads (needs), and the exact \
        ode-* commands that make it, written as shell lines. In commands {out} stands for the \
        gallery folder, {data} for its data/ folder (models, logs, CSV) and {ext} for the image \
        format: a command with {ext} runs once per format. Programs are run from the folder of \
        ode-gallery itself, so a release build runs release programs.

        Examples:
          ode-gallery list
          ode-gallery build
          ode-gallery build vdp-phase --force --pdf
          ode-gallery check --tolerance 1

        Exit codes: 0 success; 1 check found drifted or missing figures; 2 bad input (malformed \
        manifest, unknown figure, missing input or program; nothing is built); 3 a figure could \
        not be built (its command's error is reported; other figures are kept).
        """,
        version: flowscopeVersion,
        subcommands: [GalleryBuildCommand.self, GalleryCheckCommand.self, GalleryListCommand.self])

    public init() {}
}
