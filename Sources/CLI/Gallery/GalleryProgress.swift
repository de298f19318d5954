import Foundation

/// The progress lines of a gallery build on stderr: one per finished figure, then a summary.
enum GalleryProgress {
    /// `built NAME in 1.2 s (why it was stale)` or `failed NAME: reason`.
    static func line(_ figure: GalleryFigure, _ outcome: GalleryRunner.Outcome, reason: String?) -> String {
        switch outcome {
        case let .built(_, seconds):
            return "built \(figure.name) in \(format(seconds)) s" + (reason.map { " (\($0))" } ?? "")
        case let .failed(message):
            return "failed \(figure.name): \(message)"
        }
    }

    /// `gallery: 3 built, 5 fresh, 1 failed in 12.3 s`.
    static func summary(built: Int, fresh: Int, failed: Int, seconds: Double) -> String {
        "gallery: \(built) built, \(fresh) fresh, \(failed) failed in \(format(seconds)) s"
    }

    /// Seconds with one decimal (two below one second).
    static func format(_ seconds: Double) -> String {
        String(format: seconds < 1 ? "%.2f" : "%.1f", seconds)
    }
}
