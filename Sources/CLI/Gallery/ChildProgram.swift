import Foundation

/// Runs one program to completion in a given folder, stdout discarded and stderr kept for the report.
enum ChildProgram {
    /// How one run ended.
    struct Outcome {
        let status: Int32
        /// Everything the program wrote to stderr.
        let stderr: String

        /// The last non-empty stderr line (a Flowscope program's one-line error), or a note on the status.
        var reason: String {
            let last = stderr.split(whereSeparator: \.isNewline).last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            return last.map(String.init) ?? "exited with status \(status) and no message"
        }
    }

    /// Runs `executable` with `arguments` in `folder` (with `environment` added to this process's) and
    /// waits; throws only when it cannot be started.
    ///
    /// stderr goes through a temporary file, so a chatty program cannot block on a full pipe.
    static func run(_ executable: String, _ arguments: [String], in folder: String,
                    environment: [String: String] = [:]) throws -> Outcome {
        let errURL = FileManager.default.temporaryDirectory
            .appendingPathComponent("ode-gallery-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).stderr")
        guard FileManager.default.createFile(atPath: errURL.path, contents: nil) else {
            throw ProgramError.failure("cannot create a temporary file in \(errURL.deletingLastPathComponent().path)")
        }
        defer { try? FileManager.default.removeItem(at: errURL) }
        let err = try FileHandle(forWritingTo: errURL)
        defer { try? err.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        do {
            try process.run()
        } catch {
            throw ProgramError.failure("cannot start \(executable): \(error.localizedDescription)")
        }
        process.waitUntilExit()
        let text = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return Outcome(status: status, stderr: text)
    }
}
