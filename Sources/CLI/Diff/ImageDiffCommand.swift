import ArgumentParser
import Foundation
import Render

/// `ode-diff image A.png B.png`: RMS and perceptual pixel differences of two PNGs, with a diff image.
public struct ImageDiffCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "image",
        abstract: "Compare two PNG images: RMS difference, pixels over a perceptual threshold, diff image.",
        discussion: """
        RMS is over every channel (R, G, B, A) of every pixel on the 0–255 scale. A pixel \
        differs when its colour difference (YIQ, after blending over white) exceeds the \
        perceptual --threshold; differences that look like anti-aliasing are counted apart and \
        tolerated. The images match when the RMS is at most --tolerance (default 0: identical \
        pixels). The diff image (-o) shows the first image faded, differing pixels red and \
        tolerated anti-aliasing yellow.

        Examples:
          ode-diff image expected.png actual.png
          ode-diff image expected.png actual.png --tolerance 1.5 -o diff.png --json

        Exit codes: 0 within tolerance; 1 over tolerance; 2 bad input (missing file, not a PNG, \
        different sizes); 3 the diff image could not be written.
        """)

    @Argument(help: ArgumentHelp("The reference PNG.", valueName: "A.png"))
    public var first: String

    @Argument(help: ArgumentHelp("The PNG compared with it.", valueName: "B.png"))
    public var second: String

    @Option(name: [.customShort("o"), .customLong("output")],
            help: ArgumentHelp("Write the diff image to this PNG.", valueName: "diff.png"))
    public var output: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Largest RMS (0–255 scale) still within tolerance.", valueName: "rms"))
    public var tolerance: Double = 0

    @Option(parsing: .unconditional, help: ArgumentHelp("Perceptual per-pixel threshold in 0…1 (smaller is stricter).", valueName: "t"))
    public var threshold: Double = 0.1

    @Flag(help: "Print the metrics as one JSON object.")
    public var json = false

    @OptionGroup(title: "Resources") public var memory: MemoryBudgetOptions

    public init() {}

    public func validate() throws {
        guard tolerance.isFinite, tolerance >= 0 else { throw ValidationError("--tolerance must be a number ≥ 0 (got \(tolerance))") }
        guard threshold.isFinite, threshold >= 0, threshold <= 1 else {
            throw ValidationError("--threshold must be between 0 and 1 (got \(threshold))")
        }
    }

    public func run() throws {
        let destination = try output.map { try OutputDestination(path: $0, allowedExtensions: ["png"]) }
        let comparison: ImageComparison
        do {
            comparison = try ImageComparator(threshold: threshold).compare(file: first, with: second)
        } catch {
            throw ProgramError.badInput(error.description)
        }
        if case .file(let path)? = destination {
            do {
                try AtomicFile.write(try comparison.diff.pngData(), to: path)
            } catch {
                throw ProgramError.failure(error.description)
            }
        }
        let within = comparison.rms <= tolerance
        StandardStreams.writeOutput(json ? jsonText(comparison, within: within) : text(comparison, within: within))
        if !within { throw ExitCode(ExitStatus.overTolerance.rawValue) }
    }

    private func text(_ c: ImageComparison, within: Bool) -> String {
        let percent = NumberFormatting.fixed(c.differingFraction * 100, decimals: 4)
        return """
        \(first) vs \(second): \(c.width)×\(c.height) px
        RMS \(NumberFormatting.fixed(c.rms, decimals: 4)) on the 0–255 scale (tolerance \(NumberFormatting.fixed(tolerance, decimals: 4)))
        pixels over threshold \(threshold): \(c.differingPixels) (\(percent)%), anti-aliased tolerated: \(c.antialiasedPixels)
        \(within ? "within tolerance" : "over tolerance")

        """
    }

    private func jsonText(_ c: ImageComparison, within: Bool) -> String {
        let fields: [(String, String)] = [
            ("a", quote(first)), ("b", quote(second)), ("width", "\(c.width)"), ("height", "\(c.height)"),
            ("rms", "\(c.rms)"), ("tolerance", "\(tolerance)"), ("threshold", "\(threshold)"),
            ("differing_pixels", "\(c.differingPixels)"), ("differing_fraction", "\(c.differingFraction)"),
            ("antialiased_pixels", "\(c.antialiasedPixels)"), ("within_tolerance", within ? "true" : "false"),
            ("diff", output.map(quote) ?? "null"),
        ]
        return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}\n"
    }

    private func quote(_ s: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [s], options: [.withoutEscapingSlashes])) ?? Data("[\"\"]".utf8)
        let array = String(decoding: data, as: UTF8.self)
        return String(array.dropFirst().dropLast())
    }
}

/// Fixed-decimal text without locale effects.
enum NumberFormatting {
    static func fixed(_ v: Double, decimals: Int) -> String { String(format: "%.\(decimals)f", v) }
}
