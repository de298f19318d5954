import Foundation

/// Runs an installed program (ffprobe, webpinfo, pdfinfo) to check a file independently of Flowscope.
///
/// scripts/setup.sh installs every tool the tests call; a missing one fails the test with its name.
enum ExternalTool {
    struct Missing: Error, CustomStringConvertible {
        let name: String
        var description: String { "\(name) is not installed; run scripts/setup.sh" }
    }

    /// The standard output of `name args` (standard error appended), and its exit status.
    static func run(_ name: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { String($0) + "/" + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let path else { throw Missing(name: name) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let data = try out.fileHandleForReading.readToEnd() ?? Data()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The text after `key` and its colon on the first line that starts (spaces aside) with `key`.
    static func value(_ key: String, in output: String) -> String? {
        for line in output.split(separator: "\n") {
            let t = line.trimmingCharacters(in: .whitespaces)
            guard t.hasPrefix(key), let colon = t.firstIndex(of: ":"),
                  t[t.startIndex..<colon].trimmingCharacters(in: .whitespaces) == key else { continue }
            return t[t.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return nil
    }
}
