import ArgumentParser
import Figures
import Foundation

/// `ode-plot loss`: training (and held-out) loss curves from one or more ode-train logs.
public struct LossCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "loss",
        abstract: "Loss per epoch on a log axis from one or more training logs, for comparing runs.",
        discussion: """
        Each LOG is a CSV file written by ode-train --log (columns epoch, loss and optionally \
        heldout_mse, seconds, …), optionally followed by :label for the legend (default: the \
        file name without .csv). Each run gets its own colour; --heldout adds its held-out \
        error dashed in the same colour. A run whose loss became NaN or infinite ends with a \
        marker and the note "diverged at epoch k".

        Examples:
          ode-plot loss lab-log.csv -o lab-loss.png
          ode-plot loss vdp-log.csv:rk4 vdp-dopri5-log.csv:dopri5 --heldout -o compare.png
          ode-plot loss vdp-log.csv --x time -o loss-vs-time.svg

        Exit codes: 0 success; 2 bad input (unreadable or malformed log: the message names the \
        line; unsupported extension); 3 the figure could not be written.
        """)

    @Argument(help: ArgumentHelp("Training logs, each optionally with a legend label.", valueName: "log.csv[:label]"))
    public var logs: [String]

    @Flag(name: .customLong("heldout"), help: "Also draw the held-out error (dashed, same colour).")
    public var heldOut = false

    @Option(name: .customLong("x"), help: ArgumentHelp("Horizontal axis: epoch or time (wall seconds).", valueName: "axis"))
    public var abscissa: LossCurves.Abscissa = .epoch

    @OptionGroup(title: "Figure") public var figure: FigureOutputOptions

    @OptionGroup(title: "Resources") public var memory: MemoryBudgetOptions

    public init() {}

    public func validate() throws {
        guard !logs.isEmpty else { throw ValidationError("give at least one training log") }
    }

    public func run() throws {
        let options = try figure.figureOptions()
        let axis = abscissa
        var runs: [LossCurves.Run] = []
        for argument in logs {
            let (path, label) = Self.pathAndLabel(argument)
            do {
                runs.append(LossCurves.Run(label: label, log: try TrainingLog.load(path: path)))
            } catch {
                throw ProgramError.badInput(error.description)
            }
        }
        do {
            var curves = try LossCurves(runs: runs)
            curves.showsHeldOut = heldOut
            curves.abscissa = axis
            if heldOut {
                for name in curves.runsWithoutHeldOut {
                    StandardStreams.writeError("ode-plot: note: \(name) has no held-out values\n")
                }
            }
            try curves.write(to: figure.output, options: options, version: flowscopeVersion, command: CommandLineText.current())
        } catch {
            throw ProgramError(error.isBadInput ? .badInput : .failure, error.description)
        }
    }

    /// `path:label` split at its last colon when the part before it names a CSV file; else the whole
    /// argument is the path and the label is its file name without `.csv`.
    static func pathAndLabel(_ argument: String) -> (path: String, label: String) {
        if let colon = argument.lastIndex(of: ":") {
            let path = String(argument[..<colon]), label = String(argument[argument.index(after: colon)...])
            if !label.isEmpty, path.lowercased().hasSuffix(".csv") || FileManager.default.fileExists(atPath: path),
               !FileManager.default.fileExists(atPath: argument) {
                return (path, label)
            }
        }
        let name = URL(fileURLWithPath: argument).lastPathComponent
        let stem = name.lowercased().hasSuffix(".csv") ? String(name.dropLast(4)) : name
        return (argument, stem)
    }
}
