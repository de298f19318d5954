import ArgumentParser
import Render

/// `--fps`, `--frames` or `--duration`, `--loop`: how an animated figure plays.
public struct AnimationOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp("Frames per second (1 to 60).", valueName: "n"))
    public var fps: Double = 20

    @Option(parsing: .unconditional, help: ArgumentHelp("Number of frames (default: 4 seconds' worth).", valueName: "n"))
    public var frames: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Playing time in seconds instead of --frames.", valueName: "s"))
    public var duration: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("Times a GIF or WebP plays; 0 loops for ever.", valueName: "n"))
    public var loop: Int = 0

    public init() {}

    /// The settings, checked; throws `ProgramError.badInput` with one line.
    public func settings() throws -> AnimationSettings {
        guard fps.isFinite, fps >= 1, fps <= 60 else { throw ProgramError.badInput("--fps must be between 1 and 60 (got \(fps))") }
        if frames != nil && duration != nil { throw ProgramError.badInput("give --frames or --duration, not both") }
        var count = Int((4 * fps).rounded())
        if let duration {
            guard duration.isFinite, duration > 0, duration <= 600 else {
                throw ProgramError.badInput("--duration must be between 0 and 600 seconds (got \(duration))")
            }
            count = Int((duration * fps).rounded())
        }
        if let frames { count = frames }
        guard (2...10_000).contains(count) else {
            throw ProgramError.badInput("an animation needs 2 to 10000 frames (got \(count)\(duration != nil ? " from --duration" : ""))")
        }
        guard (0...65_535).contains(loop) else { throw ProgramError.badInput("--loop must be between 0 (for ever) and 65535 (got \(loop))") }
        return AnimationSettings(fps: fps, frameCount: count, loopCount: loop)
    }
}
