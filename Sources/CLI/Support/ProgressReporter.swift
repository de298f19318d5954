import Foundation

/// Reports progress of long work on stderr: a redrawn bar on a terminal, a few plain lines when piped.
///
/// Piped output gets one line per tenth of the work (and the last), so logs stay short.
/// Not thread-safe: call it from the thread doing the work.
public final class ProgressReporter {
    private let label: String
    private let total: Int
    private let interactive: Bool
    private let write: (String) -> Void
    private var lastTenth = -1
    private var lastDraw = 0.0
    private var finished = false

    /// A reporter for `total` units of work; `interactive` defaults to whether stderr is a terminal.
    public init(label: String, total: Int, interactive: Bool = StandardStreams.errorIsTerminal,
                write: @escaping (String) -> Void = StandardStreams.writeError) {
        self.label = label
        self.total = max(total, 1)
        self.interactive = interactive
        self.write = write
    }

    /// Records that `done` units are complete; `note` is shown after the count (e.g. the current loss).
    public func update(_ done: Int, note: String = "") {
        guard !finished else { return }
        let clamped = min(max(done, 0), total)
        if interactive {
            let now = ProcessInfo.processInfo.systemUptime
            guard clamped == total || now - lastDraw >= 0.1 else { return }
            lastDraw = now
            write("\r\u{1B}[K" + bar(clamped) + suffix(note))
        } else {
            let tenth = clamped * 10 / total
            guard tenth > lastTenth else { return }
            lastTenth = tenth
            write("\(label): \(clamped)/\(total)\(suffix(note))\n")
        }
    }

    /// Ends the report at `done` units (all of them by default: work that stopped early passes its
    /// count); on a terminal the bar line is completed with a newline.
    public func finish(done: Int? = nil, note: String = "") {
        guard !finished else { return }
        let count = min(max(done ?? total, 0), total)
        if interactive {
            write("\r\u{1B}[K" + bar(count) + suffix(note) + "\n")
        } else if lastTenth < 10 || count < total {
            write("\(label): \(count)/\(total)\(suffix(note))\n")
        }
        finished = true
    }

    private func bar(_ done: Int) -> String {
        let width = 30
        let filled = done * width / total
        return "\(label) [" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            + "] \(done)/\(total)"
    }

    private func suffix(_ note: String) -> String { note.isEmpty ? "" : "  " + note }
}
