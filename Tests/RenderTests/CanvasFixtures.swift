import Foundation
import Render

/// A small figure exercising every primitive: fills, dashed strokes, clipping, an image, rotated and rich text.
func drawSampleFigure(on b: DrawingBackend) {
    let (w, h) = b.pageSize
    b.fill(.rect(Rect(x: 0, y: 0, width: w, height: h)), color: .white)
    b.save()
    b.clip(to: Rect(x: 20, y: 20, width: w - 40, height: h - 40))
    b.fill(.circle(center: Point(w / 2, h / 2), radius: h / 3), color: Color(hex: 0x0072B2, alpha: 0.6))
    b.stroke(.polyline([Point(10, h - 10), Point(w / 2, 30), Point(w - 10, h - 10)]),
             style: StrokeStyle(color: Color(hex: 0xD55E00), width: 2, dash: [6, 3], cap: .round, join: .round))
    b.restore()
    var pixels: [Double] = []
    for i in 0..<12 { let v = Double(i) / 11; pixels += [v, 0.2, 1 - v, 1] }
    b.drawImage(rgba: pixels, pixelWidth: 4, pixelHeight: 3, in: Rect(x: 30, y: 30, width: 60, height: 45), smooth: false)
    Label("f_\\theta(t, y) = \\dot{y}").draw(on: b, at: Point(w / 2, 20), size: 12, color: .black, anchor: .topCenter)
    Label("time t").draw(on: b, at: Point(12, h / 2), size: 10, color: .black, angle: .pi / 2, anchor: .center)
    Label("e^{-2t}").draw(on: b, at: Point(w - 20, h - 20), size: 10, color: .black, anchor: .bottomRight,
                          font: FontStyle(italic: true))
}

/// A fresh empty folder under the system temporary directory, unique by process id and a per-process counter.
func makeTemporaryFolder(_ name: String) throws -> String {
    let path = NSTemporaryDirectory() + "flowscope-\(name)-\(getpid())-\(FolderCounter.shared.next())"
    try? FileManager.default.removeItem(atPath: path)
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

private final class FolderCounter: @unchecked Sendable {
    static let shared = FolderCounter()
    private let lock = NSLock()
    private var value = 0
    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
