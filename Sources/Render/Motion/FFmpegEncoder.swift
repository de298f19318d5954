import Foundation

/// Writes H.264 MP4 through the `ffmpeg` program, raw RGB frames piped to its standard input (as
/// matplotlib's `FFMpegWriter` does).
///
/// Fixed settings so the same frames give the same video: libx264, preset medium, CRF 18, yuv420p
/// (what browsers and slide software play), one thread, bit-exact flags, no metadata but the title,
/// `+faststart` for the web. Odd frame sizes are grown to even ones (`RGBFrame.evenSized`).
final class FFmpegEncoder {
    private let process = Process()
    private let input = Pipe()
    private let errors = Pipe()
    private let width: Int
    private let height: Int
    private var finished = false

    /// The ffmpeg on PATH, or nil.
    static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") where !dir.isEmpty {
            let candidate = String(dir) + "/ffmpeg"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The arguments for frames of `width`×`height` (even) at `fps`, written to `output`.
    static func arguments(width: Int, height: Int, fps: Double, title: String, output: String) -> [String] {
        ["-hide_banner", "-nostdin", "-loglevel", "error", "-y",
         "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", "\(width)x\(height)", "-framerate", String(fps), "-i", "pipe:0",
         "-c:v", "libx264", "-preset", "medium", "-crf", "18", "-pix_fmt", "yuv420p", "-threads", "1",
         "-fflags", "+bitexact", "-flags:v", "+bitexact", "-map_metadata", "-1", "-metadata", "title=\(title)",
         "-movflags", "+faststart", "-f", "mp4", output]
    }

    /// Starts ffmpeg writing to `output` (a temporary file the caller renames).
    init(program: String, width: Int, height: Int, fps: Double, title: String, output: String) throws(RenderError) {
        self.width = width + width % 2
        self.height = height + height % 2
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = Self.arguments(width: self.width, height: self.height, fps: fps, title: title, output: output)
        process.standardInput = input
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        // A dying ffmpeg must give EPIPE on the next write, not kill this process.
        signal(SIGPIPE, SIG_IGN)
        do { try process.run() } catch {
            throw .encoderFailed(format: "mp4", message: "could not start \(program): \(error.localizedDescription)")
        }
    }

    deinit {
        if !finished {
            try? input.fileHandleForWriting.close()
            process.terminate()
            process.waitUntilExit()
        }
    }

    /// Sends one frame.
    func add(_ frame: RGBFrame) throws(RenderError) {
        let even = frame.evenSized()
        guard even.width == width, even.height == height else {
            throw .invalidAnimation("frame of \(frame.width)×\(frame.height) pixels in a \(width)×\(height) video")
        }
        let fd = input.fileHandleForWriting.fileDescriptor
        let failure = even.pixels.withUnsafeBytes { AtomicFile.writeAll($0, fd: fd) }
        if let failure {
            let detail = finishProcess()
            throw .encoderFailed(format: "mp4", message: detail.isEmpty ? "ffmpeg stopped reading frames (\(failure))" : detail)
        }
    }

    /// Closes the input and waits for ffmpeg; throws with its error output when it failed.
    func finish() throws(RenderError) {
        let detail = finishProcess()
        guard process.terminationStatus == 0 else {
            throw .encoderFailed(format: "mp4", message: detail.isEmpty ? "ffmpeg exited with status \(process.terminationStatus)" : detail)
        }
    }

    /// Closes ffmpeg's input, waits for it and returns the last line of what it said on stderr.
    private func finishProcess() -> String {
        guard !finished else { return "" }
        finished = true
        try? input.fileHandleForWriting.close()
        let said = (try? errors.fileHandleForReading.readToEnd()) ?? nil
        process.waitUntilExit()
        let text = String(decoding: said ?? Data(), as: UTF8.self)
        return text.split(separator: "\n").last.map { "ffmpeg: " + $0 } ?? ""
    }
}
