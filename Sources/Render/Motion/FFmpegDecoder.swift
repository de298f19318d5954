import Foundation

/// Reads a video's frames through the `ffmpeg` program as raw RGB (the gallery check decodes MP4 this way).
///
/// H.264 decoding is exact (every conforming decoder gives the same pixels), so the same file gives
/// the same frames; the conversion from yuv420p to RGB is ffmpeg's, with its bit-exact flag.
public enum FFmpegDecoder {
    /// Every frame of the video at `path`, as RGB; `.toolMissing` when ffmpeg is not on PATH.
    public static func frames(path: String) throws(RenderError) -> [RGBFrame] {
        guard let program = FFmpegEncoder.locate() else { throw .toolMissing(program: "ffmpeg", format: "mp4") }
        let size = try probeSize(program: program, path: path)
        let data = try run(program, ["-hide_banner", "-nostdin", "-loglevel", "error", "-i", path, "-f", "rawvideo",
                                     "-pix_fmt", "rgb24", "-sws_flags", "bicubic+accurate_rnd+full_chroma_int+bitexact",
                                     "-fflags", "+bitexact", "pipe:1"])
        let frameBytes = size.width * size.height * 3
        guard frameBytes > 0, data.count % frameBytes == 0 else {
            throw .encoderFailed(format: "mp4", message: "ffmpeg gave \(data.count) bytes, not whole \(size.width)×\(size.height) frames")
        }
        let bytes = [UInt8](data)
        return stride(from: 0, to: bytes.count, by: frameBytes).map {
            RGBFrame(width: size.width, height: size.height, pixels: Array(bytes[$0..<($0 + frameBytes)]))
        }
    }

    /// The video's frame size, read from ffmpeg's first decoded frame header via a one-frame PAM.
    private static func probeSize(program: String, path: String) throws(RenderError) -> (width: Int, height: Int) {
        let data = try run(program, ["-hide_banner", "-nostdin", "-loglevel", "error", "-i", path, "-frames:v", "1",
                                     "-f", "image2pipe", "-vcodec", "pam", "pipe:1"])
        let header = String(decoding: data.prefix(200), as: UTF8.self)
        func value(_ key: String) -> Int? {
            header.split(separator: "\n").first { $0.hasPrefix(key + " ") }.flatMap { Int($0.dropFirst(key.count + 1)) }
        }
        guard let w = value("WIDTH"), let h = value("HEIGHT"), w > 0, h > 0, w * h <= 100_000_000 else {
            throw .encoderFailed(format: "mp4", message: "cannot read the frame size of \(path)")
        }
        return (w, h)
    }

    /// Runs ffmpeg and returns its standard output; throws with its last error line when it fails.
    private static func run(_ program: String, _ arguments: [String]) throws(RenderError) -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw .encoderFailed(format: "mp4", message: "could not start \(program): \(error.localizedDescription)")
        }
        // At -loglevel error ffmpeg says at most a few lines, far below a pipe's buffer: read it after the frames.
        let data = (try? output.fileHandleForReading.readToEnd()).flatMap { $0 } ?? Data()
        let said = (try? errors.fileHandleForReading.readToEnd()).flatMap { $0 } ?? Data()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let line = String(decoding: said, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
            throw .encoderFailed(format: "mp4", message: line.isEmpty ? "ffmpeg exited with status \(process.terminationStatus)" : "ffmpeg: " + line)
        }
        return data
    }
}
