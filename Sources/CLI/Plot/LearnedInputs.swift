import Figures
import Foundation
import NeuralODE
import Render

/// Reading the inputs of the learned-model figures (model file, data file, preset data) as
/// `ProgramError`s: every problem with them is bad input (exit 2) with one line.
enum LearnedInputs {
    /// The model file at `path`, named by its path in messages.
    static func model(_ path: String) throws -> LearnedModel {
        do {
            return LearnedModel(try ModelFile.load(path: path), name: "model \(path)")
        } catch {
            throw ProgramError.badInput(error.description)
        }
    }

    /// The data file at `path`, checked to have `dimension` state components.
    static func data(_ path: String, dimension: Int, system: String) throws -> TrajectoryDataset {
        let data: TrajectoryDataset
        do { data = try TrajectoryDataset.load(path: path) } catch { throw ProgramError.badInput("\(path): \(error.description)") }
        guard data.dimension == dimension else {
            throw ProgramError.badInput("\(path) has \(data.dimension) state column\(data.dimension == 1 ? "" : "s") "
                + "(\(data.componentNames.joined(separator: ", "))) but \(system) has \(dimension)")
        }
        return data
    }

    /// The system of `--system`/`--param`, or of the preset when `--system` is not given.
    static func system(_ options: SystemOptions, preset: TrainingPreset?) throws -> SystemField {
        if !options.isGiven, let preset {
            var params = preset.parameters
            for (k, v) in try options.parameterValues() { params[k] = v }
            return try SystemRegistry.field(named: preset.system, parameters: params)
        }
        return try options.field()
    }

    /// Writes an already laid-out figure to `path` (format from its extension, atomically) with provenance.
    static func write(_ figure: Figure, title: String, to path: String, options: FigureOptions,
                      numbers: [KeyNumber] = []) throws(FigureError) {
        let format: ImageFormat
        do { format = try ImageFormat(path: path) } catch { throw .render(error) }
        let bytes = try FigureOutput.data(figure, format: format, options: options, metadata: FigureOutput.metadata(
            title: options.resolvedTitle(title), version: flowscopeVersion, command: CommandLineText.current()), numbers: numbers)
        do { try AtomicFile.write(bytes, to: path) } catch { throw .render(error) }
    }

    /// Computes `recipe`, lays it out and writes it to `path` with its key numbers; figure errors as program errors.
    static func draw<R: FigureRecipe>(_ recipe: R, to path: String, options: FigureOptions) throws {
        do throws(FigureError) {
            let data = try recipe.compute()
            try write(recipe.layout(data, options: options), title: recipe.defaultTitle, to: path, options: options,
                      numbers: recipe.keyNumbers(data))
        } catch {
            throw programError(error)
        }
    }

    /// `text` as a JSON string literal.
    static func jsonString(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])) ?? Data("[\"\"]".utf8)
        return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
    }

    /// A figure error as a program error: bad input or failed work, as the error says.
    static func programError(_ error: FigureError) -> ProgramError {
        ProgramError(error.isBadInput ? .badInput : .failure, error.description)
    }
}
