import Foundation

/// Runs a program built by SwiftPM as a user would, capturing its output and exit status.
struct BuiltProgram {
    /// What one run produced.
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String

        /// The stderr lines, without the empty last one.
        var stderrLines: [Substring] { stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast(stderr.hasSuffix("\n") ? 1 : 0).map { $0 } }
    }

    enum LookupError: Error, CustomStringConvertible {
        case notFound(name: String, searched: [String])
        var description: String {
            switch self {
            case let .notFound(name, searched):
                return "built program \(name) not found (run `swift build` first); looked in \(searched.joined(separator: ", "))"
            }
        }
    }

    let url: URL

    /// The program called `name` from the same build as this test bundle.
    ///
    /// Looks next to the running test executable (SwiftPM puts test bundles and programs in one
    /// folder), then in `<package>/.build/debug` found from this source file's path.
    /// `FLOWSCOPE_BIN_DIR` overrides both.
    init(_ name: String, sourceFile: String = #filePath) throws {
        var folders: [URL] = []
        if let override = ProcessInfo.processInfo.environment["FLOWSCOPE_BIN_DIR"] {
            folders.append(URL(fileURLWithPath: override))
        }
        if let executable = Bundle.main.executableURL {
            // The runner is either the test executable itself or a tool next to it; a macOS
            // .xctest bundle nests it in Contents/MacOS, so climb a few folders.
            var folder = executable.deletingLastPathComponent()
            for _ in 0..<4 {
                folders.append(folder)
                folder = folder.deletingLastPathComponent()
            }
        }
        let packageRoot = URL(fileURLWithPath: sourceFile)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        folders.append(packageRoot.appendingPathComponent(".build/debug"))
        for folder in folders {
            let candidate = folder.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) {
                url = candidate
                return
            }
        }
        throw LookupError.notFound(name: name, searched: folders.map(\.path))
    }

    /// The package's root folder (for paths to assets), from this source file's path.
    static func packageRoot(sourceFile: String = #filePath) -> URL {
        URL(fileURLWithPath: sourceFile)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Runs the program with `arguments` in `directory` and waits for it.
    ///
    /// Output goes through temporary files, so a large output cannot block the child on a full pipe.
    ///
    /// `stdout` or `stderr`, when given, replace the captured stream (e.g. `/dev/full`, a closed
    /// pipe); `environment` entries are added to the test's environment.
    func run(_ arguments: [String], in directory: URL? = nil, stdout: FileHandle? = nil, stderr: FileHandle? = nil,
             environment: [String: String] = [:]) throws -> Result {
        let scratch = try ScratchFolder()
        let outURL = scratch.url.appendingPathComponent("stdout")
        let errURL = scratch.url.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        defer {
            try? out.close()
            try? err.close()
        }
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? BuiltProgram.packageRoot()
        process.standardOutput = stdout ?? out
        process.standardError = stderr ?? err
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: try String(contentsOf: outURL, encoding: .utf8),
                      stderr: try String(contentsOf: errURL, encoding: .utf8))
    }
}

/// A temporary folder removed when the value is released.
final class ScratchFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("flowscope-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of `name` inside the folder.
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Names of the files in the folder, sorted.
    func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}
