import Foundation
import Render

/// Unbuffered writes to stdout and stderr that never crash on a write error.
///
/// stdout carries a program's results, so a failed write there ends the program: exit 3 with one
/// line on stderr (`cannot write to standard output: No space left on device`), or quietly with
/// exit 3 when the reader closed the pipe (`ode-solve … | head`), as other Unix tools end. Before
/// exiting, temporary files of writes in progress are removed (`AtomicFile`). stderr carries
/// messages only: a failed write there is dropped and the program goes on to its own exit status.
/// SIGPIPE must be ignored (`ProgramRunner` does) so a closed pipe shows up as `EPIPE` here.
public enum StandardStreams {
    /// Writes `text` to stderr; a write error is ignored (there is nowhere left to report it).
    public static func writeError(_ text: String) {
        _ = writeAll(text, to: STDERR_FILENO)
    }

    /// Writes `text` to stdout; a write error ends the program with exit 3.
    public static func writeOutput(_ text: String) {
        guard let code = writeAll(text, to: STDOUT_FILENO) else { return }
        if code != EPIPE {
            writeError("\(ProcessInfo.processInfo.processName): error: cannot write to standard output: "
                       + String(cString: strerror(code)) + "\n")
        }
        AtomicFile.removePendingTemporaryFiles()
        exit(ExitStatus.failure.rawValue)
    }

    /// True when stderr is a terminal (progress bars go there).
    public static var errorIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    /// Writes every byte of `text` to `fd`; the errno of a failed write, or nil.
    static func writeAll(_ text: String, to fd: Int32) -> Int32? {
        var text = text
        return text.withUTF8 { bytes -> Int32? in
            guard let base = bytes.baseAddress else { return nil }
            var offset = 0
            while offset < bytes.count {
                let n = write(fd, base + offset, bytes.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                if n == 0 { return EIO }
                offset += n
            }
            return nil
        }
    }
}
