/// How many frames an animation has, how fast they play and how often it repeats.
public struct AnimationSettings: Hashable, Sendable {
    /// Frames per second (GIF rounds each delay to hundredths of a second).
    public var fps: Double
    /// Number of frames (at least 2).
    public var frameCount: Int
    /// Times the animation repeats in GIF and WebP; 0 loops for ever.
    public var loopCount: Int

    public init(fps: Double = 20, frameCount: Int = 60, loopCount: Int = 0) {
        self.fps = fps; self.frameCount = frameCount; self.loopCount = loopCount
    }

    /// Playing time in seconds.
    public var duration: Double { Double(frameCount) / fps }

    /// The limits every writer accepts: 1–60 fps, 2–10 000 frames, 0–65 535 loops.
    public func validated() throws(RenderError) -> AnimationSettings {
        guard fps.isFinite, fps >= 1, fps <= 60 else { throw .invalidAnimation("fps must be between 1 and 60 (got \(fps))") }
        guard (2...10_000).contains(frameCount) else { throw .invalidAnimation("an animation needs 2 to 10000 frames (got \(frameCount))") }
        guard (0...65_535).contains(loopCount) else { throw .invalidAnimation("loop count must be between 0 (for ever) and 65535 (got \(loopCount))") }
        return self
    }

    /// The time in milliseconds at which frame `i` starts (frame `frameCount` is the end).
    public func startMilliseconds(_ i: Int) -> Int { Int((Double(i) * 1000 / fps).rounded()) }
}
