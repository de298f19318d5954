/// The result of comparing two images of the same size.
public struct ImageComparison: Hashable, Sendable {
    public let width: Int
    public let height: Int
    /// Root mean square difference over every channel (R, G, B, A) of every pixel, on the 0–255 scale.
    public let rms: Double
    /// Pixels whose colour difference exceeds the threshold and that are not anti-aliasing.
    public let differingPixels: Int
    /// Pixels over the threshold that were judged anti-aliasing and tolerated (when tolerance is on).
    public let antialiasedPixels: Int
    /// The perceptual threshold used (0…1).
    public let threshold: Double
    /// A faded grey copy of the first image with differing pixels red and tolerated anti-aliased pixels yellow.
    public let diff: RGBAImage

    /// `differingPixels` as a fraction of all pixels.
    public var differingFraction: Double { Double(differingPixels) / Double(width * height) }

    /// Whether the images are identical to the eye at this threshold (no differing pixels).
    public var matches: Bool { differingPixels == 0 }

    /// One line for a terminal: the size and every metric.
    public var summary: String {
        let rmsText = (rms * 1000).rounded() / 1000
        let percent = (differingFraction * 100_000).rounded() / 1000
        return "\(width)×\(height) px, RMS \(rmsText), \(differingPixels) differing pixels (\(percent)%), \(antialiasedPixels) anti-aliased tolerated"
    }
}
