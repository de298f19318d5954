import Foundation

/// Draws an animation frame by frame and writes it in the format its path names (`AnimationFormat`).
///
/// Every frame is drawn by `drawFrame(i, backend)` on one Cairo page of `size` (the closure draws
/// the whole page, background included). Files are written all or nothing: a temporary file (or
/// folder) renamed into place, removed on failure. GIF draws a few frames twice: eight frames spread
/// over the animation choose its one palette first.
public enum AnimationWriter {
    /// Frames the GIF palette is chosen from.
    static let paletteSamples = 8

    /// Writes the animation to `path`.
    public static func write(to path: String, size: PageSize, dpi: Double, fontFiles: FontFiles = FontFiles(),
                             settings: AnimationSettings, metadata: ImageMetadata,
                             drawFrame: (Int, DrawingBackend) -> Void) throws(RenderError) {
        let format = try AnimationFormat(path: path)
        let s = try settings.validated()
        let n = s.frameCount
        let backend = try CairoBackend(format: format == .pdf ? .pdf : .png, size: size, dpi: dpi, fontFiles: fontFiles)
        func frame(_ i: Int) throws(RenderError) -> RGBFrame {
            try backend.beginNextFrame()
            drawFrame(i, backend)
            return try backend.rgbFrame()
        }
        switch format {
        case .pdf:
            for i in 0..<n {
                if i > 0 { try backend.beginNextFrame() }
                drawFrame(i, backend)
            }
            try backend.write(to: path, metadata: metadata)
        case .frames:
            var folder = try FrameFolder(path: path)
            do {
                for i in 0..<n {
                    try backend.beginNextFrame()
                    drawFrame(i, backend)
                    try folder.add(try backend.pngPage(metadata: metadata), total: n)
                }
                try folder.commit()
            } catch {
                folder.discard()
                throw error
            }
        case .gif:
            let picks = sampleIndices(count: n, samples: paletteSamples)
            var samples: [RGBFrame] = []
            for i in picks { samples.append(try frame(i)) }
            guard let first = samples.first else { throw .invalidAnimation("no frames") }
            let encoder = try GIFEncoder(width: first.width, height: first.height, palette: try GIFPalette(samples: samples),
                                         loopCount: s.loopCount)
            for i in 0..<n {
                let delay = (s.startMilliseconds(i + 1) + 5) / 10 - (s.startMilliseconds(i) + 5) / 10
                try encoder.add(try frame(i), centiseconds: max(1, delay))
            }
            try AtomicFile.write(try encoder.finish(), to: path)
        case .webp:
            var encoder: WebPEncoder?
            for i in 0..<n {
                let f = try frame(i)
                if encoder == nil { encoder = try WebPEncoder(width: f.width, height: f.height, loopCount: s.loopCount) }
                try encoder?.add(f, milliseconds: s.startMilliseconds(i))
            }
            guard let encoder else { throw .invalidAnimation("no frames") }
            try AtomicFile.write(try encoder.finish(endMilliseconds: s.startMilliseconds(n)), to: path)
        case .mp4:
            guard let program = FFmpegEncoder.locate() else { throw .toolMissing(program: "ffmpeg", format: "mp4") }
            try AtomicFile.produce(path) { (_, temporary) throws(RenderError) in
                let first = try frame(0)
                let encoder = try FFmpegEncoder(program: program, width: first.width, height: first.height, fps: s.fps,
                                                title: metadata.title, output: temporary)
                try encoder.add(first)
                for i in 1..<n { try encoder.add(try frame(i)) }
                try encoder.finish()
            }
        }
    }

    /// Renders only frames `indices` as RGB (for comparing an animation with a committed one).
    public static func frames(_ indices: [Int], size: PageSize, dpi: Double, fontFiles: FontFiles = FontFiles(),
                              drawFrame: (Int, DrawingBackend) -> Void) throws(RenderError) -> [RGBFrame] {
        let backend = try CairoBackend(format: .png, size: size, dpi: dpi, fontFiles: fontFiles)
        var out: [RGBFrame] = []
        for i in indices {
            try backend.beginNextFrame()
            drawFrame(i, backend)
            out.append(try backend.rgbFrame())
        }
        return out
    }

    /// `samples` frame indices spread evenly over `count` frames, first and last included.
    public static func sampleIndices(count: Int, samples: Int) -> [Int] {
        guard count > 0 else { return [] }
        let k = min(count, max(1, samples))
        guard k > 1 else { return [0] }
        return (0..<k).map { Int((Double($0) * Double(count - 1) / Double(k - 1)).rounded()) }
    }
}
