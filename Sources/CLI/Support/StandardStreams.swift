import Foundation

/// Unbuffered writes to stdout and stderr that are safe under strict concurrency.
public enum StandardStreams {
    /// Writes `text` to stderr.
    public static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Writes `text` to stdout.
    public static func writeOutput(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// True when stderr is a terminal (progress bars go there).
    public static var errorIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }
}
