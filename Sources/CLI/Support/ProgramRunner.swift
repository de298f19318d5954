import ArgumentParser
import Foundation
import NeuralODE
import Render

extension ParsableCommand {
    /// Parses the process arguments, runs the command, and exits with a documented status.
    ///
    /// `--help` and `--version` print to stdout and exit 0. A thrown `ExitCode` exits with that
    /// code and no message (the command has reported already). Every other error becomes one line
    /// `<program>: error: <message>` on stderr and the status of `ProgramError.status`:
    /// usage and parse errors, `SystemError`, `TextSystemError` and `ValidationError` exit 2, other
    /// errors exit 3. A `TextSystemError` at a column adds the line and a caret on two more lines.
    ///
    /// SIGPIPE is ignored so that a closed stdout shows up as a write error (`StandardStreams`).
    public static func runAsProgram(_ arguments: [String]? = nil) -> Never {
        signal(SIGPIPE, SIG_IGN)
        let status: ExitStatus
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            status = .ok
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            if let clean = cleanExit(error) { exit(withError: clean) }
            if let text = error as? TextSystemError {
                // A syntax error shows the line and a caret under the column on two more lines.
                StandardStreams.writeError("\(programName): error: \(text.description)\n")
                Foundation.exit(ExitStatus.badInput.rawValue)
            }
            let (code, message) = classify(error)
            reportError(message)
            status = code
        }
        Foundation.exit(status.rawValue)
    }

    /// Prints `<program>: error: <message>` as one line on stderr.
    ///
    /// ArgumentParser's list of valid values ("one of the following:" then a line "- value" each)
    /// becomes one comma-separated list; other lines are joined by "; ".
    public static func reportError(_ message: String) {
        var line = ""
        for piece in message.split(whereSeparator: \.isNewline).map({ $0.trimmingCharacters(in: .whitespaces) }) where !piece.isEmpty {
            if piece.hasPrefix("- ") {
                line += (line.hasSuffix(":") ? " " : ", ") + piece.dropFirst(2)
            } else {
                line += (line.isEmpty ? "" : "; ") + piece
            }
        }
        StandardStreams.writeError("\(programName): error: \(line)\n")
    }

    /// The name the program reports itself by.
    static var programName: String {
        configuration.commandName ?? ProcessInfo.processInfo.processName
    }

    /// Help, version and other successful exits ArgumentParser signals with an error.
    private static func cleanExit(_ error: Error) -> Error? {
        if error is ProgramError || error is SystemError || error is TextSystemError { return nil }
        return exitCode(for: error) == .success ? error : nil
    }

    private static func classify(_ error: Error) -> (ExitStatus, String) {
        switch error {
        case let error as ProgramError:
            return (error.status, error.message)
        case let error as SystemError:
            return (.badInput, error.description)
        case let error as RenderError:
            return (.failure, error.description)
        default:
            // ArgumentParser's own parse and validation errors land here; its exit code tells them apart.
            if exitCode(for: error) == .validationFailure {
                return (.badInput, message(for: error) + " (see '\(programName) --help')")
            }
            return (.failure, String(describing: error))
        }
    }
}
