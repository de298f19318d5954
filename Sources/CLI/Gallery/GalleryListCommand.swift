import ArgumentParser

/// `ode-gallery list`: one line per figure with its name, section and caption.
public struct GalleryListCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Print each figure's name, section and caption, in manifest order.")

    @OptionGroup public var options: GalleryOptions

    @OptionGroup(title: "Resources") public var memory: MemoryBudgetOptions

    public init() {}

    public func run() throws {
        let manifest = try options.readManifest()
        let nameWidth = manifest.figures.map(\.name.count).max() ?? 0
        let sectionWidth = manifest.figures.map(\.section.count).max() ?? 0
        var text = ""
        for figure in manifest.figures {
            let caption = figure.caption.split(whereSeparator: \.isNewline).joined(separator: " ")
            text += pad(figure.name, nameWidth) + "  " + pad(figure.section, sectionWidth) + "  " + caption + "\n"
        }
        StandardStreams.writeOutput(text)
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}
