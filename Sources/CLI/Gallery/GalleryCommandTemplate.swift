import Foundation

/// One manifest command: a shell line running an `ode-*` program, with placeholders for folders and format.
///
/// Placeholders, substituted inside words: `{out}` the output folder, `{data}` the folder of
/// intermediate products (`{out}/data`), `{ext}` the image format. A command with `{ext}` is run
/// once per format; the others once. Any other brace text is left alone.
public struct GalleryCommandTemplate: Equatable, Sendable {
    /// The line as written in the manifest.
    public let text: String
    /// Its words, placeholders not yet substituted; the first is the program.
    public let words: [String]

    /// Placeholders a command may use.
    public static let placeholders = ["{out}", "{data}", "{ext}"]

    /// Splits `text` into words; throws a one-line reason (shell quoting, no program, not an ode-* program).
    public init(_ text: String) throws(ShellWords.SplitError) {
        let words = try ShellWords.split(text)
        guard let program = words.first else { throw ShellWords.SplitError(message: "empty command") }
        guard program.hasPrefix("ode-"), !program.contains("/"), !program.contains("{") else {
            throw ShellWords.SplitError(message: "runs '\(program)'; a command must start with an ode-* program name (no folder)")
        }
        self.text = text
        self.words = words
    }

    /// The program's name (e.g. `ode-plot`).
    public var program: String { words[0] }

    /// Whether the command is run once per image format.
    public var perFormat: Bool { words.contains { $0.contains("{ext}") } }

    /// Whether any word refers to the data folder.
    public var usesData: Bool { words.contains { $0.contains("{data}") } }

    /// The words with placeholders replaced.
    public func expanded(_ values: GalleryPlaceholders) -> [String] {
        words.map(values.substitute)
    }
}

/// The values substituted for a command's placeholders.
public struct GalleryPlaceholders: Equatable, Sendable {
    public var out: String
    public var data: String
    public var ext: String

    public init(out: String, data: String, ext: String = "png") {
        self.out = out; self.data = data; self.ext = ext
    }

    /// `text` with `{out}`, `{data}` and `{ext}` replaced.
    public func substitute(_ text: String) -> String {
        text.replacingOccurrences(of: "{out}", with: out)
            .replacingOccurrences(of: "{data}", with: data)
            .replacingOccurrences(of: "{ext}", with: ext)
    }
}
