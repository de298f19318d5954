import Figures
import Foundation
import Render

/// The phase-portrait figure timings (PNG and SVG) as benchmark records.
enum FigureBench {
    static func run() throws -> [BenchRecord] {
        let folder = NSTemporaryDirectory()
        return try [ImageFormat.png, .svg].map { format in
            let t = try PhasePortraitBench.run(format: format, folder: folder)
            return BenchRecord(bench: "figure", configuration: "phase portrait van-der-pol 6x6in 150dpi \(format.rawValue), compute+render+save",
                               seconds: t.computeRenderSaveSeconds, functionEvaluations: nil,
                               extra: ["renderSaveSeconds": t.renderSaveSeconds, "computeSeconds": t.computeSeconds,
                                       "buildSeconds": t.buildSeconds, "drawSeconds": t.drawSeconds,
                                       "finishSeconds": t.finishSeconds, "writeSeconds": t.writeSeconds,
                                       "bytes": Double(t.bytes)])
        }
    }
}
